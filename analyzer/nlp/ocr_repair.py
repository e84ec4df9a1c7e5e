"""Product names misread by OCR, matched to the catalogue by edit distance.

Tesseract reads "Microsoft Entra ID P1" in a scanned licence table as "Microsoft Entra ID P41":
one character off, and the exact phrase matcher no longer sees a product, so the seat count is
lost. On OCR'd blocks only, a run of words within a small edit distance of a long product
alias is taken as that product. Short aliases ("E3", "F3") are never matched this way: one
character there is a different plan.
"""

from __future__ import annotations

import functools
import re

from . import vocabulary
from .values import Found

_MIN_ALIAS = 12  # characters; below this one edit is too large a share of the name
_CUTOFF = 92.0  # rapidfuzz ratio (0-100)


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    out = {}
    for term in vocabulary.products():
        for alias in term.aliases:
            if len(alias) >= _MIN_ALIAS and " " in alias:
                out[alias.lower()] = term.name
    return out


def misread_products(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Products whose OCR text is a near miss of an alias and overlaps no exact match."""
    from rapidfuzz import fuzz, process

    aliases = _aliases()
    choices = list(aliases)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    candidates = []
    for size in range(2, 7):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            if any(s < end and start < e for s, e in taken):
                continue
            window = text[start:end].lower()
            best = process.extractOne(window, choices, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
            if best is not None and best[0] != window:
                candidates.append((best[1], start, end, aliases[best[0]]))
    found: list[Found] = []
    for _, start, end, name in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if not any(f.start < end and start < f.end for f in found):
            found.append(Found("product", start, end, name))
    return found
