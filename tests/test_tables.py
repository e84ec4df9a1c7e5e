"""Column meanings of licence tables whose headers OCR or resellers left incomplete."""

from __future__ import annotations

from analyzer.items.tables import layout


def test_a_per_user_price_header_is_a_price_and_the_count_is_found_by_its_cells() -> None:
    """A scan read "Qty" as "ty"; "USD/user/mo" names a price even though it says "user"."""
    rows = (
        ("Item", "ty", "USD/user/mo", "Annual(USD)"),
        ("Office 365 E1", "900", "9.60", "103,680.00"),
        ("Visio Plan 2", "30", "15.00", "5,400.00"),
    )
    table = layout(rows)
    assert table is not None
    assert table.columns["quantity"] == 1
    assert table.columns["unit_price"] == 2


def test_a_named_quantity_column_is_kept() -> None:
    rows = (("Product", "Qty", "Unit price (USD/user/month)"), ("Microsoft 365 E3", "640", "36.00"))
    table = layout(rows)
    assert table is not None and table.columns["quantity"] == 1
