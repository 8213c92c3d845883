"""Text helpers: Danish letters and numbers."""

import re
from decimal import Decimal

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


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
