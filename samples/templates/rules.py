"""The labelling rules: which finding codes a generated deal must trigger.

Labels are derived from the values the templates chose, never typed by hand, so a template
change cannot leave a label behind. The rules restate /work/shared/FINDINGS.md with the
thresholds of the default playbook (FastTrack: 150 eligible seats of one eligible plan;
onboarding window: 6 months from signature to the first rollout phase).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FASTTRACK_THRESHOLD = 150
ONBOARDING_WINDOW_MONTHS = 6

# Plans FastTrack lists as eligible (DOMAIN.md 1.1, 2020-2021 lists). Add-ons such as
# Microsoft 365 Copilot, Teams Premium, Power BI Pro and Windows 365 are not counted.
FASTTRACK_ELIGIBLE = frozenset(
    {
        "Microsoft 365 E3",
        "Microsoft 365 E5",
        "Microsoft 365 F1",
        "Microsoft 365 F3",
        "Microsoft 365 A3",
        "Microsoft 365 A5",
        "Microsoft 365 G3",
        "Microsoft 365 G5",
        "Microsoft 365 Business Premium",
        "Microsoft 365 Business Standard",
        "Office 365 E1",
        "Office 365 E3",
        "Office 365 E5",
        "Office 365 G3",
        "Teams Phone",
        "Microsoft Entra ID P1",
        "Microsoft Entra ID P2",
        "Microsoft Intune",
        "Microsoft 365 E5 Security",
        "Enterprise Mobility + Security E3",
    }
)

# Funding a partner delivers (so "who may deliver it" matters); Azure credits are consumed
# in the customer's own subscription and carry no partner terms.
PARTNER_DELIVERED = frozenset(
    {
        "ECIF",
        "Partner funding",
        "Deployment funding",
        "Deployment voucher",
        "No-cost work order",
        "Customer Success Offer",
        "Copilot Deployment Offer",
    }
)


@dataclass
class Credit:
    program: str
    amount: int | None
    currency: str
    expires: dt.date | None
    scope: list[str]
    partner: tuple[str | None, str] | None  # (name, "named"|"approved"|"any"); None = unstated
    in_lieu: bool = False  # offered instead of a price concession


@dataclass
class Discount:
    percent: float
    months: int  # months of the term the concession covers
    products: list[str]


@dataclass
class Phase:
    name: str
    workloads: list[str]
    start: dt.date
    end: dt.date


@dataclass
class Deal:
    """Everything the wording of one generated document is built from."""

    seats: list[tuple[str, int, float]]  # product, quantity, list unit price per month
    term_months: int
    signature: dt.date
    start: dt.date
    currency: str
    discount: Discount | None = None
    credits: list[Credit] = field(default_factory=list)
    fasttrack: str | None = None  # None | "named" | "engaged" | "traded"
    commitment: tuple[str, int | None] | None = None  # (product, quantity) expected later
    rollout: list[Phase] = field(default_factory=list)
    adoption_data: bool = False
    in_lieu_fasttrack: bool = False  # FastTrack itself offered as the price answer
    microsoft: bool = True


def eligible_seats(deal: Deal) -> int:
    """The largest seat count on one eligible plan: FastTrack counts per eligible plan."""
    counts = [qty for product, qty, _ in deal.seats if product in FASTTRACK_ELIGIBLE]
    return max(counts, default=0)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def derive_findings(deal: Deal) -> list[str]:
    """Expected one-document finding codes, in FINDINGS.md order."""
    if not deal.microsoft:
        return []
    codes: list[str] = []
    seats = eligible_seats(deal)
    if seats >= FASTTRACK_THRESHOLD and deal.fasttrack is None:
        codes.append("FASTTRACK_NOT_ENGAGED")
    if 0 < seats < FASTTRACK_THRESHOLD:
        codes.append("FASTTRACK_BELOW_THRESHOLD")
    if deal.fasttrack == "traded":
        codes.append("ENTITLEMENT_TRADED")
    if any(c.in_lieu for c in deal.credits) or deal.in_lieu_fasttrack:
        codes.append("FUNDING_REPLACES_DISCOUNT")
    if deal.discount is None:
        codes.append("DISCOUNT_MISSING")
    elif deal.discount.months < deal.term_months:
        codes.append("DISCOUNT_PARTIAL_TERM")
    if any(c.expires is None for c in deal.credits):
        codes.append("CREDIT_NO_EXPIRY")
    if any(not c.scope for c in deal.credits):
        codes.append("CREDIT_NO_SCOPE")
    partnered = [c for c in deal.credits if c.program in PARTNER_DELIVERED]
    if any(c.partner is None for c in partnered):
        codes.append("CREDIT_NO_PARTNER_TERMS")
    if any(c.partner is not None and c.partner[1] in ("named", "approved") for c in partnered):
        codes.append("CREDIT_PARTNER_RESTRICTED")
    if any(_expires_before_rollout(c, deal.rollout) for c in deal.credits):
        codes.append("CREDIT_EXPIRES_BEFORE_ROLLOUT")
    if deal.commitment is not None:
        codes.append("EXPANSION_COMMITMENT")
    if deal.rollout and seats >= FASTTRACK_THRESHOLD:
        first = min(p.start for p in deal.rollout)
        if first > add_months(deal.signature, ONBOARDING_WINDOW_MONTHS):
            codes.append("ONBOARDING_WINDOW_RISK")
    if not deal.adoption_data:
        codes.append("NO_ADOPTION_DATA")
    return codes


def _expires_before_rollout(credit: Credit, rollout: list[Phase]) -> bool:
    """True when a phase that needs the credit's workloads ends after the credit expires."""
    if credit.expires is None:
        return False
    return any(
        set(credit.scope) & set(phase.workloads) and phase.end > credit.expires for phase in rollout
    )
