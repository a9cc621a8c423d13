"""The bundled Liberation Serif 2 faces, registered once with reportlab (embedded as subsets)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop.bundled import resource_path
from desktop.domain.errors import KnownError

# reportlab's own Times and the old Liberation 1.x draw boxes for most Vietnamese letters
# without any error (DESIGN §11), so every sheet uses these four faces and nothing else.
FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"
FACES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the four faces (idempotent, thread-safe).

    A missing or unreadable file is KnownError("font.missing", file=...), naming the file.
    """
    global _registered
    with _lock:
        if _registered:
            return
        for name, file_name in FACES.items():
            path = resource_path("fonts", file_name)
            if not path.is_file():
                raise KnownError("font.missing", file=str(path))
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, TTFError):
                raise KnownError("font.missing", file=str(path)) from None
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _registered = True


def missing_glyphs(face: str, text: str) -> set[str]:
    """The characters of ``text`` that ``face`` has no glyph for (drawn as .notdef boxes)."""
    register_fonts()
    font = pdfmetrics.getFont(face)
    char_to_glyph = font.face.charToGlyph
    return {char for char in set(text) if not char.isspace() and ord(char) not in char_to_glyph}
