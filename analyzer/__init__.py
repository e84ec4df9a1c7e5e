"""Buyer-side analyzer for Microsoft licensing proposals and amendments.

The public API is deliberately small; the CLI, the Streamlit app and the end-to-end tests use
only what is exported here.
"""

# The subpackage analyzer.compare is imported before the function of the same name is bound,
# so a later `from .compare import ...` cannot replace the public compare() with the module.
from . import compare as _compare_package  # noqa: F401
from .errors import (
    AnalyzerError,
    ConfigError,
    CorruptDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ImageOnlyDocumentError,
    ModelUnavailableError,
    UnsupportedFormatError,
)
from .pipeline import analyze, analyze_documents, compare, compare_documents, load, render
from .playbook import Playbook, read_rollout_file
from .preview import render_evidence
from .records import Comparison, Document, Finding, Item, Report, RolloutPhase, Seat, to_jsonable
from .settings import Settings

__all__ = [
    "AnalyzerError",
    "Comparison",
    "ConfigError",
    "CorruptDocumentError",
    "Document",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "Finding",
    "ImageOnlyDocumentError",
    "Item",
    "ModelUnavailableError",
    "Playbook",
    "Report",
    "RolloutPhase",
    "Seat",
    "Settings",
    "UnsupportedFormatError",
    "analyze",
    "analyze_documents",
    "compare",
    "compare_documents",
    "load",
    "read_rollout_file",
    "render",
    "render_evidence",
    "to_jsonable",
]
