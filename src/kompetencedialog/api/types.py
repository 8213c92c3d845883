"""Types the API's inputs share, so each rule is written once."""

from typing import Annotated, Any, Literal

from django.db import models
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from kompetencedialog.core.fields import MAX_ID, is_id


def _an_id(value: int) -> int:
    # A number no object can have is answered like an unknown choice (the forms say the same),
    # before the database is asked: SQLite cannot even hold it.
    if not is_id(value):
        raise PydanticCustomError("not_an_id", "No object has this id.")
    return value


#: An object's id, in a path, a query or a body.
Id = Annotated[
    int,
    AfterValidator(_an_id),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_ID}),
]


def one_of(choices: type[models.Choices]) -> Any:
    """A field taking one of a Django choices class's values: an enum written out in the
    document (the classes' own names, ``Kind`` or ``Status``, repeat from model to model and
    would overwrite each other there), a plain string in Python."""
    return Literal[tuple(choices.values)]
