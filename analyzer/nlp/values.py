"""Typed values in one block of text: money, percent, dates, durations and counts.

Pure functions from text to ``Found`` spans, so they can be tested on sentences and wrapped as
spaCy components. Each finder returns the exact character span it read, because every value
must be quotable as evidence.

Reading choices (documented because a buyer's deadline depends on them):
- numeric dates with both parts <= 12 are read US-style (month first) unless the document
  writes a day > 12 first elsewhere (``european=True``);
- a month or quarter without a day ("June 2027", "Q3 2028") is its first day, but its last day
  after "by", "until", "through", "end of" or "no later than" (the buyer-safe deadline);
- "FY27" is Microsoft's fiscal year end, 30 June 2027 (DOMAIN.md: "ECIF follows Microsoft fiscal
  timelines (ends June 30)"), and "Q3 FY27" its third quarter, January to March 2027;
- the second quarter or month of a range ("Q4 FY27 - Q1 FY28") is its last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..records import Count, DateValue, Duration, MentionKind, MentionValue, Money
from .numbers import DIGITS, MULTIPLIER, NUMBER, WORD_NUMBER, apply_multiplier, parse_number


@dataclass(frozen=True)
class Found:
    kind: MentionKind
    start: int
    end: int
    value: MentionValue
    label: str | None = None


# --------------------------------------------------------------------------- money

_SYMBOLS = {
    "cad$": "CAD",
    "aud$": "AUD",
    "nzd$": "NZD",
    "sgd$": "SGD",
    "usd$": "USD",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "cad": "CAD",
    "c$": "CAD",
    "ca$": "CAD",
    "aud": "AUD",
    "a$": "AUD",
    "au$": "AUD",
    "chf": "CHF",
    "nzd": "NZD",
    "nz$": "NZD",
    "jpy": "JPY",
    "¥": "JPY",
    "sek": "SEK",
    "dkk": "DKK",
    "nok": "NOK",
    "inr": "INR",
    "₹": "INR",
    "sgd": "SGD",
    "s$": "SGD",
}
_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "swiss francs": "CHF",
}
_CODES = r"USD|EUR|GBP|CAD|AUD|CHF|NZD|JPY|SEK|DKK|NOK|INR|SGD"
_PREFIX = (
    rf"(?P<cur>\b(?:CAD|AUD|NZD|SGD|USD)\$|US\$|C\$|CA\$|A\$|AU\$|NZ\$|S\$|\$|€|£|¥|₹|"
    rf"\b(?:{_CODES})(?![A-Za-z]))"
)
_SUFFIX = (
    r"(?P<cur2>\b(?:USD|EUR|GBP|CAD|AUD|CHF|NZD|JPY|SEK|DKK|NOK|INR|SGD)\b|€|£|"
    r"\b(?:canadian dollars|australian dollars|swiss francs|us dollars|dollars|dollar|euros|euro|"
    r"pounds sterling|pounds|sterling)\b)"
)
# "EUR 120.000" and "45.000,00 €": dots group thousands in European amounts. Money is never
# written to three decimals, so "30.000" with a currency is thirty thousand.
_EUROPEAN = r"\d{1,3}(?:\.\d{3})+(?:,\d{2})?(?![\d.,])"
# "EUR 45 000" and "45 000,00 €": a space (or a no-break space) groups thousands, as in French,
# German and Nordic typography
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{2})?(?![\d.,]\d)"
_AMOUNT = rf"(?P<num>{_EUROPEAN}|{_SPACED}|{DIGITS}|{WORD_NUMBER})(?:\s?(?P<mult>{MULTIPLIER})\b)?"
_MONEY_PREFIX = re.compile(rf"{_PREFIX}\s?{_AMOUNT}", re.IGNORECASE)
_MONEY_SUFFIX = re.compile(
    rf"(?<![/\w])(?P<num>{_EUROPEAN}|{_SPACED}|{DIGITS}|{WORD_NUMBER})(?:\s?(?P<mult>{MULTIPLIER})\b)?"
    rf"\s?{_SUFFIX}",
    re.IGNORECASE,
)
_UNIT_PRICE = re.compile(
    r"^\s*(?:/|per|a|each)\s*(?:user|seat|licen[cs]e|month|year|mo|yr|device)", re.IGNORECASE
)
_CAP_CONTEXT = re.compile(
    r"liabilit|capped|cap of|not exceed|not[- ]to[- ]exceed|\bNTE\b|ceiling|spending authority|"
    r"indemn",
    re.IGNORECASE,
)


def find_money(text: str) -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern, group in ((_MONEY_PREFIX, "cur"), (_MONEY_SUFFIX, "cur2")):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            raw = m.group("num")
            european = re.fullmatch(_EUROPEAN, raw) is not None and not m.group("mult")
            if re.fullmatch(_SPACED, raw):
                raw = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")
            number = parse_number(raw.replace(".", "").replace(",", ".") if european else raw)
            if number is None:
                continue
            currency_text = m.group(group)
            code = _SYMBOLS.get(currency_text.lower()) or _WORDS.get(currency_text.lower())
            if code is None:
                continue
            amount = apply_multiplier(number, m.group("mult"))
            start, end = m.start(), m.end()
            after = text[end : end + 30]
            before = text[max(0, start - 80) : start]
            label = None
            if _UNIT_PRICE.match(after):
                label = "unit_price"
            elif _CAP_CONTEXT.search(before):
                label = "cap"
            elif re.search(r"\bup to\s*$", before, re.IGNORECASE):
                label = "up_to"
            taken.append((start, end))
            found.append(Found("money", start, end, Money(round(amount, 2), code), label))
    return sorted(found, key=lambda f: f.start)


# --------------------------------------------------------------------------- percent

_PERCENT = re.compile(
    # "12,5 %": a decimal comma, as continental documents write a rate
    rf"(?<![\w.,])(?P<num>\d{{1,2}},\d{{1,2}}(?=\s?%)|{DIGITS}|{WORD_NUMBER})\s?"
    r"(?:%|per\s?cent\b|percent\b|pct\b)",
    re.IGNORECASE,
)
_DISCOUNT_CONTEXT = re.compile(
    r"\b(off|discounts?|discounted|reductions?|concessions?|below|less|rebates?|saving|savings|markdown|"
    r"reduce|reduced|reduces|lowered|lower|promotional|promotion|promo)\b",
    re.IGNORECASE,
)
# "The 9% on Microsoft 365 E3 was approved for the first 12 months": a rate on a licence
_ON_PRODUCT = re.compile(
    r"\s+(?:on|off)\s+(?:the\s+)?(?:Microsoft|Office|M365|O365|Dynamics|Windows|Visio|Power BI|"
    r"Teams|Copilot|Entra|Intune|Defender|Purview|EMS|E3|E5|F1|F3|A3|A5|G3|G5|"
    r"Business\s+(?:Premium|Standard|Basic))\b"
)
_INTEREST_CONTEXT = re.compile(r"\b(interest|late|overdue|penalt)", re.IGNORECASE)
# Service-level credits ("if availability falls below 99.9%, a service credit of 10%") are
# remedies for an outage, not price concessions, even though "below" reads like one.
_SLA_CONTEXT = re.compile(
    r"\b(availability|uptime|up-time|service levels?|SLA|service credits?|downtime)\b",
    re.IGNORECASE,
)
# "the monthly-term price is 20% above the annual price": a surcharge, whatever follows
_ABOVE = re.compile(r"\s*(?:above|higher\s+than|more\s+than|on\s+top\s+of)\b", re.IGNORECASE)
_UPLIFT_CONTEXT = re.compile(r"\b(increase|uplift|rise|escalat|inflation|CPI)", re.IGNORECASE)


def find_percents(text: str) -> list[Found]:
    found = []
    for m in _PERCENT.finditer(text):
        value = parse_number(re.sub(r"^(\d{1,2}),(\d{1,2})$", r"\1.\2", m.group("num")))
        if value is None or value > 100:
            continue
        # the words that say what the percent is, within its own sentence ("Microsoft will
        # reduce the Level A estimated retail price of Microsoft 365 E3 by nine per cent")
        before = re.split(r"[.;]\s", text[max(0, m.start() - 100) : m.start()])[-1]
        after = text[m.end() : m.end() + 40]
        window = before + " " + after
        if _INTEREST_CONTEXT.search(window):
            label: str | None = "interest"
        elif _SLA_CONTEXT.search(window):
            label = "sla"
        elif (
            _UPLIFT_CONTEXT.search(window) and not _DISCOUNT_CONTEXT.search(after)
        ) or _ABOVE.match(after):
            label = "uplift"
        elif _DISCOUNT_CONTEXT.search(window) or _ON_PRODUCT.match(after):
            label = "discount"
        else:
            label = None
        found.append(Found("percent", m.start(), m.end(), float(value), label))
    return found


# --------------------------------------------------------------------------- dates

_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DEADLINE_BEFORE = re.compile(
    r"(\bby|\buntil|\bthrough|\bthru|\bend of|\bno later than|\bbefore the end of|\bvalid to"
    r"|\bexpires? (in|at the end of)?)\s*(the\s*)?$"
    r"|(?:\bQ[1-4]\s*(?:FY\s?)?\d{2,4}|\b(?:19|20)\d{2})\s*(?:-|–|—|to)\s*$",
    re.IGNORECASE,
)
_DATE_PATTERNS = [
    # "2027-06-30", also as the date part of a timestamp ("2014-10-15T16:12:20+00:00")
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\b|(?=T\d))")),
    # "2028/02/29", "2027.06.30": year first, as Japanese, Chinese and Korean documents write it
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")),
    (
        "dmy",
        re.compile(rf"\b{_DAY}\s+(?:day\s+)?(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    ),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    # "14-Feb-2028", "14 Feb-2028": a scheduling tool's day-month-year
    ("dmy", re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b", re.IGNORECASE)),
    ("num", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)?\d{2})\b")),
    # "Q3 FY27", "FY27 Q3": a quarter of Microsoft's fiscal year
    (
        "fiscal_quarter",
        re.compile(
            r"\bQ(?P<q>[1-4])\s*(?:FY\s?|F)(?P<fy>\d{4}|\d{2})\b|"
            r"\bFY\s?(?P<fy2>\d{4}|\d{2})\s*[-/ ]?\s*Q(?P<q2>[1-4])\b"
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?:Q(?P<q>[1-4])|(?P<qw>first|second|third|fourth) quarter(?: of)?)\s+"
            rf"(?:of\s+)?(?:CY|FY)?{_YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)),
    ("fy", re.compile(r"\bFY\s?(?P<fy>\d{2}|\d{4})\b")),
]
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_FISCAL_FIRST_MONTH = 7  # Microsoft's fiscal year runs July to June


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def uses_european_dates(text: str) -> bool:
    """True when the document writes a numeric date whose first part can only be a day."""
    return any(
        int(m.group("a")) > 12 and int(m.group("b")) <= 12
        for kind, pattern in _DATE_PATTERNS
        if kind == "num"
        for m in pattern.finditer(text)
    )


def find_dates(text: str, *, european: bool = False) -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            deadline = bool(_DEADLINE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]))
            date = _parse_date(kind, m, european=european, deadline=deadline)
            if date is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(Found("date", m.start(), m.end(), DateValue(date=date, text=m.group(0))))
    return sorted(found, key=lambda f: f.start)


def _parse_date(kind: str, m: re.Match[str], *, european: bool, deadline: bool) -> dt.date | None:
    if kind == "iso":
        return _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    if kind in ("dmy", "mdy"):
        month = _MONTHS[m.group("month").lower().rstrip(".")]
        return _safe_date(int(m.group("year")), month, int(m.group("day")))
    if kind == "num":
        a, b = int(m.group("a")), int(m.group("b"))
        year = int(m.group("year"))
        if year < 100:
            year += 2000 if year < 50 else 1900
        if a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        elif european:
            day, month = a, b
        else:
            month, day = a, b
        return _safe_date(year, month, day)
    if kind == "quarter":
        quarter = int(m.group("q")) if m.group("q") else _QUARTER_WORDS[m.group("qw").lower()]
        year = int(m.group("year"))
        if deadline:
            return _end_of_month(year, quarter * 3)
        return dt.date(year, quarter * 3 - 2, 1)
    if kind == "my":
        month = _MONTHS[m.group("month").lower().rstrip(".")]
        year = int(m.group("year"))
        return _end_of_month(year, month) if deadline else dt.date(year, month, 1)
    if kind == "fiscal_quarter":
        quarter = int(m.group("q") or m.group("q2"))
        fy = int(m.group("fy") or m.group("fy2"))
        fy += 2000 if fy < 100 else 0
        # the fiscal year ends on 30 June: Q1 is July-September of the year before
        first_month = (quarter - 1) * 3 + _FISCAL_FIRST_MONTH
        year = fy - 1 if first_month <= 12 else fy
        first_month = (first_month - 1) % 12 + 1
        if deadline:
            return _end_of_month(year, first_month + 2)
        return dt.date(year, first_month, 1)
    if kind == "fy":
        fy = int(m.group("fy"))
        return _end_of_month(fy + 2000 if fy < 100 else fy, _FISCAL_FIRST_MONTH - 1)
    return None


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_YEAR_WORDS = {"one": 1, "two": 2, "three": 3}
_ANCHOR = (
    r"(?P<anchor>(?:the\s+)?(?:(?:Order|Subscription|Enrollment|Enrolment|Agreement|Contract)\s+)?"
    r"(?:Effective Date|effective date|Enrollment start date|start date|"
    r"Start Date|signature|signing|execution|contract signature|the date of signature|"
    r"(?:purchase\s+)?order date|PO date|(?:the\s+)?date\s+of\s+(?:this\s+|the\s+)?"
    r"(?:purchase\s+)?order|go-live|award|commencement date|Commencement Date|issue|issuance|"
    r"the\s+date\s+of\s+issue|(?:the\s+)?notification\s+date|(?:its|the|that)\s+issue\s+date|"
    r"(?:licen[cs]e\s+)?purchase\s+date|"
    r"activation(?:\s+date)?|(?:the\s+)?date\s+of\s+activation|order\s+acceptance|"
    r"renewal\s+date|"
    r"acceptance\s+of\s+(?:the\s+|this\s+)?order)"
    r"|(?:the\s+)?(?:Enrollment|Enrolment|Subscription|Agreement|Contract|Term)\b"
    r"(?!\s+(?:price|fee|value|amount|document|number)))"
)
_RELATIVE = [
    re.compile(
        rf"\b(?:within|no later than|not later than|up to)\s+(?P<num>{NUMBER})\s*\(?\d*\)?\s*"
        rf"(?P<unit>days?|weeks?|months?|years?)\s+(?:of|after|from|following)\s+{_ANCHOR}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<num>{NUMBER})\s*\(?\d*\)?\s*(?P<unit>days?|weeks?|months?|years?)\s+"
        rf"(?:after|from|following|of)\s+{_ANCHOR}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:within|during|in|over)\s+the\s+first\s+(?P<num>{NUMBER})\s*\(?\d*\)?\s*"
        rf"(?P<unit>days?|weeks?|months?|years?)\s+(?:of|after|from|following)\s+{_ANCHOR}",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:by|before|until|at|prior to)\s+the\s+end\s+of\s+(?:the\s+)?"
        r"(?:(?P<yord>first|second|third|1st|2nd|3rd)\s+(?:contract\s+|enrol?lment\s+|"
        r"subscription\s+|agreement\s+)?year|(?:contract\s+|enrol?lment\s+)?year\s+"
        r"(?P<ynum>[123]|one|two|three))\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:before|by|prior to|until|on)\s+the\s+"
        r"(?P<ord>first|second|third|fourth|fifth|1st|2nd|3rd)"
        r"\s+anniversary(?:\s+of\s+the\s+(?:Effective Date|effective date|Enrollment|agreement))?",
        re.IGNORECASE,
    ),
]


# "by the end of Phase 2", "within 60 days of the completion of Wave 1": deadlines tied to the
# rollout, resolved once the rollout's phases are known (playbook.rollout.resolve_phase_dates)
_PHASE_NAME = r"(?P<phase>phase|wave|stage)\s+(?P<pn>\d+|one|two|three|four|i{1,3}|iv)"
_PHASE_RELATIVE = [
    re.compile(
        r"\b(?:by|before|prior to|no later than|not later than|until|at)\s+the\s+"
        r"(?P<edge>end|close|completion|start|beginning|launch)\s+of\s+(?:the\s+)?" + _PHASE_NAME,
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:within|no later than|not later than)\s+(?P<num>{NUMBER})\s*\(?\d*\)?\s*"
        r"(?P<unit>days?|weeks?|months?)\s+(?:of|after|from|following)\s+(?:the\s+)?"
        r"(?P<edge>end|close|completion|start|beginning|launch)\s+of\s+(?:the\s+)?" + _PHASE_NAME,
        re.IGNORECASE,
    ),
]
_PHASE_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def _phase_dates(text: str) -> list[Found]:
    found = []
    for pattern in _PHASE_RELATIVE:
        for m in pattern.finditer(text):
            raw = m.group("pn").lower()
            number = _PHASE_NUMBERS.get(raw) or int(raw)
            edge = "start" if m.group("edge").lower() in ("start", "beginning", "launch") else "end"
            offset = ""
            if m.groupdict().get("num"):
                count = parse_number(m.group("num"))
                if count is None:
                    continue
                offset = f":{int(count)}:{m.group('unit').lower().rstrip('s')}"
            anchor = f"phase:{number}:{edge}{offset}"
            found.append(
                Found("date", m.start(), m.end(), DateValue(None, m.group(0), True, anchor))
            )
    return found


# "by Dec 31 this year", "before 30 June next year", "by the end of this year": a calendar date
# whose year is the document's own (an e-mail's Date header, a proposal's date).
_YEARLESS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<rel>this|next)\s+year\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<rel>this|next)\s+year\b", re.IGNORECASE),
    re.compile(r"\b(?:the\s+)?end\s+of\s+(?P<rel>this|next)\s+(?:calendar\s+)?year\b", re.I),
]


# "Exchange mailbox clean-up runs July 12th through August 20th", "kicks off September 7th",
# "12 april to end of may was the plan": a schedule said in passing, its year left to the reader.
# Only dates that start or end such a stretch are read; a bare "October 21" elsewhere is not.
_NO_YEAR_AFTER = r"(?![\w.]*,?\s*(?:19|20)\d{2}\b)"
_BARE_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_NO_YEAR_AFTER}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_NO_YEAR_AFTER}", re.IGNORECASE),
    re.compile(rf"\b(?:the\s+)?end\s+of\s+{_MONTH}\b{_NO_YEAR_AFTER}", re.IGNORECASE),
]
_STRETCH_BEFORE = re.compile(
    r"\b(?:runs?|running|kicks?\s+off|starts?|starting|begins?|beginning|commenc\w*|from|through|"
    r"thru|until|till|to)\s+(?:on\s+)?$|[-–]\s*$",
    re.IGNORECASE,
)
_STRETCH_AFTER = re.compile(
    r"^\s*(?:to|through|thru|until|till|[-–])\s+(?:the\s+)?(?:end\s+of\s+)?\w"
)


def _scheduled_dates(text: str) -> list[Found]:
    found: list[Found] = []
    for pattern in _BARE_DATES:
        for m in pattern.finditer(text):
            month = _MONTHS[m.group("month").lower().rstrip(".")]
            day_text = m.groupdict().get("day")
            end_of_month = day_text is None
            if not (
                _STRETCH_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
                or (not end_of_month and _STRETCH_AFTER.match(text[m.end() : m.end() + 30]))
            ):
                continue
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            day = 31 if end_of_month else int(day_text or 0)  # resolving clamps to the month
            if not 1 <= day <= 31:
                continue
            anchor = f"document-next:{month}:{day}"
            found.append(
                Found("date", m.start(), m.end(), DateValue(None, m.group(0), True, anchor))
            )
    return found


def _yearless_dates(text: str) -> list[Found]:
    found = []
    for pattern in _YEARLESS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = _MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else 12
            day = int(groups["day"]) if groups.get("day") else 31
            offset = 1 if m.group("rel").lower() == "next" else 0
            anchor = f"document-year:{offset}:{month}:{day}"
            found.append(
                Found("date", m.start(), m.end(), DateValue(None, m.group(0), True, anchor))
            )
    return found


def find_relative_dates(text: str) -> list[Found]:
    found = _yearless_dates(text) + _scheduled_dates(text) + _phase_dates(text)
    for pattern in _RELATIVE:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("yord") or groups.get("ynum"):
                word = (groups.get("yord") or groups.get("ynum") or "").lower()
                n = _ORDINALS.get(word) or _YEAR_WORDS.get(word) or int(word[0])
                value = DateValue(None, m.group(0), relative=True, anchor=f"yearend:{n}")
                found.append(Found("date", m.start(), m.end(), value))
                continue
            if "ord" in m.groupdict() and m.group("ord"):
                n = _ORDINALS.get(m.group("ord").lower()) or int(m.group("ord")[0])
                found.append(
                    Found(
                        "date",
                        m.start(),
                        m.end(),
                        DateValue(None, m.group(0), relative=True, anchor=f"anniversary:{n}"),
                    )
                )
                continue
            number = parse_number(m.group("num"))
            if number is None:
                continue
            unit = m.group("unit").lower().rstrip("s")
            anchor = _normalise_anchor(m.group("anchor"))
            found.append(
                Found(
                    "date",
                    m.start(),
                    m.end(),
                    DateValue(
                        None, m.group(0), relative=True, anchor=f"{anchor}:{int(number)}:{unit}"
                    ),
                )
            )
    return found


_OFFSET_BEFORE = re.compile(
    rf"\b(?:(?:within|no later than|not later than|up to)\s+)?(?P<num>{NUMBER})\s*\(?\d*\)?\s*"
    r"(?P<unit>days?|weeks?|months?|years?)\s+(?:of|after|from|following)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ANCHOR_AFTER = re.compile(
    r"^(?:\s+(?:Enrol?lment|Subscription|Agreement|Contract|Order|Term|Service|Programme|Program|"
    r"effective|start|signature|commencement|go-live|kick-off)){0,3}\s+(?:date|start)\b",
    re.IGNORECASE,
)


def dates_offset_from_dates(text: str, dates: list[Found]) -> list[Found]:
    """ "within 270 days of the July 1, 2027 Enrollment start date": the anchor is written out,
    so the deadline resolves on the spot. The anchor date stays a mention of its own."""
    found = []
    for date in dates:
        value = date.value
        if not isinstance(value, DateValue) or value.date is None or value.relative:
            continue
        window = max(0, date.start - 80)
        before = _OFFSET_BEFORE.search(text[window : date.start])
        number = parse_number(before.group("num")) if before else None
        if before is None or number is None or not float(number).is_integer():
            continue
        start = window + before.start()
        tail = _ANCHOR_AFTER.match(text[date.end :])
        end = date.end + (tail.end() if tail else 0)
        unit = before.group("unit").lower().rstrip("s")
        resolved = shift(value.date, int(number), unit)
        found.append(Found("date", start, end, DateValue(resolved, text[start:end], relative=True)))
    return found


def _normalise_anchor(text: str) -> str:
    lowered = text.lower()
    if "sign" in lowered or "execution" in lowered:
        return "signature"
    if "go-live" in lowered:
        return "go-live"
    if "order date" in lowered or "po date" in lowered:
        return "order"
    if "accept" in lowered:
        return "acceptance"
    if re.search(r"\bdate of (?:this |the )?(?:purchase )?order\b", lowered):
        return "order"
    if "issu" in lowered or "activation" in lowered or "notification" in lowered:
        return "issue"  # credits are issued or activated on a date the text gives elsewhere
    return "effective"


def shift(date: dt.date, value: int, unit: str) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=value)
    if unit == "week":
        return date + dt.timedelta(weeks=value)
    months = value * (12 if unit == "year" else 1)
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return clamped_date(year, month, date.day)


def clamped_date(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day where the month is shorter (31 -> 30 June)."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------- durations, counts

_DURATION = re.compile(
    rf"\b(?P<num>{NUMBER})(?:\s*\(\d+\))?[\s-]*(?P<unit>days?|weeks?|months?|years?|yrs?|mos?)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"(?<!Microsoft )(?<!Office )(?<!Windows )(?<!Dynamics )"  # "Microsoft 365" is a name
    rf"\b(?P<num>{NUMBER})(?P<k>k\b)?\s+(?:(?:[A-Z][\w+.&-]*|[a-z]+-[a-z]+|new|additional|named|eligible|"
    r"paid|more|further|"
    # "95 administrative, finance and technology staff": a list of whom the count is of
    r"full|knowledge|frontline|qualified|\(\d[\d,]*\)|[a-z]+,)\s+){0,5}"
    r"(?P<unit>users?|seats?|licen[cs]es?|subscriptions?|devices?|employees|mailboxes|"
    r"knowledge workers|workers|staff|colleagues|people|faculty|fee-earners|agents|clinicians|"
    r"teachers|educators|nurses|students|accounts)\b",
    re.IGNORECASE,
)
_MASS_UNITS = {"staff", "faculty", "people"}  # already plural: no "s" added
_UNIT_NAMES = {"yr": "year", "yrs": "year", "mo": "month", "mos": "month"}


def find_durations(text: str) -> list[Found]:
    found = []
    for m in _DURATION.finditer(text):
        number = parse_number(m.group("num"))
        if number is None or number <= 0 or number > 120:
            continue
        unit = m.group("unit").lower()
        unit = _UNIT_NAMES.get(unit, unit.rstrip("s"))
        found.append(Found("duration", m.start(), m.end(), Duration(number, unit)))  # type: ignore[arg-type]
    return found


def _looks_like_year(raw: str, number: float, unit: str) -> bool:
    """'2025 under a separate subscription' is a year; '2025 seats' is still a count."""
    counted = unit.lower().startswith(("seat", "user", "licen"))
    return 1990 <= number <= 2100 and "," not in raw and not counted


def find_counts(text: str) -> list[Found]:
    found = []
    for m in _COUNT.finditer(text):
        number = parse_number(m.group("num"))
        if number is None or number < 1 or not float(number).is_integer():
            continue
        if m.group("k"):
            number *= 1000  # "3k seats"
        elif _looks_like_year(m.group("num"), number, m.group("unit")):
            continue  # "bought in 2025 under a separate subscription": a year
        unit = m.group("unit").lower()
        unit = (
            "licenses"
            if unit.startswith("licen")
            else unit
            if unit.endswith("s") or unit in _MASS_UNITS
            else unit + "s"
        )
        found.append(Found("count", m.start(), m.end(), Count(int(number), unit)))
    return found
