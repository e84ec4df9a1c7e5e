"""The labelled clause set for the classifier head: hand-written frames times slot fillers.

Every example carries the id of the frame it came from, and the held-out split is by frame, so
a test sentence never shares its wording pattern with a training sentence. Nothing here is
taken from samples/: the evaluation documents stay unseen.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

PROGRAMS_FUNDED = [
    "ECIF",
    "End Customer Investment Funds",
    "partner funding",
    "deployment funding",
    "Azure credits",
    "a deployment voucher",
    "Microsoft-funded partner services",
    "a no-cost work order",
    "in-kind services",
    "Azure Migrate and Modernize funding",
]
AMOUNTS = [
    "$150,000",
    "USD 250,000",
    "EUR 60,000",
    "£40,000",
    "$1.2 million",
    "€75k",
    "CAD 90,000",
    "two hundred thousand dollars",
    "AUD 120,000",
    "$35,000",
]
WORKLOADS = [
    "Teams Phone",
    "Intune device management",
    "Exchange Online migration",
    "Defender for Endpoint onboarding",
    "Azure migration",
    "Copilot readiness",
    "data migration",
    "adoption and change management",
    "Purview information protection",
]
PRODUCTS = [
    "Microsoft 365 E5",
    "Microsoft 365 E3",
    "Office 365 E3",
    "Microsoft 365 F3",
    "Microsoft 365 Copilot",
    "Teams Phone",
    "Entra ID P2",
    "Microsoft 365 Business Premium",
    "Copilot",
    "E5",
    "the E3 suite",
    "Office 365 E1",
    "Defender for Endpoint",
]
PERCENTS = [
    "8%",
    "11%",
    "12 percent",
    "fifteen percent",
    "7 per cent",
    "20%",
    "5%",
    "10%",
    "3%",
    "9%",
    "14%",
    "17.5%",
    "six percent",
    "4 per cent",
]
DATES = ["30 June 2027", "12/31/2027", "March 31, 2028", "the end of Q2 2027", "FY27 year end"]
COUNTS = ["1,000", "500", "2,500", "three hundred", "4,000", "750"]
PARTNERS = [
    "Contoso Consulting Ltd",
    "an approved Solutions Partner",
    "any eligible partner",
    "Fabrikam Advisors LLC",
    "a FastTrack Ready Partner",
]

FRAMES: dict[str, list[str]] = {
    "entitlement": [
        "Because the customer licenses {count} seats of {product}, FastTrack onboarding is included at no additional cost.",
        "FastTrack for Microsoft 365 will be engaged to help deploy {product}; the service comes with the licences.",
        "The customer is eligible for FastTrack Center Benefit assistance for {product} as part of its subscription.",
        "Microsoft FastTrack specialists will provide remote onboarding guidance for {product} at no extra charge.",
        "Onboarding assistance through FastTrack is available for the life of the {product} subscription.",
        "With {count} qualifying licences, the FastTrack benefit covers remote deployment guidance for {product}.",
        "We will request FastTrack assistance within 30 days of signature to onboard {product}.",
        "FastTrack onboarding is an entitlement of the {product} licences and requires no separate order.",
        "Your licences entitle you to FastTrack remote guidance for identity, Exchange Online and Teams.",
        "Microsoft will initiate FastTrack for the {product} rollout; this benefit is included with eligible plans.",
    ],
    "funded_credit": [
        "Microsoft will fund {amount} through {program} for {workload}.",
        "{program} of {amount} is available for {workload}, delivered by {partner}.",
        "To support the rollout, Microsoft commits {amount} in {program}, to be used by {date}.",
        "The account team has secured {amount} of {program} toward {workload} services.",
        "A contribution of {amount} from {program} will cover partner services for {workload}.",
        "Microsoft will provide {program} valued at {amount}, redeemable with {partner} before {date}.",
        "Funding: {amount} ({program}) for {workload}; claims must be submitted no later than {date}.",
        "We are pleased to offer {amount} in {program} to accelerate {workload}.",
        "{amount} of Microsoft investment is earmarked for {workload}, performed by {partner}.",
        "The deal includes {program} worth {amount}, which expires on {date}.",
        "In addition, Microsoft will sponsor {workload} workshops through {program} up to {amount}.",
        "Credits of {amount} will be applied to the Azure subscription for {workload}.",
        "Microsoft will cover the cost of {workload} through {program}.",
        "In lieu of a price concession, Microsoft will provide {program} of {amount} for {workload}.",
        "Rather than adjusting the rate, we will contribute {amount} of {program} toward {workload}.",
    ],
    "discount": [
        "Microsoft offers a discount of {percent} off list price on {product} for the full term.",
        "{product} is priced at {percent} below the Level A list price.",
        "A promotional reduction of {percent} applies to {product} for the first twelve months.",
        "The unit price of {product} reflects a {percent} concession, fixed for 36 months.",
        "Special pricing: {percent} off {product}, locked on the customer price sheet.",
        "We can offer {percent} off the {product} unit rate across the three-year agreement.",
        "Year 1 pricing for {product} includes a {percent} discount, after which list pricing applies.",
        "An additional {percent} discount on top of the programmatic price level applies to {product}.",
        "{product} seats are discounted by {percent} for the term of the enrollment.",
        "Pricing for {product} is held at {percent} under list for each year of the agreement.",
        "The proposal includes a ramped discount on {product}: {percent} in year one, stepping down thereafter.",
        "Net price per user reflects {percent} off the published price for {product}.",
        "{product} subscriptions come with a {percent} reduction against the Customer Price Sheet.",
        "Our best offer on {product} is a {percent} price concession, held flat for the whole term.",
        "We have applied a further {percent} to the {product} rate card for this renewal.",
        "The {product} line is billed {percent} lower than the standard rate for three years.",
    ],
    "commitment": [
        "This offer is subject to the customer adding {count} {product} seats in year two.",
        "The customer intends to extend {product} to all knowledge workers by {date}.",
        "The funding is conditional on the customer purchasing {count} additional {product} licences.",
        "The customer commits to expand {product} to {count} users during the second year.",
        "It is expected that the customer will grow its {product} estate to {count} seats by {date}.",
        "In return, the customer agrees to purchase {product} for a further {count} users.",
        "The customer plans to roll out {product} to {count} more employees within the term.",
        "Microsoft's investment assumes the customer will add {product} for {count} users by {date}.",
        "The customer will increase its {product} subscription by {count} seats at the first anniversary.",
        "As part of this agreement, the customer undertakes to acquire {count} {product} licences in year three.",
    ],
    "other": [
        "Each party's aggregate liability is capped at {amount}.",
        "Late payments accrue interest at 1.5% per month on overdue amounts.",
        "Invoices are payable within 30 days of receipt.",
        "This agreement is governed by the laws of the State of Washington.",
        "Prices exclude VAT, sales tax and other applicable taxes.",
        "The receiving party shall keep the Confidential Information in strict confidence.",
        "Either party may terminate for material breach on thirty days' written notice.",
        "Support is provided under the customer's existing Unified Support agreement.",
        "The proposal is valid until {date}.",
        "The customer's reseller will issue invoices annually in advance.",
        "The platform subscription renews automatically unless cancelled sixty days before renewal.",
        "Quantities may be increased through the annual true-up; reductions are possible only at the anniversary.",
        "Service credits for availability below 99.9% are limited to 10% of the monthly fee.",
        "Neither party shall solicit the other party's employees during the term.",
        "The vendor may increase prices by up to 5% at each renewal.",
        "All notices must be sent in writing to the addresses above.",
        "Total annual fees under this order are {amount}, billed in advance.",
        "The indemnifying party's obligations are limited to direct damages up to {amount}.",
        "A cancellation fee of {amount} applies if the order is withdrawn after signature.",
        "Professional services outside this statement of work are billed at {amount} per day.",
        "The customer shall pay the reseller's invoice of {amount} within 45 days.",
        "Overdue balances bear a late charge of one percent per month.",
        "Insurance coverage of at least {amount} per claim shall be maintained by the supplier.",
        "Data is stored in the European Union and processed under the data protection addendum.",
        "The estimated order submission date is {date}; pricing assumes submission by then.",
        "This quotation does not include hardware, installation or travel expenses.",
        "Microsoft Product Terms and the Online Services Terms are incorporated by reference.",
        "The parties will meet quarterly for a business review of service performance.",
    ],
}

_SLOTS = {
    "program": PROGRAMS_FUNDED,
    "amount": AMOUNTS,
    "workload": WORKLOADS,
    "product": PRODUCTS,
    "percent": PERCENTS,
    "date": DATES,
    "count": COUNTS,
    "partner": PARTNERS,
}


def generate(per_frame: int = 14, seed: int = 7) -> Iterator[dict[str, str]]:
    """Examples {text, label, group}: each frame filled with up to ``per_frame`` slot choices."""
    rng = random.Random(seed)
    for label, frames in FRAMES.items():
        for index, frame in enumerate(frames):
            seen: set[str] = set()
            for _ in itertools.repeat(None, per_frame * 3):
                text = frame.format(**{k: rng.choice(v) for k, v in _SLOTS.items()})
                text = text[0].upper() + text[1:]
                if text in seen:
                    continue
                seen.add(text)
                yield {"text": text, "label": label, "group": f"{label}-{index}"}
                if len(seen) >= per_frame:
                    break
