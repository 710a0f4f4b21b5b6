"""Contains some shared types for properties"""

import datetime
import enum
from collections.abc import Mapping, MutableMapping
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO | bytes
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


def parse_datetime(value: str) -> datetime.datetime:
    """Parse an ISO 8601 date-time; one without an offset is taken as UTC so that every result is aware."""
    parsed = datetime.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)


def format_datetime(value: datetime.datetime) -> str:
    """ISO 8601 with an offset, UTC written as "Z" as the API documents; a naive value is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class InvalidModelData(ValueError):
    """A JSON value that a model's ``from_dict`` refuses, with a message naming the model and field.

    What ``from_dict`` accepts (the same rules for every model; the API's own schema decides each case):

    - refused: a value of the wrong JSON type (an integer field given ``"80"``, ``True`` or ``1.5``; a string field
      given a number), an integer or number outside the spec's ``minimum``/``maximum``, a string outside its
      ``minLength``/``maxLength``, a non-finite number, a date-time that ``datetime.fromisoformat`` does not parse
      (or a bare date), a missing required field, ``null`` where the spec does not say ``nullable``, and anything
      that is not a JSON object where an object is expected;
    - kept: an enum value the spec does not list (a pseudo-member: a ``str`` equal to the value, for forward
      compatibility), fields the spec does not list (in ``additional_properties``), ``null`` where the spec says
      ``nullable`` (as ``None``). A date-time without an offset is taken as UTC.

    This is a ``ValueError``; ``from_dict`` raises nothing else for any JSON input. ``model`` and ``field`` say where
    (``field`` is a path into nested models and arrays, such as ``items[3].port``; empty for the object itself).
    """

    def __init__(self, model: str, field: str, reason: str) -> None:
        super().__init__(
            f"{model}.{field}: {reason}" if field else f"{model}: {reason}"
        )
        self.model = model
        self.field = field
        self.reason = reason

    def __reduce__(self) -> tuple[type["InvalidModelData"], tuple[str, str, str]]:
        return type(self), (self.model, self.field, self.reason)

    def within(self, model: str, field: str) -> "InvalidModelData":
        """The same refusal seen from the model holding this one in ``field``."""
        return InvalidModelData(
            model, f"{field}.{self.field}" if self.field else field, self.reason
        )


def describe(value: object) -> str:
    """A short description of a JSON value for a message: scalars shown (truncated), containers named."""
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value.bit_length() > 64
    ):
        return f"an integer of {value.bit_length()} bits"  # repr() refuses ints beyond 4300 digits
    if isinstance(value, bool | int | float | str):
        text = repr(value)
        return text if len(text) <= 60 else f"{text[:57]}..."
    return f"a {type(value).__name__}"


def invalid(model: str, field: str, expected: str, value: object) -> InvalidModelData:
    return InvalidModelData(model, field, f"expected {expected}, got {describe(value)}")


def missing(model: str, field: str) -> InvalidModelData:
    return InvalidModelData(model, field, "required field missing")


E = TypeVar("E", bound=enum.Enum)


class EnumLookup(dict[Any, E]):
    """An enum's members by value, built once; an unknown value gives the enum's pseudo-member for it (see the enum's
    ``_missing_``), which is not stored, so unknown values from outside cannot grow the table."""

    __slots__ = ("enum",)

    def __init__(self, enum: type[E]) -> None:
        super().__init__((member.value, member) for member in enum)
        self.enum = enum

    def __missing__(self, value: Any) -> E:
        return self.enum(value)


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "EnumLookup",
    "File",
    "FileTypes",
    "InvalidModelData",
    "RequestFiles",
    "Response",
    "Unset",
    "describe",
    "format_datetime",
    "invalid",
    "missing",
    "parse_datetime",
]
