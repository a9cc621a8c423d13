"""reportlab: the bundled fonts, pledge sheets and reports drawn from templates in forms/."""

from desktop.printing.document import RenderResult
from desktop.printing.reports import render_progress_report, render_unsigned_list
from desktop.printing.sheet import blank_sheet, render_blank, render_pledges

__all__ = [
    "RenderResult",
    "blank_sheet",
    "render_blank",
    "render_pledges",
    "render_progress_report",
    "render_unsigned_list",
]
