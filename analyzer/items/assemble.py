"""Item assembly: link amounts, percents, expiries, scope and partners to the term they belong to.

A commercial term is spread over a sentence ("Microsoft will fund $150,000 through ECIF"),
its neighbours ("The funds must be used by 30 June 2027 for Teams Phone deployment") and table
rows. Assembly works per clause: every sentence or table row that names a program, a discount,
or a purchase commitment opens an item; following sentences of the same paragraph that add
conditions without naming a new term attach to it. Seat counts come from licence tables and
prose, one per product, the latest where a document revises a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..nlp import is_question, message_age, sentence_at, sentence_spans
from ..nlp.components import find_partners, unselected
from ..nlp.numbers import parse_number
from ..nlp.vocabulary import (
    covered_workloads,
    fasttrack_eligible,
    generic_program,
    partner_delivered,
    product_aliases,
    program_aliases,
    program_kind,
    refers_back,
)
from ..records import (
    Block,
    Category,
    Count,
    DateValue,
    Document,
    Duration,
    Evidence,
    Expiry,
    Mention,
    Money,
    Partner,
    Seat,
)
from .ramps import RampLine, discount_runs, ramp_lines
from .tables import (
    CreditColumns,
    TableLayout,
    cell_offsets,
    credit_columns,
    discount_columns,
    layout,
    row_offsets,
)

_FUNDING_WORDS = re.compile(
    r"\b(fund|funds|funding|funded|credit|credits|invest|investment|voucher|contribut\w*|"
    r"sponsor\w*|subsid\w*|co-invest\w*)\b",
    re.IGNORECASE,
)
# "(3) accept Microsoft in-kind services described in section 4 at no cost to the County": the
# program is offered in section 4; this clause only points there
_CROSS_REFERENCE = re.compile(
    r"\s*,?\s*(?:as\s+)?(?:described|set\s+out|detailed|outlined|explained|listed)\s+(?:in|under|at)\s+"
    r"(?:section|clause|paragraph|schedule|appendix|annex|part)\s+\d",
    re.IGNORECASE,
)
# "a service credit under the Service Level Agreement for Online Services, 10% of the March
# Exchange Online fees, i.e. CAD 3,940": a remedy for an outage, not funding
_SLA_CREDIT = re.compile(
    r"\b(?:service|SLA|service[- ]level|support|outage)\s+credits?\b|"
    r"\bService\s+Level\s+Agreement\b",
    re.IGNORECASE,
)
# "The second half of the funding (USD 30,000) is released only if ...": a part of a credit
# already offered, not another one
_PART_OF_CREDIT = re.compile(
    r"\b(?:first|second|other|remaining|final|last)\s+(?:half|third|quarter|part|portion|tranche|"
    r"instal+ment)\s+of\s+(?:the|this)\s+(?:funding|funds|credits?|voucher|investment|contribution)\b",
    re.IGNORECASE,
)
_FUNDING_REFERENCE = re.compile(
    r"\b(the|this|these|such|that|any|unused|unspent|remaining) (funding|funds|fund|credits?|offer|"
    r"voucher|vouchers|investment|contribution|work order|balance|services|amount|value|work|"
    r"allocation)\b|"
    r"\bfunded (activities|services|work|engagement)\b|"
    r"\b(?:the|all|any) approved (?:activities|work|services|amount)\b|"
    # "Credits from every tranche expire on December 31st, 2028"
    r"\b(?:credits?|funds|funding)\s+(?:from|of|in|under)\s+(?:every|each|all|any)\s+"
    r"(?:tranche|instal+ment|milestone|payment)s?\b",
    re.IGNORECASE,
)
# "In lieu of the additional 5% price concession": the percent names the discount not given.
_FOREGONE = re.compile(
    r"\b(in lieu of|instead of|in place of|rather than|in exchange for)\s+(the|a|an|any)?\s*"
    r"(additional|further|extra|previously offered|proposed)?\s*$",
    re.IGNORECASE,
)
# "I took your ask for 5% off E5 to our deal desk": the percent the customer asked for
_ASKED = re.compile(
    r"\b(ask|asked|request|requested|requesting|asking|sought|wanted|hoped|need|needs|want|"
    r"would like)\b[^.;,]{0,25}$",
    re.IGNORECASE,
)
# "We could not get approval to move it to 14%": a rate the vendor refused is not on offer
_REFUSED = re.compile(
    r"\b(could not|couldn't|cannot|can't|can not|(?:was|were|are|is) (?:not able|unable) to|"
    r"did not|didn't|unable to)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
# "Services discount, 10% (one time, line 5 only)": a cut in a one-off services fee, not in the
# recurring licence price
_ONE_OFF = re.compile(
    r"\b(one[- ]time|one[- ]off|services? discount|discount on (the )?(professional |migration |"
    r"implementation )?services|(migration|implementation|services|setup|set-up) fee)\b",
    re.IGNORECASE,
)


# "At the 2024 renewal we achieved 16% off list"; "well below our 12% target"; "10-14% is
# achievable": a past deal, a goal or a benchmark, not this offer's discount
_HISTORY = re.compile(
    r"\b(achieved|obtained|secured|got|had|enjoyed|received|carried|included)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(at the (\d{4}|previous|last|prior) renewal|last time|previously|in the past|"
    r"(last|previous|prior|expiring|existing|current|old) (agreement|renewal|term|enrol?lment|"
    r"contract)|in (19|20)\d{2}\b)",
    re.IGNORECASE,
)
_GOAL = re.compile(r"\b(target|benchmarks?|achievable|ambition|goal|aspiration)\b", re.IGNORECASE)


def _not_on_offer(clause: Clause, start: int, end: int) -> bool:
    before = clause.block.text[clause.start : start]
    around = clause.block.text[max(clause.start, start - 30) : min(clause.end, end + 25)]
    past = bool(_HISTORY.search(before) and _PAST.search(clause.text))
    return past or bool(_GOAL.search(around))


def _offered_rate(clause: Clause, percent: Mention) -> bool:
    """Not a one-off services cut, a past deal, a target or a benchmark: a rate on offer."""
    return not _one_off(clause, percent.start, percent.end) and not _not_on_offer(
        clause, percent.start, percent.end
    )


def _one_off(clause: Clause, start: int, end: int) -> bool:
    window = clause.block.text[max(clause.start, start - 60) : min(clause.end, end + 60)]
    return bool(_ONE_OFF.search(window))


_SPENT = re.compile(
    r"\b(claim\w*|used?|redeem\w*|spent|consum\w*|complet\w*|submit\w*|invoic\w*|lodg\w*|drawn)\b",
    re.IGNORECASE,
)
_WITHIN = re.compile(r"(?:within|no later than|not later than)\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"(?:,|;|-)\s*(?:and\s+)?not\s+(?:on\s+|by\s+)?$", re.IGNORECASE)
# "You asked about FastTrack.": the customer's question, not an offer
_ASKED_ABOUT = re.compile(
    r"\b(?:asked|ask|asking|enquired|inquired|wondered)\s+(?:about|whether|if)\b", re.IGNORECASE
)
# "FastTrack assistance is reserved for tenants holding 150 or more licences of an eligible plan":
# the program's qualifying rule, not an offer of it
_ELIGIBILITY_RULE = re.compile(
    r"\b(\d[\d,]*|one hundred and fifty)\s*(or more|\+|and above|or above)\s+(eligible\s+)?"
    r"(licen[cs]es|seats|users|subscriptions)\b|\b(at least|a minimum of|minimum of|"
    r"no fewer than)\s+(\d[\d,]*|one hundred and fifty)\s+(eligible\s+)?"
    r"(licen[cs]es|seats|users|subscriptions)\b",
    re.IGNORECASE,
)
# "12% across the term is not something I can get approved"
_REFUSED_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(is not something|isn't something|cannot be|can't be|could not be|is not "
    r"possible|was not approved|wasn't approved|was declined|was refused)\b",
    re.IGNORECASE,
)
# "The offer in the attachment is valid until 16/12/2026": when the offer lapses, not the credit.
_OFFER_VALIDITY = re.compile(
    r"\b(offer|proposal|quot\w+|pricing|prices?|this document)\b[^.]{0,40}?\b(valid|open for "
    r"acceptance)\b|\bvalidity\b",
    re.IGNORECASE,
)
# "transfer $52,529 from Fund 7008 to Fund 7009": a council moving its own budget
_BUDGET_ACTION = re.compile(
    r"\b(transfer\w*|appropriat\w*|encumb\w*|budget\w*|fiscal year|general fund|fund \d+)\b",
    re.IGNORECASE,
)
# "a further 500 colleagues", "the additional 1,000 seats": the count is what is added
_GROWTH = re.compile(
    r"\bfrom\s+(?P<a>\d[\d,]*)\s+(?:seats\s+|licen[cs]es\s+|users\s+|subscriptions\s+)?to\s+"
    r"(?:at\s+least\s+|no\s+fewer\s+than\s+|not\s+less\s+than\s+|a\s+minimum\s+of\s+)?"
    r"(?P<b>\d[\d,]*)\b",
    re.IGNORECASE,
)
_INCREMENT = re.compile(
    r"\b(additional|further|more|extra|another|incremental)\s+(\S+\s+){0,1}$", re.IGNORECASE
)
# "... for Teams Phone by 30 June 2027": a date a funded term must be done by, even without
# the word "expire"
_DEADLINE_BEFORE = re.compile(
    r"\b(by|before|until|till|through|no later than|not later than|on or before|ending)\s+"
    r"(the\s+)?$",
    re.IGNORECASE,
)
# "a term of August 1, 2027 through July 31, 2030": the end of a range, not a deadline
_RANGE_END = re.compile(r"\d{2,4}\s+(through|to|until|till|-|–)\s+$", re.IGNORECASE)
_SIGNING_BY = re.compile(
    r"\b(enrol?lment|agreement|contract|order|proposal|quot\w+|paperwork|deal|renewal)s?\b[^.]{0,30}?"
    r"\b(signed|countersigned|executed|placed|booked|returned|received|submitted)\s+(?:\S+\s+){0,3}$"
    r"|\bif\s+(?:you|we|the customer|[A-Z][\w&-]*(?: [A-Z][\w&-]*)?)\s+(?:signs?|countersigns?|"
    r"executes?)\s+(?:\S+\s+){0,2}$"
    r"|\b(?:signature|countersignature|execution|signing)\s+of\s+(?:the\s+|this\s+)?(?:enrol?lment|"
    r"agreement|contract|order|proposal|deal|amendment|renewal)\s+(?:\S+\s+){0,3}$"
    r"|\b(?:sign\w*|countersign\w*|execut\w*)\s+(?:the\s+|this\s+|its\s+|our\s+|your\s+)?"
    r"(?:enrol?lment|agreement|contract|order|proposal|quot\w+|paperwork|deal|renewal|amendment)"
    r"\b(?:\s+\S+){0,3}\s+$"
    r"|\b(?:subject\s+to|conditional\s+on|upon)\s+(?:signature|countersignature|signing|execution)"
    r"\s+(?:by|before|on\s+or\s+before|no\s+later\s+than)\s+$",
    re.IGNORECASE,
)
# "Modern Workplace onboarding - Intune and Defender configuration (Microsoft-funded) | 1":
# work on a product, not a licence for it
_SERVICE_WORK = re.compile(
    r"\b(?:onboarding|configuration|deployment|implementation|workshops?|migration|hardening|"
    r"consulting|professional services|managed|monitoring|administration|service desk|patching|"
    r"triage|training)\b",
    re.IGNORECASE,
)
_PARTNER_SERVICES = re.compile(
    r"\b(fund|funds|funded|funding)\b[^.]{0,40}\bpartner[- ](services|work|engagement|delivery|"
    r"delivered)\b",
    re.IGNORECASE,
)
_PARTNER_WORD = re.compile(r"\bpartner", re.IGNORECASE)
_REVISED = re.compile(
    r"\b(revised|reduced|increased|changed|amended|decreased|went|goes|gone|moved|improved|"
    r"dropped|rose|fell)\b.*\bfrom\b.*\bto\b",
    re.IGNORECASE,
)
_DISCOUNT_REFERENCE = re.compile(
    r"\b(reduced|discounted|concessionary|concessional) (rate|price|pricing|prices)\b|"
    r"\bthe (discount|concession|reduction|price concession)\b",
    re.IGNORECASE,
)
_AT_LIST = re.compile(r"\bat (the )?(standard |full )?list\b|\bat (the )?standard price", re.I)
_FULL_TERM = re.compile(
    r"\b(full|entire|whole|each year of the|all (two|three|four|five) years|each of the (two|three|"
    r"four|five) years|every year of the|life of the)\b",
    re.IGNORECASE,
)


_SEAT_NOUN_AFTER = re.compile(r"\s+(?:seats|licen[cs]es|users|subscriptions)\b", re.IGNORECASE)
_NUMBER_BEFORE_WORD = re.compile(r"\d\s+$")


@dataclass
class Clause:
    document: Document
    block: Block
    start: int
    end: int
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def evidence(self) -> Evidence:
        return Evidence(
            document=self.document.name,
            page=self.block.page,
            text=self.text.strip(),
            block=self.block.index,
        )

    def of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def cues(self) -> set[str]:
        return {str(m.value) for m in self.mentions if m.kind == "cue"}

    def workloads(self) -> list[Mention]:
        """Workloads a credit may be spent on: "the 600 Copilot seats" counts licences and
        says nothing about what the money is for."""
        return [
            m
            for m in self.of("workload")
            if not _SEAT_NOUN_AFTER.match(self.block.text, m.end)
            and not _NUMBER_BEFORE_WORD.search(self.block.text[max(0, m.start - 12) : m.start])
        ]


@dataclass
class Draft:
    category: Category
    program: str | None
    clauses: list[Clause] = field(default_factory=list)
    amount: Money | None = None
    percent: float | None = None
    quantity: int | None = None
    products: list[str] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)
    expires: Expiry | None = None
    term_months: int | None = None
    partner: Partner | None = None
    flags: set[str] = field(default_factory=set)
    conditions: list[str] = field(default_factory=list)
    unit_price: Money | None = None
    rule_confidence: float = 0.7
    row_ref: str | None = None  # "B" for row B of a terms table, so "the voucher in row B" finds it
    notes: set[str] = field(default_factory=set)  # "See (2)": the table notes its row points to
    dropped: set[str] = field(default_factory=set)  # workloads a later message takes out of scope

    @property
    def age(self) -> int | None:
        """The newest thread message this item is stated in (None outside a thread)."""
        ages = [a for c in self.clauses if (a := message_age(c.block)) is not None]
        return min(ages) if ages else None


@dataclass
class SeatDraft:
    product: str
    quantity: int
    priority: int
    order: tuple[int, int]
    evidence: list[Evidence]
    unit_price: Money | None = None
    term_months: int | None = None
    age: int | None = None  # the message of an e-mail thread it comes from (0 = newest)
    row: str = ""  # the first cell of the table row it was read from


# "Year 2 | Microsoft 365 E3 | 600", "Option B", "Phase 1": rows that restate a count rather
# than add to it
_RAMP_ROW = re.compile(
    r"\b(?:year|yr|phase|wave|stage|option|alternative|scenario|renewal|month|tier|term|from|"
    r"increase|ramp|Y[1-5])\b",
    re.IGNORECASE,
)
# "Microsoft 365 Business Premium + Teams Phone Standard", "bundle ..., comprising Microsoft 365
# E3, Microsoft Teams Phone Standard and Microsoft Entra ID P2": a line that sells several
# products, each on its own subscription
_BUNDLE = re.compile(r"\s\+\s|\bcompris\w*\b|\bconsisting of\b|\bbundle\b", re.IGNORECASE)
# "Business Premium (incl. Defender for Business, Intune, Entra ID P1)": parts of a plan
_INCLUDED = re.compile(r"\((?:incl\.?|including|includes|with)\b[^)]*\)?", re.IGNORECASE)


def _bundled(text: str, cell: tuple[int, int], products: list[Mention]) -> list[str]:
    """The products a table row sells: the first one named, or each of a bundle's products
    (not the parts a plan includes)."""
    first = str(products[0].value)
    c0, c1 = cell
    if not _BUNDLE.search(text, c0, c1):
        return [first]
    included = [(m.start() + c0, m.end() + c0) for m in _INCLUDED.finditer(text[c0:c1])]
    named = [
        str(p.value)
        for p in products
        if c0 <= p.start < c1 and not any(a <= p.start < b for a, b in included)
    ]
    return list(dict.fromkeys(named)) or [first]


# "... signed off by May 31, 2027, not June 30.": the new date, then the one it corrects
_NOT_THE_OLD = re.compile(
    r"^\s*,?\s*(?:and\s+|but\s+)?not\s+(?:by\s+|on\s+)?(?P<old>(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+"
    r"[A-Z][a-z]+)(?:,?\s+\d{4})?)"
)


def _correct_deadlines(
    drafts: list[Draft], document: Document, by_block: dict[int, list[Mention]]
) -> None:
    """A later message of a thread or chat that moves a deadline ("by May 31, 2027, not June
    30") replaces the date an earlier message gave the credit."""
    from ..nlp.values import find_dates

    for block in document.blocks:
        age = message_age(block)
        if age is None:
            continue
        for mention in by_block.get(block.index, []):
            if mention.kind != "date" or not isinstance(mention.value, DateValue):
                continue
            new = mention.value.date
            m = _NOT_THE_OLD.match(block.text[mention.end :])
            if new is None or m is None:
                continue
            old_text = m.group("old")
            if not re.search(r"\d{4}", old_text):
                old_text += f" {new.year}"
            old = [f.value.date for f in find_dates(old_text) if isinstance(f.value, DateValue)]
            for draft in drafts:
                older = draft.age is not None and draft.age > age
                if older and draft.expires is not None and old and draft.expires.date == old[0]:
                    draft.expires = Expiry(date=new, text=mention.text)


# "You're right, my mistake. 1,350 E5.": a count before a bare plan code in a later message
_BARE_PLAN = re.compile(
    r"(?<![\w.,])(?<!Microsoft )(?<!Office )(?P<count>\d{1,3}(?:,\d{3})+|\d{2,6})\s+(?:x\s+)?"
    r"(?P<code>[EFAG][1-5])\b(?!\s+Security)"
)


def _plan_code_counts(document: Document, seats: list[SeatDraft]) -> list[SeatDraft]:
    """In a thread or chat, "1,350 E5" counts the plan an earlier message named in full
    ("1,300 x Microsoft 365 E5"), when exactly one seat line ends in that code."""
    out = []
    for block in document.blocks:
        age = message_age(block)
        if age is None:
            continue
        for m in _BARE_PLAN.finditer(block.text):
            named = {s.product for s in seats if s.product.endswith(" " + m.group("code"))}
            before = block.text[max(0, m.start() - 20) : m.start()]
            if len(named) != 1 or re.search(r"(?:365|M365|O365)\s*$", before):
                continue
            sentence = sentence_at(block.text, m.start())
            out.append(
                SeatDraft(
                    product=named.pop(),
                    quantity=int(m.group("count").replace(",", "")),
                    priority=1,
                    order=(block.index, m.start()),
                    evidence=[
                        Evidence(
                            document=document.name,
                            page=block.page,
                            text=sentence.strip(),
                            block=block.index,
                        )
                    ],
                    age=age,
                )
            )
    return out


def _dropped_later(seat: SeatDraft, document: Document) -> bool:
    """ "Done, Teams Premium removed." or "no Teams Premium" in a later message of a thread or
    chat: the licence line an earlier message offered is gone."""
    if seat.age is None:
        return False
    aliases = list(product_aliases(seat.product))
    if plan := re.fullmatch(r"(\w+) Plan \d", seat.product):
        aliases.append(plan.group(1))  # "Visio removed.": the plan's family name in a chat
    names = "|".join(re.escape(a) for a in aliases)
    dropped = re.compile(
        rf"\b(?:drop|remove|scrap|no)\s+(?:the\s+)?(?:{names})\b|\b(?:{names})\s+(?:line\s+)?"
        r"(?:is\s+|was\s+)?(?:removed|dropped|deleted|scrapped|taken out)\b",
        re.IGNORECASE,
    )
    return any(dropped.search(b.text) for b in _newer_blocks(document, seat.age))


def _newer_blocks(document: Document, age: int) -> Iterator[Block]:
    """The blocks of the thread's messages written after the message of ``age``."""
    return (b for b in document.blocks if (a := message_age(b)) is not None and a < age)


def assemble_document(
    document: Document, mentions: Sequence[Mention]
) -> tuple[list[SeatDraft], list[Draft]]:
    by_block: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_block.setdefault(mention.block, []).append(mention)
    seats: list[SeatDraft] = []
    drafts: list[Draft] = []
    section_credit: Draft | None = None  # the last funded credit opened under this heading
    carried: Draft | None = None  # the item of a paragraph that runs on into the next block
    last_discount: Draft | None = None  # a discount the previous paragraph opened
    list_credit: Draft | None = None  # the credit a bullet opened, for the bullets under it
    note_products: dict[str, list[str]] = {}  # "(1)": the licence rows that point to note 1
    allocations: dict[int, list[Draft]] = {}  # id of a credit -> the table rows that split it
    set_aside = _set_aside_options(document)  # "Option A is shown for comparison only"
    asked_of_credit = False  # the heading above is a question about the funding (an FAQ)
    activities_of: Draft | None = None  # "ECIF may only be used for the activities below"
    answers: list[Block] = []  # a chat's answers about a credit an older message offers
    use_questions = _funding_use_questions(document)  # ages of messages asking what it is for
    previous_block: Block | None = None
    for block in document.blocks:
        block_mentions = by_block.get(block.index, [])
        if previous_block is not None and _ACTIVITIES_BELOW.search(previous_block.text):
            introduced = [
                d
                for d in drafts
                if d.category == "funded_credit"
                and any(c.block is previous_block for c in d.clauses)
            ]
            activities_of = introduced[0] if len(introduced) == 1 else None
        if block.kind == "table" and activities_of is not None:
            _activity_scope(activities_of, block, block_mentions)
        elif block.kind != "table":
            activities_of = None
        previous_block = block
        if block.kind == "heading":
            # "Who can do the funded work?" | "Any Microsoft partner Northern Arc chooses.": an
            # FAQ's question heading keeps the credit of the answers above in view
            asked_of_credit = is_question(block.text) and bool(
                _FUNDING_REFERENCE.search(block.text)
            )
            if not asked_of_credit:
                section_credit = None
        if (age := message_age(block)) is not None:
            # "what can the voucher be used for exactly?" | "Exchange Online mailbox moves and
            # the OneDrive setup": a chat's answer to a question about the funding
            asked_of_credit = age + 1 in use_questions
            if asked_of_credit and not any(d.category == "funded_credit" for d in drafts):
                answers.append(block)  # newest first: the offer comes later in reading order
        if block.kind != "list_item":
            list_credit = None
        if block.kind == "table" and block.rows:
            carried = last_discount = None
            splits = section_credit if _splittable(section_credit) else None
            table_drafts, table_seats = _table(document, block, block_mentions, splits, set_aside)
            if splits is not None:
                allocations.setdefault(id(splits), []).extend(
                    d for d in table_drafts if _allocation_of(d, splits)
                )
            for row in block.rows[1:]:
                named = [s.product for s in table_seats if s.row == " ".join(row)]
                for a, b in _NOTE_MARK.findall(" | ".join(row)):
                    note_products.setdefault(a or b, []).extend(named)
            for draft in table_drafts:
                draft.notes = {
                    a or b
                    for c in draft.clauses
                    if c.block is block
                    for a, b in _NOTE_MARK.findall(c.text)
                }
            drafts += table_drafts
            seats += table_seats
            credits = [d for d in table_drafts if d.category == "funded_credit"]
            if len(credits) == 1 and splits is None:
                section_credit = credits[0]  # a note under the table ("* The funded work ...")
            continue
        # "... Microsoft's ECIF desk will confirm eligibility before the" | page break |
        # "purchase order is raised. Services must be delivered ...": one paragraph
        previous = carried if block.text[:1].islower() else None
        before_block = len(drafts)
        clauses = _sentence_clauses(document, block, block_mentions)
        for clause in clauses:
            if _INDIRECT_QUESTION.search(clause.text) or _REFUSED_STATUS.search(clause.text):
                continue  # asked or turned down in a negotiation: nothing is offered
            if unselected(block.text, clause.start):
                continue  # "[ ] Azure credits ...: AUD 5,000 (not selected)": not ordered
            if _WITHDRAWN_AFTER.match(clause.text):
                # "Offer v1 (12 February 2027): 6% off E5 for the full three years. Withdrawn by
                # Microsoft on 3 March and replaced by v2": history, not the offer
                for draft in drafts[before_block:]:
                    draft.flags.add("withdrawn")
                continue
            seats += _prose_seats(clause)
            if is_question(clause.text):
                continue  # "Can we use Lakemont Systems for the ECIF work?" offers nothing
            if note := _NOTE_START.match(clause.text):
                # "(2) Credits are activated on ...": the note the row "Azure credits | ... | See
                # (2)" points to; notes that run on in one paragraph ("(3) ... (4) ...") each
                # describe their own row
                marker = note.group("a") or note.group("b")
                pointed = [d for d in drafts if marker in d.notes]
                previous = pointed[0] if len(pointed) == 1 else None
            opened = _open_items(clause)
            if (
                block.kind == "list_item"
                and list_credit is not None
                and _FRAGMENT.match(block.text)
                and _programs_only_in_partner_terms(clause)
            ):
                # "Delivered by: a partner from Microsoft's Copilot Jumpstart roster": the
                # program names the kind of partner for the credit the bullets describe
                opened = []
            if note and (products := note_products.get(note.group("a") or note.group("b"))):
                for draft in opened:
                    if draft.category == "discount" and not draft.products:
                        draft.products = list(dict.fromkeys(products))
            if (
                previous is not None
                and previous.category == "funded_credit"
                and "in_lieu" in clause.cues()
                and all(d.category == "discount" for d in opened)
            ):
                # 'ECIF: USD 180,000 for ... Daniel's words: this is "instead of going deeper on
                # the discount" - they will not move past 9%.': the rate is the discount not given
                _absorb(previous, clause)
                continue
            if opened and block.kind == "list_item":
                list_credit = next((d for d in opened if d.category == "funded_credit"), None)
            if opened:
                drafts += opened
                # "X undertakes to grow Copilot ... The additional licences will be ordered ...":
                # what follows a promise to buy more is about the promise
                previous = next((d for d in opened if d.category == "commitment"), opened[0])
                credits = [d for d in opened if d.category == "funded_credit"]
                section_credit = credits[0] if credits else section_credit
            elif (
                previous is not None
                and _adds_conditions(clause)
                and _row_referenced(clause, drafts) in (None, previous)
            ):
                _absorb(previous, clause)
            elif (
                block.kind == "list_item"
                and list_credit is not None
                # a bullet with its own amount is its own item, unless it is the credit's value
                and (not clause.of("money") or _RECORD_FIELD.match(block.text))
                and _FRAGMENT.match(block.text)
                and (_adds_conditions(clause) or _RECORD_FIELD.match(block.text))
            ):
                # "ECIF - EUR 120,000" | "Use - Teams Phone migration" | "Claim deadline - 31
                # March 2028": bullet fragments under the credit's bullet describe it
                _absorb(list_credit, clause)
            elif (referenced := _row_referenced(clause, drafts)) is not None and _adds_conditions(
                clause
            ):
                # "The deployment voucher in row B is redeemable only with ..." in the notes;
                # the sentences after it go on about that voucher
                _absorb(referenced, clause)
                previous = referenced
            elif (
                previous is None
                and (holder := section_credit or _sole_credit(drafts, clause)) is not None
                # "Complete and claim by 30 June 2027": a record table's row that OCR flattened
                and (
                    _FUNDING_REFERENCE.search(clause.text)
                    or _RECORD_FIELD.match(clause.text)
                    or asked_of_credit
                )
                and _adds_conditions(clause)
            ):
                # "The funding must be drawn down by 31 March 2027." in the paragraph after
                # the offer: the deadline belongs to the credit the section is about, or, in a
                # later section, to the document's only credit (an approval letter's "4. Timeline
                # and claims")
                _absorb(holder, clause)
            elif previous is None and last_discount is not None and _THIS_PRICE.match(clause.text):
                # "E3 is priced at 7% below ERP." | "This price applies for the first twelve
                # months of the Enrollment": the next paragraph says how long
                _absorb(last_discount, clause)
        discounted = any(d.category == "discount" for d in drafts[before_block:])
        listed = not discounted and _LIST_PRICE.search(block.text)
        priced = _price_against_list(clauses) if listed else None
        if priced is not None:
            drafts.append(priced)
        opened_discounts = [d for d in drafts[before_block:] if d.category == "discount"]
        last_discount = opened_discounts[-1] if opened_discounts else None
        # "... it cannot be" | page break | "transferred to another provider. It must be
        # redeemed within six (6) months ...": a paragraph or note cut by the page
        runs_on = block.kind in ("paragraph", "list_item") and not re.search(
            r"[.!?:;)\"”]\s*$", block.text
        )
        carried = previous if runs_on else None
    credits = [d for d in drafts if d.category == "funded_credit"]
    for block in answers if len(credits) == 1 else []:
        for clause in _sentence_clauses(document, block, by_block.get(block.index, [])):
            if _adds_conditions(clause):
                _absorb(credits[0], clause)
    drafts = _split_credits(drafts, allocations)
    drafts = _instalments_joined(drafts)
    drafts = _ramp_commitment_restated(drafts)
    _correct_deadlines(drafts, document, by_block)
    seats += _plan_code_counts(document, seats)
    seats = [s for s in seats if not _dropped_later(s, document)]
    superseded = _superseded_from(document)
    if superseded is not None:
        # "It replaces the figures in my note of October 30 in full": the older messages quoted
        # below are history, not terms
        drafts = [d for d in drafts if d.age is None or d.age < superseded]
        seats = [s for s in seats if s.age is None or s.age < superseded]
    return seats, drafts


# "It replaces the figures in my note of October 30 in full", "this supersedes my earlier offer"
_REPLACES_EARLIER = re.compile(
    r"\b(?:replaces|supersedes)\s+(?:the\s+(?:figures|numbers|terms|offer|pricing)\s+in\s+)?"
    r"(?:my|our|the)\s+(?:earlier|previous|original|first|last)?\s*(?:note|e-?mail|message|offer|"
    r"proposal|quote)\b[^.]{0,60}?\b(?:in\s+full|entirely|in\s+its\s+entirety|completely)\b|"
    r"\b(?:replaces|supersedes)\s+(?:my|our|the)\s+(?:earlier|previous|original)\s+"
    r"(?:note|e-?mail|message|offer|proposal|quote)\b",
    re.IGNORECASE,
)


# Words that can only mean the credit itself, when a later section goes on about it
_CREDIT_ITSELF = re.compile(
    r"\b(?:the|this|any|unused|unspent) (?:funding|funds|credits?|vouchers?|investment|"
    r"contribution|work order)\b|\bfunded (?:activities|services|work|engagement)\b|"
    r"\b(?:the|all|any) approved (?:activities|work|services|amount)\b",
    re.IGNORECASE,
)


def _sentence_clauses(document: Document, block: Block, mentions: list[Mention]) -> list[Clause]:
    """The block's sentences, each with the mentions inside it."""
    return [
        Clause(
            document, block, start, end, [m for m in mentions if m.start >= start and m.end <= end]
        )
        for start, end in sentence_spans(block.text)
    ]


def _programs_only_in_partner_terms(clause: Clause) -> bool:
    partners = clause.of("partner")
    programs = clause.of("program")
    return bool(programs) and all(
        any(p.start < m.start and m.end <= p.end for p in partners) for m in programs
    )


def _sole_credit(drafts: list[Draft], clause: Clause) -> Draft | None:
    """The document's one credit so far, for a clause that speaks of it: every funded draft
    names the same program and at most one amount (they merge into one item later)."""
    if not _CREDIT_ITSELF.search(clause.text):
        return None
    credits = [d for d in drafts if d.category == "funded_credit"]
    programs = {d.program for d in credits}
    amounts = {d.amount for d in credits if d.amount is not None}
    if len(programs) != 1 or None in programs or len(amounts) > 1:
        return None
    return next((d for d in reversed(credits) if d.amount is not None), credits[-1])


def _splittable(credit: Draft | None) -> bool:
    return (
        credit is not None
        and credit.category == "funded_credit"
        and credit.program is not None
        and credit.amount is not None
    )


def _allocation_of(row: Draft, credit: Draft) -> bool:
    return (
        row.category == "funded_credit"
        and row.program == credit.program
        and row.amount is not None
        and credit.amount is not None
        and row.amount.currency == credit.amount.currency
    )


def _add_up_to(rows: list[Draft], credit: Draft) -> bool:
    """The rows' values sum to the credit's (same currency, to the unit)."""
    if credit.amount is None or any(
        r.amount is None or r.amount.currency != credit.amount.currency for r in rows
    ):
        return False
    total = sum(r.amount.amount for r in rows if r.amount is not None)
    return abs(total - credit.amount.amount) < 0.5


def _split_credits(drafts: list[Draft], allocations: dict[int, list[Draft]]) -> list[Draft]:
    """ "ECIF of CAD 210,000 for the group ... ring-fenced by entity as shown below" over rows of
    CAD 60,000, 90,000 and 60,000, each with its own scope, partner and deadline: the rows are
    the credits and the total is their sum, so it goes. A table that does not add up to the
    total leaves it standing."""
    out = []
    for draft in drafts:
        rows = allocations.get(id(draft), [])
        if len(rows) >= 2 and _add_up_to(rows, draft) and not all(map(_instalment, rows)):
            continue
        out.append(draft)
    return out


# "Tranche | Milestone that releases it | Target milestone date | Credit (USD)": a table of
# when one credit is paid, not of how it is shared out
_INSTALMENT_HEADER = re.compile(
    r"\b(?:tranches?|milestones?|instal+ments?|payments?|releases?|drawdowns?)\b", re.IGNORECASE
)


def _instalment(row: Draft) -> bool:
    """A credit's table row that is one of its payments: it sits in a payment schedule, or it
    has no scope, deadline or partner of its own (which would make it an allocation)."""
    block = row.clauses[0].block
    if block.kind != "table" or len({c.block.index for c in row.clauses}) != 1:
        return False
    if block.rows and _INSTALMENT_HEADER.search(" ".join(block.rows[0])):
        return True
    return not (row.scope or row.expires) and (
        row.partner is None or row.partner.requirement == "unstated"
    )


def _instalments_joined(drafts: list[Draft]) -> list[Draft]:
    """ "M1 | 18,000 | Microsoft (ECIF) | Acceptance of M1" and three more rows that add up to
    the "ECIF ... up to a maximum of USD 96,000" the SOW states: a payment schedule of one
    credit, not four credits. Rows with conditions of their own (scope, partner, deadline) are
    allocations and stay apart."""
    rows_by_table: dict[int, list[Draft]] = {}
    for draft in drafts:
        if draft.category == "funded_credit" and draft.amount is not None and _instalment(draft):
            rows_by_table.setdefault(draft.clauses[0].block.index, []).append(draft)
    joined: set[int] = set()
    for rows in rows_by_table.values():
        if len(rows) < 2 or len({r.program for r in rows}) != 1:
            continue
        whole = next(
            (
                d
                for d in drafts
                if d not in rows
                and d.category == "funded_credit"
                and d.program == rows[0].program
                and _add_up_to(rows, d)
            ),
            None,
        )
        if whole is None:
            continue
        for row in rows:
            whole.clauses += row.clauses
            whole.scope += [w for w in row.scope if w not in whole.scope]
            joined.add(id(row))
    return [d for d in drafts if id(d) not in joined]


def _superseded_from(document: Document) -> int | None:
    """The age from which a thread's messages are superseded by a newer one that replaces them
    in full (None when no message says so)."""
    for block in document.blocks:
        age = message_age(block)
        if age is not None and _REPLACES_EARLIER.search(block.text):
            return age + 1
    return None


_ROW_REF = re.compile(r"\b(?:row|line|item|ref\.?)\s+(?P<ref>[A-Z]?\d{1,3}|[A-Z])\b")


def _row_label(row: tuple[str, ...]) -> str | None:
    """ "B", "4", "F2": a short first cell labels the row for notes that refer to it."""
    label = row[0].strip() if row else ""
    numbered = re.match(r"(\d{1,3})[.)]\s", label)  # "5. PROMO: Microsoft 365 E5 ..."
    if numbered:
        return numbered.group(1)
    return label if 0 < len(label) <= 4 else None


def _row_referenced(clause: Clause, drafts: list[Draft]) -> Draft | None:
    for m in _ROW_REF.finditer(clause.text):
        ref = m.group("ref").lower()
        found = [
            d
            for d in drafts
            if d.row_ref
            and d.row_ref.lower() == ref
            and d.category in ("funded_credit", "entitlement", "discount")
        ]
        if len(found) == 1:
            return found[0]
    return None


_EXPIRING_ESTATE = re.compile(
    r"\b(?:current|existing|expiring|previous|old)\s+(?:Enterprise\s+Agreement|EA|agreement|"
    r"enrol?lment|estate|contract|licen[cs]es|subscriptions)\b[^.]{0,160}\b(?:expires|ends|expired|"
    r"runs\s+out|terminates|lapses)\b|"
    # "Shannonside today licenses Office 365 E3 for around 3,900 office-based staff"
    r"\b(?:today|currently|at\s+present|presently)\s+(?:licenses|licences|uses|has|holds|runs)\b",
    re.IGNORECASE,
)


def _prose_seats(clause: Clause) -> list[SeatDraft]:
    out = []
    products = clause.of("product")
    counts = [m for m in clause.of("count") if isinstance(m.value, Count)]
    revised = bool(_REVISED.search(clause.text))
    for count in counts:
        assert isinstance(count.value, Count)
        inside = next((p for p in products if count.start <= p.start < count.end), None)
        if count.label == "product_quantity" or inside is not None:
            # "1,900 Teams Phone Standard licences": the product named inside the count
            product = inside
        else:
            after = [p for p in products if p.start >= count.end and p.start - count.end < 60]
            before = [
                p
                for p in products
                if p.end <= count.start
                and (
                    count.start - p.end < 40
                    # "Microsoft 365 E3 for office-based staff and board members: 1,150 users"
                    or (
                        count.start - p.end < 90
                        and re.fullmatch(r"[^.;:]*:\s*", clause.block.text[p.end : count.start])
                    )
                )
            ]
            candidates = after or before[-1:]
            product = candidates[0] if candidates else None
        if product is None:
            continue
        if "commitment" in clause.cues():
            continue  # a promise to buy more is not today's seat count
        if _EXPIRING_ESTATE.search(clause.text):
            continue  # "Our current Enterprise Agreement (2,240 Office 365 E3 ...) expires"
        if revised and count is not counts[-1]:
            continue  # "revised from 4,000 to 3,600": the last number is the new quantity
        attached = count.label == "product_quantity"  # "2,500 Microsoft 365 E3", not nearby
        out.append(
            SeatDraft(
                product=str(product.value),
                quantity=count.value.value,
                priority=3 if revised else 1 if attached else 0,
                order=(clause.block.index, count.start),
                evidence=[clause.evidence()],
                age=message_age(clause.block),
            )
        )
    return out


def _money_outside(clause: Clause) -> list[Mention]:
    """Amounts a term could be worth: not unit prices, caps, or the "$0.00" of a line item that
    shows a voucher without charging for it."""
    return [
        m
        for m in clause.of("money")
        if m.label not in ("unit_price", "cap")
        and not (isinstance(m.value, Money) and m.value.amount == 0)
    ]


# "The Azure credits I mentioned have not been approved this quarter and are withdrawn from the
# offer": the program is no longer part of the deal (not "claimed within 180 days, after which
# it is withdrawn", a deadline)
_WITHDRAWN_OFFER = re.compile(
    r"\b(?:withdrawn\s+from\s+(?:the|this|my|our)\s+(?:offer|proposal|quote|quotation)|"
    r"(?:has|have)\s+not\s+been\s+approved|(?:is|are)\s+no\s+longer\s+(?:offered|available|"
    r"on\s+offer|part\s+of\s+(?:the|this|our)\s+(?:offer|proposal))|off\s+the\s+table|"
    r"please\s+disregard|(?:has|have)\s+been\s+(?:withdrawn|pulled|removed)\b|"
    # "Kestrel withdraws the Azure credits", "~~Azure credits £5,000~~ - withdrawn by Kestrel",
    # "the ECIF budget for this half is gone, so scratch the seventy-five K, it's not available"
    r"\b(?:withdraws|withdrew|pulls|pulled)\s+(?:the|its|their|our)\b|\bwithdrawn\s+by\b|"
    r"\bscratch\s+(?:the|that)\b|\b(?:it|that)(?:['’]s|\s+is)\s+not\s+available\b)",
    re.IGNORECASE,
)


_THIS_PRICE = re.compile(
    r"^\W*(?:this|the\s+(?:reduced|discounted|net))\s+(?:price|pricing|rate|discount|reduction|"
    r"concession)\b",
    re.IGNORECASE,
)


def _withdrawn(clause: Clause, programs: list[Mention], program: Mention) -> bool:
    """The withdrawal is said of this program: the one named last before the words ("the
    Azure credit has been pulled and the ECIF claim date has moved": only the Azure credit)."""
    return any(
        str(_governing_program(programs, m.start()).value) == str(program.value)
        for m in _WITHDRAWN_OFFER.finditer(clause.block.text, clause.start, clause.end)
    )


def _governing_program(programs: list[Mention], position: int) -> Mention:
    """The program a term written at ``position`` belongs to when a clause names several: the
    last one named before it, else the first one after."""
    before = [p for p in programs if p.start < position]
    after = [p for p in programs if p.start > position]
    return before[-1] if before else after[0] if after else programs[0]


def _open_items(clause: Clause) -> list[Draft]:
    cues = clause.cues()
    drafts: list[Draft] = []
    programs = [m for m in clause.of("program") if m.label != "negated"]
    pointed = {m.value for m in programs if _CROSS_REFERENCE.match(clause.block.text, m.end)}
    programs = [m for m in programs if m.value not in pointed]
    replaced = [p for p in programs if _FOREGONE.search(clause.block.text[clause.start : p.start])]
    if replaced and len({str(p.value) for p in programs}) > len({str(p.value) for p in replaced}):
        # "In place of the ECIF previously proposed, Microsoft will fund ... partner funding"
        programs = [p for p in programs if p not in replaced]
    discounts = [
        m
        for m in clause.of("percent")
        if m.label == "discount"
        and not _FOREGONE.search(clause.block.text[: m.start])
        and not _ASKED.search(clause.block.text[max(0, m.start - 40) : m.start])
        and not _REFUSED.search(clause.block.text[clause.start : m.start])
        and not _REFUSED_AFTER.match(clause.block.text[m.end : clause.end])
        and not _BUDGETED_AFTER.match(clause.block.text[m.end : clause.end])
        and not is_question(clause.text)  # "Can you get us to 14% on E3 and F3?"
        and _offered_rate(clause, m)
    ]
    if len(discounts) > 1 and _REVISED.search(clause.text):
        discounts = discounts[-1:]  # "reduced from 10% to 7%": the term is now 7%
    if (
        "liability_cap" in cues
        and all(generic_program(str(p.value)) for p in programs)
        and not discounts
    ):
        return []  # "Liability for the voucher-funded services is capped at CAD 500,000"
    programs = _one_program_per_amount(clause, programs)
    several = len({str(p.value) for p in programs}) > 1
    amounts = _money_by_program(clause, programs) if several else {}
    for program in _unique(programs):
        name = str(program.value)
        kind = program_kind(name)
        if (
            kind == "entitlement"
            and (_ELIGIBILITY_RULE.search(clause.text) or _ASKED_ABOUT.search(clause.text))
            and "engaged" not in cues
        ):
            continue  # "FastTrack is available for customers with 150 or more licenses": the rule
        category: Category = "entitlement" if kind == "entitlement" else "funded_credit"
        draft = Draft(category=category, program=name, rule_confidence=0.9)
        _absorb(draft, clause)
        if category == "funded_credit" and several:
            draft.scope = _nearest_scope(clause, programs, name)
            draft.amount = amounts.get(id(program)) or draft.amount
            if not _partner_is_near(clause, programs, name):
                # "a Customer Success Offer ... with any partner you like, plus NZD 120,000 of
                # ECIF": the partner term belongs to the offer it is written with
                draft.partner = None
        if _withdrawn(clause, programs, program):
            draft.flags.add("withdrawn")
        if "commitment" in cues:
            draft.scope = []  # "funding given on the understanding that X adds Copilot": the
            # product named is the purchase expected, not what the funding may be spent on
            promised = [m.start for m in clause.of("cue") if m.value == "commitment"]
            due = {d.text for d in clause.of("date") if _in_promise(clause, promised, d)}
            if draft.expires is not None and draft.expires.text in due:
                # "Condition of the partner funding - we add Teams Phone for 120 users by
                # 31/03/2028": the date is when the purchase is due, not the funding's deadline
                draft.expires = None
        drafts.append(draft)
    if not programs:
        money = _money_outside(clause)
        if (
            money
            and _FUNDING_WORDS.search(clause.text)
            and "interest" not in cues
            and not _BUDGET_ACTION.search(clause.text)
            # "our own estimate for the same work bought from the market is about GBP 210,000"
            and not re.search(r"\bestimat", clause.text, re.IGNORECASE)
            and not _SLA_CREDIT.search(clause.text)
            and not _PART_OF_CREDIT.search(clause.text)
        ):
            # "Microsoft will fund €70k of partner services": partner funding by description
            named = "Partner funding" if _PARTNER_SERVICES.search(clause.text) else None
            draft = Draft(category="funded_credit", program=named, rule_confidence=0.6)
            _absorb(draft, clause)
            drafts.append(draft)
    for percent in discounts:
        if any(d.category == "discount" and d.percent == percent.value for d in drafts):
            continue
        draft = Draft(category="discount", program=None, rule_confidence=0.85)
        draft.percent = float(percent.value)  # type: ignore[arg-type]
        _absorb(draft, clause)
        drafts.append(draft)
    if "commitment" in cues:
        draft = Draft(category="commitment", program=None, rule_confidence=0.8)
        _absorb(draft, clause)
        counts = [m for m in clause.of("count") if isinstance(m.value, Count)]
        more = [m for m in counts if _INCREMENT.search(clause.block.text[: m.start])]
        if more:
            draft.flags.add("increment")
        chosen = [m.value for m in (more or counts)[:1] if isinstance(m.value, Count)]
        draft.quantity = chosen[0].value if chosen else None
        grown = _GROWTH.search(clause.text)
        if not more and grown:  # "increasing Copilot from 60 to 300 seats": 240 more
            start, end = (int(grown.group(g).replace(",", "")) for g in ("a", "b"))
            if end > start:
                draft.quantity = end - start
                draft.flags.add("increment")
        drafts.append(draft)
        for other in drafts[:-1]:
            other.flags.add("exchange_for_commitment")
    return drafts


def _partner_is_near(clause: Clause, programs: list[Mention], name: str) -> bool:
    """Some partner mention of the clause belongs to this program ("an offer ... with any
    partner you like, plus ... ECIF": the offer's)."""
    partners = clause.of("partner")
    return not partners or any(
        str(_governing_program(programs, partner.start).value) == name for partner in partners
    )


def _nearest_scope(clause: Clause, programs: list[Mention], name: str) -> list[str]:
    """In "FastTrack will guide Exchange and Teams alongside the ECIF-funded work", the
    workloads belong to the program that governs them, not to every program in the clause."""
    scope = []
    for workload in clause.workloads():
        governing = _governing_program(programs, workload.start)
        if str(governing.value) == name and str(workload.value) not in scope:
            scope.append(str(workload.value))
    return scope


def _one_program_per_amount(clause: Clause, programs: list[Mention]) -> list[Mention]:
    """ "Microsoft-funded deployment voucher: AUD 38,000 (Migration and Deployment voucher)":
    two funded program names and one amount describe one credit, named by the program
    written nearest the amount."""
    funded = [p for p in programs if program_kind(str(p.value)) != "entitlement"]
    money = _money_outside(clause)
    # "EUR 7,500 (seven thousand five hundred euro)" is one amount written twice
    if len({str(p.value) for p in funded}) < 2 or len({str(m.value) for m in money}) != 1:
        return programs
    lead = clause.text.find(":")
    labelled = [p for p in funded if 0 <= lead < 60 and p.end <= clause.start + lead]
    if labelled:  # "Calder partner investment: Calder will contribute a services credit of ..."
        return [p for p in programs if p not in funded or p.value == labelled[0].value]
    nearest = min(funded, key=lambda p: min(_gap(p, m) for m in money))
    return [p for p in programs if p not in funded or str(p.value) == str(nearest.value)]


def _gap(a: Mention, b: Mention) -> int:
    """Characters between two mentions of one block, whichever comes first."""
    return min(abs(a.start - b.end), abs(b.start - a.end))


def _money_by_program(clause: Clause, programs: list[Mention]) -> dict[int, Money]:
    """ "ECIF of CAD 90,000 for the file shares, plus CAD 25,000 in Azure credits": each amount
    goes to the program it stands next to, the closest pairs first, one amount per program.
    Keyed by the program mention's id; empty when the clause has fewer than two amounts."""
    money = _money_outside(clause)
    if len(money) < 2:
        return {}
    pairs = sorted((_gap(p, m), i, j) for i, p in enumerate(programs) for j, m in enumerate(money))
    out: dict[int, Money] = {}
    taken_money: set[int] = set()
    for _, i, j in pairs:
        if id(programs[i]) in out or j in taken_money:
            continue
        value = money[j].value
        if isinstance(value, Money):
            out[id(programs[i])] = value
            taken_money.add(j)
    return out


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if str(m.value) not in seen:
            seen.add(str(m.value))
            out.append(m)
    return out


# "Final: 3,200 x Microsoft 365 E5", "1,100 licences": a cell that counts licences, not the
# devices or pilot users of a rollout table
_LICENCE_CELL = re.compile(
    r"\d\s*x\s+(?:Microsoft|Office|M365|O365)\b|\b\d[\d,]*\s+(?:seats?|licen[cs]es?)\b", re.I
)
_WITHDRAWN_AFTER = re.compile(
    r"^\W*(?:(?:it|this|that|the\s+offer|this\s+offer)\s+(?:was|is|has\s+been)\s+)?"
    r"(?:withdrawn|superseded|rescinded|retracted)\b",
    re.IGNORECASE,
)
_TOTAL_ROW = re.compile(r"^\W*(?:sub-?\s?total|grand\s+total|total)\b", re.IGNORECASE)
# "(2) Credits are activated on ...", "[3] ...": a note that rows point to with their marker
_NOTE_START = re.compile(r"^\s*(?:\((?P<a>\d{1,2})\)|\[(?P<b>\d{1,2})\])\s")
_NOTE_MARK = re.compile(r"\((\d{1,2})\)|\[(\d{1,2})\]")
# "Funded by", "Provided by", "Source of funds": who pays for an investments table's row
_FUNDER_HEADER = re.compile(
    r"\b(?:funded|provided|paid)\s+by\b|\bsource\s+of\s+funds\b|\bfunder\b", re.I
)


def _partner_funded_row(block: Block, row: tuple[str, ...], clause: Clause) -> list[Draft]:
    """ "INV-3 | Adoption and change management workshops | Maple Ridge IT Inc. (reseller) |
    12,000": a row of an investments table that the reseller pays for is partner funding."""
    header = block.rows[0]
    funder = next((c for c, cell in enumerate(header) if _FUNDER_HEADER.search(cell)), None)
    if funder is None or funder >= len(row):
        return []
    cell = row[funder].strip()
    paid_by_buyer = r"(?i)microsoft\b|included|n/?a\b|-|(?:the\s+)?(?:customer|client|buyer)\b"
    if not re.match(r"[A-Z]", cell) or re.match(paid_by_buyer, cell):
        return []
    draft = Draft(category="funded_credit", program="Partner funding", rule_confidence=0.8)
    _absorb(draft, clause)
    return [draft]


# The field names of a credit's record table: what a row adds to the credit it describes
# "Funding delivery | Kestrel Digital Ltd only": a record's field that says who delivers
_RECORD_PARTNER_FIELD = re.compile(
    r"^\W*(?:(?:funding|funded\s+(?:work|services)|services|work)\s+)?(?:delivery(?:\s+partner)?|"
    r"delivered\s+by|(?:delivery\s+|implementation\s+)?partner|supplier|provider|performed\s+by|"
    r"who\s+delivers)\W*$",
    re.IGNORECASE,
)


def _record_partner(credit: Draft, row: tuple[str, ...], document: Document) -> None:
    """A record's "Funding delivery | Kestrel Digital Ltd only" names the partner in a bare cell,
    with no "delivered by" for the partner patterns to find. Only a company the document writes
    with its legal form or a company noun counts, so "Delivery | Remote" names nobody."""
    if credit.partner is not None and credit.partner.requirement == "named":
        return
    if len(row) != 2 or not _RECORD_PARTNER_FIELD.match(row[0]):
        return
    if _PARTY_LIST.search(row[1]):
        return
    name = _party_in_cell(row[1], document, written_in_full=True)
    if name:
        credit.partner = Partner(name, "named")


# "What Microsoft provides | What you commit to", "Microsoft will | The Customer will"
_PARTY_COLUMN = re.compile(
    r"^\W*(?:what\s+(?:\w+\s+){1,2}(?:provides?|gives?|offers?|funds?|commits?\s+to|will\s+do|"
    r"does)|(?:\w+\s+){0,2}(?:will|provides?|commits?\s+to)|(?:\w+\s+)?(?:obligations|"
    r"responsibilities|commitments|contributions?))\W*$",
    re.IGNORECASE,
)


def _parallel_columns(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A table whose columns each say what one party gives: side by side, not a record."""
    return len(rows) > 1 and len(rows[0]) >= 2 and all(_PARTY_COLUMN.match(c) for c in rows[0])


_COUNT_FIELD = re.compile(
    r"^\W*(?:licen[cs]e\s+count|licen[cs]es|seats?|seat\s+count|quantity|qty|users|"
    r"number\s+of\s+(?:users|licen[cs]es|seats))\W*$",
    re.IGNORECASE,
)
_PRODUCT_FIELD = re.compile(
    r"^\W*(?:subscription|product|licen[cs]e|plan|offering|sku)\W*$", re.IGNORECASE
)


def _record_seat(
    block: Block, mentions: list[Mention], spans: list[tuple[int, int]], document: Document
) -> list[SeatDraft]:
    """ "Subscription | Microsoft Office 365 Gov E3" and "Licence count | 3,892" in one record:
    the count of the one product the record names."""
    named = [
        (str(m.value), (start, end))
        for m in mentions
        if m.kind == "product"
        for row, (start, end) in zip(block.rows, spans, strict=False)
        if len(row) == 2 and _PRODUCT_FIELD.match(row[0]) and start <= m.start < end
    ]
    products = {name for name, _ in named}
    if len(products) != 1:
        return []
    product_row = Clause(document, block, *named[0][1], [])
    for row, (start, end) in zip(block.rows, spans, strict=False):
        if len(row) == 2 and _COUNT_FIELD.match(row[0]):
            number = re.fullmatch(r"\s*(\d{1,3}(?:,\d{3})+|\d+)\s*", row[1])
            if number:
                clause = Clause(document, block, start, end, [])
                return [
                    SeatDraft(
                        product=products.pop(),
                        quantity=int(number.group(1).replace(",", "")),
                        priority=2,
                        order=(block.index, start),
                        evidence=[product_row.evidence(), clause.evidence()],
                    )
                ]
    return []


def _action_log(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A minutes' action list: a column of actions beside a column of owners."""
    header = [c.strip().lower() for c in rows[0]] if rows else []
    return any(re.fullmatch(r"(?:next\s+)?actions?(?:\s+items?)?", c) for c in header) and any(
        re.fullmatch(r"owners?|(?:responsible|assigned\s+to|who)", c) for c in header
    )


def _product_count_row(row: tuple[str, ...], clause: Clause) -> bool:
    """ "Microsoft 365 E5 | 1,450 users" in a term sheet's Term | Detail table: the field is the
    product and the detail its count, where "E5 pricing | 8% below list" is not."""
    if len(row) != 2:
        return False
    product = next((p for p in clause.of("product") if p.text in row[0]), None)
    if product is None or not re.fullmatch(
        re.escape(product.text) + r"\s*(?:\([^)]*\))?\s*", row[0]
    ):
        return False
    return bool(re.match(r"\s*(?:\d{1,3}(?:,\d{3})+|\d+)\s+(?![%$€£]|per\b)[A-Za-z]", row[1]))


_RECORD_FIELD = re.compile(
    r"^\W*(?:amount|value|funding|approved (?:amount|value)|scope|permitted use|use|purpose|"
    r"eligible (?:work|activities|use)|activities|workloads?|deadline|claim\w*|complete\w*|"
    r"expir\w*|valid\w*|use by|redeem\w*|deliver\w*|(?:delivery |implementation )?partner|"
    r"supplier|provider|conditions?|period)\b",
    re.IGNORECASE,
)


def _adds_conditions(clause: Clause) -> bool:
    cues = clause.cues()
    return (
        bool(
            {"expiry", "in_lieu", "first_year_only", "ramp_to_list", "engaged"} & cues
            or clause.workloads()
            or clause.of("partner")
            or (
                clause.of("date") and re.search(r"\b(fund|credit|voucher|claim)", clause.text, re.I)
            )
            or _years_covered(clause.text) is not None  # "applies to contract years one and two"
            or _DISCOUNT_REFERENCE.search(clause.text)
        )
        # "Delivery: X Pty Ltd - sole delivery partner | partner liability cap: 100% of fees":
        # a cap in another field of the line does not make the partner term a cap
        and ("liability_cap" not in cues or bool(clause.of("partner") and " | " in clause.text))
    )


# "our plan rolls out Intune ... from 11 January to 26 March 2027, and Copilot from 6 April to
# 31 August 2027": a rollout plan beside a credit names what is deployed, not what it may fund
_PLAN_RANGES = re.compile(
    r"\b(?:plan|schedule|timeline)\b[^.]{0,80}?\bfrom\s+\d{1,2}\s+[A-Z][a-z]+|"
    r"\bfrom\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\b[^.;]{0,30}?\bto\b"
    r"[^.]{0,120}?\bfrom\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\b"
)


_SCOPE_DROPPED = re.compile(
    r"\b(?:is|are)\s+(?:now\s+)?(?:gone|no\s+longer\s+(?:covered|included|funded|in\s+scope)|"
    r"(?:removed|dropped|taken\s+out)\s+(?:from|of)\s+(?:the\s+)?(?:scope|funding))\b|"
    # "the scope for Teams voice was removed"
    r"\bscope\s+for\s+[^.;]{1,40}?\s+(?:was|is|has\s+been)\s+(?:removed|dropped|taken\s+out|"
    r"excluded|not\s+approved)\b",
    re.IGNORECASE,
)
# "ECIF may only be used for the activities below.": the table that follows lists the scope
_ACTIVITIES_BELOW = re.compile(
    r"\b(?:may|can|must)\s+(?:only\s+)?be\s+(?:used|spent|applied)\s+(?:only\s+)?(?:for|on)\s+"
    r"the\s+(?:activities|workstreams|services|work(?:\s+packages)?)\s+(?:below|listed\s+below|"
    r"set\s+out\s+below|in\s+the\s+table\s+below)\b",
    re.IGNORECASE,
)


def _funding_use_questions(document: Document) -> set[int]:
    """The ages of a thread's or chat's messages that ask what the funding may be used for."""
    by_age: dict[int, list[Block]] = {}
    for block in document.blocks:
        if (age := message_age(block)) is not None:
            by_age.setdefault(age, []).append(block)
    return {
        age
        for age, blocks in by_age.items()
        if all(
            is_question(b.text)
            and _FUNDING_REFERENCE.search(b.text)
            and _USE_QUESTION.search(b.text)
            for b in blocks
        )
    }


_USE_QUESTION = re.compile(
    r"\b(?:used|spent|applied|use\s+it|cover|covers|what\s+for|which\s+(?:workloads|services|"
    r"work))\b",
    re.IGNORECASE,
)


def _activity_scope(credit: Draft, block: Block, mentions: list[Mention]) -> None:
    """The workloads of the activity table a credit's paragraph introduces (it may run on over
    a page break as a second table) are the credit's scope."""
    header_end = block.text.find("\n")
    for m in mentions:
        value = str(m.value)
        if m.kind == "workload" and m.start > header_end and value not in credit.scope:
            credit.scope.append(value)


def _outside_elaboration(clause: Clause) -> list[Mention]:
    """The clause's workloads, less those in brackets that spell out the one before them:
    "Copilot readiness (data access review, sensitivity labelling, pilot enablement)" is
    Copilot work, not a Purview deployment."""
    text = clause.block.text
    workloads = clause.workloads()
    out = []
    for w in workloads:
        inside = any(
            p.end <= w.start and re.fullmatch(r"[\w\s-]{0,20}\([^()]*", text[p.end : w.start])
            for p in workloads
            if p is not w
        )
        if not inside:
            out.append(w)
    return out


def _absorb(draft: Draft, clause: Clause) -> None:
    """Take the clause's values into the draft: the clause is more evidence of the same term."""
    draft.clauses.append(clause)
    cues = clause.cues()
    if draft.category in ("funded_credit", "entitlement") and draft.amount is None:
        money = _money_outside(clause)
        if money:
            draft.amount = money[0].value  # type: ignore[assignment]
            if money[0].label == "up_to":
                draft.flags.add("up_to")
    if (
        draft.category == "commitment"
        and draft.amount is None
        and re.search(r"\b(?:consume|spend)\b", clause.text, re.IGNORECASE)
        and (money := _money_outside(clause))
    ):
        # "commits to consume Azure services with a value of EUR 1,500,000": a spend commitment
        draft.amount = money[0].value  # type: ignore[assignment]
    unit_prices = [m for m in clause.of("money") if m.label == "unit_price"]
    if unit_prices and draft.unit_price is None:
        draft.unit_price = unit_prices[0].value  # type: ignore[assignment]
    for product in clause.of("product"):
        if str(product.value) not in draft.products:
            draft.products.append(str(product.value))
    if draft.category == "funded_credit" and _SCOPE_DROPPED.search(clause.text):
        # "The Copilot readiness workstream is no longer covered."
        draft.dropped |= {str(w.value) for w in clause.workloads()}
    elif draft.category == "funded_credit" and not _PLAN_RANGES.search(clause.text):
        for workload in _outside_elaboration(clause):
            if str(workload.value) not in draft.scope:
                draft.scope.append(str(workload.value))
    # Azure credits are consumed by the customer, so nobody "delivers" them: no partner terms.
    delivered = draft.program is None or partner_delivered(draft.program)
    if draft.category == "funded_credit" and delivered:
        partners = [m.value for m in clause.of("partner") if isinstance(m.value, Partner)]
        for partner in partners:
            draft.partner = _stronger_partner(draft.partner, partner)
        if draft.partner is None and _PARTNER_WORD.search(clause.text):
            draft.partner = Partner(None, "unstated")
    if draft.category == "commitment":
        # "by Q1 2028" is when the purchase is expected, not an expiry: kept as a condition.
        for date in clause.of("date"):
            if f"by {date.text}" not in draft.conditions:
                draft.conditions.append(f"by {date.text}")
    elif draft.category in ("funded_credit", "entitlement") and draft.expires is None:
        dates = [m for m in clause.of("date") if isinstance(m.value, DateValue)]
        # "within 120 days of the Effective Date (August 1st, 2027)": the resolved deadline,
        # not its anchor
        resolved = [
            m
            for m in dates
            if isinstance(m.value, DateValue) and m.value.relative and m.value.date is not None
        ]
        dates = resolved or dates
        # "provided that the Enrollment is countersigned no later than 30.06.2027": when the
        # deal must be signed, a condition of the offer, not when the credit runs out
        dates = [d for d in dates if not _SIGNING_BY.search(clause.block.text[: d.start])]
        # "by 30 April 2027, not 31 May 2027 as I wrote below": the date corrected away
        dates = [d for d in dates if not _NOT_BEFORE.search(clause.block.text[: d.start])]
        lead = clause.block.text[max(0, dates[-1].start - 30) : dates[-1].start] if dates else ""
        deadline = (
            "expiry" in cues
            or bool(_DEADLINE_BEFORE.search(lead) and not _RANGE_END.search(lead))
            # "... the funding must be used" | page break | "by the first anniversary of the
            # Effective Date": the deadline word is part of the date's own text
            or bool(
                dates
                and re.match(r"(?:by|before|no later than)\b", dates[-1].text, re.I)
                and clause.text.lstrip().startswith(dates[-1].text)
            )
            # "and the claim submitted, within 270 days of the Effective Date"
            or bool(
                draft.category == "funded_credit"
                and dates
                and _WITHIN.match(dates[-1].text)
                and _SPENT.search(clause.text)
            )
        )
        if dates and deadline and not _OFFER_VALIDITY.search(clause.text):
            value = dates[-1].value
            assert isinstance(value, DateValue)
            draft.expires = Expiry(date=value.date, text=dates[-1].text)
    if draft.category == "discount":
        durations = [m.value for m in clause.of("duration") if isinstance(m.value, Duration)]
        years = _years_covered(clause.text)
        if "first_year_only" in cues:
            draft.flags.add("first_year_only")
            draft.term_months = 12
        elif years is not None and draft.term_months is None:
            draft.term_months = 12 * years  # "in contract years one and two" -> 24 months
        elif durations and draft.term_months is None:
            draft.term_months = round(durations[0].months)
        if "ramp_to_list" in cues:
            draft.flags.add("ramp_to_list")
        if _FULL_TERM.search(clause.text) and not _AT_LIST.search(clause.text):
            draft.flags.add("full_term")  # not "F3 is quoted at list for the whole term"
    if "in_lieu" in cues and draft.category in ("funded_credit", "entitlement"):
        draft.flags.add("in_lieu_of_discount")
    if "engaged" in cues and draft.category == "entitlement":
        draft.flags.add("engaged")
    if "priced_onboarding" in cues and draft.category == "entitlement":
        draft.flags.add("priced")
    if "exchange" in cues and draft.category == "entitlement":
        draft.flags.add("traded")


_YEAR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4}
_YEARS_SPAN = re.compile(
    r"\b(?:contract |subscription |enrol?lment )?(?:years?|yrs?\.?) (?P<a>one|1) "
    r"(?:and|to|through|-|–|\+|&) (?:(?:years?|yrs?\.?) )?(?P<b>two|three|four|2|3|4)\b"
    r"(?! (?:and|,) (?:year|three|four|3|4))|"
    r"\bfirst (?P<n>two|three|2|3) (?:contract |subscription )?years\b|"
    r"\bfirst and (?P<second>second) (?:contract |subscription |enrol?lment )?years\b|"
    # "in each of Years 1, 2 and 3 of the term"
    r"\byears? (?:one|1),\s*(?:two|2),?\s+and\s+(?P<c>three|3)\b|"
    # "for the 2027-28 and 2028-29 school years"
    r"\b(?P<school>\d{4}[-–/]\d{2,4}\s+and\s+\d{4}[-–/]\d{2,4})\s+(?:school|academic|fiscal|"
    r"financial|contract)\s+years\b",
    re.IGNORECASE,
)


def _years_covered(text: str) -> int | None:
    m = _YEARS_SPAN.search(text)
    if m is None:
        return None
    if m.group("second") or m.group("school"):
        return 2
    return _YEAR_WORDS[(m.group("n") or m.group("b") or m.group("c")).lower()]


_PARTNER_RANK = {"named": 3, "approved": 2, "any": 1, "unstated": 0}


def _stronger_partner(old: Partner | None, new: Partner | None) -> Partner | None:
    """The most specific statement of who delivers: a name over a class over silence, and
    "Bluegum Digital Pty Ltd" over "Bluegum Digital"."""
    if old is None or new is None:
        return old or new
    if _PARTNER_RANK[new.requirement] != _PARTNER_RANK[old.requirement]:
        return new if _PARTNER_RANK[new.requirement] > _PARTNER_RANK[old.requirement] else old
    fuller = bool(
        new.name
        and old.name
        and len(new.name) > len(old.name)
        and new.name.lower().startswith(old.name.lower())
    )
    return new if fuller else old


def _table(
    document: Document,
    block: Block,
    mentions: list[Mention],
    splits: Draft | None = None,
    set_aside: frozenset[str] = frozenset(),
) -> tuple[list[Draft], list[SeatDraft]]:
    """Items and seat counts of a table, row by row. ``splits`` is the credit the paragraph
    before the table offers: a funding table's row that names no program of its own but has a
    value is a share of it ("Corvid Holdings Inc. | CAD 60,000 | Microsoft Purview | ...").
    ``set_aside`` names the option columns the document sets aside."""
    if _action_log(block.rows):
        return [], []  # "No. | Action | Owner | Due": tasks to settle terms, not terms
    table = layout(block.rows)
    credit_table = credit_columns(block.rows)
    yearly_columns = discount_columns(block.rows[table.header_row]) if table else []
    drafts: list[Draft] = []
    seats: list[SeatDraft] = []
    spans = row_offsets(block.text)
    commentary = _commentary_columns(block, set_aside)
    mentions = _outside_commentary(block, mentions, spans, commentary)
    # "Program | ECIF", "Amount | €95,000", "Complete and claim by | 30 June 2027": one credit
    # written as a record of fields and values, a row per field
    record = table is None and all(len(row) == 2 for row in block.rows)
    if record:
        seats += _record_seat(block, mentions, spans, document)
    price_columns = _list_and_offer_columns(block.rows[table.header_row]) if table else None
    ramp_drafts, ramp_seats, ramp_rows = _ramp_table(document, block, mentions, spans)
    drafts += ramp_drafts
    seats += ramp_seats
    units = list(zip(block.rows, spans, strict=False))
    if _parallel_columns(block.rows):
        table = None  # a row lower down that says "1,200 further users" is no licence header
        # "What Microsoft provides | What you commit to": each cell is a statement of its own
        units = [units[0]] + [
            ((row[c],), cell)
            for row, (start, end) in units[1:]
            for c, cell in enumerate(cell_offsets(block.text[start:end], start))
            if c < len(row)
        ]
    for row_index, (row, (start, end)) in enumerate(units):
        if row_index in ramp_rows:
            continue  # read as a line of the ramp, year by year
        if any(_turned_down(c) for i, c in enumerate(row) if i and i not in commentary):
            continue  # "Azure credits | For SCADA historian | Refused": asked for, not given
        if row and _TOTAL_ROW.match(row[0]):
            continue  # "Total funded investment | EUR 185,000": the sum of the rows above
        clause = Clause(
            document, block, start, end, [m for m in mentions if m.start >= start and m.end <= end]
        )
        if table is None or row_index <= table.header_row:
            if (
                table is None
                and row_index > 0
                and (
                    _LICENCE_CELL.search(clause.text)
                    or (record and _product_count_row(row, clause))
                )
            ):
                # "Seat baseline | Aisha | Done | Final: 3,200 x Microsoft 365 E5": a count
                # written in a cell of a table that has no licence columns
                seats += _prose_seats(clause)
            opened = _open_items(clause)
            if not opened and credit_table is not None and row_index > credit_table.header_row:
                opened = _partner_funded_row(block, row, clause)
                if not opened and splits is not None and _share(row, credit_table):
                    opened = [_share_of(splits, row, clause, credit_table)]
            if credit_table is not None and row_index > credit_table.header_row:
                _credit_cells(opened, row, clause, credit_table)
            for draft in opened:
                draft.row_ref = _row_label(row)
            credits = [d for d in drafts if d.category == "funded_credit"]
            if (
                not opened
                and len(credits) == 1
                and (
                    (_FUNDING_REFERENCE.search(clause.text) and _adds_conditions(clause))
                    or (record and _RECORD_FIELD.match(row[0]))
                )
            ):
                # "Delivery of funded services | Exclusively by Bluegum Professional Services"
                _absorb(credits[0], clause)
                if record:
                    _record_partner(credits[0], row, document)
            drafts += opened
            continue
        cells = cell_offsets(block.text[start:end], start)
        products = clause.of("product")
        product_col = table.columns.get("product", 0)
        service_line = False
        if product_col < len(cells):
            c0, c1 = cells[product_col]
            in_cell = [p for p in products if c0 <= p.start < c1]
            products = in_cell or products
            # "FastTrack onboarding assistance (remote), Business Premium tenant | 1": a service
            # line that names the licences it serves, not a seat count
            service_line = any(c0 <= m.start < c1 for m in clause.of("program")) or bool(
                _SERVICE_WORK.search(block.text, c0, c1)
            )
        quantity = _cell_number(row, table.columns.get("quantity"))
        if products and quantity and "commitment" not in clause.cues() and not service_line:
            cell = cells[product_col] if product_col < len(cells) else (start, end)
            for product in _bundled(block.text, cell, products):
                earlier = next(
                    (s for s in seats if s.product == product and s.order[0] == block.index), None
                )
                if earlier is not None and not _RAMP_ROW.search(" ".join(row) + " " + earlier.row):
                    # "Bundle A: Business Premium + Teams Phone | 46" and "Bundle B: Business
                    # Premium | 72": one product on two lines of one table is 118 seats
                    earlier.quantity += int(quantity)
                    earlier.evidence.append(clause.evidence())
                    continue
                seats.append(
                    SeatDraft(
                        product=product,
                        quantity=int(quantity),
                        priority=2,
                        order=(block.index, start),
                        evidence=[clause.evidence()],
                        unit_price=_unit_price(row, table),
                        term_months=_term(clause),
                        row=" ".join(row),
                    )
                )
        yearly = _yearly_discount(row, yearly_columns)
        if yearly is not None:
            percent_value, months = yearly
            draft = Draft(category="discount", program=None, rule_confidence=0.85)
            draft.percent = percent_value
            _absorb(draft, clause)
            draft.term_months = months
            if months == 12:
                draft.flags.add("first_year_only")
            drafts.append(draft)
            continue
        percent_col = table.columns.get("discount")
        discounts = [m for m in clause.of("percent")]
        rates: list[float] = []
        if percent_col is not None and percent_col < len(cells):
            c0, c1 = cells[percent_col]
            discounts = [m for m in discounts if c0 <= m.start < c1]
            if not discounts and percent_col < len(row):
                rates = _bare_percent(row[percent_col], block.rows[table.header_row], percent_col)
            if not discounts and not rates and product_col < len(cells):
                # "PROMO: Microsoft 365 E5 launch promotion, 10% of list" with the Disc % cell
                # empty: a promotion line states its rate in its description
                p0, p1 = cells[product_col]
                discounts = [
                    m for m in clause.of("percent") if p0 <= m.start < p1 and m.label == "discount"
                ]
        else:
            discounts = [m for m in discounts if m.label == "discount"]
        discounts = [m for m in discounts if _offered_rate(clause, m)]
        rates += [m.value for m in discounts if isinstance(m.value, float)]
        if percent_col is None and not rates and (implied := _net_below_list(row, price_columns)):
            rates = [implied]  # "ERP 12.00 | Proposed unit price 10.20 (2)": 15% below list
        years_of: dict[object, int | None] = {}
        for m in discounts:
            column = next((i for i, (a, b) in enumerate(cells) if a <= m.start < b), None)
            if column is not None:
                years_of[m.value] = _years_of_column(row, block.rows[table.header_row], column)
        for rate in rates:
            if rate <= 0:
                continue
            draft = Draft(category="discount", program=None, rule_confidence=0.85)
            draft.percent = rate
            _absorb(draft, clause)
            draft.term_months = draft.term_months or years_of.get(rate) or _term(clause)
            draft.row_ref = _row_label(row)
            drafts.append(draft)
        if clause.of("program") or "commitment" in clause.cues():
            # "E5 expectation | 500 users | Pricing assumes we move at least 500 users to E5"
            opened = [d for d in _open_items(clause) if d.category != "discount"]
            for draft in opened:
                if draft.category == "funded_credit" and draft.amount is None:
                    # "Deployment voucher | 1 | 12,000.00 | 0.00 | 0.00": the list value of a
                    # line the customer is not charged for is the voucher's face value
                    face = _face_value(row, table)
                    draft.amount = Money(face, table.currency) if face and table.currency else None
            drafts += opened
    _years_of_rate(drafts, block)
    return drafts, seats


def _ramp_table(
    document: Document, block: Block, mentions: list[Mention], spans: list[tuple[int, int]]
) -> tuple[list[Draft], list[SeatDraft], set[int]]:
    """Seats, commitments and discounts of a ramp table ("Line | Year 1 | Year 2 | Year 3"),
    and the rows it read. The seats are the Year 1 quantities; a line that grows in later
    years ("Microsoft 365 E5 - users | 1,800 | 2,400 | 3,000") is a commitment to buy the
    growth; a discount line ("reduction off list | 12% | 8% | none (list)") is one discount per
    run of years at one percent, covering those years only."""
    found = ramp_lines(block.rows)
    if found is None or _parallel_columns(block.rows):
        return [], [], set()
    ramp, lines = found
    years = len(ramp.years)
    indicative = _indicative_ramp(document, block)
    drafts: list[Draft] = []
    seats: list[SeatDraft] = []
    for line in lines:
        start, end = spans[line.row]
        clause = Clause(
            document, block, start, end, [m for m in mentions if m.start >= start and m.end <= end]
        )
        label = cell_offsets(block.text[start:end], start)[ramp.label]
        products = [str(m.value) for m in clause.of("product") if label[0] <= m.start < label[1]]
        if line.kind == "discount":
            drafts += _ramp_discounts(line, clause, products[:1], years)
            continue
        if not products:
            continue
        first, last = int(line.values[0]), int(line.values[-1])
        if first:
            seats.append(
                SeatDraft(
                    product=products[0],
                    quantity=first,
                    priority=2,
                    order=(block.index, start),
                    evidence=[clause.evidence()],
                    term_months=12 * years,
                    row=" ".join(block.rows[line.row]),
                )
            )
        if last > first and not indicative:
            commitment = Draft(category="commitment", program=None, rule_confidence=0.85)
            commitment.clauses.append(clause)
            commitment.quantity = last - first
            commitment.products = products[:1]
            commitment.flags.add("ramp")
            drafts.append(commitment)
    return drafts, seats, {line.row for line in lines}


def _ramp_discounts(line: RampLine, clause: Clause, products: list[str], years: int) -> list[Draft]:
    """ "12% | 8% | none (list)": 12% for twelve months and 8% for twelve; "5% | 5% | 5%": 5%
    for the whole ramp."""
    unit_prices = [m.value for m in clause.of("money") if isinstance(m.value, Money)]
    drafts = []
    for percent, covered in discount_runs(line.values):
        draft = Draft(category="discount", program=None, rule_confidence=0.85)
        draft.clauses.append(clause)
        draft.percent = percent
        draft.products = list(products)
        draft.term_months = 12 * covered
        # "reduction off list (list EUR 57.70 per user per month)": the price the percent is of
        draft.unit_price = unit_prices[0] if len(unit_prices) == 1 else None
        if covered == years:
            draft.flags.add("full_term")
        drafts.append(draft)
    return drafts


def _indicative_ramp(document: Document, block: Block) -> bool:
    """ "Year 2 and Year 3 quantities are indicative only": a forecast the customer does not
    commit to, read in the table and the note under it."""
    from ..nlp.vocabulary import cues

    near = [b.text for b in document.blocks if block.index <= b.index <= block.index + 1]
    return any(p.search(text) for p in cues()["indicative_quantities"] for text in near)


def _ramp_commitment_restated(drafts: list[Draft]) -> list[Draft]:
    """The prose around a ramp table restates the commitments its lines already are: "Year 2
    and Year 3 quantities are firm ramp quantities. Vanterra commits to order them" under the
    table, "the Customer agrees to increase Microsoft 365 E5 to 900 seats on 1 August 2027 and
    to 1,200 seats on 1 August 2028" beside it. That wording is evidence of the ramp's
    commitment on the product, not a commitment of its own (the table states the growth)."""
    ramps = [d for d in drafts if "ramp" in d.flags]
    if not ramps:
        return drafts
    tables = {c.block.index for d in ramps for c in d.clauses}
    out = []
    for draft in drafts:
        if draft.category != "commitment" or "ramp" in draft.flags or draft.amount is not None:
            out.append(draft)
            continue
        same_document = [
            r for r in ramps if r.clauses[0].document.name == draft.clauses[0].document.name
        ]
        restated = [r for r in same_document if set(r.products) & set(draft.products)]
        if not draft.products and draft.quantity is None:
            near = any(0 < c.block.index - t <= 2 for c in draft.clauses for t in tables)
            restated = same_document if near else []
        for ramp in restated:
            ramp.clauses += [c for c in draft.clauses if c not in ramp.clauses]
        if not restated:
            out.append(draft)
    return out


_ROW_YEAR = re.compile(r"\b(?:year|yr)\.?\s*(?P<n>[1-5])\b", re.IGNORECASE)


# "Our price Y1", "Our price Y2-Y3", "Years 2 and 3": a column for some years of the term
_YEAR_SPAN = re.compile(
    r"\b(?:y|yr|years?)\s?(?P<a>[1-9])(?:\s*(?:-|–|to|and|&)\s*(?:y|yr|years?)?\s?(?P<b>[1-9]))?\b",
    re.IGNORECASE,
)


def _years_of_column(row: tuple[str, ...], header: tuple[str, ...], column: int) -> int | None:
    """Months a rate covers when it stands in a column for the first years only and the column
    for the years after it shows none: "17.01 (6% off)" under "Our price Y1" beside "Kestrel
    price at each renewal (no discount agreed)" under "Our price Y2-Y3" is 12 months."""
    own = _YEAR_SPAN.search(header[column]) if column < len(header) else None
    if own is None or own.group("a") != "1":
        return None
    last = int(own.group("b") or 1)
    for other, cell in enumerate(header):
        later = _YEAR_SPAN.search(cell) if other != column else None
        if later is not None and int(later.group("a")) == last + 1:
            text = row[other] if other < len(row) else ""
            return None if "%" in text else 12 * last
    return None


def _years_of_rate(drafts: list[Draft], block: Block) -> None:
    """ "E5 | Ramp Year 1 | 14%" and "E5 | Ramp Year 2 | 14%": one rate on the rows of two
    years covers 24 months; the row that says "Year 1" is not a first-year-only offer."""
    groups: dict[tuple[float | None, tuple[str, ...]], list[tuple[Draft, str]]] = {}
    for draft in drafts:
        if draft.category != "discount":
            continue
        rows = [c.text for c in draft.clauses if c.block is block]
        years = {m.group("n") for text in rows for m in _ROW_YEAR.finditer(text)}
        if len(years) == 1:
            key = (draft.percent, tuple(draft.products))
            groups.setdefault(key, []).append((draft, years.pop()))
    for members in groups.values():
        years = {year for _, year in members}
        if len(years) < 2:
            continue
        for draft, _ in members:
            draft.term_months = 12 * len(years)
            draft.flags.discard("first_year_only")


def _face_value(row: tuple[str, ...], table: TableLayout) -> float | None:
    """The largest money cell of a funded line outside its quantity column."""
    quantity = table.columns.get("quantity")
    values = [
        v for c, cell in enumerate(row) if c != quantity and (v := _money_cell(cell)) is not None
    ]
    return max(values) if values and max(values) >= 100 else None


def _bare_percent(cell: str, header: tuple[str, ...], column: int) -> list[float]:
    """ "6" under "Disc %": the header carries the percent sign the cells leave out."""
    title = header[column] if column < len(header) else ""
    if "%" not in title and "percent" not in title.lower():
        return []
    if not re.fullmatch(r"\s*\d{1,2}(?:\.\d+)?\s*", cell):
        return []
    value = float(cell)
    return [value] if 0 < value < 100 else []


# "Refused, list price", "Declined": the outcome column of a negotiation summary
_REFUSED_CELL = re.compile(
    r"\W*(?:refused|declined|rejected|not agreed|not offered|withdrawn|not included)\b",
    re.IGNORECASE,
)


def _turned_down(cell: str) -> bool:
    """ "Refused", "Declined.": the ask is turned down and the cell says nothing else. "Declined.
    The ECIF remains linked to the Copilot estate growing from 400 to at least 650 users" goes on
    to state the term that stands."""
    refused = _REFUSED_CELL.match(cell)
    if refused is None:
        return False
    rest = re.split(r"[.;:]\s+", cell[refused.end() :], maxsplit=1)
    return len(rest) < 2 or not rest[1].strip()


# "**Refused** by Microsoft at 10%.", "STW asked for Azure credits ... - **refused**": the
# minutes of a negotiation record what was asked and turned down
_REFUSED_STATUS = re.compile(
    r"^\W*(?:refused|declined|rejected|not agreed)\b|"
    # "Your ask for $100K of ECIF ...: declined on our side", "Our ask that X commit to ...: you
    # declined, and that's off the table"
    r"\b(?:asked|asks?|requested|requests?)\s+(?:for|that)\b[^.;]*\b(?:refused|declined|"
    r"rejected|turned down|off the table)\b",
    re.IGNORECASE,
)
# "below the 8% STW budgeted": the buyer's budget figure, not an offered rate
_BUDGETED_AFTER = re.compile(r"^\s*(?:[\w&-]+\s+){0,2}(?:budgeted|budgets|had budgeted)\b", re.I)
# "Ben asked whether STW would commit to 200 Microsoft 365 Copilot licences": a question
_INDIRECT_QUESTION = re.compile(
    r"\b(?:asked|asks|wondered|enquired|inquired)\s+(?:\w+\s+){0,2}(?:whether|if)\b", re.IGNORECASE
)
# "Sourcing comment", "Our view", "Remarks": the buyer's column beside the vendor's offer
_COMMENTARY_HEADER = re.compile(
    r"\b(comments?|commentary|remarks|our (view|assessment|position)|assessment|internal notes?|"
    r"(?:[A-Z]{2,6}|customer|client|buyer|our) (?:ask|asks|request|requests|position))\b|"
    # "12 May 2027 offer (withdrawn) | BAFO (this letter)": the old figures, for comparison
    r"\b(?:withdrawn|superseded|replaced)\b|\b(?:previous|earlier|original|prior|old)\s+"
    r"(?:offer|quote|proposal|pricing|figures?|terms)\b|^\s*(?:was|previously)\s*$",
    re.IGNORECASE,
)


# "Option A is shown for comparison only and will lapse when Option B is signed"
_OPTION_SET_ASIDE = re.compile(
    r"\b(?P<option>Option\s+[A-Z1-9])\b[^.;]{0,40}?\b(?:is|are)\s+(?:shown\s+)?(?:for\s+"
    r"comparison(?:\s+only)?|not\s+recommended|rejected|declined|withdrawn|no\s+longer\s+"
    r"(?:available|offered))\b",
    re.IGNORECASE,
)


def _option_key(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip()).lower()


def _set_aside_options(document: Document) -> frozenset[str]:
    """The options of a decision paper that the paper sets aside, by their column label."""
    return frozenset(
        _option_key(m.group("option"))
        for block in document.blocks
        for m in _OPTION_SET_ASIDE.finditer(block.text)
    )


def without_set_aside_cues(document: Document, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions less the cues written in an option the paper sets aside: Option A's
    "Monthly licence usage and adoption reports" is no adoption data when Option B is signed."""
    set_aside = _set_aside_options(document)
    if not set_aside:
        return list(mentions)
    dropped: set[int] = set()
    for block in document.blocks:
        columns = _option_columns(block, set_aside) if block.kind == "table" else set()
        if not columns or len(columns) == len(block.rows[0]):
            continue
        cues = [m for m in mentions if m.block == block.index and m.kind == "cue"]
        kept = {id(m) for m in _outside_commentary(block, cues, row_offsets(block.text), columns)}
        dropped |= {id(m) for m in cues if id(m) not in kept}
    return [m for m in mentions if id(m) not in dropped]


def _option_columns(block: Block, set_aside: frozenset[str]) -> set[int]:
    """The table's columns headed by an option the document sets aside."""
    header = block.rows[0] if block.rows else ()
    return {c for c, cell in enumerate(header) if _option_key(cell) in set_aside}


def _commentary_columns(block: Block, set_aside: frozenset[str] = frozenset()) -> set[int]:
    header = block.rows[0] if block.rows else ()
    columns = {
        c for c, cell in enumerate(header) if _COMMENTARY_HEADER.search(cell)
    } | _option_columns(block, set_aside)
    return set() if len(columns) == len(header) else columns


def _outside_commentary(
    block: Block, mentions: list[Mention], spans: list[tuple[int, int]], columns: set[int]
) -> list[Mention]:
    """The mentions of a table outside its commentary columns ("Well below our 12% target")."""
    if not columns:
        return mentions
    blocked: list[tuple[int, int]] = []
    for start, end in spans[1:]:
        cells = cell_offsets(block.text[start:end], start)
        blocked += [cells[c] for c in columns if c < len(cells)]
    return [m for m in mentions if not any(a <= m.start < b for a, b in blocked)]


def _yearly_discount(
    row: tuple[str, ...], columns: list[tuple[int, int | None]]
) -> tuple[float, int | None] | None:
    """(percent, months covered) from per-year discount columns; None when the grid has none.

    Months covered is None when every year carries the discount (the full term)."""
    years = sorted((year, col) for col, year in columns if year is not None)
    if len(years) < 2:
        return None
    values = []
    for _, col in years:
        cell = row[col] if col < len(row) else ""
        number = parse_number(cell.replace("%", "").strip()) if cell.strip() else None
        values.append(number or 0.0)
    if not values[0] or values[0] > 100:
        return None
    covered = next((i for i, v in enumerate(values) if v != values[0]), len(values))
    return values[0], (None if covered == len(values) else 12 * covered)


def _share(row: tuple[str, ...], columns: CreditColumns) -> bool:
    """The row has its own value in the table's value column."""
    return (
        columns.amount is not None
        and columns.amount < len(row)
        and bool(_money_cell(row[columns.amount]))
    )


def _share_of(credit: Draft, row: tuple[str, ...], clause: Clause, columns: CreditColumns) -> Draft:
    """A row's share of the credit; its partner is what the partner column says, since the
    other cells name the entity the share is for ("Corvid Holdings Inc. | CAD 60,000 | ...")."""
    share = Draft(category="funded_credit", program=credit.program, rule_confidence=0.8)
    _absorb(share, clause)
    if columns.partner is not None and columns.partner < len(row):
        terms = [f.value for f in find_partners(row[columns.partner])]
        share.partner = next((p for p in terms if isinstance(p, Partner)), None)
    return share


def _credit_cells(
    drafts: list[Draft], row: tuple[str, ...], clause: Clause, columns: CreditColumns
) -> None:
    """Fill a funded item's value and deadline from its row's value and "use by" cells."""
    for draft in drafts:
        if draft.category != "funded_credit":
            continue
        if draft.amount is None and columns.amount is not None and columns.amount < len(row):
            number = _money_cell(row[columns.amount])
            if number:
                draft.amount = Money(number, columns.currency or "USD")
        named = draft.partner is not None and draft.partner.requirement == "named"
        delivered = draft.program is None or partner_delivered(draft.program)
        if delivered and not named and columns.partner is not None and columns.partner < len(row):
            if _PARTY_LIST.search(row[columns.partner]):
                # "Spinifex Digital Pty Ltd / Karri Consulting Group / Banksia Cloud Partners": a
                # closed list of firms is an approved list, not one named partner
                if draft.partner is None or draft.partner.requirement in ("unstated", "any"):
                    draft.partner = Partner(None, "approved")
                continue
            name = _party_in_cell(row[columns.partner], clause.document)
            if name:
                draft.partner = Partner(name, "named")
        if draft.expires is None and columns.expiry is not None and columns.expiry < len(row):
            cell = row[columns.expiry]
            dates = [
                m
                for m in clause.of("date")
                if isinstance(m.value, DateValue) and m.value.date is not None and m.text in cell
            ]
            if dates:
                value = dates[0].value
                assert isinstance(value, DateValue)
                draft.expires = Expiry(date=value.date, text=dates[0].text)


# "Partner - see 4.2", "A partner of Corvid Retail's choosing": a role, not a name
_CELL_PARTY = re.compile(
    r"^(?!(?:Microsoft|Customer|Client|TBC|TBD|Any|Partner|Reseller|Supplier|Vendor|Provider|"
    r"Contractor|The|A|An|Our|Your)\b)[A-Z][\w&'-]+"
)
_COMPANY_WORD = (
    r"(?:Solutions|Technologies|Technology|Consulting|Services|Group|Partners|Digital|Systems|"
    r"Associates|Advisory|Networks|Computing)"
)
_LEGAL_NAME = (
    r"(?:\s+(?:[A-Z][\w&'-]*|&))*?,?\s+(?:(?:Inc|Corp)\b\.?|"
    r"(?:Pty\.? Ltd|Ltd|Limited|LLC|GmbH|plc|LLP|AG)\b)"
)


_PARTY_LIST = re.compile(
    r"[A-Z][\w&'-]+[^/;]*\s(?:/|;|or)\s+[A-Z][\w&'-]+[^/;]*\s(?:/|;|or)\s+[A-Z]"
)
_PLACEHOLDER = re.compile(
    r"\b(?:to\s+be\s+(?:agreed|confirmed|selected|determined|nominated|named|chosen)|TBC|TBD|TBA|"
    r"not\s+yet\s+(?:selected|agreed|named|chosen)|n/a)\b",
    re.IGNORECASE,
)


# "See (3)", "ECIF-approved partner (1)": a pointer to a note or a kind of partner, not a name
_NOT_A_PARTY = re.compile(
    r"^\s*(?:see|refer|as per|per|none|not applicable)\b|"
    r"\b(?:approved|certified|eligible|qualified|designated)\b",
    re.IGNORECASE,
)


def _party_in_cell(cell: str, document: Document, *, written_in_full: bool = False) -> str | None:
    """ "Bluewater engineers (Brisbane)" in a "Delivered by" column: the company is the one
    the document names in full elsewhere ("Bluewater Technology Solutions Pty Ltd"). With
    ``written_in_full`` only such a full name counts, not the cell's own capitalised words."""
    if _PLACEHOLDER.search(cell) or _NOT_A_PARTY.search(cell):
        return None  # "Partner to be agreed": nobody is named yet
    first = _CELL_PARTY.match(cell.strip())
    if first is None:
        return None
    word = first.group()
    full = _full_company(word, document)
    if full or written_in_full:
        return full
    rest = re.match(rf"{re.escape(word)}(?:\s+[A-Z][\w&'-]*)*", cell.strip())
    return rest.group() if rest else word


def _full_company(
    word: str, document: Document, keep: Callable[[str], bool] = lambda name: True
) -> str | None:
    """The longest company name the document writes starting with ``word`` (and that ``keep``
    accepts): its legal name ("Nordlicht IT-Systemhaus GmbH") or, failing that, a name ending
    in a company noun ("Account Manager, Bluewater Technology Solutions")."""
    first = re.escape(word)
    legal = re.compile(rf"\b{first}{_LEGAL_NAME}")
    named = re.compile(rf"\b{first}(?: +[A-Z][\w&'-]*)* +{_COMPANY_WORD}\b")
    for pattern in (legal, named):
        names = [
            m.group() for b in document.blocks for m in pattern.finditer(b.text) if keep(m.group())
        ]
        if names:
            return max(names, key=len)
    return None


def _money_cell(cell: str) -> float | None:
    """ "6,500.00 (funded)", "AUD 6,500": a figure; a sentence with a date in it is not one."""
    bare = re.sub(r"\([^)]*\)", "", cell)
    bare = re.sub(r"\b[A-Z]{3}\b|[A-Z]{0,2}\$|[€£¥]", "", bare).strip()
    if not re.fullmatch(r"\d[\d,]*(\.\d+)?", bare):
        return None
    return parse_number(bare.replace(",", ""))


# "Microsoft ERP (CAD/user/mo) | Current unit price | Proposed unit price": the list price and
# the price on offer, side by side, with the concession written nowhere else
_LIST_HEADER = re.compile(
    r"\b(?:list|ERP|estimated\s+retail|retail|MSRP|RRP)\b(?!.*\b(?:proposed|net|your)\b)",
    re.IGNORECASE,
)
_OFFER_HEADER = re.compile(
    r"\b(?:proposed|net|your|offer(?:ed)?|new|renewal)\s+(?:unit\s+)?(?:price|rate)\b",
    re.IGNORECASE,
)


def _list_and_offer_columns(header: tuple[str, ...]) -> tuple[int, int] | None:
    lists = [c for c, cell in enumerate(header) if _LIST_HEADER.search(cell)]
    offers = [c for c, cell in enumerate(header) if _OFFER_HEADER.search(cell)]
    if len(lists) != 1 or len(offers) != 1 or lists[0] == offers[0]:
        return None
    return lists[0], offers[0]


def _net_below_list(row: tuple[str, ...], columns: tuple[int, int] | None) -> float | None:
    """The percent the offered price sits below list, when it is a round rate (15.0, 12.5);
    an odd figure is a price change, not a stated concession."""
    if columns is None or max(columns) >= len(row):
        return None
    prices = [_price_cell(row[c]) for c in columns]
    if prices[0] is None or prices[1] is None:
        return None
    return _round_rate(prices[0], prices[1])


def _round_rate(listed: float, offered: float) -> float | None:
    if not 0 < offered < listed:
        return None
    percent = (1 - offered / listed) * 100
    rounded = round(percent * 2) / 2
    return rounded if abs(percent - rounded) <= 0.15 and 1 <= rounded <= 60 else None


# "Microsoft's list price for E3 goes to CAD 50.00 per user per month on July 1st (CAD 600.00 a
# year). The CAD 528.00 you see is the price Microsoft approved for Northshore ...": a
# concession written only as a price against the list price
_LIST_PRICE = re.compile(r"\blist\s+price\b", re.IGNORECASE)
_OFFERED_PRICE = re.compile(
    r"\b(?:is|as)\s+(?:the|your|our)\s+(?:net\s+|approved\s+|agreed\s+|special\s+)?price\b|"
    r"\bprice\s+(?:(?:that\s+)?Microsoft|we|they)\s+(?:has\s+|have\s+)?(?:approved|agreed)\b",
    re.IGNORECASE,
)


def _price_against_list(clauses: list[Clause]) -> Draft | None:
    """A discount from a block that states a product's list price in one sentence and, in a
    later one, the lower price offered for it, when the two make a round rate."""
    for i, listed in enumerate(clauses):
        products = listed.of("product")  # "the list price for E3": a short name may not count
        if not _LIST_PRICE.search(listed.text):
            continue
        for offer in clauses[i + 1 :]:
            if not _OFFERED_PRICE.search(offer.text):
                continue
            for price in (m.value for m in offer.of("money") if isinstance(m.value, Money)):
                for base in (m.value for m in listed.of("money") if isinstance(m.value, Money)):
                    rate = (
                        _round_rate(base.amount, price.amount)
                        if base.currency == price.currency
                        else None
                    )
                    if rate is None:
                        continue
                    draft = Draft(category="discount", program=None, rule_confidence=0.7)
                    draft.percent = rate
                    _absorb(draft, listed)
                    _absorb(draft, offer)
                    draft.products = [str(products[0].value)] if products else []
                    draft.term_months = _term(offer)
                    return draft
    return None


def _price_cell(cell: str) -> float | None:
    """ "10.20 (2)", "AUD 33.48": a unit price with its note mark or currency."""
    bare = re.sub(r"\([^)]*\)|\b[A-Z]{3}\b|[$€£]", "", cell).strip()
    if not re.fullmatch(r"\d[\d,]*\.\d{2}", bare):
        return None
    return float(bare.replace(",", ""))


def _cell_number(row: tuple[str, ...], column: int | None) -> float | None:
    if column is None or column >= len(row):
        return None
    cell = row[column].split("(")[0]
    words = parse_number(cell)  # "three hundred and fifty"
    if words is not None and re.search(r"[a-z]", cell):
        return words if words.is_integer() else None
    if not re.fullmatch(r"\s*[\d][\d,.]*\s*([A-Za-z]+)?\s*", cell):
        return None  # "Microsoft 365 E5" is not a quantity of 3,655
    text = re.sub(r"[^\d,.]", "", cell)
    value = parse_number(text) if text else None
    return value if value and value.is_integer() else None


def _unit_price(row: tuple[str, ...], table: object) -> Money | None:
    from .tables import TableLayout

    assert isinstance(table, TableLayout)
    column = table.columns.get("unit_price")
    if column is None or column >= len(row):
        return None
    text = re.sub(r"[^\d.,]", "", row[column])
    value = parse_number(text.replace(",", "")) if text else None
    if value is None:
        return None
    monthly = value / 12 if table.per_year else value
    return Money(round(monthly, 4), table.currency or "USD")


def _term(clause: Clause) -> int | None:
    durations = [m.value for m in clause.of("duration") if isinstance(m.value, Duration)]
    return round(durations[0].months) if durations else None


# --------------------------------------------------------------------------- finishing


# "Use - Teams Phone migration ...", "Claim deadline - 31 March 2028", "Delivered by one of two
# ECIF-approved partners": a slide's bullet fragment, a label and its value, not a sentence
_FRAGMENT = re.compile(
    r"\s*(?:[A-Z][\w/&-]*(?: [\w/&-]+){0,3}(?:\s+[-–—:]|:)\s|"
    r"(?:Delivered|Performed|Redeem\w*|Claim\w*|Use|Valid|Expir\w*|Scope|Partner)\b)"
)
# "Subject: RE: A3 renewal - updated offer (Copilot voucher)": an e-mail's title, like a heading
_SUBJECT_LINE = re.compile(r"\s*Subject\s*:", re.IGNORECASE)


_TAKEN_BACK = re.compile(
    r"\b(?:cannot|can't|can ?not|am unable to|are unable to|is unable to|not able to|won't be able "
    r"to)\s+(?:offer|give|provide|hold|keep|honou?r|extend)\s+(?:you\s+)?(?:the\s+)?"
    r"(?P<rate>\d+(?:\.\d+)?)\s?%",
    re.IGNORECASE,
)


def _rate_taken_back(draft: Draft) -> bool:
    """ "I am afraid I cannot offer the 6% on Teams Premium after all" in a later message of
    the thread: the rate an earlier message offered is no longer part of the deal."""
    if draft.percent is None or draft.age is None:
        return False
    return any(
        float(m.group("rate")) == draft.percent
        for b in _newer_blocks(draft.clauses[0].document, draft.age)
        for m in _TAKEN_BACK.finditer(b.text)
    )


def _credit_taken_back(draft: Draft) -> bool:
    """ "sorry Mel - scratch the azure credits, ... that one's off" in a later message of a
    chat or thread: the credit an earlier message offered is no longer part of the deal."""
    if draft.category != "funded_credit" or draft.program is None or draft.age is None:
        return False
    names = "|".join(re.escape(a) for a in program_aliases(draft.program))
    taken_back = re.compile(
        rf"\b(?:scratch|drop|forget|pull|withdraw|remove|take\s+out)\s+(?:the\s+)?(?:{names})\b|"
        rf"\b(?:{names})\s+(?:is|are|has\s+been|have\s+been)\s+(?:off|withdrawn|pulled|gone|"
        r"no\s+longer\s+available)\b",
        re.IGNORECASE,
    )
    ages = [a for c in draft.clauses if (a := message_age(c.block)) is not None]
    offered = max(ages, default=draft.age)  # the withdrawal may have merged into the item
    document = draft.clauses[0].document
    return any(taken_back.search(b.text) for b in _newer_blocks(document, offered))


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One real-world term is one item: the same discount in the text and a table note merges."""
    merged: list[Draft] = []
    deferring = _deferring_documents(drafts)
    for draft in drafts:
        twin = next((m for m in merged if _same_term(m, draft, deferring)), None)
        if twin is None:
            merged.append(draft)
            continue
        newer, older = _newer(draft, twin), _newer(twin, draft)  # before the clauses join
        if _approximate(twin, deferring) and not _approximate(draft, deferring):
            # "c. £85k of deployment funding" in the cover letter, "£84,500" in the appendix
            # that "governs where this letter rounds": the exact figure and its terms stand
            twin.program = draft.program or twin.program
            twin.partner = _stronger_partner(twin.partner, draft.partner)
            twin.amount = draft.amount or twin.amount
            twin.percent = draft.percent or twin.percent
            twin.expires = draft.expires
            twin.term_months = draft.term_months or twin.term_months
            twin.scope = list(draft.scope) or twin.scope
        for clause in draft.clauses:
            if all(c.text.strip() != clause.text.strip() for c in twin.clauses):
                twin.clauses.append(clause)
        if "increment" in draft.flags - twin.flags or not twin.quantity:
            twin.quantity = draft.quantity  # "the additional 1,000 seats" over a target total
        if older:  # the twin is the later message: the earlier one only fills what it leaves open
            stated = twin.partner is not None and twin.partner.requirement != "unstated"
            draft = replace(
                draft,
                partner=None if stated else draft.partner,
                flags=draft.flags - {"full_term"} if twin.term_months else draft.flags,
            )
        if newer:
            _supersede(twin, draft)
        if draft.category == "discount" and {"first_year_only", "ramp_to_list"} & draft.flags:
            # "The 10% on position 1 ... applies to the first twelve monthly invoices only" in a
            # note under a row that shows the 36-month subscription term
            twin.term_months = draft.term_months or twin.term_months
            twin.flags.discard("full_term")
        twin.flags |= draft.flags
        twin.products += [p for p in draft.products if p not in twin.products]
        twin.scope += [s for s in draft.scope if s not in twin.scope]
        twin.dropped |= draft.dropped
        twin.program = twin.program or draft.program
        twin.amount = twin.amount or draft.amount
        twin.expires = twin.expires or draft.expires
        twin.partner = _stronger_partner(twin.partner, draft.partner)
        twin.term_months = twin.term_months or draft.term_months
        twin.unit_price = twin.unit_price or draft.unit_price
    # A section heading that names a program ("Commercial discussion and deployment investment")
    # is not an offer by itself: without an amount or any sentence of its own it is dropped.
    # A program the vendor has since withdrawn is not part of the deal.
    for d in merged:
        if (d.category == "discount" and _rate_taken_back(d)) or _credit_taken_back(d):
            d.flags.add("withdrawn")
    merged = [
        d
        for d in merged
        if "withdrawn" not in d.flags
        and not (
            d.category == "funded_credit"
            and d.amount is None
            and all(c.block.kind == "heading" or _SUBJECT_LINE.match(c.text) for c in d.clauses)
        )
    ]
    for draft in merged:
        if draft.category == "entitlement":
            # "In consideration of the Customer executing this Schedule on or before 30/06/2027,
            # Microsoft will provide FastTrack": a date beside FastTrack is a signing condition
            # or a kick-off, never an expiry
            draft.expires = None
            if "priced" not in draft.flags:
                draft.amount = None  # already paid for in the seat price: no value of its own
        draft.scope = [w for w in draft.scope if not covered_workloads(w) & set(draft.scope)]
        draft.scope = [w for w in draft.scope if w not in draft.dropped]
        if (
            draft.category == "funded_credit"
            and draft.program is None
            and draft.partner is not None
            and draft.partner.requirement == "named"
            and not (draft.partner.name or "Microsoft").startswith("Microsoft")
        ):
            # "Microsoft will fund a three-day security envisioning workshop ... delivered by
            # Alpenblick IT-Services GmbH": Microsoft-funded work a named partner delivers
            draft.program = "Partner funding"
        if (
            draft.category == "funded_credit"
            and draft.partner is None
            and draft.program
            and partner_delivered(draft.program)
        ):
            draft.partner = Partner(None, "unstated")  # delivered by someone the text never names
        if draft.partner is not None and draft.partner.name and draft.clauses:
            document = draft.clauses[0].document
            company = _parent_company(draft.partner.name, document)
            if not re.search(rf"{_LEGAL_NAME}$", " " + company):
                company = _legal_name(company, document)
            draft.partner = Partner(company, draft.partner.requirement)
    return merged


def _legal_name(name: str, document: Document) -> str:
    """ "Redeemed by Summit Ridge" in a quote from Summit Ridge Technology Group, LLC, "Quayside
    Digital's practice" beside "Quayside Digital Solutions Limited", "the Maple Circuit Modern
    Workplace practice": the company the document names in full that starts with the longest
    part of the name it writes."""
    if name.startswith("Microsoft "):
        return name  # "Microsoft Industry Solutions Delivery" is named as it is
    words = name.split()
    for k in range(len(words), 0, -1):
        full = _full_company(" ".join(words[:k]), document)
        if full and (k == len(words) or re.search(rf"{_LEGAL_NAME}$", " " + full)):
            return full  # a shorter part only leads to the company's legal name
    return name


_UNIT = re.compile(
    r"\s(?:Professional Services|Services|Consulting|Practice|Team|Division|Delivery|Engineering)$"
)


def _parent_company(name: str, document: Document) -> str:
    """ "Exclusively by Bluegum Professional Services", in a quote from Bluegum Technology
    Partners: the services arm is named, the company that contracts is the partner."""
    if not _UNIT.search(name) or name.startswith("Microsoft "):
        return name  # "Microsoft Industry Solutions Delivery" is the delivery organisation
    company = _full_company(
        name.split()[0],
        document,
        keep=lambda found: not _UNIT.search(found) and not found.startswith(name),
    )
    return company or name


def _newer(a: Draft, b: Draft) -> bool:
    return a.age is not None and b.age is not None and a.age < b.age


def _supersede(old: Draft, new: Draft) -> None:
    """A later message's statement of a term replaces the earlier one's ("You may use any
    partner of your choosing"; "the 9% ... for the first 12 months only")."""
    old.amount = new.amount or old.amount
    old.percent = new.percent if new.percent is not None else old.percent
    old.expires = new.expires or old.expires
    if new.partner is not None and new.partner.requirement != "unstated":
        old.partner = new.partner
    if new.term_months:
        old.term_months = new.term_months
    if "first_year_only" in new.flags or "ramp_to_list" in new.flags:
        old.flags.discard("full_term")


_ROUGHLY = re.compile(
    r"\b(?:c\.|ca\.|circa|around|about|approximately|approx\.?|roughly|some|nearly|almost|"
    r"just under|just over|in the region of)\s*$|~\s*$",
    re.IGNORECASE,
)


# "The formal offer document is attached and has the exact figures ... please work from that
# one rather than from my bullet points"; "Where this document and any covering e-mail differ,
# this document prevails"
_DEFERS_TO_ATTACHMENT = re.compile(
    r"\b(?:work|go)\s+from\s+(?:that\s+one|the\s+attach\w+|the\s+formal)\b|"
    r"\battach\w*\b[^.]{0,80}\b(?:exact|signed[- ]off|definitive)\s+(?:figures|terms|numbers)\b|"
    r"\bcovering\s+(?:e-?mail|letter|note)\b[^.]{0,40}\bdiffer\b[^.]{0,40}\bprevails?\b",
    re.IGNORECASE,
)


def _deferring_documents(drafts: list[Draft]) -> frozenset[str]:
    """The e-mails whose body summarises and says its attachment's figures stand."""
    documents = {c.document.name: c.document for d in drafts for c in d.clauses}
    return frozenset(
        name
        for name, document in documents.items()
        if any((b.source or "").startswith("attachment:") for b in document.blocks)
        and _DEFERS_TO_ATTACHMENT.search(document.text)
    )


def _approximate(draft: Draft, deferring: frozenset[str]) -> bool:
    """The draft's figure is written as a round approximation ("c. £85k", "around 12%"), or
    in the body of an e-mail that defers to the attachment stating it exactly."""
    if (
        draft.clauses
        and draft.clauses[0].document.name in deferring
        and all(c.block.source == "body" for c in draft.clauses)
    ):
        return True
    for clause in draft.clauses:
        for m in clause.mentions:
            same = (
                m.kind == "money" and isinstance(m.value, Money) and m.value == draft.amount
            ) or (m.kind == "percent" and draft.percent is not None and m.value == draft.percent)
            if same and _ROUGHLY.search(clause.block.text[max(0, m.start - 20) : m.start]):
                return True
    return False


def _kin_programs(a: str | None, b: str | None) -> bool:
    """ "Microsoft-funded partner work" in the summary, "Deployment Funding" in the attachment:
    two names for partner work Microsoft pays for."""
    return a is not None and b is not None and partner_delivered(a) and partner_delivered(b)


def _products_overlap(a: Draft, b: Draft) -> bool:
    """The two drafts name a product in common, or one of them names none."""
    return not a.products or not b.products or bool(set(a.products) & set(b.products))


def _near(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _same_term(a: Draft, b: Draft, deferring: frozenset[str]) -> bool:
    if a.category != b.category:
        return False
    rough = _approximate(a, deferring) != _approximate(b, deferring)
    if (
        a.category == "discount"
        and rough
        and a.percent
        and b.percent
        and _products_overlap(a, b)
        and abs(a.percent - b.percent) <= 1.5
    ):
        return True  # "around 12% on E3" in the letter, "12.5%" in the appendix
    if (
        a.category == "funded_credit"
        and rough
        and (a.program == b.program or _kin_programs(a.program, b.program))
        and a.amount
        and b.amount
        and a.amount.currency == b.amount.currency
        and _near(a.amount.amount, b.amount.amount, 0.1)
    ):
        return True
    if a.category == "discount":
        # "7%" on the E3 row and on the F3 row of one grid is one concession on both lines;
        # the same percent over a different stretch of the term is a different one.
        same_table = any(
            x.block is y.block and x.block.kind == "table" for x in a.clauses for y in b.clauses
        )
        if _across_messages(a, b) and _products_overlap(a, b):
            return True  # "I can move the E3 discount from 8% to 10%": the thread's one discount
        return a.percent == b.percent and (
            a.term_months == b.term_months or same_table or _products_overlap(a, b)
        )
    if a.category == "commitment":
        same_block = a.clauses[0].block.index == b.clauses[0].block.index
        if same_block and _products_overlap(a, b):
            return True  # "plans to grow Copilot to 2,000 seats. ... agrees to order 1,000 more"
        if a.quantity is not None and (a.products or b.products):
            # "adding 250 Microsoft 365 Copilot licences" in a tracked change and in the text;
            # "lifting Copilot from 60 to 300 seats" in the e-mail names no product in full
            return a.quantity == b.quantity and _products_overlap(a, b)
        return a.quantity == b.quantity and a.clauses[0].text == b.clauses[0].text
    if a.program != b.program:
        # "EUR 45,000 of deployment funding" in the e-mail and "Microsoft will fund EUR 45,000
        # of deployment services" in its attachment: one credit, named once
        unnamed = a.program is None or b.program is None
        if unnamed:
            return bool(a.category == "funded_credit" and a.amount and a.amount == b.amount)
        return a.category == "funded_credit" and (
            _generic_mention(a, b)
            or _generic_mention(b, a)
            or _run_in_label(a, b)
            or _run_in_label(b, a)
        )
    if a.amount and b.amount:
        if _other_rows(a, b):
            return False  # two allocations of CAD 60,000 on two rows are two credits
        # "the pool is now CAD 120,000 rather than CAD 150,000" in a later message
        return a.amount == b.amount or _across_messages(a, b)
    return True


def _rows(draft: Draft) -> set[tuple[tuple[str, ...], str]]:
    return {(c.block.rows[0], c.text.strip()) for c in draft.clauses if c.block.kind == "table"}


def _other_rows(a: Draft, b: Draft) -> bool:
    """Each draft is stated on its own row of one table (or of its continuation on the next
    page, under the same header), and on no row of the other's."""
    rows_a, rows_b = _rows(a), _rows(b)
    headers = {header for header, _ in rows_a} & {header for header, _ in rows_b}
    return bool(headers) and not rows_a & rows_b


def _across_messages(a: Draft, b: Draft) -> bool:
    """The two drafts come from different messages of one e-mail thread."""
    same_document = a.clauses[0].document.name == b.clauses[0].document.name
    return same_document and (_newer(a, b) or _newer(b, a))


def _run_in_label(named: Draft, generic: Draft) -> bool:
    """ "End Customer Investment Funds (ECIF). Microsoft will fund up to USD 275,000 of partner
    services ...": a paragraph that opens with a program's name as its label is about that
    program, so a generic funding word later in it is the same credit."""
    if not named.program or not generic.program or named.amount:
        return False
    if not generic_program(generic.program) or generic_program(named.program):
        return False
    if _replaced_by(named, generic):
        return False
    label = named.clauses[0]
    if label.start > 0 or len(label.text.split()) > 8 or label.of("money"):
        return False
    return any(c.block is label.block and c.start > label.start for c in generic.clauses)


def _in_promise(clause: Clause, promised: list[int], date: Mention) -> bool:
    """The date sits in the part of the clause that states the purchase: after the words of
    the promise and before ", and must be redeemed within 120 days ..." goes on about the
    credit."""
    if not promised:
        return False
    text = clause.block.text
    end = re.search(r"[;,]\s+(?:and|but)\b|;", text[min(promised) : clause.end])
    stop = min(promised) + end.start() if end else clause.end
    return min(promised) < date.start < stop


_INSTEAD = re.compile(
    r"\b(?:instead|in\s+place\s+of|in\s+its\s+place|as\s+a\s+replacement)\b", re.IGNORECASE
)


def _replaced_by(named: Draft, generic: Draft) -> bool:
    """ "The ECIF. Sorry - ... scratch the seventy-five K ... What I can do instead is a
    deployment voucher": the voucher replaces the withdrawn ECIF, it is not the ECIF again."""
    return "withdrawn" in named.flags or bool(_INSTEAD.search(generic.clauses[0].text))


def _generic_mention(named: Draft, generic: Draft) -> bool:
    """ "a Customer Success Offer voucher of up to CAD 28,000 ... The voucher must be redeemed
    within 180 days": the generic word, without an amount of its own and in the same or the
    next block, refers back to the named program written with it. "Microsoft has nominated
    Brightwater for the Microsoft 365 Copilot Offer. Microsoft will issue a services voucher with a
    face value of USD 40,000": the voucher may carry the amount the named offer lacks."""
    if (generic.amount and named.amount) or not generic.program or not named.program:
        return False
    if not refers_back(generic.program) or generic_program(named.program):
        return False
    if _replaced_by(named, generic):
        return False
    word = re.compile(rf"\b{re.escape(generic.program.split()[-1])}s?\b", re.IGNORECASE)
    first, other = named.clauses[0], generic.clauses[0]
    return any(
        c.document.name == other.document.name and 0 <= other.block.index - c.block.index <= 1
        for c in named.clauses
    ) and (
        word.search(first.text) is not None
        # a Customer Success Offer is a voucher even where the offer is not called one
        or any(word.search(alias) for alias in program_aliases(named.program))
    )


def finish_seats(drafts: list[SeatDraft]) -> list[Seat]:
    best: dict[str, SeatDraft] = {}
    evidence: dict[str, list[Evidence]] = {}

    def rank(d: SeatDraft) -> tuple[int, int]:
        # a later message of a thread corrects the count it quotes ("750 licenses, not 800")
        return (-(d.age or 0), d.priority)

    for draft in sorted(drafts, key=lambda d: (*rank(d), d.order)):
        current = best.get(draft.product)
        if current is None or rank(draft) >= rank(current):
            best[draft.product] = (
                replace(
                    draft,
                    unit_price=draft.unit_price or current.unit_price,
                    term_months=draft.term_months or current.term_months,
                )
                if current
                else draft
            )
        for ev in draft.evidence:
            if ev not in evidence.setdefault(draft.product, []):
                evidence[draft.product].append(ev)
    seats = []
    for product, draft in best.items():
        same_quantity = [
            e
            for d in drafts
            if d.product == product and d.quantity == draft.quantity
            for e in d.evidence
        ]
        seats.append(
            Seat(
                product=product,
                quantity=draft.quantity,
                evidence=tuple(dict.fromkeys(same_quantity or draft.evidence)),
                fasttrack_eligible=fasttrack_eligible(product),
                unit_price=draft.unit_price,
                term_months=draft.term_months,
            )
        )
    return seats


def documents_by_name(documents: Sequence[Document]) -> Mapping[str, Document]:
    return {doc.name: doc for doc in documents}
