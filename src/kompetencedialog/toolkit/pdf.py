"""Printable cards (A6, front and back, with crop marks) and the poster (A3), by WeasyPrint.

Fed by the same selector as the pages, so the print always says what the screen says. Rendering
takes most of a second, and anyone may ask, so each PDF is rendered once and kept in storage.
"""

import contextlib
import hashlib
import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language

from kompetencedialog.toolkit.models import Phase, Toolkit

logger = logging.getLogger(__name__)

STORED_PDFS = "toolkit-pdf"

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
    html = render_to_string(
        template,
        {
            "toolkit": toolkit,
            "phases": phases,
            "fonts": _font_faces(),
            "language": (get_language() or "da")[:2],
        },
    )
    return _stored_pdf(html)


def _stored_pdf(html: str) -> bytes:
    """The PDF of ``html``: from storage if it was rendered before, else rendered and stored.

    The file is named by the hash of everything the PDF is made of (the HTML, which holds the
    styles, the fonts' paths and every text in the reader's language, and WeasyPrint's version).
    So a new toolkit version, a reloaded text or an organisation's own card makes a new file,
    a stale one is never served, and a person is only ever served the PDF of what they may see.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    digest = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()
    name = f"{STORED_PDFS}/{digest}.pdf"
    try:
        with default_storage.open(name) as stored:
            if _is_whole(content := stored.read()):
                return content
        # Incomplete: still being written by another request, or left by one that failed.
        # Replacing it costs at most one more rendering.
        default_storage.delete(name)
    except FileNotFoundError:
        pass
    content = weasyprint.HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
        font_config=FontConfiguration()
    )
    try:
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:  # another request stored the same PDF meanwhile
            default_storage.delete(saved)
    except OSError:
        # A full disk must not stop the download. What was written is incomplete, so it goes.
        logger.exception("Could not store the toolkit PDF %s", name)
        with contextlib.suppress(OSError):
            default_storage.delete(name)
    return content


def _is_whole(pdf: bytes) -> bool:
    """A PDF ends with %%EOF: a file cut short (by a full disk, or still being written) does not."""
    return pdf.rstrip().endswith(b"%%EOF")


def forget_stored_pdfs() -> int:
    """Delete the stored PDFs (they are rendered again when asked for); how many were deleted.

    Not needed for correctness (a changed text has a new name), but it keeps old versions from
    piling up when the texts are reloaded.
    """
    try:
        _folders, files = default_storage.listdir(STORED_PDFS)
    except FileNotFoundError:
        return 0
    for name in files:
        default_storage.delete(f"{STORED_PDFS}/{name}")
    return len(files)


def cards_pdf(toolkit: Toolkit, phases: list[Phase]) -> bytes:
    """Every card on two A6 pages: the front in its phase colour, the questions on the back."""
    return _render("toolkit/pdf/cards.html", toolkit, phases)


def poster_pdf(toolkit: Toolkit, phases: list[Phase]) -> bytes:
    """The overview as an A3 poster: the three phases around the centre."""
    return _render("toolkit/pdf/poster.html", toolkit, phases)
