"""The evidence-file check judges a file by its content, not its name."""

import io
import zipfile

from kompetencedialog.lib.filetypes import sniff


def office_file(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return buffer.getvalue()


def test_accepted_kinds_are_recognised_by_content():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"\xff\xd8\xff\xe0....JFIF") == "jpeg"
    assert sniff(office_file("word/document.xml")) == "docx"
    assert sniff(office_file("xl/workbook.xml")) == "xlsx"


def test_other_files_are_refused():
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(b"<html><script>alert(1)</script>") is None
    assert sniff(b"PK\x03\x04 not really a zip") is None
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    assert sniff(plain_zip.getvalue()) is None
    assert sniff(b"") is None
