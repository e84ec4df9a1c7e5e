"""Comparing a deal with its amendment.

diff_reports(base, amendment, revisions=()) -> tuple[Change, ...]
amendment_findings(base, amendment, changes) -> tuple[Finding, ...]
is_change_only(document) -> bool
apply_change_statements(base_docs, amendment) -> tuple[Document, ...]
"""

from __future__ import annotations

from .change_only import apply_change_statements, is_change_only
from .diff import diff_reports, item_key
from .findings import AMENDMENT_CODES, amendment_findings

__all__ = [
    "AMENDMENT_CODES",
    "amendment_findings",
    "apply_change_statements",
    "diff_reports",
    "is_change_only",
    "item_key",
]
