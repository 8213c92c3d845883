"""Text helpers: Danish letters and numbers, and text made safe to store and to write."""

import re
import unicodedata
from decimal import Decimal

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


# Characters no XML document may hold (python-docx, openpyxl and WeasyPrint all refuse them or
# fail on them), plus DEL and the C1 controls, which are never meant as text. Tab, newline and
# carriage return are legal; lone surrogates cannot even be encoded as UTF-8.
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What a line break looks like when it is pasted from Word (Shift+Enter gives a vertical tab).
_BREAKS = re.compile(r"[\x0b\x0c\x85]")
_LINE_BREAKS = re.compile(r"\r\n|[\t\r\n]")


def clean_text(value: str, *, multiline: bool) -> str:
    """``value`` with nothing in it that breaks a page, an export or a document later.

    XML-illegal control characters are dropped; a vertical tab or form feed becomes a newline
    where the field allows lines and a space where it does not (as do tab and newline); the
    text is Unicode NFC-normalised, so ``å`` typed two ways is stored one way.
    """
    value = _ILLEGAL.sub("", value)
    if multiline:
        value = _BREAKS.sub("\n", value)
    else:
        value = _LINE_BREAKS.sub(" ", _BREAKS.sub(" ", value))
    return unicodedata.normalize("NFC", value)


def clean_texts[T](data: T) -> T:
    """``data`` (a string, or dicts, lists and tuples of them) with every string cleaned as
    multi-line text: for a message that arrives as JSON, and for a document writer's guard
    against what was stored before text was cleaned at the door."""
    if isinstance(data, str):
        return clean_text(data, multiline=True)
    if isinstance(data, dict):
        return {key: clean_texts(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(clean_texts(value) for value in data)
    return data


def transliterate_danish(text: str) -> str:
    """Æ, ø and å the Danish way (``Vælg`` → ``Vaelg``); ASCII-only slugs otherwise drop them."""
    return text.translate(DANISH_LETTERS)


def danish_number(value: Decimal) -> str:
    """``12.500`` or ``12.500,50``: thousands grouped with dots, øre only when there are any."""
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def parse_danish_number(text: str) -> str:
    """A number written the Danish way (``12.500``, ``12 500``, ``12.500,50``, ``12500 kr.``)
    in the plain form ``Decimal`` reads (``12500.50``); text that is no number comes back as it
    was. A dot followed by exactly three digits groups thousands: amounts have at most two
    decimals, so it can never be a decimal point, while ``12.5`` still is one."""
    plain = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", text.strip())
    plain = re.sub(r"\s*kr\.?$", "", plain, flags=re.IGNORECASE)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", plain) or re.fullmatch(r"-?\d+,\d+", plain):
        return plain.replace(".", "").replace(",", ".")
    return plain
