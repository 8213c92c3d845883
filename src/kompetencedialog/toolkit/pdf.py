"""Printable cards (A6, front and back, with crop marks) and the poster (A3), by WeasyPrint.

Fed by the same selector as the pages, so the print always says what the screen says.
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language

from kompetencedialog.toolkit.models import Phase, Toolkit

FONT_FILES = {
    (400, "normal"): "IBMPlexSans-Regular.ttf",
    (400, "italic"): "IBMPlexSans-Italic.ttf",
    (600, "normal"): "IBMPlexSans-SemiBold.ttf",
    (700, "normal"): "IBMPlexSans-Bold.ttf",
}
FONT_DIR = "vendor/dkfds/fonts/IBMPlexSans/complete/ttf"


def _font_faces() -> list[dict]:
    """The design system's typeface from our own static files; Liberation Sans if it is missing."""
    faces = []
    for (weight, style), name in FONT_FILES.items():
        found = finders.find(f"{FONT_DIR}/{name}")
        if found:
            faces.append({"weight": weight, "style": style, "url": Path(found).as_uri()})
    return faces


def _render(template: str, toolkit: Toolkit, phases: list[Phase]) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(
        template,
        {
            "toolkit": toolkit,
            "phases": phases,
            "fonts": _font_faces(),
            "language": (get_language() or "da")[:2],
        },
    )
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(font_config=fonts)


def cards_pdf(toolkit: Toolkit, phases: list[Phase]) -> bytes:
    """Every card on two A6 pages: the front in its phase colour, the questions on the back."""
    return _render("toolkit/pdf/cards.html", toolkit, phases)


def poster_pdf(toolkit: Toolkit, phases: list[Phase]) -> bytes:
    """The overview as an A3 poster: the three phases around the centre."""
    return _render("toolkit/pdf/poster.html", toolkit, phases)
