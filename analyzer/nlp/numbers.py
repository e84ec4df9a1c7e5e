"""Numbers as documents write them: digits with separators, multipliers, and words.

"USD 1.2 million", "€60k", "five hundred licences" and "twelve percent" all carry a number;
text2num turns the words into digits so every extractor sees one value.
"""

from __future__ import annotations

import re

from text_to_num import text2num

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million"
).split()
WORD = r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
WORD_NUMBER = rf"(?:{WORD}(?:(?:\s+and\s+|\s*-\s*|\s+){WORD})*)"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
MULTIPLIER = r"(?:k|K|m|M|mm|MM|mn|bn|million|thousand|billion)"
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
_WORD_RE = re.compile(rf"^{WORD_NUMBER}$", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a digit or word number; None when it is not a number at all."""
    text = text.strip()
    if not text:
        return None
    if _WORD_RE.match(text):
        words = re.sub(r"\s*-\s*", "-", text.lower())
        try:
            return float(text2num(words, "en"))
        except ValueError:
            return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def apply_multiplier(value: float, multiplier: str | None) -> float:
    if not multiplier:
        return value
    return value * _MULTIPLIERS.get(multiplier.lower(), 1.0)
