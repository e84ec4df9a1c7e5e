"""Items: seats per product, and every commercial term classified into a ledger.

``assemble(documents, mentions)`` returns ``(seats, items)``. Each Item carries its evidence
(document, page, exact sentence or table row), verified verbatim against the source, and a
confidence that combines the rules with the trained clause classifier.

Flags the playbook reads (free strings, so the records stay ignorant of rules):
- ``in_lieu_of_discount``: funding or onboarding offered instead of a price concession
- ``first_year_only`` / ``ramp_to_list`` / ``full_term``: how long a discount lasts
- ``priced`` / ``traded``: entitled onboarding given a price, or offered as a concession
- ``exchange_for_commitment``: funding or onboarding tied to a purchase commitment
- ``engaged``: the entitled onboarding is planned to be engaged
- ``up_to``: the amount is a ceiling ("up to $100,000")
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..errors import AnalyzerError, ModelUnavailableError
from ..nlp import sentence_at, sentence_spans
from ..nlp.vocabulary import generic_program
from ..records import Document, Evidence, Item, Mention, Seat
from .assemble import Draft, SeatDraft, assemble_document, finish_seats, merge_drafts
from .classifier import category_probabilities, classify_clauses

_SWITCH_MARGIN = 0.8  # the head overrides a weak rule only when at least this sure


def assemble(
    documents: Sequence[Document], mentions: Mapping[str, Sequence[Mention]]
) -> tuple[tuple[Seat, ...], tuple[Item, ...]]:
    seat_drafts: list[SeatDraft] = []
    drafts: list[Draft] = []
    for document in documents:
        seats, found = assemble_document(document, mentions.get(document.name, ()))
        seat_drafts += seats
        drafts += found
    final_seats = finish_seats(seat_drafts)
    if not final_seats and not names_microsoft(documents, mentions):
        # A SaaS order form's "10% discount" is not a Microsoft licensing term: without
        # Microsoft seats, a Microsoft program or Microsoft as a party there is nothing here.
        return (), ()
    drafts = merge_drafts(drafts)
    items = _classify(drafts)
    by_name = {doc.name: doc for doc in documents}
    quotes = [e for item in items for e in item.evidence]
    quotes += [e for seat in final_seats for e in seat.evidence]
    for evidence in quotes:
        _verify(evidence, by_name)
    return tuple(final_seats), tuple(items)


# Microsoft as a party to the deal, not as a technology the vendor mentions in passing
# ("hosted in Microsoft Azure", "single sign-on with Microsoft Entra ID").
_MICROSOFT_PARTY = re.compile(
    r"\bMicrosoft(?: Corporation| Ireland| Pty Ltd| Ltd| Limited)? (?:will|shall|is pleased|"
    r"agrees|commits|offers|proposes|provides|has approved|account team|Enterprise Agreement|"
    r"Customer Agreement|Products and Services Agreement|Business Agreement|Enrollment|"
    r"Corporation|Ireland|funding|investment|licensing|renewal|proposal|Volume Licensing)\b|"
    # "deployment ... paid for by Microsoft under the referenced no-cost work order"
    r"\b(?:paid for|funded|financed) by Microsoft\b|\bMicrosoft-funded\b",
)
# "no Microsoft products or services are sold under this Order Form", "Microsoft is not a party"
_NOT_MICROSOFT = re.compile(
    r"\bno\s+Microsoft\b|\bMicrosoft\s+is\s+not\b|\bnot\s+(?:a\s+)?Microsoft\b", re.IGNORECASE
)
# "The Customer already holds Microsoft 365 E3 ... under its own Microsoft Customer Agreement,
# purchased separately": licences the customer has, not licences this document sells
_ALREADY_HELD = re.compile(
    r"\balready\s+(?:holds|has|owns|licenses|licences|subscribes)\b|\bpurchased\s+separately\b|"
    r"\bunder\s+(?:its|their)\s+own\s+Microsoft\b",
    re.IGNORECASE,
)


_LICENSED = re.compile(
    r"^\W{0,3}(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}(licen[cs]es?|subscriptions?|seats|users)\b", re.I
)


def names_microsoft(
    documents: Sequence[Document], mentions: Mapping[str, Sequence[Mention]]
) -> bool:
    """A Microsoft licensing deal: Microsoft is a party, a Microsoft-only program is named, or
    Microsoft products are licensed. A SaaS order form that is "hosted in Microsoft Azure" or
    offers "an onboarding voucher" is not one."""
    texts = {doc.name: {b.index: b.text for b in doc.blocks} for doc in documents}

    def denied(name: str, m: Mention) -> bool:
        """ "its FastTrack engagement ... closed in 2025 and ... no Microsoft-funded programme
        (ECIF, ...) has been requested": a partner's own paper names programs to set them aside."""
        sentence = sentence_at(texts.get(name, {}).get(m.block, ""), m.start)
        return bool(_NOT_MICROSOFT.search(sentence) or _ALREADY_HELD.search(sentence))

    programs = [
        str(m.value)
        for name, ms in mentions.items()
        for m in ms
        if m.kind == "program" and m.label != "negated" and not denied(name, m)
    ]
    if any(not generic_program(p) for p in programs):
        return True
    for name, found in mentions.items():
        for m in found:
            if m.kind == "count" and m.label == "product_quantity":
                return True
            if m.kind == "product":
                text = texts.get(name, {}).get(m.block, "")
                if _LICENSED.search(text[m.end : m.end + 40]) and not _ALREADY_HELD.search(
                    sentence_at(text, m.start)
                ):
                    return True
    return any(
        _MICROSOFT_PARTY.search(sentence)
        and not _NOT_MICROSOFT.search(sentence)
        and not _ALREADY_HELD.search(sentence)
        for doc in documents
        for b in doc.blocks
        for sentence in (b.text[a:z] for a, z in sentence_spans(b.text))
    )


def _verify(evidence: Evidence, documents: Mapping[str, Document]) -> None:
    document = documents.get(evidence.document)
    if document is None or not document.contains_quote(evidence.text):
        raise AnalyzerError(
            f"internal error: evidence {evidence.text!r} is not in {evidence.document}"
        )


def _classify(drafts: list[Draft]) -> list[Item]:
    texts = [" ".join(c.text for c in d.clauses[:2]) for d in drafts]
    try:
        probabilities = category_probabilities(texts)
    except ModelUnavailableError:
        probabilities = [{} for _ in drafts]
    items: list[Item] = []
    counters: dict[str, int] = {}
    for draft, probs in zip(drafts, probabilities, strict=True):
        category = draft.category
        if probs:
            best = max(probs, key=lambda k: probs[k])
            if (
                best != category
                and probs[best] >= _SWITCH_MARGIN
                and draft.rule_confidence < 0.7
                and best in ("funded_credit", "other")
            ):
                category = best
            confidence = 0.5 * draft.rule_confidence + 0.5 * probs.get(category, 0.0)
        else:
            confidence = draft.rule_confidence
        if category == "other" and draft.rule_confidence < 0.7:
            continue
        counters[category] = counters.get(category, 0) + 1
        evidence = tuple(dict.fromkeys(c.evidence() for c in draft.clauses))
        items.append(
            Item(
                id=f"{category}-{counters[category]}",
                category=category,
                program=draft.program,
                summary=_summary(draft, category),
                evidence=evidence,
                confidence=round(min(max(confidence, 0.0), 1.0), 3),
                amount=draft.amount,
                percent=draft.percent,
                quantity=draft.quantity,
                products=tuple(draft.products),
                scope=tuple(draft.scope),
                expires=draft.expires,
                term_months=draft.term_months,
                partner=draft.partner,
                conditions=tuple(draft.conditions),
                flags=tuple(sorted(draft.flags)),
                unit_price=draft.unit_price,
            )
        )
    return items


def _summary(draft: Draft, category: str) -> str:
    parts = []
    if category == "discount":
        parts.append(f"{draft.percent:g}% discount" if draft.percent is not None else "Discount")
        if draft.products:
            parts.append("on " + ", ".join(draft.products))
        if draft.term_months:
            parts.append(f"for {draft.term_months} months")
    elif category == "commitment":
        parts.append("Commitment to buy more")
        if draft.quantity:
            parts.append(f"({draft.quantity:,} seats)")
        if draft.products:
            parts.append("of " + ", ".join(draft.products))
    else:
        label = "Entitled onboarding" if category == "entitlement" else "Funded credit"
        parts.append(f"{draft.program or label}")
        if draft.amount:
            parts.append(f"{draft.amount.currency} {draft.amount.amount:,.0f}")
        if draft.scope:
            parts.append("for " + ", ".join(draft.scope))
        if draft.expires:
            parts.append(f"expires {draft.expires.date or draft.expires.text}")
    return " ".join(parts)


__all__ = ["assemble", "classify_clauses"]
