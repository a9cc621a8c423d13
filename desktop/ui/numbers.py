"""Numbers and days as the interface language writes them: 1.234 and 48,6 in Vietnamese, 1,234 and
48.6 in English (printed sheets and CSV files stay Vietnamese: services.progress)."""

from __future__ import annotations

import datetime as dt

from desktop.ui.translations import current_language


def group_thousands(number: int) -> str:
    """'1.234.567' in Vietnamese, '1,234,567' in English."""
    grouped = f"{number:,}"
    return grouped if current_language() == "en" else grouped.replace(",", ".")


def format_percent(value: float) -> str:
    """'87,5' in Vietnamese, '87.5' in English: one decimal."""
    shown = f"{value:.1f}"
    return shown if current_language() == "en" else shown.replace(".", ",")


def day_text(day: dt.date | None) -> str:
    """'05/12/2026' (the same in both languages); '' for no day."""
    return day.strftime("%d/%m/%Y") if day else ""
