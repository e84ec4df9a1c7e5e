"""Wording variants and value formats for the development set.

Each concept has several phrasings; a seeded random choice picks one per document, so the
dev set exercises many surface forms while staying reproducible. The evaluation set is
written by someone else without these lists.
"""

from __future__ import annotations

import datetime as dt
import random

CUSTOMERS = [
    "Northwind Traders",
    "Fabrikam Logistics",
    "Contoso Pharmaceuticals",
    "Tailspin Toys",
    "Woodgrove Bank",
    "Litware Insurance",
    "Adventure Works Cycles",
    "Wide World Importers",
    "Alpine Ski House",
    "Coho Winery",
    "Proseware Engineering",
    "Lucerne Publishing",
    "Trey Research",
    "Margie's Travel",
    "Humongous Insurance",
    "Blue Yonder Airlines",
]
PUBLIC_BODIES = [
    "County of Marin Valley",
    "City of Eastbrook",
    "Riverside Unified School District",
    "Northshore Regional Health Authority",
]
RESELLERS = [
    "Contoso Licensing Solutions",
    "SoftLine Cloud Partners",
    "Crestview Technology Group",
    "Bluefin IT Distribution",
]
PARTNERS = [
    "Fabrikam Consulting GmbH",
    "Acme Cloud Advisors Ltd",
    "Relecloud Services LLC",
    "Graphic Design Institute Partners",
    "Bellows Digital Ltd",
]
MS_PEOPLE = ["Jane Smith", "Daniel Okafor", "Priya Raman", "Marta Kowalski", "Tom Becker"]
CUSTOMER_PEOPLE = ["Alex Morgan", "Sam Patel", "Chris Nguyen", "Jordan Reyes", "Robin Clarke"]

LIST_PRICE_USD = {
    "Microsoft 365 E3": 36.00,
    "Microsoft 365 E5": 57.00,
    "Microsoft 365 F3": 8.00,
    "Microsoft 365 F1": 2.25,
    "Microsoft 365 A3": 3.25,
    "Microsoft 365 G3": 32.00,
    "Microsoft 365 Business Premium": 22.00,
    "Office 365 E3": 23.00,
    "Office 365 E5": 38.00,
    "Office 365 G3": 20.00,
    "Microsoft 365 Copilot": 30.00,
    "Teams Phone": 8.00,
    "Teams Premium": 10.00,
    "Power BI Pro": 14.00,
    "Microsoft 365 E5 Security": 12.00,
    "Microsoft Entra ID P1": 6.00,
}
FX = {"USD": 1.0, "EUR": 0.94, "GBP": 0.79}
SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}
CURRENCY_WORDS = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling"}

QTY_HEADERS = ["Qty", "Quantity", "Seats", "Licenses", "Units", "Licences"]
PRODUCT_HEADERS = ["Product", "SKU / Product", "Description", "Offering", "Item"]

WORKLOAD_TEXT = {
    "Exchange Online": ["Exchange Online", "Exchange Online mailboxes"],
    "SharePoint Online": ["SharePoint Online"],
    "OneDrive": ["OneDrive"],
    "Teams": ["Microsoft Teams", "Teams"],
    "Teams Phone": ["Teams Phone", "Teams Phone voice migration"],
    "Intune": ["Intune", "Microsoft Intune device management"],
    "Entra ID": ["Microsoft Entra ID", "Entra ID identity"],
    "Defender": ["Microsoft Defender", "Defender for Endpoint"],
    "Purview": ["Microsoft Purview", "Purview data governance"],
    "Copilot": ["Microsoft 365 Copilot enablement", "Copilot"],
    "Azure migration": ["Azure migration", "migration of on-premises servers to Azure"],
    "Data migration": ["data migration", "file share data migration"],
    "Adoption and change management": ["adoption and change management"],
    "Security": ["security hardening", "Security"],
    "Windows": ["Windows 11 deployment", "Windows"],
    "Azure Virtual Desktop": ["Azure Virtual Desktop"],
    "Power Platform": ["Power Platform"],
}

PROGRAM_TEXT = {
    "ECIF": ["End Customer Investment Funds (ECIF)", "ECIF funding", "ECIF"],
    "Partner funding": ["partner funding", "Microsoft partner funding"],
    "Deployment funding": ["deployment funding", "Microsoft deployment funding"],
    "Deployment voucher": ["a Microsoft 365 deployment voucher", "a deployment voucher"],
    "No-cost work order": ["a no-cost work order", "a Microsoft No-Cost Work Order"],
    "Azure credits": ["Azure credits", "Azure credit"],
    "Customer Success Offer": ["a Microsoft 365 Customer Success Offer"],
    "Copilot Deployment Offer": ["the Microsoft 365 Copilot Deployment Offer"],
}

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["-", "-", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for whole numbers below one billion ("two hundred and fifty thousand")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + number_words(rest) if rest else "")
    for size, name in ((1_000_000, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            head = number_words(n // size) + " " + name
            if not rest:
                return head
            return head + (" and " if rest < 100 else " ") + number_words(rest)
    raise ValueError(n)


def money(value: float, currency: str, style: str) -> str:
    """One amount in the house style a document uses."""
    symbol = SYMBOL[currency]
    if style == "million" and value >= 1_000_000:
        return f"{currency} {value / 1_000_000:g} million"
    if style == "k" and value % 1000 == 0 and value < 1_000_000:
        return f"{symbol}{int(value / 1000)}k"
    if style == "words" and value == int(value):
        return f"{number_words(int(value))} {CURRENCY_WORDS[currency]} ({currency} {value:,.0f})"
    if style == "code":
        return f"{currency} {value:,.0f}" if value == int(value) else f"{currency} {value:,.2f}"
    return f"{symbol}{value:,.0f}" if value == int(value) else f"{symbol}{value:,.2f}"


def date_text(day: dt.date, style: str) -> str:
    """A date in one of the styles real proposals use; European only where unambiguous."""
    if style == "eu" and day.day > 12:
        return day.strftime("%d/%m/%Y")
    if style in ("us", "eu"):
        return (
            f"{day.month:02d}/{day.day:02d}/{day.year}"
            if style == "us"
            else f"{day.day} {day.strftime('%B %Y')}"
        )
    if style == "long":
        return f"{day.day} {day.strftime('%B %Y')}"
    if style == "iso":
        return day.isoformat()
    return f"{day.strftime('%B')} {day.day}, {day.year}"  # "us_long"


def quarter(day: dt.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def pick(rng: random.Random, options: list[str]) -> str:
    return options[rng.randrange(len(options))]


def join_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
