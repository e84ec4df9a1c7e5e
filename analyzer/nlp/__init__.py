"""The typed-value layer: every money amount, percent, date, duration, count, product, program,
partner, workload and cue phrase in a Document, with its block and exact character span.

The pipeline is ``spacy.blank("en")`` plus our own registered components (no pretrained
pipeline can be installed here, and contract values are better served by grammars than by a
general NER model). Relative dates ("within 90 days of the Effective Date") are resolved
against anchor dates found elsewhere in the same document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..records import Block, Count, DateValue, Document, Duration, Mention, Money, Partner
from .ocr_repair import misread_products
from .values import Found, clamped_date, shift, uses_european_dates

if TYPE_CHECKING:
    from spacy.language import Language

VALUE_KINDS = ("money", "percent", "date", "duration", "count")


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    # "ECIF¹", "Azure credits*", "FastTrack†": a footnote marker glued to a term is not part of it
    from spacy.tokenizer import Tokenizer

    suffixes = [*list(nlp.Defaults.suffixes or []), r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+"]
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("contract_values")
    nlp.add_pipe("contract_vocabulary")
    return nlp


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Ltd|Inc|Co|Corp|No|Mr|Ms|Mrs|Dr|St|e\.g|i\.e|approx|U\.S|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Pty|B\.V|S\.A|Exp|exp|Ref|ref)\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries inside one block; table rows (lines) are sentences of their own."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            if _ABBREVIATIONS.search(line[: m.start()]):
                continue
            if line[start : m.start()].strip():
                spans.append((offset + start, offset + m.start()))
            start = m.end()
        if line[start:].strip():
            spans.append((offset + start, offset + len(line.rstrip())))
        offset += len(line) + 1
    return spans


def is_question(sentence: str) -> bool:
    """ "Is the funding offered instead of a bigger discount?" and the same question quoted
    ('"... first contract year?"'): asked, never offered."""
    return sentence.rstrip().rstrip("\"”’'").endswith("?")


def sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that holds ``position`` (the whole text when none does)."""
    return next((text[a:z] for a, z in sentence_spans(text) if a <= position < z), text)


def _to_mentions(found: Iterable[Found], text: str, block: int) -> list[Mention]:
    out = []
    seen: set[tuple[str, int, int, str]] = set()
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        key = (f.kind, f.start, f.end, repr(f.value))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Mention(
                kind=f.kind,
                text=text[f.start : f.end],
                block=block,
                start=f.start,
                end=f.end,
                value=f.value,
                label=f.label,
            )
        )
    return out


# Markdown strikethrough: the words are shown crossed out, so they state nothing any more
_STRUCK = re.compile(r"~~(?!\s)(?:[^~]|~(?!~))+?~~")


def find_mentions(document: Document) -> tuple[Mention, ...]:
    nlp = load_nlp()
    european = uses_european_dates(document.text)
    texts = [block.text for block in document.blocks]
    docs = (
        nlp.pipe(
            (nlp.make_doc(t) for t in texts),
            batch_size=64,
        )
        if not european
        else _pipe_european(nlp, texts)
    )
    mentions: list[Mention] = []
    dollar = _local_dollar(document.text)
    asks = buyer_asks(document)
    for block, doc in zip(document.blocks, docs, strict=True):
        if block.index in asks:
            continue  # "Raise the E3 discount to 12%": what the buyer will ask for, not an offer
        found = list(doc.user_data.get("found", []))
        if "~~" in block.text:  # "~~Azure credits £5,000 for the file-server lift~~ - withdrawn"
            struck = [(m.start(), m.end()) for m in _STRUCK.finditer(block.text)]
            found = [f for f in found if not any(a <= f.start < b for a, b in struck)]
        if block.kind == "heading":  # "4.4 Adoption reporting" names a topic, not a term
            found = [f for f in found if not (f.kind == "cue" and f.value == "adoption_data")]
        if block.ocr:
            taken = [(f.start, f.end) for f in found if f.kind == "product"]
            found += misread_products(block.text, taken)
        if dollar:
            found = [_as_local_dollar(f, block.text, dollar) for f in found]
        mentions.extend(_to_mentions(found, block.text, block.index))
    return tuple(resolve_relative_dates(mentions, document))


# "Sourcing recommends approval, subject to the following asks. None of these is part of
# Microsoft's current offer:" -- the list that follows is the buyer's, not the vendor's
ASKS_INTRO = re.compile(
    r"(?:\b(?:following|our|these)\s+(?:asks|requests|negotiation points|counter-?proposals?)\b|"
    r"\bnot\s+(?:yet\s+)?part\s+of\s+(?:\w+'s\s+|the\s+)?(?:current\s+)?(?:offer|proposal)\b|"
    r"\bnegotiation\s+(?:mandate|points|asks)\b)[^:]*:\s*$",
    re.IGNORECASE,
)


# "5. Proposed but NOT agreed", "Declined items": minutes of what was put forward and refused
_NOT_AGREED_HEADING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:[\w-]+\s+){0,3}(?:not\s+agreed|declined|rejected|"
    r"parked)\b(?:\s+(?:items?|points?|proposals?))?\W*$",
    re.IGNORECASE,
)


def buyer_asks(document: Document) -> set[int]:
    """Block indices of the list items that follow an introduction of the buyer's own asks, and
    of the blocks under a heading of points proposed and not agreed."""
    out: set[int] = set()
    inside = False
    refused: int | None = None  # the level of a "Proposed but NOT agreed" heading
    for block in document.blocks:
        if block.kind == "heading":
            if refused is not None and (block.level or 1) <= refused:
                refused = None
            if _NOT_AGREED_HEADING.match(block.text):
                refused = block.level or 1
                continue
        if refused is not None:
            out.add(block.index)
            continue
        if block.kind == "list_item" and inside:
            out.add(block.index)
            continue
        inside = bool(ASKS_INTRO.search(block.text))
    return out


_DOLLAR_CODES = {
    "CAD": r"\bCAD\b|\bC\$|\bCanadian dollars?\b",
    "AUD": r"\bAUD\b|\bA\$|\bAU\$|\bAustralian dollars?\b",
    "NZD": r"\bNZD\b|\bNZ\$",
    "SGD": r"\bSGD\b|\bS\$",
}


def _local_dollar(text: str) -> str | None:
    """A Canadian offer that writes "$45,000" means Canadian dollars: when the document names
    exactly one non-US dollar and never US dollars, a bare "$" is that dollar."""
    if re.search(r"\bUSD\b|\bUS\$|\bUS dollars?\b", text):
        return None
    named = [code for code, pattern in _DOLLAR_CODES.items() if re.search(pattern, text)]
    return named[0] if len(named) == 1 else None


def _as_local_dollar(found: Found, text: str, code: str) -> Found:
    if (
        found.kind == "money"
        and isinstance(found.value, Money)
        and found.value.currency == "USD"
        and text[found.start : found.end].lstrip().startswith("$")
    ):
        return dataclasses.replace(found, value=Money(found.value.amount, code))
    return found


def _pipe_european(nlp: Language, texts: list[str]) -> Iterator[Any]:
    for text in texts:
        doc = nlp.make_doc(text)
        doc.user_data["european"] = True
        for _, component in nlp.pipeline:
            doc = component(doc)
        yield doc


# Words right before a date that make it the agreement's start: the anchor of "within 180 days
# of the Effective Date" and of the onboarding window. A table cell boundary ("Enrollment start |
# 02/01/2027") counts as a separator; so does a comma ("we mean the start date of the new
# enrollment, 1 April 2027").
START_CONTEXT = re.compile(
    r"(effective date( (of|is|will be|shall be))?|effective date[\"”] (means|shall mean)|"
    r"effective (as of|from|on)|beginning (on)?|"
    r"commencing( on)?|starts?( on)?|starting( on| from)?|start date( (of|is))?|"
    r"renewal date( (of|is))?|"
    r"start date of the (new )?(enrol?lment|agreement|subscriptions?|term)( ?[-–])?|"
    r"(enrol?ment|subscription|service|term) "
    r"start( date)?|term (begins|starts|commences)( on)?|"
    r"(takes?|taking|will take) effect( on| from)?|(contract |subscription |enrol?lment )?term|"
    r"(months?|years?|term|period|running|runs|licensed|subscriptions?|users|seats|licen[cs]es) "
    # "... for three years (1 Mar 2027 - 28 Feb 2030)"
    r"from|\bfor (a |an )?(\d+|one|two|three|four|five)[- ](years?|months?)( term)?|"
    # "subscriptions for the period July 1, 2027 through June 30, 2030"
    r"\bfor the (subscription |contract |licen[cs]e |agreement )?period( of| from| beginning)?)"
    r"[\s:,(|]*$",
    re.IGNORECASE,
)
# "renews on 1 October 2026 (the Effective Date)": the name of the date comes after it
DEFINED_AFTER = re.compile(
    r"^\s*\(\s*(?:the\s+|hereinafter\s+)?[\"“]?(?:Effective Date|Start Date|Commencement Date)\b",
    re.IGNORECASE,
)


def starts_agreement(text: str, start: int, end: int) -> bool:
    """The date at ``text[start:end]`` is the agreement's start (effective) date."""
    return bool(
        START_CONTEXT.search(text[max(0, start - 50) : start]) or DEFINED_AFTER.match(text[end:])
    )


_ANCHOR_CONTEXT = {  # the agreement's start is found by starts_agreement
    "signature": re.compile(
        r"(signed|signature|executed|signing)( date)?( on)?[\s:,(|]*$", re.IGNORECASE
    ),
    "order": re.compile(
        r"((purchase |p\.?o\.? )?order date|\bpo date|date of (the |this )?(purchase )?order|"
        r"ordered on)( is)?[\s:,(|]*$",
        re.I,
    ),
    "issue": re.compile(
        r"(issued|issue date|date of issue|notification date|notified)( on| at)?[\s:,(|]*$", re.I
    ),
    # "Order accepted by Wattle & Gum IT on 14/05/2027"
    "acceptance": re.compile(
        r"(order accepted|accepted|acceptance date)( by [^.;:]{1,40}?)?( on)?[\s:,(|]*$", re.I
    ),
}
# "a voucher ..., issued on the Effective Date, ... redeemed within 180 days of issue": the
# issue date is another anchor's date
_ISSUED_ON = re.compile(
    r"\b(?:issued|issue|issues|activated|activation)\b[^.;]{0,80}?\b(?:on|at|upon)\s+(?:the\s+)?"
    r"(?P<anchor>Effective Date|effective date|(?:enrol?lment\s+|subscription\s+|agreement\s+)?"
    r"start\s+date|signature|signing|execution)",
    re.IGNORECASE,
)


# "Quote date | Subscription start" over "8 February 2027 | 1 March 2027": the column says
# which date starts the agreement
_START_COLUMN = re.compile(
    r"^\s*(?:(?:subscription|enrol?lment|agreement|contract|service|term)\s+)?(?:start|"
    r"commencement|effective)(?:\s+date)?\s*$",
    re.IGNORECASE,
)


def _column_header(block: Block, cell_text: str) -> str:
    """The header of the table column whose cell holds ``cell_text``; "" outside a table."""
    if block.kind != "table" or len(block.rows) < 2:
        return ""
    for row in block.rows[1:]:
        for column, cell in enumerate(row):
            if cell.strip() == cell_text.strip() and column < len(block.rows[0]):
                return block.rows[0][column]
    return ""


_DEFINES_EFFECTIVE = re.compile(
    r"[\"“](?:Effective Date|Start Date|Commencement Date)[\"”]\s+(?:means|shall\s+mean)\s*$",
    re.IGNORECASE,
)


def message_age(block: Block) -> int | None:
    """0 for the newest message of an e-mail thread, 1 for the one it quotes, ...; None outside
    a thread."""
    source = block.source or ""
    return int(source.split(":", 1)[1]) if source.startswith("message:") else None


def _own_date(mentions: list[Mention], blocks: dict[int, Block]) -> dt.date | None:
    """The date a document was written: its first calendar date, or in a thread or chat the
    first one of its oldest message (the newest message comes first in reading order)."""
    dated = [
        m
        for m in mentions
        if m.kind == "date"
        and isinstance(m.value, DateValue)
        and not m.value.relative
        and m.value.date is not None
    ]
    if not dated:
        return None

    def age(m: Mention) -> int:
        return message_age(blocks[m.block]) or 0

    oldest = max(map(age, dated))
    first = next(m for m in dated if age(m) == oldest)
    return first.value.date  # type: ignore[union-attr]


def resolve_relative_dates(mentions: list[Mention], document: Document) -> list[Mention]:
    """Give relative dates a calendar date when the document states their anchor."""
    anchors: dict[str, Any] = {}
    texts = {block.index: block.text for block in document.blocks}
    blocks = {block.index: block for block in document.blocks}
    for mention in mentions:
        if mention.kind != "date" or not isinstance(mention.value, DateValue):
            continue
        if mention.value.relative or mention.value.date is None:
            continue
        anchors.setdefault("document-year", mention.value.date)  # the first date: its own date
        text = texts[mention.block]
        # "PO date | Requisition" over "08/16/2027 | REQ-27-1170": the column names the date
        header = _column_header(blocks[mention.block], mention.text)
        if _DEFINES_EFFECTIVE.search(text[max(0, mention.start - 40) : mention.start]):
            # '(b) "EFFECTIVE DATE" means May 1, 2027': the defined term, whatever date an
            # earlier clause calls another agreement's effective date
            anchors["effective"] = mention.value.date
        elif "effective" not in anchors and (
            starts_agreement(text, mention.start, mention.end) or _START_COLUMN.search(header)
        ):
            anchors["effective"] = mention.value.date
        before = text[max(0, mention.start - 50) : mention.start]
        for anchor, pattern in _ANCHOR_CONTEXT.items():
            if anchor not in anchors and (
                pattern.search(before) or (header and pattern.search(header))
            ):
                anchors[anchor] = mention.value.date
    if "issue" not in anchors:
        for block in document.blocks:
            if issued := _ISSUED_ON.search(block.text):
                named = issued.group("anchor").lower()
                same = "effective" if "effective" in named or "start" in named else "signature"
                if same in anchors:
                    anchors["issue"] = anchors[same]
                break
    scheduled = any(
        m.kind == "date"
        and isinstance(m.value, DateValue)
        and (m.value.anchor or "").startswith("document-next")
        for m in mentions
    )
    own = _own_date(mentions, blocks) if scheduled else None  # for "runs July 12th through ..."
    out = []
    for mention in mentions:
        value = mention.value
        if (
            mention.kind == "date"
            and isinstance(value, DateValue)
            and value.relative
            and value.anchor
        ):
            parts = value.anchor.split(":")
            if parts[0] == "document-next":
                # "runs July 12th through August 20th" in a call of 12 May 2027: the next 12 July
                if own is not None:
                    month, day = int(parts[1]), int(parts[2])
                    resolved = clamped_date(own.year, month, day)
                    if resolved < own:
                        resolved = clamped_date(own.year + 1, month, day)
                    # a calendar date once its year is known, like any written date
                    value = dataclasses.replace(value, date=resolved, relative=False)
                    mention = dataclasses.replace(mention, value=value)
                out.append(mention)
                continue
            if parts[0] == "document-year":
                if "document-year" in anchors:
                    year = anchors["document-year"].year + int(parts[1])
                    resolved = clamped_date(year, int(parts[2]), int(parts[3]))
                    value = dataclasses.replace(value, date=resolved)
                    mention = dataclasses.replace(mention, value=value)
                out.append(mention)
                continue
            base = (
                anchors.get("effective")
                if parts[0] in ("effective", "anniversary", "yearend")
                else anchors.get("order", anchors.get("signature"))
                if parts[0] == "order"
                else anchors.get(parts[0])
            )
            if re.search(r"\bthat\s+\w+\s+date\b", value.text, re.IGNORECASE):
                # "the Voucher ID e-mail is scheduled for November 16th, 2026, and the voucher
                # must be redeemed within six months of that issue date": the date just named
                earlier = [
                    m.value.date
                    for m in mentions
                    if m.kind == "date"
                    and m.block == mention.block
                    and m.end <= mention.start
                    and isinstance(m.value, DateValue)
                    and not m.value.relative
                    and m.value.date is not None
                ]
                base = earlier[-1] if earlier else base
            if base is not None:
                if parts[0] == "anniversary":
                    resolved = shift(base, int(parts[1]), "year")
                elif parts[0] == "yearend":  # the last day of contract year n
                    resolved = shift(base, int(parts[1]), "year") - dt.timedelta(days=1)
                else:
                    resolved = shift(base, int(parts[1]), parts[2])
                value = dataclasses.replace(value, date=resolved)
                mention = dataclasses.replace(mention, value=value)
        out.append(mention)
    return out


def mentions_in_text(text: str) -> tuple[Mention, ...]:
    from ..records import Block

    document = Document(
        name="text", format="txt", sha256="", blocks=(Block(kind="paragraph", text=text, index=0),)
    )
    return find_mentions(document)


def _jsonable(mention: Mention) -> dict[str, Any]:
    value = mention.value
    out: Any
    if isinstance(value, Money):
        out = {"amount": float(value.amount), "currency": value.currency}
    elif isinstance(value, DateValue):
        out = value.date.isoformat() if value.date else None
    elif isinstance(value, Duration):
        number = value.value
        out = {"value": int(number) if float(number).is_integer() else number, "unit": value.unit}
    elif isinstance(value, Count):
        out = {"value": value.value, "unit": value.unit}
    elif isinstance(value, Partner):
        out = {"name": value.name, "requirement": value.requirement}
    else:
        out = value
    return {
        "kind": mention.kind,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": out,
    }


def mentions_jsonl(lines: Iterable[str]) -> Iterator[str]:
    """One JSON line out per JSON line in; bad lines answer with an error, not a crash."""
    for line in lines:
        if not line.strip():
            continue
        try:
            text = json.loads(line)["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            yield json.dumps({"mentions": [], "error": f"bad input line: {exc}"})
            continue
        found = [m for m in mentions_in_text(text) if m.kind in VALUE_KINDS]
        yield json.dumps({"mentions": [_jsonable(m) for m in found]}, ensure_ascii=False)


__all__ = [
    "VALUE_KINDS",
    "find_mentions",
    "load_nlp",
    "mentions_in_text",
    "mentions_jsonl",
    "sentence_spans",
]
