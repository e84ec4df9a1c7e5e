"""The typed records that flow between stages: Document -> Mention -> Item -> Finding -> Report.

Every stage takes the previous stage's records and returns its own; nothing reaches back.
Records are frozen dataclasses with standard-library types only, so any layer can import
them without pulling in a parser or a model. Positions are kept everywhere because a
finding a buyer cannot trace to a page and a sentence is a finding they cannot use.

Conventions
- Character offsets (``start``/``end``) are relative to the text of one ``Block``.
- ``page`` is 1-based for paged formats (PDF, scans) and ``None`` otherwise.
- Dates are ``datetime.date``; amounts are ``Money`` with an ISO 4217 currency.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]
DocFormat = Literal["pdf", "docx", "txt", "md", "eml", "xlsx", "other"]
Category = Literal["entitlement", "funded_credit", "discount", "commitment", "other"]
Severity = Literal["high", "medium", "low", "info"]
PartnerRequirement = Literal["named", "approved", "any", "unstated"]
MentionKind = Literal[
    "money",  # value: Money
    "percent",  # value: float
    "date",  # value: DateValue
    "duration",  # value: Duration
    "count",  # value: Count (seats, users, licences)
    "product",  # value: canonical product name (str)
    "program",  # value: canonical program name (str)
    "partner",  # value: Partner
    "workload",  # value: canonical workload name (str)
    "cue",  # value: cue label (str), e.g. "in_lieu", "expiry", "first_year_only"
]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2, "info": 3}


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Revision:
    """A tracked change in a redlined DOCX, or a "+"/"-" line of unified-diff markup in a text
    ("- The voucher must be redeemed within 180 days ..."): kept so reports can say who
    changed what, and so a change-only amendment written as a diff can be applied."""

    kind: Literal["insert", "delete"]
    text: str
    block: int  # index of the block the change sits in
    author: str | None = None
    date: str | None = None  # as written in the file (ISO 8601 in Word)
    # "tracked": Word's tracked changes; "diff": a line of diff markup, which names no author
    origin: Literal["tracked", "diff"] = "tracked"
    line: int | None = None  # diff markup: the 1-based line of the text it was read from

    def describe(self) -> str:
        """How the change is marked, in the words a report uses."""
        if self.origin == "diff":
            verb = "inserted" if self.kind == "insert" else "deleted"
            return f"{verb} line {self.line} of the amendment's diff markup"
        author = self.author or "an unknown author"
        when = f" on {self.date}" if self.date else ""
        return f"tracked {self.kind} by {author}{when}"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading order: a heading, a paragraph, a list item or a whole table.

    For a table, ``rows`` holds the cells and ``text`` is the rows joined with `` | ``
    between cells and a newline between rows, so a table row is always a substring of
    ``text`` and can be quoted as evidence.
    """

    kind: BlockKind
    text: str
    index: int  # position in the document's reading order
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # PDF points: x0, top, x1, bottom
    rows: tuple[tuple[str, ...], ...] = ()
    level: int | None = None  # heading level or list nesting level
    source: str | None = None  # "body", "header", "footer", "sheet:<name>", "attachment:<name>"
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    format: DocFormat
    sha256: str
    blocks: tuple[Block, ...]
    pages: tuple[Page, ...] = ()
    page_count: int = 0
    ocr: bool = False
    revisions: tuple[Revision, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def contains_quote(self, quote: str) -> bool:
        """Whether ``quote`` appears verbatim in one block: the evidence guarantee."""
        return any(quote in block.text for block in self.blocks)


# --------------------------------------------------------------------------- nlp


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True, slots=True)
class DateValue:
    """An absolute date, or a relative one kept as text when its anchor is not known."""

    date: dt.date | None
    text: str
    relative: bool = False
    anchor: str | None = None  # "effective date", "signature", ... for relative dates


@dataclass(frozen=True, slots=True)
class Duration:
    value: float
    unit: Literal["day", "week", "month", "year"]

    @property
    def months(self) -> float:
        factor = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "year": 12.0}
        return self.value * factor[self.unit]


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    unit: str = "seats"


@dataclass(frozen=True, slots=True)
class Partner:
    name: str | None
    requirement: PartnerRequirement


MentionValue = Money | float | DateValue | Duration | Count | Partner | str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed value found in one block, with the exact text and offsets it came from."""

    kind: MentionKind
    text: str
    block: int
    start: int
    end: int
    value: MentionValue = None
    label: str | None = None  # refinement, e.g. money "unit_price", percent "interest"


# --------------------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class Evidence:
    document: str
    page: int | None
    text: str  # the exact sentence or table row, verbatim from the block
    block: int | None = None


@dataclass(frozen=True, slots=True)
class Expiry:
    date: dt.date | None
    text: str


@dataclass(frozen=True, slots=True)
class Seat:
    product: str
    quantity: int
    evidence: tuple[Evidence, ...]
    fasttrack_eligible: bool | None = None
    unit_price: Money | None = None  # per user per month where the document says
    term_months: int | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One real-world commercial term, however many places the document states it."""

    id: str
    category: Category
    program: str | None
    summary: str
    evidence: tuple[Evidence, ...]
    confidence: float
    amount: Money | None = None
    percent: float | None = None
    quantity: int | None = None
    products: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    expires: Expiry | None = None
    term_months: int | None = None
    partner: Partner | None = None
    conditions: tuple[str, ...] = ()
    # Signals the playbook reads; e.g. "in_lieu_of_discount", "first_year_only", "priced",
    # "exchange_for_commitment", "engaged". Free strings keep the records layer ignorant of rules.
    flags: tuple[str, ...] = ()
    unit_price: Money | None = None


# --------------------------------------------------------------------------- playbook


@dataclass(frozen=True, slots=True)
class RolloutPhase:
    name: str
    workloads: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    title: str
    detail: str
    ask: str | None
    item_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Ledgers:
    """The three ledgers, kept apart on purpose: they never offset each other."""

    entitlement: dict[str, Any]
    funded_credit: dict[str, Any]
    discount: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    name: str
    sha256: str
    format: DocFormat
    pages: int
    ocr: bool
    warnings: tuple[str, ...] = ()
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    documents: tuple[DocumentSummary, ...]
    seats: tuple[Seat, ...]
    items: tuple[Item, ...]
    findings: tuple[Finding, ...]
    ledgers: Ledgers
    rollout: tuple[RolloutPhase, ...] = ()
    missing: tuple[str, ...] = ()  # what the playbook expected and did not find
    verdict: str = ""
    schema_version: int = 1


# --------------------------------------------------------------------------- compare


@dataclass(frozen=True, slots=True)
class Change:
    """One item-level difference between a base and an amendment."""

    kind: Literal["seats", "discount", "funded_credit", "entitlement", "commitment", "other"]
    key: str  # what the item is: product for seats, program/category for items
    field: str  # "quantity", "percent", "amount", "expires", "term_months", "added", "removed"
    before: Any
    after: Any
    evidence_before: tuple[Evidence, ...] = ()
    evidence_after: tuple[Evidence, ...] = ()
    revision: Revision | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    base: Report
    amendment: Report
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]


# --------------------------------------------------------------------------- serialisation


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for any record: dates as ISO strings, tuples as lists, enums by value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


__all__ = [
    "SEVERITY_ORDER",
    "Block",
    "BlockKind",
    "Category",
    "Change",
    "Comparison",
    "Count",
    "DateValue",
    "DocFormat",
    "Document",
    "DocumentSummary",
    "Duration",
    "Evidence",
    "Expiry",
    "Finding",
    "Item",
    "Ledgers",
    "Mention",
    "MentionKind",
    "MentionValue",
    "Money",
    "Page",
    "Partner",
    "Report",
    "Revision",
    "RolloutPhase",
    "Seat",
    "Severity",
    "to_jsonable",
]
