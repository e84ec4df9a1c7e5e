"""Reports: schema-exact JSON and the md / html / docx exports a procurement team circulates."""

from .render import render
from .serialize import comparison_to_dict, report_to_dict

__all__ = ["comparison_to_dict", "render", "report_to_dict"]
