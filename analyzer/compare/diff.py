"""Item-level changes between a base deal and its amendment, and the findings they raise.

Items are matched by what they are (category, program, products), never by position or id:
a revised proposal reorders sections and renumbers items, but "the ECIF credit" is still the
ECIF credit. Tracked changes in a redline are attached to the change whose evidence they touch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from ..records import Change, Evidence, Item, Report, Revision
from ..records import Seat as SeatRecord

_ITEM_FIELDS = ("amount", "percent", "expires", "term_months", "scope", "partner", "quantity")


def _key(item: Item) -> str:
    if item.category == "discount":
        return f"discount:{','.join(sorted(item.products)) or 'all products'}"
    if item.category == "commitment":
        return f"commitment:{','.join(sorted(item.products))}:{item.quantity}"
    return f"{item.category}:{item.program or 'unnamed'}"


def _label(item: Item) -> str:
    if item.category == "discount":
        return "Discount on " + (", ".join(item.products) or "all products")
    if item.category == "commitment":
        return "Commitment" + (f" on {', '.join(item.products)}" if item.products else "")
    return item.program or item.category.replace("_", " ")


def _match(base: Sequence[Item], amended: Sequence[Item]) -> list[tuple[Item | None, Item | None]]:
    pairs: list[tuple[Item | None, Item | None]] = []
    remaining = list(amended)
    for old in base:
        exact = [new for new in remaining if _key(new) == _key(old)]
        candidates = exact or [
            new
            for new in remaining
            if new.category == old.category and fuzz.token_set_ratio(_key(new), _key(old)) >= 85
        ]
        if candidates:
            remaining.remove(candidates[0])
            pairs.append((old, candidates[0]))
        else:
            pairs.append((old, None))
    # "E3 - 8% below list" restated as "Microsoft 365 E3: seven per cent (7%) below list": the
    # deal's one discount before and after, however differently its products were written
    dropped = [old for old, new in pairs if new is None and old is not None]
    for category in ("discount",):
        before = [old for old in dropped if old.category == category]
        after = [new for new in remaining if new.category == category]
        if len(before) == 1 and len(after) == 1:
            pairs[pairs.index((before[0], None))] = (before[0], after[0])
            remaining.remove(after[0])
    pairs += [(None, new) for new in remaining]
    return pairs


def _value(item: Item, name: str) -> Any:
    value = getattr(item, name)
    if name == "expires":
        return value.date if value is not None else None
    if name == "scope":
        return sorted(value)
    return value


def _revision(evidence: Sequence[Evidence], revisions: Sequence[Revision]) -> Revision | None:
    for revision in revisions:
        if any(revision.text in e.text or e.text in revision.text for e in evidence):
            return revision
    return None


def _kind(item: Item) -> Any:
    return item.category if item.category != "other" else "other"


def diff_reports(
    base: Report, amendment: Report, revisions: Sequence[Revision] = ()
) -> tuple[Change, ...]:
    changes: list[Change] = []
    changes += _seat_changes(base.seats, amendment.seats, revisions)
    for old, new in _match(base.items, amendment.items):
        if old is not None and new is None:
            changes.append(
                Change(
                    _kind(old),
                    _label(old),
                    "removed",
                    old.summary,
                    None,
                    old.evidence,
                    (),
                    _revision(old.evidence, revisions),
                )
            )
            continue
        if old is None and new is not None:
            changes.append(
                Change(
                    _kind(new),
                    _label(new),
                    "added",
                    None,
                    new.summary,
                    (),
                    new.evidence,
                    _revision(new.evidence, revisions),
                )
            )
            continue
        assert old is not None and new is not None
        for name in _ITEM_FIELDS:
            before, after = _value(old, name), _value(new, name)
            if name == "term_months" and new.category == "discount":
                # A discount with no stated window runs for the whole term of its deal.
                before = before or base.ledgers.discount.get("term_months")
                after = after or amendment.ledgers.discount.get("term_months")
            if before != after and not (before is None and name in ("partner", "quantity")):
                changes.append(
                    Change(
                        _kind(new),
                        _label(new),
                        name,
                        before,
                        after,
                        old.evidence,
                        new.evidence,
                        _revision(new.evidence, revisions),
                    )
                )
    return tuple(changes)


def _seat_changes(
    base: Sequence[SeatRecord], amended: Sequence[SeatRecord], revisions: Sequence[Revision]
) -> list[Change]:
    before = {s.product: s for s in base}
    after = {s.product: s for s in amended}
    out = []
    for product in list(before) + [p for p in after if p not in before]:
        old, new = before.get(product), after.get(product)
        if old and new and old.quantity == new.quantity:
            continue
        out.append(
            Change(
                "seats",
                product,
                "quantity",
                old.quantity if old else None,
                new.quantity if new else None,
                old.evidence if old else (),
                new.evidence if new else (),
                _revision(new.evidence if new else (), revisions),
            )
        )
    return out


def item_key(item: Item) -> str:
    """What an item is, for matching across versions: category, program, products."""
    return _key(item)
