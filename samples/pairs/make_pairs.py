"""Base/amendment file pairs for the compare tests, rendered with the sample renderer.

Each pair is a directory samples/pairs/<name>/ holding base.<ext> and amendment.<ext>, plus
expected.json naming the amendment codes compare must report (and must not). The documents
are real PDF / DOCX / image-only PDF files, so the tests exercise ingest, extraction and
checks end to end. Run: .venv/bin/python samples/pairs/make_pairs.py
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from render import render_docx_bytes, render_pdf_bytes, render_scan_bytes  # noqa: E402

Spec = dict[str, Any]
Block = dict[str, Any]

DISCOUNT = (
    "Microsoft will apply a discount of 12% off list price to Microsoft 365 E5 for the full "
    "36-month term."
)
ECIF = (
    "In addition, Microsoft will provide ECIF funding of $150,000, to be used for Teams Phone, "
    "through an ECIF-approved partner. The funding expires on {expiry}."
)
IN_LIEU = (
    "In lieu of a price concession, Microsoft will provide ECIF funding of $250,000, to be used "
    "for Teams Phone, through an ECIF-approved partner. The funding expires on 06/30/2028."
)
ROLLOUT: Block = {
    "table": {
        "header": ["Phase", "Workloads", "Start", "End"],
        "rows": [
            ["Phase 1", "Exchange Online, Teams", "01/15/2027", "05/31/2027"],
            ["Phase 2", "Teams Phone", "03/01/2027", "06/15/2027"],
        ],
    }
}


def proposal(
    *,
    quantity: str = "4,000",
    pricing: str = DISCOUNT,
    funding: str = ECIF.format(expiry="12/31/2027"),
    extra: list[Block] | None = None,
    fmt: str = "pdf",
    title: str = "Microsoft Enterprise Agreement renewal offer for Fabrikam",
) -> Spec:
    """A renewal proposal in the dev-set house style, varied by the terms a pair changes."""
    return {
        "format": fmt,
        "title": title,
        "header": "Fabrikam | Confidential",
        "blocks": [
            {"heading": "1. Introduction"},
            {
                "paragraph": "Microsoft is pleased to submit this renewal proposal to Fabrikam. "
                "The Enrollment term will be 36 months, beginning on 11/01/2026."
            },
            {"heading": "2. Pricing"},
            {"paragraph": pricing},
            {"heading": "3. Microsoft funding"},
            {"paragraph": funding},
            *(extra or []),
            {"heading": "4. Licensing"},
            {
                "table": {
                    "header": ["Description", "Units", "Unit price (USD/user/month)", "Term"],
                    "rows": [["Microsoft 365 E5", quantity, "57.00", "36 months"]],
                }
            },
            {"heading": "5. Deployment approach"},
            {"paragraph": "FastTrack will be engaged for the onboarding of Exchange Online."},
            {"paragraph": "The planned rollout is as follows:"},
            ROLLOUT,
            {
                "paragraph": "Microsoft will provide monthly usage reports through the adoption "
                "dashboard."
            },
        ],
    }


def change_only_amendment() -> Spec:
    return {
        "format": "docx",
        "title": "Amendment No. 1 to the Fabrikam renewal proposal",
        "blocks": [
            {"paragraph": "The proposal dated 10/02/2026 is hereby amended as follows."},
            {"paragraph": "The quantity of Microsoft 365 E5 is revised from 4,000 to 3,600."},
            {"paragraph": "All other terms remain unchanged."},
        ],
    }


def redline_commitment() -> Spec:
    spec = proposal(fmt="docx")
    spec["blocks"].insert(
        6,
        {
            "redline": {
                "before": "",
                "insert": "This funding is subject to the Customer adding 1,000 Microsoft 365 "
                "E5 licences by 11/01/2027.",
                "after": "",
                "author": "Jordan Seller (Microsoft)",
                "date": "2026-10-20T10:00:00Z",
            }
        },
    )
    return spec


def seats_in_prose_and_table() -> Spec:
    return proposal(
        quantity="3,600",
        extra=[{"paragraph": "The quantity of Microsoft 365 E5 is revised from 4,000 to 3,600."}],
    )


PAIRS: dict[str, tuple[Spec, Spec, dict[str, list[str]]]] = {
    "discount_in_lieu": (
        proposal(),
        proposal(pricing="Pricing is at the list prices below.", funding=IN_LIEU),
        {"expect": ["AMENDMENT_DISCOUNT_REMOVED", "FUNDING_REPLACES_DISCOUNT"], "absent": []},
    ),
    "credit_expiry_earlier": (
        proposal(),
        proposal(funding=ECIF.format(expiry="03/31/2027")),
        {"expect": ["AMENDMENT_CREDIT_EXPIRY_EARLIER"], "absent": ["AMENDMENT_CREDIT_REMOVED"]},
    ),
    "seats_prose_and_table": (
        proposal(),
        seats_in_prose_and_table(),
        {"expect": ["AMENDMENT_SEATS_CHANGED"], "absent": []},
    ),
    "redline_commitment": (
        proposal(fmt="docx"),
        redline_commitment(),
        {"expect": ["AMENDMENT_NEW_COMMITMENT"], "absent": []},
    ),
    "change_only": (
        proposal(),
        change_only_amendment(),
        {
            "expect": ["AMENDMENT_SEATS_CHANGED"],
            "absent": ["AMENDMENT_DISCOUNT_REMOVED", "AMENDMENT_CREDIT_REMOVED"],
        },
    ),
    "scanned_base": (
        proposal(fmt="scan"),
        proposal(quantity="3,600", fmt="docx"),
        {"expect": ["AMENDMENT_SEATS_CHANGED"], "absent": []},
    ),
    "no_change": (
        proposal(),
        proposal(fmt="docx"),
        {"expect": [], "absent": ["AMENDMENT_*"]},
    ),
}

RENDERERS = {"pdf": render_pdf_bytes, "docx": render_docx_bytes, "scan": render_scan_bytes}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "scan": "pdf"}


def write_pair(name: str, base: Spec, amendment: Spec, expected: dict[str, list[str]]) -> None:
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    for role, spec in (("base", base), ("amendment", amendment)):
        spec = copy.deepcopy(spec)
        spec.setdefault("id", f"{name}-{role}")
        fmt = spec["format"]
        (folder / f"{role}.{EXTENSIONS[fmt]}").write_bytes(RENDERERS[fmt](spec))
    files = {
        "base": f"base.{EXTENSIONS[base['format']]}",
        "amendment": f"amendment.{EXTENSIONS[amendment['format']]}",
    }
    (folder / "expected.json").write_text(
        json.dumps({**files, **expected}, indent=2) + "\n", encoding="utf-8"
    )


def main() -> int:
    for name, (base, amendment, expected) in PAIRS.items():
        write_pair(name, base, amendment, expected)
        print(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
