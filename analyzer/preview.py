"""Show a buyer where a quote came from: the PDF page with the evidence highlighted.

Word boxes from pdfplumber locate the quote on pages with a text layer; on a scanned page the
block's OCR box is highlighted instead, so every piece of evidence can be seen on its page.
"""

from __future__ import annotations

import io
import re

from .records import Block

_TOKEN = re.compile(r"[\w$€£%.,/-]+")


def _tokens(text: str) -> list[str]:
    return [t.lower().strip(".,") for t in _TOKEN.findall(text) if t.strip(".,|")]


def render_evidence(
    data: bytes,
    page: int,
    quote: str,
    *,
    block: Block | None = None,
    resolution: int = 110,
    password: str | None = None,
) -> bytes | None:
    """PNG of the page with the quote's words (or its block) boxed; None if the page is absent."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception:  # a preview must never break the page that shows it
        return None
    with pdf:
        if not 1 <= page <= len(pdf.pages):
            return None
        pdf_page = pdf.pages[page - 1]
        image = pdf_page.to_image(resolution=resolution)
        boxes = _quote_boxes(pdf_page.extract_words(), quote)
        if not boxes and block is not None and block.bbox is not None:
            boxes = [block.bbox]
        if boxes:
            image.draw_rects(boxes, stroke=(220, 120, 0), fill=(255, 200, 0, 70), stroke_width=2)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()


def _quote_boxes(
    words: list[dict[str, float | str]], quote: str
) -> list[tuple[float, float, float, float]]:
    wanted = _tokens(quote)
    if not wanted:
        return []
    page_tokens = [str(w["text"]).lower().strip(".,") for w in words]
    probe = wanted[: min(6, len(wanted))]
    for start in range(len(page_tokens) - len(probe) + 1):
        if page_tokens[start : start + len(probe)] == probe:
            chosen = words[start : start + len(wanted)]
            return [
                (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
                for w in chosen
            ]
    return []
