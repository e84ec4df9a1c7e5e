"""spaCy components, registered by name: typed values and domain vocabulary.

Each component computes in a pure ``match`` and writes in ``set_annotations`` (spaCy's split),
storing ``Found`` records in ``doc.user_data["found"]`` and spans in ``doc.spans[kind]`` so the
results can be inspected with ordinary spaCy tooling.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..records import Count, Partner
from . import vocabulary
from .numbers import NUMBER, parse_number
from .values import (
    Found,
    dates_offset_from_dates,
    find_counts,
    find_dates,
    find_durations,
    find_money,
    find_percents,
    find_relative_dates,
)

FOUND = "found"


def _store(doc: Doc, found: list[Found]) -> None:
    doc.user_data.setdefault(FOUND, []).extend(found)
    for item in found:
        span = doc.char_span(item.start, item.end, label=item.kind, alignment_mode="expand")
        if span is not None:
            doc.spans.setdefault(item.kind, []).append(span)


def _longest(found: list[Found]) -> list[Found]:
    """Of overlapping spans keep the longest: 'within 90 days of X' over '90 days of X'."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: f.start - f.end):
        if not any(k.start < item.end and item.start < k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


class ContractValues:
    """Money, percentages, absolute and relative dates, durations and counts."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def match(self, doc: Doc) -> list[Found]:
        text = doc.text
        european = bool(doc.user_data.get("european"))
        found = find_money(text) + find_percents(text)
        dates = _longest(find_relative_dates(text))
        taken = [(f.start, f.end) for f in dates]
        absolute = [
            f
            for f in find_dates(text, european=european)
            if not any(s <= f.start and f.end <= e for s, e in taken)
        ]
        dates += absolute + dates_offset_from_dates(text, absolute)
        money_spans = [(f.start, f.end) for f in found]
        counts = [
            f
            for f in find_counts(text)
            if not any(s < f.end and f.start < e for s, e in money_spans)
        ]
        return found + dates + find_durations(text) + counts

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        _store(doc, found)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


_NAMED_PARTNER = re.compile(
    r"\b(?:performed|delivered|provided|carried out|executed|implemented|conducted|run|led|"
    r"redeemed|(?:for|reserved for|ring-fenced for) delivery)"
    r"\s+(?:exclusively\s+|solely\s+|only\s+)?by\s+(?P<name>(?!the\b|a\b|an\b|any\b|Microsoft\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|and|of))*)"
    r"|\b(?:through|via|with|by|engage|engaging)\s+(?:our\s+|its\s+)?(?:partner\s+)?"
    r"(?P<name2>(?!Microsoft\b)[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*\s+"
    r"(?:Ltd|Limited|LLC|Inc|GmbH|plc|LLP|Partners|Consulting|Solutions|Group|Corp|Corporation|"
    r"Advisors|Advisory|Technologies|AG|B\.V\.|Pty Ltd|Services)\b\.?)"
    # "the ECIF request is raised for Borealis Cloud Partners, who are ECIF-approved"
    r"|\brequest\s+(?:is|was|has\s+been)\s+(?:raised|made|submitted|filed)\s+for\s+"
    r"(?P<name4>(?!Microsoft\b|the\b|a\b|an\b|any\b)[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*)"
    # "Delivery partner: X", and in a record table "Delivery partner | X"
    # ("... for the migration partner | Section 4.2": a cross-reference, not a name)
    r"|\b(?:delivery partner|implementation partner|partner)\s*(?:is|will be|:|\|)\s*"
    r"(?P<name3>(?!Microsoft\b|the\b|a\b|an\b|any\b|(?:Section|Clause|Schedule|Appendix|Annex|"
    r"Exhibit|Part|Page|See)\b)[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*)",
)
# A company name: capitalised words ending in a legal form or a company noun
_COMPANY = (
    r"(?!Microsoft\b|The\b|This\b|Our\b|Your\b)[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&))*?\s+"
    r"(?:Pty\.? Ltd|Ltd|Limited|LLC|Inc|GmbH|plc|LLP|AG|B\.V\.|Corp|Corporation|Partners|"
    r"Consulting|Solutions|Group|Technologies|Technology|Digital|Services|Systems|Associates|"
    r"Advisory|Advisors|Networks|IT)\b\.?"
)
# "Brightwater Digital AG will deliver", "Brightwater Digital AG, Kestrel's incumbent Microsoft
# partner", "Cobalt Ridge Solutions (the "Partner")"
_NAMED_BY_ROLE = re.compile(
    rf"(?P<name>{_COMPANY})(?:\s+(?:will|would|shall)\s+(?:deliver|perform|carry out|execute|run|"
    r"lead|conduct|provide|undertake)\b|\s+(?:is|will be|shall be)\s+the\s+(?:sole\s+|only\s+|"
    r"exclusive\s+|nominated\s+|designated\s+)?(?:delivery\s+|implementation\s+|services\s+)?partner\b"
    r"|\s*,\s+(?:[A-Z][\w&-]*'s|our|your|its|their|the customer's)\s+"
    r"(?:[\w-]+\s+){0,2}partner\b|\s*\((?:the\s+)?[\"“]?(?:Partner|Delivery Partner|Supplier|"
    r"Provider|Implementation Partner)[\"”]?\))"
)
# "redeemable only with the professional services practice of Southern Cross Licensing Pty Ltd",
# "Delivery is restricted to Contoso Digital Services Limited"
_NAMED_EXCLUSIVE = re.compile(
    r"\b(?:(?:only|exclusively|solely)\s+(?:with|by|through|via|to)|(?:restricted|confined|"
    r"reserved)\s+to)\s+(?:the\s+)?(?:[a-z-]+\s+){0,5}?"
    rf"(?:of\s+)?(?P<name>{_COMPANY})"
)
# "performed by Microsoft Industry Solutions Delivery, Microsoft's own consulting organization":
# Microsoft's delivery arm is a named party like any partner
_MICROSOFT_DELIVERY = re.compile(
    r"\b(?i:performed|delivered|provided|carried out|run|led|executed)\s+(?:exclusively\s+|"
    r"solely\s+|only\s+)?by\s+(?P<name>Microsoft\s+(?:Industry\s+Solutions(?:\s+Delivery)?|"
    r"Consulting\s+Services|Services))\b"
)
# "Summit Ridge's Modern Work practice will deliver 16 hours of Copilot readiness"
_UNIT_WILL_DELIVER = re.compile(
    r"\b(?P<name>(?!Microsoft\b)[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2})['’]s\s+(?:[A-Za-z-]+\s+){0,3}"
    r"(?:practice|team|division|unit|arm|engineers|consultants)\s+(?:will|shall|would)\s+"
    r"(?:deliver|perform|provide|run|carry\s+out|undertake|lead)\b"
)
# "yep - Bluegum will do the Intune enrolment setup for u at no charge": a reseller's own gift of
# work names the reseller as the one who delivers it
_GIFT_BY = re.compile(
    r"(?<![\w-])(?P<name>(?!Microsoft\b|We\b|I\b|You\b|It\b|They\b|The\b|This\b|That\b)"
    r"[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2})\s+(?:will|would|can|is going to)\s+(?:do|run|set up|"
    r"handle|deliver|provide|perform|take care of)\b"
    r"(?=[^.]{0,120}\b(?:at no charge|free of charge|at no cost)\b)"
)
# "Kestrel draws it down from Microsoft and delivers the work itself; it cannot be used with
# another partner": the firm that draws the funds down does the funded work
_DELIVERS_ITSELF = re.compile(
    r"\b(?P<name>(?!Microsoft\b|We\b|It\b|They\b|The\b|This\b|You\b)[A-Z][\w&-]+"
    r"(?:\s+[A-Z][\w&-]+){0,3})\s+(?:[^.;]{0,60}?\s+and\s+)?(?:delivers|performs|does|carries\s+out|"
    r"will\s+(?:deliver|perform|do|carry\s+out))\s+the\s+(?:funded\s+)?(?:work|services)\s+"
    r"(?:itself|themselves|in-house)\b"
)
# "only Corvane Technology Partners Inc., as the partner of record, can redeem it"
_ONLY_COMPANY_CAN = re.compile(
    rf"\bonly\s+(?P<name>{_COMPANY})(?:\s+\w+\.?)?,?(?:\s[^,.;]{{0,60}},)?\s+(?:can|may|will|shall|"
    r"is\s+(?:able|permitted|allowed|entitled)\s+to)\s+(?:redeem|deliver|perform|use|claim|carry\s+out)\b"
)
# "through the Town's implementation partner, Summit Ridge Technology Group, which holds ..."
_PARTNER_APPOSITION = re.compile(
    r"\b(?:implementation|delivery|nominated|designated|appointed)\s+partner,\s+"
    r"(?P<name>(?!Microsoft\b)[A-Z][\w&'-]*(?:\s+(?:[A-Z][\w&'.-]*|&)){0,4})"
)
# "Orbital Cloud Services Pty Ltd - sole delivery partner, no substitution"
_COMPANY_THEN_ROLE = re.compile(
    rf"(?P<name>{_COMPANY})\s*[-–—,]\s*(?:the\s+)?(?:sole|only|exclusive|nominated|designated)\s+"
    r"(?:delivery\s+|implementation\s+|services\s+)?partner\b"
)
# "Delivery partner Elbtal Digital Consulting GmbH (no substitution ...)": a record table's row
# that OCR read as one line
_ROLE_THEN_NAME = re.compile(
    rf"\b(?:[Dd]elivery|[Ii]mplementation|[Nn]ominated|[Dd]esignated)\s+partner\s+(?P<name>{_COMPANY})"
)
# "redeemed by the Cloud Services practice of Maplegate Technology Solutions Inc.": the unit
# of a company
_BY_THE = (
    r"\b(?:performed|delivered|provided|carried out|redeemed|run|led|executed)\s+(?:exclusively\s+|"
    r"solely\s+|only\s+)?by\s+the\s+"
)
_NAMED_UNIT_OF = re.compile(
    _BY_THE + r"(?:[\w&-]+\s+){0,3}(?:practice|team|division|unit|arm|"
    r"business|group)\s+of\s+(?P<name>(?!Microsoft\b)[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&))*)"
)
# "delivered only by the Maple Circuit Modern Workplace practice (Maple Circuit Solutions Inc.)":
# a unit named by its company's short name, with the legal name in brackets when it is given
_NAMED_UNIT = re.compile(
    _BY_THE + r"(?P<name>(?!Microsoft\b)[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,4})"
    r"\s+(?:practice|team|division|unit|arm|consultants|engineers)\b(?!\s+of\b)"
    rf"(?:\s*\((?P<legal>{_COMPANY})\))?"
)
# "redeemed exclusively through the Nordlicht professional services team": a company named by
# its short name and a unit; assembly expands the short name to the document's full one
_NAMED_TEAM = re.compile(
    r"\b(?:only|exclusively|solely)\s+(?:with|by|through|via)\s+(?:the\s+)?"
    r"(?P<name>(?!Microsoft\b|Customer\b)[A-Z][\w&-]+)(?:['’]s)?\s+(?:[A-Za-z-]+\s+){0,2}"
    r"(?:team|practice|arm|unit|division|engineers|consultants)\b"
)
# "Must be redeemed thru Bellbird only": the name first, the restriction after it
_NAME_THEN_ONLY = re.compile(
    r"\b(?:redeemed|delivered|performed|used|claimed)\s+(?:through|thru|via|with|by)\s+"
    r"(?P<name>(?!Microsoft\b|the\b|a\b|any\b)[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3})\s+only\b"
)
# "The ECIF approval is specific to Northbridge as the delivering partner", "Microsoft has
# approved Laurentide Digital Services Inc. as the ECIF supplier for this engagement"
_AS_THE_PARTNER = re.compile(
    rf"\b(?P<name>{_COMPANY}|(?!Microsoft\b|Customer\b|The\b)[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){{0,3}})"
    r"\s+as\s+(?:the\s+|its\s+)?(?:sole\s+|only\s+|exclusive\s+)?(?:(?:delivering|delivery|"
    r"implementation|implementing|nominated)\s+partner|ECIF\s+(?:partner|supplier))\b"
)
_ANY_PARTNER = re.compile(
    # "any Microsoft Solutions Partner it selects": a category, but the customer's choice within it
    r"\b(?:select|choose|engage|use|appoint)\s+any\s+(?:qualified\s+|eligible\s+|suitable\s+)?"
    r"(?:firm|contractor|vendor|integrator|consultancy)\b|"
    r"\bany\s+(?:[\w-]+\s+){0,3}(?:partner|provider|supplier)s?\s+(?:it|they|you|we|the\s+customer|"
    r"[A-Z][\w&-]+)\s+(?:selects|chooses|prefers|nominates|wishes|wants|likes)\b|"
    r"\bany\s+(?:(?:eligible|qualified|Microsoft|certified|implementation|delivery|services|"
    r"deployment|consulting)\s+){0,2}(?:partner|provider|supplier)\b|"
    r"\b(?:partner|provider|supplier|vendor|consultant)s? of (?:the customer's|your|its|their|"
    r"(?:[A-Z][\w&-]*\s+){0,3}[A-Z][\w&-]*'s) (?:own )?(?:choice|choosing|selection)\b|"
    r"\b(?:customer|client)[- ]selected partner\b|"
    r"\bpartner (?:selected|chosen) by the (?:customer|client)\b|\bwhichever partner\b|"
    r"\bpartner (?:you|they|the customer) (?:like|prefer|choose|select)s?\b|"
    r"\b(?:your|the customer's|its|their|(?!Microsoft's)[A-Z][\w&-]*'s) (?:own )?"
    r"(?:preferred|chosen|selected) (?:partner|provider|supplier)\b",
    re.IGNORECASE,
)
_APPROVED_PARTNER = re.compile(
    r"\b(?:Microsoft\s+)?Solutions Partner\b|\bFastTrack Ready Partners?\b|\b(?:ECIF|Microsoft)[- ]"
    r"approved\b|\bapproved (?:by Microsoft|partner|supplier|vendor)s?\b|\bpartner approved\b|"
    r"\bAdvanced Speciali[sz]ation\b|\bcertified (?:Microsoft )?partner\b|\bpartner (?:nominated|"
    r"designated) by Microsoft\b|\bMicrosoft[- ]designated\b|\bCopilot Jumpstart partner\b|"
    r"\bapproved (?:partner |supplier |vendor )?list\b|\b(?:partner|supplier|vendor|provider)s?\s+"
    r"(?:that|who|which)\s+(?:is|are)\s+(?:\w+\s+)?approved\s+(?:for|by)\b|"
    r"\bpre-?approved (?:partner|supplier|vendor)s?\b|"
    r"\b(?:partners?|firms?|suppliers?|providers?|vendors?)\s+(?:that\s+|which\s+)?Microsoft\s+(?:has\s+)?"
    r"approved\b|"
    # "a partner that the Network selects ... and that Microsoft approves for the engagement"
    r"\band\s+(?:that|which|whom)\s+Microsoft\s+approves\b|"
    r"\b(?:Microsoft )?(?:Solutions Partner|partner) designation\b|"
    # "from the Microsoft Education partner list ... a firm approved for education deployments"
    r"\b(?:firms?|partners?|suppliers?|vendors?)\s+approved\s+for\b|\bMicrosoft\s+(?:[\w-]+\s+)?partner\s+list\b|"
    # "through a partner holding Microsoft's Copilot Jumpstart designation"
    r"\bpartners?\s+(?:holding|with|that\s+holds?|who\s+holds?)\s+(?:the\s+|a\s+|an\s+|"
    r"Microsoft(?:'s|’s)?\s+)?(?:[\w-]+\s+){0,3}(?:designation|specialization|specialisation|"
    r"approval|accreditation)\b|"
    # "from Microsoft's list of ECIF-eligible suppliers"
    r"\bMicrosoft(?:'s|’s)?\s+list\s+of\s+(?:[\w-]+\s+)?(?:suppliers|partners|vendors|firms)\b|"
    r"\b(?:ECIF|Microsoft)[- ]eligible\s+(?:suppliers?|partners?|vendors?)\b|"
    # "a partner from Microsoft's Copilot Jumpstart roster"
    r"\b(?:partner|firm|supplier)s?\s+(?:from|on)\s+(?:the\s+)?(?:Microsoft(?:'s|’s)?\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:roster|panel|directory)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s.,;:]+$")
_ABBREVIATED_FORM = re.compile(r"\b(?:Inc|Corp|B\.V|S\.A)$")  # written with the stop ("Ltd" is not)


def _strip_trailing(name: str) -> str:
    """ "Maple Circuit Solutions Inc." keeps the full stop of its legal form; a sentence's own
    full stop or comma after a name goes."""
    bare = _TRAILING.sub("", name)
    if _ABBREVIATED_FORM.search(bare) and name[len(bare) : len(bare) + 1] == ".":
        return bare + "."
    return bare


_LEGAL_SUFFIX = re.compile(
    r"\s(?:Pty\.? Ltd|Ltd|Limited|LLC|Inc|GmbH|plc|LLP|AG|B\.V|Corp|Corporation|S\.A|SARL)\b"
    r"\.?(?=\s+\S|['’]s\b)"
)


# "I said the ECIF work had to go through Maple Leaf Cloud Inc. That was my mistake.": a report
# of what was said before, not a term
_REPORTED = re.compile(r"\bI\s+(?:said|wrote|mentioned|told\s+you|stated)\b[^.;]*$")


# "delivered by Tollgate's engineers only": the company's own people deliver it
_OWN_STAFF = re.compile(r"\s+(?:own\s+)?(?:engineers|team|consultants|staff|people|practice)\b")


def find_partners(text: str) -> list[Found]:
    return [
        f
        for f in _find_partners(text)
        if not _REPORTED.search(text[max(0, f.start - 120) : f.start])
    ]


def _find_partners(text: str) -> list[Found]:
    found = []
    for m in _ANY_PARTNER.finditer(text):
        if re.search(r"[\"“]\s*$", text[max(0, m.start() - 2) : m.start()]):
            continue  # 'the "any partner" wording is gone': the words quoted, not a term
        found.append(Found("partner", m.start(), m.end(), Partner(None, "any")))
    for m in _APPROVED_PARTNER.finditer(text):
        if not any(f.start <= m.start() < f.end for f in found):
            found.append(Found("partner", m.start(), m.end(), Partner(None, "approved")))
    for m in [
        *_NAMED_BY_ROLE.finditer(text),
        *_NAMED_EXCLUSIVE.finditer(text),
        *_NAMED_TEAM.finditer(text),
        *_NAMED_UNIT_OF.finditer(text),
        *_NAMED_UNIT.finditer(text),
        *_UNIT_WILL_DELIVER.finditer(text),
        *_MICROSOFT_DELIVERY.finditer(text),
        *_GIFT_BY.finditer(text),
        *_ROLE_THEN_NAME.finditer(text),
        *_ONLY_COMPANY_CAN.finditer(text),
        *_NAME_THEN_ONLY.finditer(text),
        *_PARTNER_APPOSITION.finditer(text),
        *_COMPANY_THEN_ROLE.finditer(text),
        *_AS_THE_PARTNER.finditer(text),
        *_DELIVERS_ITSELF.finditer(text),
    ]:
        group = "legal" if "legal" in m.groupdict() and m.group("legal") else "name"
        name = _strip_trailing(m.group(group))
        if suffix := _LEGAL_SUFFIX.search(name):  # "X Pty Ltd's Modern Workplace practice"
            name = name[: suffix.end()]
        start = m.start(group)
        if not any(f.start <= start < f.end for f in found):
            found.append(Found("partner", start, start + len(name), Partner(name, "named")))
    for m in _NAMED_PARTNER.finditer(text):
        group = next(g for g in ("name", "name2", "name3", "name4") if m.group(g))
        name = _strip_trailing(re.split(r"(?<!\bB\.V)(?<!\bS\.A)\.\s", m.group(group))[0])
        suffix = _LEGAL_SUFFIX.search(name)
        if suffix:  # "Cobalt Ridge Pty Ltd Professional Services": the company is the party
            name = name[: suffix.end()]
        if len(name) < 3 or name.lower() in ("customer", "the customer"):
            continue
        if name.endswith(("'s", "’s")) and not _OWN_STAFF.match(text, m.start(group) + len(name)):
            continue  # "the partner is Stadtwerke Lindenau's choice": the customer chooses
        name = re.split(r"['’]s\b", name)[0]  # "Calder's Modern Workplace practice": Calder
        start = m.start(group)
        found.append(Found("partner", start, start + len(name), Partner(name, "named")))
    return found


# Cues whose meaning flips under a negation: "it is not a first-year introductory rate",
# "the credit does not expire", "the customer is under no obligation to purchase".
_NEGATABLE = {"first_year_only", "ramp_to_list", "commitment", "exchange", "expiry", "in_lieu"}
_NEGATION_BEFORE = re.compile(
    r"\b(not|no|never|neither|nor|nothing|without|isn't|is not|does not|doesn't|will not|won't|"
    r"under no obligation to)\b(\s+[\w-]+){0,8}\s*$",
    re.IGNORECASE,
)


# "Onboarding, deployment or usage reporting | None mentioned": a table row that names a
# term only to say it is absent
_NONE_CELL = re.compile(
    r"^\s*(none( mentioned| stated| included| offered| provided)?|not (included|mentioned|stated|"
    r"offered|applicable|provided|itemi[sz]ed)|not in scope( of this (offer|quote|proposal))?|"
    r"n/?a|no|nil|-|—|–)\s*\.?\s*$",
    re.IGNORECASE,
)


def _answered_none(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if " | " not in line:
        return False
    if " | " in text[line_start:start]:
        # "Conditions | None | Purchase of ... E5 Security for at least 1,000 users": the term
        # is written in a value cell; another option's "None" does not answer it
        return False
    return any(_NONE_CELL.match(cell) for cell in line.split(" | "))


# "[ ] Monthly adoption and usage report: AUD 300 per month (not selected)": an option of an
# order form the customer did not tick
_BOX = re.compile(r"\[\s*[xX✓✔]?\s*\]|[☐☑☒]")
_NOT_SELECTED = re.compile(r"\(\s*not\s+(?:selected|ticked|chosen|taken)\s*\)", re.IGNORECASE)


def unselected(text: str, start: int) -> bool:
    """The text at ``start`` sits in an order-form option that is not ticked."""
    boxes = [m for m in _BOX.finditer(text) if m.start() <= start]
    if not boxes:
        return False
    box = boxes[-1]
    following = _BOX.search(text, box.end())
    option = text[box.start() : following.start() if following else len(text)]
    ticked = bool(re.search(r"[xX✓✔☑☒]", box.group()))
    return not ticked or bool(_NOT_SELECTED.search(option))


# "A separate adoption or usage reporting service is not part of this offer."
_NOT_PART_AFTER = re.compile(
    r"[^.;?!]{0,60}\b(?:is|are)\s+not\s+(?:part\s+of|included|offered|provided|available)\b|"
    r"[^.;?!]{0,60}\b(?:is|are)\s+excluded\b",
    re.IGNORECASE,
)


def _in_question(text: str, end: int) -> bool:
    """ "Can we get Adoption Score / usage reporting included?": asked for, not offered."""
    stop = re.search(r"[.?!;\n]", text[end:])
    return bool(stop and stop.group() == "?")


def find_cues(text: str) -> list[Found]:
    found = []
    for label, patterns in vocabulary.cues().items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if unselected(text, m.start()):
                    continue
                if label in _NEGATABLE and _negated(text, m.start()):
                    continue
                if label == "commitment" and _PERMITTED.search(
                    text[max(0, m.start() - 120) : m.start()]
                ):
                    continue  # "AUTHORIZE the Director to purchase additional licenses": leave
                if label in _NEGATABLE | {"adoption_data", "engaged"} and _sentence_negated(
                    text, m.start()
                ):
                    continue
                if _answered_none(text, m.start()):
                    continue
                if label in ("adoption_data", "engaged") and (
                    _WISHED.search(_clause_before(text, m.start()))
                    or _NO_BEFORE.search(_clause_before(text, m.start()))
                    or _LOST_BEFORE.search(_clause_before(text, m.start()))
                    or _in_question(text, m.end())
                    or _NOT_PART_AFTER.match(text, m.end())
                ):
                    continue  # "we intend to ask Microsoft for Adoption Score reviews"
                found.append(Found("cue", m.start(), m.end(), label, label))
    return found


# "We intend to ask Microsoft for quarterly Adoption Score reviews": the buyer's wish, not a
# term of the offer
_WISHED = re.compile(
    r"\b(?:ask|asks|asked|asking|request|requests|requested|intend to ask|would like|want|wants|"
    r"wish|hope|push|pushing)\s+(?:\w+\s+){0,2}(?:for|to)\b",
    re.IGNORECASE,
)
# "The offer contains no usage or adoption reporting"
_NO_BEFORE = re.compile(r"\b(?:no|without|lacks|lacking)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    """The text of the clause before ``start`` (back to the last sentence or clause break)."""
    return re.split(r"[.;:!?]\s|\n", text[max(0, start - 120) : start])[-1]


_NEGATIVE_OPENING = re.compile(
    r"^\W*(?:no|neither|none|nothing|nor|without|there (?:is|are|was|were) (?:no|nothing))\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\b(but|however|although|except|whereas|yet)\b", re.IGNORECASE)


def _sentence_negated(text: str, start: int) -> bool:
    """A sentence that opens with "No" denies everything it lists ("No ECIF, deployment vouchers
    or partner funding, onboarding benefit or adoption reporting is mentioned") up to a "but"."""
    opening = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), -1) + 1
    prefix = text[opening:start]
    return bool(_NEGATIVE_OPENING.match(prefix)) and not _CONTRAST.search(prefix)


# "at no charge", "no later than", "no fewer than": the word "no" without denying anything
_NOT_A_NEGATION = re.compile(
    r"\bno\s+(?:additional\s+|extra\s+)?(?:charge|cost|fee)\b|\bno\s+(?:later|fewer|less|more)\s+than\b",
    re.IGNORECASE,
)


# "no Microsoft funding (ECIF, partner funding or vouchers) has been requested", "does not
# include Microsoft FastTrack or any other Microsoft programme": programs named to deny them
_DENIED_LIST = re.compile(r"\bno\s+(?:[\w-]+\s+){0,3}\([^)]*$", re.IGNORECASE)
_NOT_INCLUDED = re.compile(
    r"\b(?:does|do|will|shall)\s+not\s+(?:include|cover|provide|offer|contain)\s+(?:any\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# "The Microsoft ECIF contribution referred to in our withdrawn offer is not part of this BAFO"
_NOT_PART_OF_OFFER = re.compile(
    r"[^.;?!]{0,100}?\b(?:is|are)\s+not\s+(?:part\s+of|included\s+in)\s+(?:this|the|our)\s+"
    r"(?:revised\s+|final\s+|new\s+)?(?:BAFO|offer|proposal|quote|quotation|deal|best and final)\b",
    re.IGNORECASE,
)


# "a deployment voucher ... for hands-on work that FastTrack does not cover: enrolling ...":
# a program in a relative clause marks what the sentence is not about
_DOES_NOT_COVER = re.compile(
    r"[^.;:?!]{0,40}?\b(?:does|do|will|would)\s*(?:not|n['’]t)\s+(?:cover|include|fund|pay\s+for)\b",
    re.IGNORECASE,
)


def _program_denied(text: str, start: int) -> bool:
    clause = _clause_before(text, start)
    return (
        _sentence_negated(text, start)
        or bool(_DENIED_LIST.search(clause))
        or bool(_NOT_INCLUDED.search(clause))
        or bool(_NOT_PART_OF_OFFER.match(text, start))
        or (
            bool(re.search(r"\b(?:that|which|what)\s+$", text[max(0, start - 12) : start]))
            and bool(_DOES_NOT_COVER.match(text, start))
        )
    )


# "(ii) we lose the monthly usage reports": what the chosen option gives up
_LOST_BEFORE = re.compile(
    r"\b(?:lose|loses|losing|lost|forgo|forgoes|forgoing|give\s+up|giving\s+up)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


# A buyer's own authority or right to buy more is no promise to anyone
_PERMITTED = re.compile(
    r"\b(?:authori[sz]e|authori[sz]es|authori[sz]ed|authority|(?:has|have|retains?)\s+the\s+"
    r"(?:right|option)|at\s+(?:its|their|the\s+customer's)\s+(?:option|discretion))\b"
    r"[^.;]{0,100}$",
    re.IGNORECASE,
)


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 80) : start]
    before = re.split(r"[.;:,]", before)[-1]  # a negation does not reach across a clause break
    before = _NOT_A_NEGATION.sub(" ", before)
    return bool(_NEGATION_BEFORE.search(before))


class ContractVocabulary:
    """Products, programs and workloads (phrase matching on lower case), partners and cues."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, tuple[str, str]] = {}
        groups = (
            ("product", vocabulary.products()),
            ("program", vocabulary.programs()),
            ("workload", vocabulary.workloads()),
        )
        for kind, terms in groups:
            for term in terms:
                key = f"{kind}::{term.name}"
                self.kinds[key] = (kind, term.name)
                self.matcher.add(key, [nlp.make_doc(alias) for alias in term.aliases])

    def match(self, doc: Doc) -> list[Found]:
        text = doc.text  # built from the tokens on every access: read it once
        by_kind: dict[str, list[Any]] = {}
        for match_id, start, end in self.matcher(doc):
            kind, name = self.kinds[doc.vocab.strings[match_id]]
            span = doc[start:end]
            span.label_ = name
            by_kind.setdefault(kind, []).append(span)
        found = []
        for kind, spans in by_kind.items():
            for span in filter_spans(spans):
                # "No Microsoft-funded services (ECIF, vouchers) are mentioned": named, not offered
                label = (
                    "negated"
                    if kind == "program"
                    and (
                        _program_denied(text, span.start_char) or unselected(text, span.start_char)
                    )
                    else None
                )
                found.append(Found(kind, span.start_char, span.end_char, span.label_, label))  # type: ignore[arg-type]
        found = [_funded_by_partner(text, f) for f in found]
        found += _workload_patterns(text, found)
        found += _program_patterns(text, found)
        found = _without_described(text, found)
        # "the 6% on Teams Premium": an add-on licence whose name holds a workload's name
        licences = [
            f
            for f in found
            if f.kind == "product" and vocabulary.product_names_no_workload(str(f.value))
        ]
        found = [
            f
            for f in found
            if not (
                f.kind == "workload"
                and any(p.start <= f.start and f.end <= p.end for p in licences)
            )
        ]
        partners = find_partners(text)
        # "a FastTrack Ready Partner" names a kind of partner, not the FastTrack program
        found = [
            f
            for f in found
            if not (
                f.kind == "program"
                and vocabulary.program_kind(str(f.value)) == "entitlement"
                and any(p.start <= f.start and f.end <= p.end for p in partners)
            )
        ]
        found += partners + find_cues(text)
        found += _counts_before_products(text, found)
        return found

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        _store(doc, found)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def _workload_patterns(text: str, found: list[Found]) -> list[Found]:
    """Workloads described rather than named. Where the name is written too, the description
    counts only outside it: "migrating the file shares into SharePoint Online (data migration
    and ...)" describes the work, while the bracket only spells out the SharePoint work."""
    spans = [(f.start, f.end, f.value) for f in found if f.kind == "workload"]
    out = []
    for name, pattern in vocabulary.workload_patterns():
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e and v == name for s, e, v in spans):
                out.append(Found("workload", m.start(), m.end(), name))
                break
    return out


def _without_described(text: str, found: list[Found]) -> list[Found]:
    """ "Deployment funding (Microsoft-funded partner services)": the words in brackets describe
    the program before them; they are not a second program."""
    programs = [f for f in found if f.kind == "program"]
    described = [
        f
        for f in programs
        if any(
            p.end <= f.start and re.fullmatch(r"\s*\(\s*(?:[\w-]+\s+){0,2}", text[p.end : f.start])
            for p in programs
        )
    ]
    # "Partner investment (ECIF)": a bracket that holds nothing but a program's proper name is
    # the formal name of the generic words before it
    named = {
        p: f
        for p in programs
        for f in described
        if re.fullmatch(r"\s*\(\s*", text[p.end : f.start])
        and re.match(r"\s*\)", text[f.end :])
        and re.fullmatch(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", text[f.start : f.end])
        and p.value != f.value
    }
    return [
        Found(f.kind, f.start, f.end, named[f].value, f.label) if f in named else f
        for f in found
        if f not in described
    ]


_COMPANY_FUNDED = re.compile(r"\b(?!Microsoft\b)[A-Z][\w&]+-$")


def _funded_by_partner(text: str, found: Found) -> Found:
    """ "Northgate-funded deployment services": "funded deployment services" names deployment
    funding, but the company glued before it pays, so the reseller funds its own work."""
    if found.kind != "program" or not text[found.start : found.end].lower().startswith("funded"):
        return found
    company = _COMPANY_FUNDED.search(text, max(0, found.start - 40), found.start)
    if company is None:
        return found
    return Found("program", company.start(), found.end, "Partner funding", found.label)


def _program_patterns(text: str, found: list[Found]) -> list[Found]:
    """Offers described rather than named; never inside a sentence that names a program (the
    FastTrack onboarding "at no charge" is the entitlement, not a partner's gift)."""
    named = [f for f in found if f.kind == "program"]
    out = []
    for name, pattern in vocabulary.program_patterns():
        for m in pattern.finditer(text):
            start, end = m.span("mention") if "mention" in pattern.groupindex else m.span()
            sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
            sentence_end = text.find(". ", m.end())
            sentence_end = len(text) if sentence_end < 0 else sentence_end
            if not any(sentence_start <= f.start < sentence_end for f in named):
                out.append(Found("program", start, end, name))
    return out


_NUMBER_BEFORE = re.compile(
    rf"(?P<num>{NUMBER})(?:\s*\((?P<digits>\d[\d,]*)\))?\s*(?:x\s*|×\s*)?$", re.IGNORECASE
)


_LABEL_WORD = re.compile(
    r"\b(phase|wave|stage|step|section|clause|year|part|tranche|milestone|release|no\.|number)\s*$"
    # "in Years 2 and 3 Microsoft 365 E3 is charged at list"
    r"|\b(phases|waves|stages|years|sections|parts)\s+\d+\s*(and|to|&|-|–)\s*$",
    re.IGNORECASE,
)


def _counts_before_products(text: str, found: list[Found]) -> list[Found]:
    """'2,500 Microsoft 365 E3': a bare number right before a product is its seat count."""
    out = []
    for item in found:
        if item.kind != "product":
            continue
        m = _NUMBER_BEFORE.search(text[max(0, item.start - 40) : item.start])
        if not m:
            continue
        # "One hundred and fifty-two (152) Microsoft 365 E3": the digits repeat the words
        value = parse_number(m.group("digits") or m.group("num"))
        if value is None or value < 1 or not value.is_integer():
            continue
        if 1990 <= value <= 2100 and "," not in m.group("num"):
            continue  # a year, not a quantity
        start = item.start - (len(text[max(0, item.start - 40) : item.start]) - m.start())
        if _LABEL_WORD.search(text[max(0, start - 12) : start]):
            continue  # "Phase 2 Teams Phone": the number names a phase, it counts nothing
        if re.search(r"(?:^|\s)(?:[A-Z]|\d{1,2})\.$", text[max(0, start - 4) : start]):
            continue  # "B.1 Azure credits.", "2.1 Microsoft 365 E3": a clause number
        preceding = text[max(0, start - 1) : start]
        if preceding in ("$", "€", "£") or re.fullmatch(
            r"[A-Z]{3}|[A-Z]{1,2}\$", text[max(0, start - 4) : start].strip()
        ):
            continue  # "CAD 75,000 Azure credit" is money, not 75,000 Azure seats
        out.append(Found("count", start, item.end, Count(int(value), "seats"), "product_quantity"))
    after = _counts_after_products(text, found)
    # "1 Microsoft 365 Business Premium 146 CAD 29.30": the 1 numbers the row, 146 counts seats
    out = [f for f in out if not any(a.start < f.end <= a.end for a in after)]
    return out + after


# "Microsoft 365 E3 850 31.96 325,992.00": a table row flattened by OCR or a plain-text e-mail.
# A whole number right after the product, followed by a price with cents, is the quantity.
# "Microsoft 365 G5 GCC-. 45 USR $642.96": a purchase order's unit of measure between them
_NUMBER_THEN_PRICE = re.compile(
    r"^[\s|=:]*(?:\([^)]{0,40}\)[\s|=:]*)?(?:(?:GCC|GCCH|EDU)\W{0,3}\s+)?(?:[-–—.]{1,3}\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})\b[\s|=:]+(?:(?:USR|EA|LIC|SUB)\s+)?"
    r"(?:(?:(?:[A-Z]{3}|[$€£])\s?)?\d[\d,]*\.\d{2}\b|"
    # "Microsoft 365 E3 1,150 36 months ERP less 9%": a scanned row read as a line
    r"\d{1,2}[\s-]*(?:months?|years?)\b)"
)


# "Microsoft 365 E3 x 280"; "the licence count for Microsoft 365 F3 is 1,350"
_TIMES_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:x|×|\*)\s*(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})\b(?![.,]\d)"
)
_COUNT_NAMED_BEFORE = re.compile(
    r"\b(?:quantity|licen[cs]e count|seat count|user count|number of (?:licen[cs]es|seats|users|"
    r"subscriptions))\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IS_NUMBER_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:is|will be|shall be|:|=)\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})\b(?![.,]\d)"
)


# "Teams Phone Standard - 300 (dispatch + customer service)": a deal sheet's licence line
_DASH_COUNT = re.compile(
    r"^\s+[-–—]\s+(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})\b(?!\s*(?:%|months?|years?|days?|per\b|/))"
)


def _counts_after_products(text: str, found: list[Found]) -> list[Found]:
    out = []
    for item in found:
        if item.kind != "product":
            continue
        after = text[item.end : item.end + 60]
        m = _NUMBER_THEN_PRICE.match(after) or _TIMES_AFTER.match(after)
        line_start = text.rfind("\n", 0, item.start) + 1
        if m is None and not text[line_start : item.start].strip():
            m = _DASH_COUNT.match(after)  # "M365 F3 - 620 depot / driver users - AUD 12.80"
        if m is None and _COUNT_NAMED_BEFORE.search(text[max(0, item.start - 40) : item.start]):
            m = _IS_NUMBER_AFTER.match(after)
        if not m:
            continue
        value = parse_number(m.group("num"))
        if value is None or value < 1:
            continue
        end = item.end + m.end("num")
        out.append(Found("count", item.start, end, Count(int(value), "seats"), "product_quantity"))
    return out


@Language.factory("contract_values")
def make_contract_values(nlp: Language, name: str) -> ContractValues:
    return ContractValues(nlp, name)


@Language.factory("contract_vocabulary")
def make_contract_vocabulary(nlp: Language, name: str) -> ContractVocabulary:
    return ContractVocabulary(nlp, name)
