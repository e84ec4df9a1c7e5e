"""Builders of real files (PDF, DOCX, XLSX, EML, scanned PDF) in a test's tmp_path.

Other engineers' tests import these, so they take plain data (strings, rows) and write a file
that the real tools (reportlab, python-docx, openpyxl, PIL, stdlib email) produce, instead of
hand-made bytes that no sender would ever mail us.
"""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

# A PDF block: ("heading", text) | ("paragraph", text) | ("table", [[cell, ...], ...])
PdfBlock = tuple[str, object]


def make_pdf(
    path: Path,
    pages: list[list[PdfBlock]],
    *,
    header: str | None = None,
    footer: str | None = None,
    password: str | None = None,
) -> Path:
    """A text-layer PDF, one list of blocks per page; tables are ruled so the finder sees them."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    flow: list[object] = []
    for number, blocks in enumerate(pages):
        if number:
            flow.append(PageBreak())
        for kind, content in blocks:
            if kind == "table":
                table = Table(content)
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
                flow.append(table)
            else:
                style = styles["Heading2"] if kind == "heading" else styles["BodyText"]
                flow.append(Paragraph(str(content), style))

    def running(canvas: object, doc: object) -> None:
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        if header:
            canvas.drawString(72, A4[1] - 40, header)  # type: ignore[attr-defined]
        canvas.drawString(72, 30, f"{footer or ''}  Page {page} of {len(pages)}")  # type: ignore[attr-defined]

    encrypt = StandardEncryption(password, ownerPassword=password + "-o") if password else None
    SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt).build(
        flow, onFirstPage=running, onLaterPages=running
    )
    return path


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    inserted: tuple[str, str, str] | None = None,
    deleted: tuple[str, str, str] | None = None,
    table: list[list[str]] | None = None,
    header: str | None = None,
) -> Path:
    """A DOCX; ``inserted``/``deleted`` = (text, author, ISO date) as a tracked change appended
    to the last paragraph, the way Word writes w:ins / w:del runs."""
    from docx import Document as new_document
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = new_document()
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    last = None
    for text in paragraphs:
        last = doc.add_paragraph(text)
    if last is not None:
        for change_id, (tag, run_tag, change) in enumerate(
            (("w:del", "w:delText", deleted), ("w:ins", "w:t", inserted)), start=1
        ):
            if change:
                text, author, date = change
                last._p.append(
                    parse_xml(
                        f'<{tag} {ns} w:id="{change_id}" w:author="{author}" w:date="{date}">'
                        f'<w:r><{run_tag} xml:space="preserve">{text}</{run_tag}></w:r></{tag}>'
                    )
                )
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    doc.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(str(path))
    return path


def make_eml(path: Path, body: str, attachments: dict[str, bytes] | None = None) -> Path:
    message = EmailMessage()
    message["From"] = "Account Team <team@microsoft.example>"
    message["To"] = "buyer@fabrikam.example"
    message["Subject"] = "Renewal proposal"
    message.set_content(body)
    for name, data in (attachments or {}).items():
        kind = ("application", "pdf") if name.endswith(".pdf") else ("application", "octet-stream")
        message.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
    path.write_bytes(message.as_bytes())
    return path


def make_scanned_pdf(path: Path, lines: list[str], *, rotate: float = 0.7, dpi: int = 200) -> Path:
    """An image-only PDF of printed lines, slightly rotated with speckle noise, like a scan."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", dpi // 6)
    except OSError:
        font = ImageFont.load_default(size=dpi // 6)
    for number, text in enumerate(lines):
        draw.text((dpi, dpi + number * dpi // 3), text, fill=0, font=font)
    noise = random.Random(7)
    for _ in range(1500):
        image.putpixel((noise.randrange(width), noise.randrange(height)), noise.randrange(120, 255))
    image = image.rotate(rotate, fillcolor=255, expand=False)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=dpi)
    path.write_bytes(buffer.getvalue())
    return path


def build_sample_files(folder: Path) -> list[Path]:
    """The committed fixtures in samples/files/: ``python -m tests.filebuilders samples/files``."""
    folder.mkdir(parents=True, exist_ok=True)
    pricing = [["Product", "Qty", "Unit price"], ["Microsoft 365 E5", "4,200", "54.72"]]
    pdf = make_pdf(
        folder / "proposal-with-table.pdf",
        [[("heading", "1. Licensing"), ("table", pricing)], [("paragraph", "ECIF funding.")]],
        header="Fabrikam | Confidential",
    )
    return [
        pdf,
        make_scanned_pdf(folder / "scanned-page.pdf", ["FastTrack onboarding included"]),
        make_eml(folder / "proposal-mail.eml", "Proposal attached.", {pdf.name: pdf.read_bytes()}),
        make_xlsx(
            folder / "price-grid.xlsx", {"Prices": [["Product", "Qty"], ["Teams Phone", 900]]}
        ),
        make_docx(
            folder / "redline.docx",
            ["Discount: "],
            deleted=("12% ", "Jane Buyer", "2026-10-01T10:00:00Z"),
            inserted=("8% ", "Sam Seller", "2026-10-02T09:00:00Z"),
            table=pricing,
            header="Fabrikam | Confidential",
        ),
    ]


if __name__ == "__main__":
    import sys

    for built in build_sample_files(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/files")):
        print(built)
