"""diff_reports and amendment_findings on hand-built Reports; change-only on Documents."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from analyzer.compare import (
    amendment_findings,
    apply_change_statements,
    diff_reports,
    is_change_only,
)
from analyzer.records import (
    Block,
    Document,
    Evidence,
    Expiry,
    Finding,
    Item,
    Ledgers,
    Money,
    Report,
    Revision,
    Seat,
)


def ev(text: str, document: str = "base.pdf") -> Evidence:
    return Evidence(document=document, page=1, text=text, block=0)


SEATS_E5 = Seat("Microsoft 365 E5", 4000, (ev("Microsoft 365 E5 | 4,000"),))
DISCOUNT = Item(
    id="d1",
    category="discount",
    program=None,
    summary="12% on E5",
    confidence=0.9,
    evidence=(ev("A 12% discount applies to Microsoft 365 E5."),),
    percent=12.0,
    products=("Microsoft 365 E5",),
    term_months=36,
)
ECIF = Item(
    id="c1",
    category="funded_credit",
    program="ECIF",
    summary="ECIF USD 250,000",
    confidence=0.9,
    evidence=(ev("ECIF of USD 250,000 must be claimed by 30 June 2027."),),
    amount=Money(250000.0, "USD"),
    expires=Expiry(dt.date(2027, 6, 30), "30 June 2027"),
    scope=("Teams Phone",),
)


def report(*, seats=(SEATS_E5,), items=(DISCOUNT, ECIF), findings=()) -> Report:  # type: ignore[no-untyped-def]
    return Report(
        documents=(),
        seats=tuple(seats),
        items=tuple(items),
        findings=tuple(findings),
        ledgers=Ledgers({}, {}, {}),
    )


def codes(base: Report, amended: Report, revisions: tuple[Revision, ...] = ()) -> list[str]:
    return [
        f.code for f in amendment_findings(base, amended, diff_reports(base, amended, revisions))
    ]


def test_identical_reports_have_no_change_and_no_finding() -> None:
    assert diff_reports(report(), report()) == ()
    assert codes(report(), report()) == []


def test_items_are_matched_by_what_they_are_not_by_id_or_position() -> None:
    renumbered = report(
        items=(dataclasses.replace(ECIF, id="x9"), dataclasses.replace(DISCOUNT, id="x1"))
    )
    assert diff_reports(report(), renumbered) == ()


def test_seat_reduction_is_one_change_with_both_quantities_and_evidence() -> None:
    fewer = dataclasses.replace(SEATS_E5, quantity=3600, evidence=(ev("E5 | 3,600", "amd.pdf"),))
    changes = diff_reports(report(), report(seats=(fewer,)))
    assert [(c.kind, c.key, c.field, c.before, c.after) for c in changes] == [
        ("seats", "Microsoft 365 E5", "quantity", 4000, 3600)
    ]
    assert changes[0].evidence_before == SEATS_E5.evidence
    assert changes[0].evidence_after == fewer.evidence
    findings = amendment_findings(report(), report(seats=(fewer,)), changes)
    assert [f.code for f in findings] == ["AMENDMENT_SEATS_CHANGED"]
    assert "4,000" in findings[0].detail and "3,600" in findings[0].detail


@pytest.mark.parametrize(
    ("amended_items", "expected"),
    [
        ((dataclasses.replace(DISCOUNT, percent=8.0), ECIF), ["AMENDMENT_DISCOUNT_REDUCED"]),
        ((dataclasses.replace(DISCOUNT, term_months=12), ECIF), ["AMENDMENT_DISCOUNT_REDUCED"]),
        ((ECIF,), ["AMENDMENT_DISCOUNT_REMOVED"]),
        (
            (DISCOUNT, dataclasses.replace(ECIF, amount=Money(150000.0, "USD"))),
            ["AMENDMENT_CREDIT_REDUCED"],
        ),
        ((DISCOUNT,), ["AMENDMENT_CREDIT_REMOVED"]),
        (
            (
                DISCOUNT,
                dataclasses.replace(ECIF, expires=Expiry(dt.date(2026, 12, 31), "31 Dec 2026")),
            ),
            ["AMENDMENT_CREDIT_EXPIRY_EARLIER"],
        ),
        (
            (
                DISCOUNT,
                dataclasses.replace(ECIF, expires=Expiry(dt.date(2027, 12, 31), "31 Dec 2027")),
            ),
            [],
        ),
        ((dataclasses.replace(DISCOUNT, percent=15.0), ECIF), []),
    ],
    ids=[
        "percent-down",
        "term-shorter",
        "discount-gone",
        "credit-down",
        "credit-gone",
        "expiry-earlier",
        "expiry-later",
        "percent-up",
    ],
)
def test_amendment_codes(amended_items: tuple[Item, ...], expected: list[str]) -> None:
    assert codes(report(), report(items=amended_items)) == expected


def test_new_commitment_carries_the_tracked_insertion_author() -> None:
    sentence = "Customer intends to purchase 1,000 additional Microsoft 365 E5 licences by 2027."
    commitment = Item(
        id="k1",
        category="commitment",
        program=None,
        summary="1,000 more E5",
        confidence=0.8,
        evidence=(ev(sentence, "redline.docx"),),
        quantity=1000,
        products=("Microsoft 365 E5",),
    )
    revision = Revision("insert", sentence, 7, "Jordan Seller", "2026-05-04T09:00:00Z")
    amended = report(items=(DISCOUNT, ECIF, commitment))
    changes = diff_reports(report(), amended, (revision,))
    assert [(c.kind, c.field) for c in changes] == [("commitment", "added")]
    assert changes[0].revision == revision
    findings = amendment_findings(report(), amended, changes)
    assert [f.code for f in findings] == ["AMENDMENT_NEW_COMMITMENT"]
    assert findings[0].item_ids == ("k1",)
    assert "Jordan Seller" in findings[0].detail


def test_newly_triggered_one_document_codes_are_passed_through_once() -> None:
    in_lieu = Finding("FUNDING_REPLACES_DISCOUNT", "high", "t", "d", "a")
    no_scope = Finding("CREDIT_NO_SCOPE", "medium", "t", "d", "a")
    base = report(findings=(no_scope,))
    amended = report(items=(ECIF,), findings=(in_lieu, no_scope))
    assert codes(base, amended) == ["AMENDMENT_DISCOUNT_REMOVED", "FUNDING_REPLACES_DISCOUNT"]


# --------------------------------------------------------------------------- change-only


def document(name: str, texts: list[tuple[str, str]], page: int | None = None) -> Document:
    """A Document from (kind, text) pairs; a table's rows are its text's lines split at " | "."""
    blocks = tuple(
        Block(
            kind=kind,  # type: ignore[arg-type]
            text=text,
            index=i,
            page=page,
            level=1 if kind == "heading" else None,
            rows=tuple(tuple(line.split(" | ")) for line in text.split("\n"))
            if kind == "table"
            else (),
        )
        for i, (kind, text) in enumerate(texts)
    )
    return Document(name=name, format="txt", sha256="0" * 64, blocks=blocks)


BASE = document(
    "proposal.pdf",
    [
        ("heading", "1. Licences"),
        ("paragraph", "Customer licenses 4,000 seats of Microsoft 365 E5."),
        ("heading", "3. Pricing"),
        ("paragraph", "A discount of 12% applies to Microsoft 365 E5 for the full 36-month term."),
        ("heading", "4. Funding"),
        ("paragraph", "ECIF of USD 250,000 must be claimed by 30 June 2027."),
    ],
    page=1,
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            [
                (
                    "paragraph",
                    "Section 3 of the Agreement is deleted in its entirety and replaced with "
                    "the following: Pricing is at list.",
                ),
                ("paragraph", "All other terms remain unchanged."),
            ],
            True,
        ),
        ([("paragraph", "The quantity of Microsoft 365 E5 is revised from 4,000 to 3,600.")], True),
        (
            [("paragraph", "Customer licenses 4,000 seats of Microsoft 365 E5 at a 12% discount.")],
            False,
        ),
    ],
    ids=["section-replaced", "quantity-revised", "full-offer"],
)
def test_is_change_only(texts: list[tuple[str, str]], expected: bool) -> None:
    assert is_change_only(document("amendment.docx", texts)) is expected


def test_a_full_document_with_a_price_table_is_not_change_only() -> None:
    table = Block(kind="table", text="a", index=1, rows=(("Product", "Units"), ("E5", "3,600")))
    doc = document("full.docx", [("paragraph", "The quantity is revised from 4,000 to 3,600.")])
    assert not is_change_only(dataclasses.replace(doc, blocks=(*doc.blocks, table)))


def test_section_replacement_quantity_and_date_revisions_are_applied() -> None:
    amendment = document(
        "amendment-1.docx",
        [
            ("paragraph", "The Agreement is hereby amended as follows."),
            ("paragraph", "Section 3 is deleted in its entirety and replaced with the following:"),
            ("paragraph", "A discount of 8% applies to Microsoft 365 E5 for the first 12 months."),
            ("paragraph", "The quantity of Microsoft 365 E5 is revised from 4,000 to 3,600."),
            ("paragraph", "The claim deadline is revised from 30 June 2027 to 31 December 2026."),
            ("paragraph", "All other terms remain unchanged."),
        ],
    )
    (amended,) = apply_change_statements([BASE], amendment)
    assert amended.name == "proposal.pdf (as amended)"
    assert [b.index for b in amended.blocks] == list(range(len(amended.blocks)))
    text = amended.text
    assert "8% applies to Microsoft 365 E5 for the first 12 months" in text
    assert "12%" not in text
    assert "3,600 seats" in text and "4,000" not in text
    assert "31 December 2026" in text and "30 June 2027" not in text
    assert "1. Licences" in text and "4. Funding" in text
    assert amended.warnings == ()


def test_section_deletion_and_unapplicable_statement_becomes_a_warning() -> None:
    amendment = document(
        "amendment-2.docx",
        [
            ("paragraph", "Section 4 is deleted in its entirety."),
            ("paragraph", "Section 9 is deleted and replaced with: Nothing."),
        ],
    )
    (amended,) = apply_change_statements([BASE], amendment)
    assert "ECIF" not in amended.text
    assert len(amended.warnings) == 1 and "Section 9" in amended.warnings[0]


def test_titles_and_asks_come_from_the_playbook_when_it_has_the_code() -> None:
    from analyzer.playbook import Playbook
    from analyzer.playbook.model import Rule

    default = Playbook.load()
    rules = dict(default.rules)
    rules["AMENDMENT_SEATS_CHANGED"] = Rule(
        "high", "Seats moved", "Why {{ before }} -> {{ after }}?"
    )
    tuned = dataclasses.replace(default, rules=rules)
    fewer = dataclasses.replace(SEATS_E5, quantity=3600)
    base, amended = report(), report(seats=(fewer,))
    (finding,) = amendment_findings(base, amended, diff_reports(base, amended), playbook=tuned)
    assert (finding.severity, finding.title, finding.ask) == (
        "high",
        "Seats moved: Microsoft 365 E5",
        "Why 4,000 -> 3,600?",
    )


@pytest.mark.parametrize(
    ("statement", "present", "gone"),
    [
        ("The discount percentage is revised from 12% to 8%.", "discount of 8%", "12%"),
        ("The ECIF amount is reduced from $250,000 to $150,000.", "USD 150,000", "250,000"),
    ],
    ids=["percent", "amount-written-differently"],
)
def test_value_revisions_are_applied(statement: str, present: str, gone: str) -> None:
    (amended,) = apply_change_statements(
        [BASE], document("amendment-3.docx", [("paragraph", statement)])
    )
    assert present in amended.text and gone not in amended.text
    assert amended.warnings == ()


def test_a_statement_mentioning_signature_is_still_applied() -> None:
    statement = "The claim deadline is revised from 30 June 2027 to 30 days after signature."
    (amended,) = apply_change_statements(
        [BASE], document("amendment-4.docx", [("paragraph", statement)])
    )
    assert "claimed by 30 days after signature" in amended.text


WORDED_BASE = document(
    "quote.pdf",
    [
        ("heading", "4. Pricing"),
        (
            "paragraph",
            "4.2 A discount of 10% off the reseller list price applies to Microsoft 365 F3.",
        ),
        ("table", "Product | Qty | Disc.\nMicrosoft 365 F3 | 1,500 | 10%"),
        (
            "paragraph",
            "Microsoft will contribute ECIF of one hundred and twenty thousand pounds "
            "(GBP 120,000) for Teams Phone.",
        ),
    ],
    page=1,
)


@pytest.mark.parametrize(
    ("statement", "present", "gone"),
    [
        (
            "1.3 The ECIF contribution shall be GBP 95,000 (ninety-five thousand pounds) rather "
            "than GBP 120,000.",
            "GBP 95,000",
            "120,000",
        ),
        (
            'In clause 3.1 the words "1,500" are deleted and replaced with "1,350".',
            "1,350",
            "1,500",
        ),
        (
            "Item 1 - Microsoft 365 F3: the Licence count is reduced by one hundred and fifty "
            "(150) licences, from 1,500 to 1,350, following the sale of a quarry.",
            "1,350",
            "1,500",
        ),
    ],
    ids=["rather-than-amount-in-words", "words-are-deleted-and-replaced", "reduced-by-from-to"],
)
def test_statements_in_other_drafting_styles(statement: str, present: str, gone: str) -> None:
    (amended,) = apply_change_statements(
        [WORDED_BASE], document("variation.docx", [("paragraph", statement)])
    )
    assert present in amended.text and gone not in amended.text
    if "120,000" in statement:  # the amount written in words goes with its figure
        assert "one hundred and twenty thousand" not in amended.text
    assert amended.warnings == ()


def test_a_replaced_clause_that_restates_the_discount_changes_the_price_table_too() -> None:
    statement = (
        'Clause 4.2 is deleted in its entirety and replaced with: "4.2 A discount of seven per '
        'cent (7%) off the reseller list price applies to Microsoft 365 F3."'
    )
    (amended,) = apply_change_statements(
        [WORDED_BASE], document("variation.docx", [("paragraph", statement)])
    )
    table = next(b for b in amended.blocks if b.kind == "table")
    assert table.rows[1] == ("Microsoft 365 F3", "1,500", "7%")
    assert "10%" not in amended.text


def test_a_new_note_is_a_statement_and_is_appended() -> None:
    statement = (
        'A new Note 8 is inserted after Note 7: "8. The Customer intends to add Microsoft 365 '
        'Copilot for a further 200 users before 1 April 2028."'
    )
    amendment = document("variation.docx", [("paragraph", statement)])
    assert is_change_only(amendment)
    (amended,) = apply_change_statements([WORDED_BASE], amendment)
    assert "intends to add Microsoft 365 Copilot for a further 200 users" in amended.text


SET_BASE = document(
    "proposal.pdf",
    [
        ("paragraph", "A discount of 10% applies to Microsoft 365 F3 for the full term."),
        ("table", "Product | Qty\nMicrosoft 365 F3 | 1,500"),
        (
            "paragraph",
            "Microsoft will contribute ECIF of one hundred and twenty thousand pounds "
            "(GBP 120,000) for Teams Phone, which must be claimed by 30 June 2027.",
        ),
    ],
    page=1,
)


@pytest.mark.parametrize(
    ("statement", "present", "gone"),
    [
        ("The ECIF contribution is reduced to GBP 95,000.", "(GBP 95,000)", "120,000"),
        (
            "The claim date for the ECIF funds is extended to 31 March 2028.",
            "31 March 2028",
            "2027",
        ),
        ("The discount is lowered to 7% with effect from the next invoice.", "7%", "10%"),
        ("The Microsoft 365 F3 licence count is reduced to 1,350.", "1,350", "1,500"),
    ],
    ids=["amount", "deadline", "discount", "quantity"],
)
def test_a_statement_that_gives_only_the_new_value_sets_the_named_term(
    statement: str, present: str, gone: str
) -> None:
    amendment = document("variation.docx", [("paragraph", statement)])
    assert is_change_only(amendment)
    (amended,) = apply_change_statements([SET_BASE], amendment)
    assert present in amended.text and gone not in amended.text
    assert amended.warnings == ()


@pytest.mark.parametrize(
    "statement",
    [
        "Microsoft 365 F3: 1,350 seats (previously 1,500).",
        "Licence schedule, Microsoft 365 F3: 1,500 -> 1,350.",
        "The Microsoft 365 F3 quantity moves from 1,500 to 1,350.",
    ],
    ids=["previously", "arrow", "moves-from-to"],
)
def test_terse_change_notations(statement: str) -> None:
    amendment = document("variation.docx", [("paragraph", statement)])
    assert is_change_only(amendment)
    (amended,) = apply_change_statements([SET_BASE], amendment)
    assert "1,350" in amended.text and "1,500" not in amended.text


def test_several_changes_in_one_sentence_are_all_applied() -> None:
    statement = (
        "The Microsoft 365 F3 quantity is reduced from 1,500 to 1,350 and the ECIF contribution "
        "from GBP 120,000 to GBP 95,000, with the claim date from 30 June 2027 to 31 March 2027."
    )
    (amended,) = apply_change_statements(
        [SET_BASE], document("variation.docx", [("paragraph", statement)])
    )
    text = amended.text
    assert "1,350" in text and "95,000" in text and "31 March 2027" in text
    assert "1,500" not in text and "120,000" not in text and "30 June 2027" not in text


DEADLINE_BASE = document(
    "proposal.pdf",
    [
        ("paragraph", "The Enrollment starts on 1 February 2027."),
        (
            "paragraph",
            "For Microsoft 365 F3 Microsoft offers 8% off the list price in Year 1 only.",
        ),
        ("table", "Product | Qty\nMicrosoft 365 F3 | 640"),
        (
            "paragraph",
            "Microsoft will contribute ECIF of CAD 180,000. The partner's claim must be submitted "
            "within 270 days of the Effective Date.",
        ),
    ],
    page=1,
)


@pytest.mark.parametrize(
    ("statement", "present", "gone"),
    [
        (
            "The ECIF funds are reduced from CAD 180,000 to CAD 150,000, and the period for "
            "claims, previously 270 days from the Effective Date, now ends on 31 August 2027.",
            "by 31 August 2027",
            "270 days",
        ),
        (
            "ECIF must be claimed by December 31st, 2027 instead of within 270 days of the "
            "Effective Date.",
            "December 31st, 2027",
            "270 days",
        ),
        (
            'Section 4 is amended by replacing "8% off the list price" with "6% off the list '
            'price".',
            "6% off the list price",
            "8%",
        ),
        (
            "The number of Microsoft 365 F3 users is reduced by sixty, to 580.",
            "580",
            "640",
        ),
        (
            "The eight per cent (8%) Year 1 reduction is withdrawn and replaced by a reduction of "
            "six per cent (6%) that applies in each of the three years of the term.",
            "six per cent (6%) that applies in each of the three years",
            "Year 1 only",
        ),
    ],
    ids=["previously-now-ends", "instead-of", "replacing-with", "reduced-by-to", "term-replaced"],
)
def test_deadline_and_term_rewrites(statement: str, present: str, gone: str) -> None:
    (amended,) = apply_change_statements(
        [DEADLINE_BASE], document("letter.pdf", [("paragraph", statement)])
    )
    assert present in amended.text and gone not in amended.text
    assert amended.warnings == ()


SECTIONED_BASE = document(
    "proposal.docx",
    [
        ("heading", "Section 2 (Licence requirements)"),
        ("table", "Product | Seats\nMicrosoft 365 E3 | 2,400\nMicrosoft 365 F3 | 3,100"),
        ("heading", "Section 3 (Commercial terms)"),
        (
            "paragraph",
            "Microsoft 365 E3 and F3 carry a reduction of nine per cent (9%) below list in the "
            "first and second years. Support tickets are answered within 3,100 seconds.",
        ),
    ],
)


@pytest.mark.parametrize(
    ("statement", "present", "gone"),
    [
        (
            'Section 2 (Licence requirements): in the row for Microsoft 365 F3, the figure "3,100" '
            'is deleted and replaced by "2,300". This reflects the new sorting lines.',
            "Microsoft 365 F3 | 2,300",
            "Microsoft 365 F3 | 3,100",
        ),
        (
            "1. Licence count - Microsoft 365 F3: reduced from 3,100 to 2,300 users, reflecting "
            "the roles that move to the shared-service centre.",
            "Microsoft 365 F3 | 2,300",
            "Microsoft 365 F3 | 3,100",
        ),
        (
            "Section 3 (Commercial terms): the reduction applied to Microsoft 365 E3 and F3 shall "
            "be seven per cent (7%) in place of nine per cent (9%).",
            "7%",
            "nine per cent",
        ),
        (
            "2. Price: the reduction below list price becomes seven per cent (7%) instead of nine "
            "per cent (9%), because the smaller volume no longer supports it.",
            "7%",
            "9%",
        ),
    ],
    ids=[
        "quoted-figure-in-a-named-section-row",
        "bare-participle-after-the-product",
        "in-place-of-words-and-figures",
        "becomes-instead-of",
    ],
)
def test_value_changes_inside_a_named_section_change_only_the_value(
    statement: str, present: str, gone: str
) -> None:
    """A quoted figure under "Section 2 (...)" changes that figure, not the whole section, and a
    count changed for a named product leaves the same number elsewhere alone."""
    (amended,) = apply_change_statements(
        [SECTIONED_BASE], document("amendment.docx", [("paragraph", statement)])
    )
    assert present in amended.text and gone not in amended.text
    assert "Section 2 (Licence requirements)" in amended.text  # the section is still there
    assert "3,100 seconds" in amended.text  # another 3,100 is not a licence count
    assert amended.warnings == ()


PROPOSAL_BASE = document(
    "proposal.pdf",
    [
        ("heading", "What you are buying"),
        (
            "table",
            "Subscription | Licence count\nMicrosoft 365 E3 | 2,750\nMicrosoft 365 F3 | 1,200",
        ),
        ("heading", "Price concession"),
        (
            "paragraph",
            "Microsoft 365 E3 is offered at nine per cent (9%) below list for all thirty-six "
            "months of the Enrollment.",
        ),
        ("heading", "2.3 End Customer Investment Funds"),
        ("paragraph", "Microsoft will make available ECIF of £150,000 for Teams Phone."),
        ("paragraph", "The work is delivered by Brightwater Digital Ltd."),
        ("heading", "Investment"),
        (
            "paragraph",
            "In addition, Microsoft will load Azure credits of €40k for an Azure Virtual Desktop "
            "proof of concept. The credits are valid until 30 September 2027.",
        ),
    ],
)


def _amend(texts: list[tuple[str, str]]) -> Document:
    (amended,) = apply_change_statements([PROPOSAL_BASE], document("amendment.pdf", texts))
    return amended


def test_a_table_of_old_and_new_quantities_changes_only_the_rows_that_change() -> None:
    amended = _amend(
        [
            ("paragraph", "The quantity table is amended as follows:"),
            (
                "table",
                "Subscription | Quantity in Proposal | Amended quantity\n"
                "Microsoft 365 E3 | 2,750 | 2,500\nMicrosoft 365 F3 | 1,200 | 1,200 (no change)",
            ),
        ]
    )
    assert "Microsoft 365 E3 | 2,500" in amended.text
    assert "Microsoft 365 F3 | 1,200" in amended.text
    assert amended.warnings == ()


def test_a_paragraph_named_by_its_heading_is_replaced_by_the_text_that_follows() -> None:
    amended = _amend(
        [
            (
                "paragraph",
                'The paragraph headed "Price concession" is deleted in its entirety and replaced '
                "with the following:",
            ),
            (
                "paragraph",
                '"Microsoft 365 E3 is offered at nine per cent (9%) below list for the first '
                'twelve months of the Enrollment only."',
            ),
            ("heading", "3. Microsoft investment"),
            ("paragraph", "Nothing else changes."),
        ]
    )
    assert "for the first twelve months of the Enrollment only" in amended.text
    assert "all thirty-six months" not in amended.text
    assert "Nothing else changes" not in amended.text  # the amendment's next part stays out


def test_a_withdrawn_program_leaves_the_base() -> None:
    amended = _amend(
        [
            (
                "paragraph",
                "3.2 The Azure credits of EUR 40,000 for the Azure Virtual Desktop proof of "
                "concept are withdrawn; the paragraph of the Proposal describing them is deleted.",
            )
        ]
    )
    assert "Azure credits" not in amended.text
    assert "ECIF of £150,000" in amended.text
    assert amended.warnings == ()


def test_the_first_paragraph_of_a_section_amended_as_shown_below() -> None:
    amended = _amend(
        [
            (
                "paragraph",
                "The first paragraph of Section 2.3 is amended as shown in the tracked change "
                "below:",
            ),
            ("paragraph", "Microsoft will make available ECIF of £110,000 for Teams Phone."),
            ("paragraph", "The second paragraph of Section 2.3 is unchanged."),
        ]
    )
    assert "ECIF of £110,000" in amended.text and "£150,000" not in amended.text
    assert "Brightwater Digital Ltd" in amended.text


LEGAL_BASE = document(
    "proposal.docx",
    [
        ("heading", "2. Scope of renewal and pricing"),
        ("table", "Product | Licences\nMicrosoft 365 F3 | 1,900\nMicrosoft 365 E3 | 3,250"),
        (
            "paragraph",
            "The 12% reductions on Microsoft 365 E3 and F3 are fixed for all three years of the "
            "Enrollment.",
        ),
        ("heading", "3. Microsoft investment"),
        ("paragraph", "ECIF of EUR 180,000 for Intune, delivered by Kestrel Digital Services B.V."),
    ],
)


def test_a_was_now_table_and_a_new_undertaking_heading() -> None:
    (amended,) = apply_change_statements(
        [LEGAL_BASE],
        document(
            "amendment.pdf",
            [
                ("heading", "2. Changes"),
                (
                    "table",
                    "Clause | Item | Was | Now\n"
                    "Pricing | Microsoft 365 F3 licence count | 1,900 | 1,650\n"
                    "Investment | ECIF for the device workstream | EUR 180,000 | EUR 150,000",
                ),
                ("heading", "3. New undertaking"),
                (
                    "paragraph",
                    "The customer undertakes to grow Microsoft 365 Copilot from 350 to 600 "
                    "licences no later than the first anniversary of the Effective Date.",
                ),
            ],
        ),
    )
    assert "Microsoft 365 F3 | 1,650" in amended.text
    assert "EUR 150,000" in amended.text and "180,000" not in amended.text
    assert "undertakes to grow Microsoft 365 Copilot" in amended.text
    assert amended.warnings == ()


def test_read_as_if_the_words_were_replaced_and_a_new_section_inserted() -> None:
    (amended,) = apply_change_statements(
        [LEGAL_BASE],
        document(
            "amendment.docx",
            [
                (
                    "paragraph",
                    "2.2 The paragraph immediately following the pricing table in Section 2 shall "
                    'be read as if the words "are fixed for all three years of the Enrollment" '
                    'were deleted and replaced with the words "apply for the first twenty-four '
                    '(24) months of the Enrollment only".',
                ),
                ("paragraph", "2.4 The following new Section 3.4 is inserted after Section 3.3:"),
                (
                    "paragraph",
                    '"3.4 Copilot expansion. The customer shall place orders for not fewer than '
                    'five hundred (500) Microsoft 365 Copilot subscriptions in the second year."',
                ),
            ],
        ),
    )
    assert "apply for the first twenty-four (24) months of the Enrollment only" in amended.text
    assert "all three years" not in amended.text
    assert "not fewer than five hundred (500) Microsoft 365 Copilot" in amended.text


NUMBERED_BASE = document(
    "proposal.pdf",
    [
        ("table", "Product | Licences\nMicrosoft 365 E3 | 4,200"),
        (
            "paragraph",
            "3.2 Price reduction. For Years 1 and 2 Microsoft 365 E3 is priced nine per cent (9%) "
            "below list.",
        ),
        ("paragraph", "4.1 Microsoft will contribute ECIF of EUR 180,000 for Teams Phone."),
        ("paragraph", "4.2 The work must be delivered by an ECIF-approved supplier."),
        ("paragraph", "4.3 Claims must be lodged within 270 days of the Effective Date."),
        ("paragraph", "5.1 Microsoft will share Adoption Score monthly."),
    ],
)


def test_numbered_paragraphs_amended_as_marked_and_replaced_as_a_range() -> None:
    (amended,) = apply_change_statements(
        [NUMBERED_BASE],
        document(
            "amendment.docx",
            [
                (
                    "paragraph",
                    "1.1 The number of Microsoft 365 E3 licences is reduced by three hundred and "
                    "fifty, so that the customer will license 3,850 Microsoft 365 E3 users.",
                ),
                ("paragraph", "2.1 Paragraph 3.2 of the Proposal is amended as marked:"),
                (
                    "paragraph",
                    '"3.2 Price reduction. For Years 1 and 2 Microsoft 365 E3 is priced seven per '
                    'cent (7%) below list."',
                ),
                ("paragraph", "2.2 The unit prices are restated on that basis."),
                (
                    "paragraph",
                    "3.1 Paragraphs 4.1 to 4.3 of the Proposal are deleted in their entirety and "
                    "replaced with the following new paragraph 4.1:",
                ),
                (
                    "paragraph",
                    '"4.1 Microsoft will contribute ECIF of EUR 140,000 for Teams Phone, claimed '
                    'no later than 30 June 2028."',
                ),
            ],
        ),
    )
    assert "Microsoft 365 E3 | 3,850" in amended.text
    assert "seven per cent (7%)" in amended.text and "nine per cent" not in amended.text
    assert "EUR 140,000" in amended.text and "270 days" not in amended.text
    assert "ECIF-approved supplier" not in amended.text  # 4.2 went with the range
    assert "Adoption Score" in amended.text  # 5.1 is outside it
    assert "restated on that basis" not in amended.text  # the amendment's own next clause
    assert amended.warnings == ()


def test_an_as_proposed_as_amended_table() -> None:
    (amended,) = apply_change_statements(
        [NUMBERED_BASE],
        document(
            "amendment.docx",
            [
                (
                    "table",
                    "Item | As proposed | As amended\nMicrosoft 365 E3 seats | 4,200 | 3,900\n"
                    "Discount on Microsoft 365 E3 | 9% | 7%",
                )
            ],
        ),
    )
    assert "Microsoft 365 E3 | 3,900" in amended.text
    assert "(7%)" in amended.text and "(9%)" not in amended.text


def test_a_paragraph_named_by_its_opening_words_and_a_reference_column() -> None:
    base = document(
        "proposal.pdf",
        [
            ("heading", "Section 1"),
            ("table", "Product | Seats\nMicrosoft 365 E3 | 3,400\nMicrosoft 365 F3 | 1,250"),
            (
                "paragraph",
                "Microsoft 365 E3 is priced at eight percent (8%) below list for 36 months.",
            ),
            ("paragraph", "Microsoft 365 F3 is at list."),
        ],
    )
    (amended,) = apply_change_statements(
        [base],
        document(
            "amendment.docx",
            [
                (
                    "table",
                    "Proposal reference | Item | As stated in the Proposal | As amended\n"
                    "Section 1, pricing table | Microsoft 365 F3 seats | 1,250 | 1,100",
                ),
                (
                    "paragraph",
                    'The paragraph of Section 1 that begins "Microsoft 365 E3 is priced at" is '
                    'deleted and replaced with the following: "Microsoft 365 E3 is priced at six '
                    'percent (6%) below list for the first and second years."',
                ),
            ],
        ),
    )
    assert "Microsoft 365 F3 | 1,100" in amended.text
    assert "Microsoft 365 E3 | 3,400" in amended.text  # the section's table stays
    assert "six percent (6%)" in amended.text and "(8%)" not in amended.text
    assert amended.warnings == ()
