"""The OCR helpers on synthetic pages: rules found and erased, grids rebuilt, words put into
cells, misread product names repaired. No Tesseract needed: these are the steps around it."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from analyzer.ingest.ocr import fix_ocr_text, rule_masks, without_rules
from analyzer.ingest.ocr_tables import Word, find_grids
from analyzer.nlp.ocr_repair import misread_products

DPI = 200


def _ruled_page(columns: list[int], rows: list[int]) -> Image.Image:
    """A white page with a ruled grid and one dark glyph-sized blob in a cell."""
    image = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(image)
    for y in rows:
        draw.line([(columns[0], y), (columns[-1], y)], fill=0, width=2)
    for x in columns:
        draw.line([(x, rows[0]), (x, rows[-1])], fill=0, width=2)
    draw.rectangle([columns[0] + 20, rows[0] + 15, columns[0] + 40, rows[0] + 35], fill=0)
    return image


def test_rules_are_found_and_erased_but_glyphs_stay() -> None:
    page = _ruled_page([100, 500, 800, 1200], [100, 180, 260, 340])
    horizontal, vertical = rule_masks(page, DPI)
    assert horizontal[100, 300] and vertical[220, 500]
    assert not horizontal[125, 130] and not vertical[125, 130]  # the glyph is not a rule
    erased = np.asarray(without_rules(page, DPI))
    assert erased[100, 300] == 255 and erased[220, 500] == 255
    assert erased[125, 130] == 0


def test_a_grid_is_rebuilt_and_words_go_to_the_cell_their_centre_is_in() -> None:
    columns, rows = [100, 500, 800, 1200], [100, 180, 260, 340]
    (grid,) = find_grids(*rule_masks(_ruled_page(columns, rows), DPI))
    assert all(abs(a - b) <= 2 for a, b in zip(grid.xs, columns, strict=True))
    assert all(abs(a - b) <= 2 for a, b in zip(grid.ys, rows, strict=True))
    words = [
        Word(120, 120, 260, 150, "Product"),
        Word(520, 120, 600, 150, "Seats"),
        Word(120, 195, 240, 225, "Microsoft"),
        Word(250, 195, 330, 225, "Entra"),
        Word(120, 230, 160, 255, "ID"),  # the cell's wrapped second line
        Word(170, 230, 210, 255, "P1"),
        Word(520, 200, 580, 225, "120"),
        Word(820, 200, 900, 225, "|"),  # rule residue read as a glyph: dropped
        Word(120, 280, 300, 310, "Power BI Pro"),
        Word(520, 280, 580, 310, "200"),
    ]
    assert grid.rows(words) == [
        ["Product", "Seats", ""],
        ["Microsoft Entra ID P1", "120", ""],
        ["Power BI Pro", "200", ""],
    ]


def test_lines_without_crossing_rules_are_not_a_grid() -> None:
    image = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 300, 500):  # underlines and separators only
        draw.line([(100, y), (1200, y)], fill=0, width=2)
    assert find_grids(*rule_masks(image, DPI)) == []


def test_ocr_text_fixes_stray_stops_and_missing_spaces_after_365() -> None:
    assert (
        fix_ocr_text("Microsoft 365. F3 and Office 365E3") == "Microsoft 365 F3 and Office 365 E3"
    )
    assert fix_ocr_text("Microsoft 365 E5") == "Microsoft 365 E5"


def test_a_product_one_character_off_is_repaired_but_short_plans_are_not_guessed() -> None:
    (found,) = misread_products("2 | Microsoft Entra ID P41 | 120", [])
    assert found.value == "Microsoft Entra ID P1" and found.start == 4
    assert misread_products("Microsoft 365 E5 | 120", [(0, 16)]) == []  # exact already
    assert misread_products("Plan E8 for 300 users", []) == []
