# ruff: noqa: E501  (the messages keep the long lines mail clients write)
"""Forwarded e-mail threads: the newest message's corrections supersede the offer it quotes.

Each thread is written here as the .txt or .eml a buyer saves, newest message first, the way
every mail client quotes.
"""

from __future__ import annotations

from email.message import EmailMessage

import analyzer
from analyzer.ingest import load
from analyzer.ingest.thread import split_messages

ORIGINAL = """\
-----Original Message-----
From: Sam Whitaker <sam.whitaker@microsoft.example>
Sent: Wednesday, October 14, 2026 3:02 PM
To: Jordan Ellis <jellis@example.com>
Subject: Microsoft EA renewal

Hi Jordan, here is the renewal offer for the new enrollment, 36 months starting January 1, 2027:

  * Licenses: 2,300 Microsoft 365 E3 and 800 Microsoft 365 E5 Security.
  * Pricing: a 9% discount on Microsoft 365 E3 off your price sheet.
  * ECIF: USD 200,000 in End Customer Investment Funds for Defender and Purview, to be delivered by a Microsoft ECIF-approved partner and claimed by June 30, 2027.
  * Azure credits: USD 50,000 towards your data-center migration to Azure.

Best, Sam
"""

CORRECTION = """\
From: Jordan Ellis <jellis@example.com>
To: Priya Natarajan <pnatarajan@example.com>
Subject: FW: RE: Microsoft EA renewal

Priya, forwarding the thread; Sam's latest note changes parts of his offer at the bottom.

---------- Forwarded message ----------

From: Sam Whitaker <sam.whitaker@microsoft.example>
Sent: Thursday, October 22, 2026 6:47 PM
To: Jordan Ellis <jellis@example.com>
Subject: RE: Microsoft EA renewal

Jordan - I need to correct a few things in my note of October 14.

1. The 9% on Microsoft 365 E3 was approved for the first 12 months of the enrollment only.
2. The Azure credits I mentioned have not been approved this quarter and are withdrawn from the offer.
3. The number for Microsoft 365 E5 Security should be 750 licenses, not 800.
4. On your partner question: the ECIF is not tied to a particular partner. You may use any partner of your choosing.

Everything else in my original note stands.

"""


def _analyze(name: str, text: str) -> analyzer.Report:
    return analyzer.analyze([(name, text.encode("utf-8"))])


def test_a_forwarded_thread_splits_into_its_messages_newest_first() -> None:
    messages = split_messages(CORRECTION + ORIGINAL)
    assert len(messages) == 3
    assert "forwarding the thread" in messages[0]
    assert "correct a few things" in messages[1]
    assert "here is the renewal offer" in messages[2]
    assert split_messages("One message.\n\nNo quoted history.") == [
        "One message.\n\nNo quoted history."
    ]


def test_thread_blocks_carry_their_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thread.txt"
    path.write_text(CORRECTION + ORIGINAL, encoding="utf-8")
    document = load(path)
    sources = {b.source for b in document.blocks if b.source and b.source.startswith("message:")}
    assert sources == {"message:0", "message:1", "message:2"}
    offer = next(b for b in document.blocks if "2,300 Microsoft 365 E3" in b.text)
    assert offer.source == "message:2"


def test_the_latest_message_corrects_the_offer_it_quotes() -> None:
    report = _analyze("thread.txt", CORRECTION + ORIGINAL)
    seats = {s.product: s.quantity for s in report.seats}
    assert seats["Microsoft 365 E5 Security"] == 750  # "750 licenses, not 800"
    programs = {i.program for i in report.items if i.category == "funded_credit"}
    assert programs == {"ECIF"}  # the Azure credits are withdrawn
    (ecif,) = [i for i in report.items if i.program == "ECIF"]
    assert ecif.partner is not None and ecif.partner.requirement == "any"
    (discount,) = [i for i in report.items if i.category == "discount"]
    assert discount.term_months == 12
    codes = {f.code for f in report.findings}
    assert "DISCOUNT_PARTIAL_TERM" in codes
    assert "CREDIT_PARTNER_RESTRICTED" not in codes


def test_a_message_that_replaces_the_earlier_figures_in_full_drops_them() -> None:
    thread = (
        "Raj, forwarding Kevin's revised offer. The discount went from 6% to 9%.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Kevin <kevin@microsoft.example>\nDate: Mon, Dec 7, 2026 at 4:48 PM\n\n"
        "Here is the revised offer. It replaces the figures in my note of October 30 in full.\n\n"
        "Discount: 9% off the price list on Office 365 E3, held for all 36 months.\n\n"
        "Deployment funding: Microsoft will provide $45K CAD of deployment funding for Intune. "
        "The funds have to be used by 31 January 2028.\n\n"
        "On Fri, Oct 30, 2026 at 11:02 AM Kevin <kevin@microsoft.example> wrote:\n"
        "> Office 365 E3 x 1,100, 36 months\n> 6% off list, 3-year term\n"
        "> $30K CAD deployment funding for Intune\n"
    )
    report = _analyze("thread.txt", thread)
    assert [i.percent for i in report.items if i.category == "discount"] == [9.0]
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.amount == analyzer.records.Money(45000.0, "CAD")
    assert {s.product: s.quantity for s in report.seats} == {}  # the 1,100 is superseded


def test_a_corrected_deadline_in_a_reply_without_a_charset(tmp_path) -> None:  # type: ignore[no-untyped-def]
    message = EmailMessage()
    message["From"] = "Priya <priya@example.com>"
    message["Subject"] = "Fwd: RE: renewal"
    body = (
        "Gareth, forwarding the thread.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Owen <owen@microsoft.example>\nDate: Wed, 9 Dec 2026 at 17:12\n\n"
        "I gave you the wrong closing date for the partner funding. Harbourside's claim has to be "
        "in by 30 April 2027, not 31 May 2027 as I wrote below.\n\n"
        "-----Original Message-----\nFrom: Owen\nSent: Tuesday, December 8, 2026 4:30 PM\n\n"
        "Microsoft 365 E3 | 400 users\n\n"
        "Rather than a discount, Microsoft will put GBP 25k of partner funding behind the project. "
        "Harbourside IT Ltd would deliver it. The claim has to be submitted by 31 May 2027.\n"
    )
    message.set_content(body)
    report = analyzer.analyze([("thread.eml", bytes(message))])
    (credit,) = [i for i in report.items if i.category == "funded_credit"]
    assert credit.expires is not None and str(credit.expires.date) == "2027-04-30"
    assert credit.partner == analyzer.records.Partner("Harbourside IT Ltd", "named")


def test_a_withdrawal_names_one_program_and_a_plan_lists_its_dates_in_brackets() -> None:
    thread = (
        "Owen, forwarding the thread. The Azure credit has been pulled and the ECIF claim date has "
        "moved up to the end of March next year.\n\n"
        "---------- Forwarded message ----------\n"
        "From: Marcus <marcus@microsoft.example>\nSent: Thursday, May 13, 2027 4:52 PM\n\n"
        "The ECIF has to be claimed by March 31, 2028, not June 30, 2028 as I wrote.\n\n"
        "From: Marcus <marcus@microsoft.example>\nSent: Monday, May 10, 2027 5:31 PM\n\n"
        "Licences: Microsoft 365 E5: 850 users.\n\n"
        "Funding: Microsoft will provide End Customer Investment Funds of CAD 70,000 towards the "
        "Defender for Endpoint rollout and Purview. The ECIF must be claimed by June 30, 2028.\n\n"
        "Azure: in addition, Microsoft will load CAD 25,000 of Azure credits for the virtual "
        "desktop pilot, usable until June 30, 2028.\n\n"
        "I will book the FastTrack kickoff alongside your own plan (Defender July 5 to October "
        "29, 2027; Purview January 10 to May 19, 2028).\n"
    )
    report = _analyze("thread.txt", thread)
    credits = {i.program: i for i in report.items if i.category == "funded_credit"}
    assert set(credits) == {"ECIF"}
    assert str(credits["ECIF"].expires.date) == "2028-03-31"  # type: ignore[union-attr]
    assert "CREDIT_EXPIRES_BEFORE_ROLLOUT" in {f.code for f in report.findings}
