"""E-mail (.eml): the headers a buyer needs, the body, and attachments of the kinds we read.

Offers often arrive as a short covering e-mail with the proposal attached; the deal is both.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from collections.abc import Callable
from email.message import EmailMessage

from ..errors import DocumentError
from ..records import Document
from ..settings import Settings
from .common import BlockBuilder, finish
from .text import add_thread_blocks, decode

Loader = Callable[[bytes, str, Settings], Document]


def parse_eml(data: bytes, filename: str, settings: Settings, load_attachment: Loader) -> Document:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    builder = BlockBuilder()
    warnings: list[str] = []
    header = "; ".join(
        f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject") if message[name]
    )
    builder.add("paragraph", header, source="email-header")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        raw = body.get_payload(decode=True)
        if body.get_content_charset() is None and isinstance(raw, bytes):
            # a saved message or forwarded thread without a declared charset is usually UTF-8;
            # the e-mail package would read it as ASCII and turn "£45,000" into "��45,000"
            content = decode(raw, filename)
        else:
            content = body.get_content()
        if body.get_content_subtype() == "html":
            content = _html_to_text(content)
        add_thread_blocks(builder, content, source="body")
    for part in message.iter_attachments():
        name = part.get_filename() or "attachment"
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        try:
            attached = load_attachment(payload, name, settings)
        except DocumentError as exc:
            warnings.append(f"attachment {name} was not read: {exc.message}")
            continue
        builder.extend(list(attached.blocks), source=f"attachment:{name}")
        warnings.extend(f"{name}: {w}" for w in attached.warnings)
    return finish(name=filename, fmt="eml", data=data, builder=builder, warnings=warnings)


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style).*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>|</h\d>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))
