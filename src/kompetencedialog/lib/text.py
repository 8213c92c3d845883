"""Text helpers."""

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def transliterate_danish(text: str) -> str:
    """Æ, ø and å the Danish way (``Vælg`` → ``Vaelg``); ASCII-only slugs otherwise drop them."""
    return text.translate(DANISH_LETTERS)
