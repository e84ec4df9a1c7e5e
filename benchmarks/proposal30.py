"""A 30-page proposal-like PDF for the speed benchmarks, built with the corpus renderer.

Ten deal sections of three pages each: prose, a ruled licence table, a funding clause, a
rollout table and boilerplate, so the benchmark exercises every stage the way a long account
team proposal does. The file is cached under benchmarks/.cache so repeated runs measure the
analyzer, not reportlab.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
PRODUCTS = [
    ("Microsoft 365 E5", "4,200", "54.72"),
    ("Microsoft 365 E3", "1,850", "33.12"),
    ("Teams Phone", "900", "8.00"),
    ("Microsoft 365 Copilot", "600", "30.00"),
    ("Microsoft Entra ID P2", "300", "9.00"),
]


def _section(n: int) -> list[dict[str, Any]]:
    product, qty, price = PRODUCTS[n % len(PRODUCTS)]
    return [
        {"heading": f"{n + 1}. Workstream {n + 1}: {product}"},
        {
            "paragraph": (
                f"This section describes the licensing for workstream {n + 1}. The customer will "
                f"license {qty} users on {product} for a 36-month term beginning 1 November 2026. "
                "The account team has reviewed the current estate, the planned organisational "
                "changes and the security roadmap with the customer's architects."
            )
        },
        {
            "table": {
                "header": ["Product", "Qty", "Unit price (USD/user/month)", "Term", "Discount"],
                "rows": [
                    [product, qty, price, "36 months", "8% off list"],
                    ["Microsoft Purview", "250", "12.00", "36 months", "none"],
                    ["Visio Plan 2", "120", "15.00", "12 months", "none"],
                ],
                "note": "Prices exclude applicable taxes.",
            }
        },
        {
            "paragraph": (
                f"Microsoft will fund USD {50 + n * 5},000 through End Customer Investment Funds "
                "for deployment services delivered by Contoso Cloud Partners Ltd. The funds must "
                "be used by 30 June 2027 for Teams Phone and Intune deployment."
            )
        },
        {"page_break": True},
        {
            "table": {
                "header": ["Phase", "Workloads", "Start", "End"],
                "rows": [
                    ["Phase 1", "Exchange Online, Intune", "1 December 2026", "31 March 2027"],
                    ["Phase 2", "Teams Phone", "1 April 2027", "30 September 2027"],
                ],
            }
        },
        {
            "paragraph": (
                "Invoices are payable within 30 days. Late payments accrue interest at 1% per "
                "month. Each party's aggregate liability is capped at USD 1,000,000. "
            )
            * 3
        },
        {
            "bullets": [
                f"Assumption {i}: quantities are reviewed at each anniversary." for i in range(6)
            ]
        },
        {"page_break": True},
        {"paragraph": "The customer's programme office will track adoption monthly. " * 12},
        {"paragraph": "All other terms follow the Microsoft Business Agreement. " * 10},
        {"page_break": True},
    ]


def build(path: Path | None = None) -> Path:
    """Return a path to the 30-page benchmark PDF, rendering it on first use."""
    sys.path.insert(0, str(ROOT / "samples"))
    from render import render_pdf_bytes

    path = path or CACHE / "proposal-30-pages.pdf"
    if path.exists():
        return path
    spec: dict[str, Any] = {
        "id": "bench-30",
        "title": "Fabrikam - Microsoft Enterprise Agreement renewal proposal",
        "header": "Fabrikam | Confidential",
        "footer": "Prepared by the Microsoft account team",
        "blocks": [block for n in range(10) for block in _section(n)][:-1],
    }
    data = render_pdf_bytes(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


if __name__ == "__main__":
    print(build())
