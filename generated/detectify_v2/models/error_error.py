from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_error_parameters import ErrorErrorParameters
from ..types import UNSET, InvalidModelData, Unset
from ..types import invalid as _invalid

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "code",
        "message",
        "parameters",
        "more_info",
    )
)


@_attrs_define
class ErrorError:
    """
    Attributes:
        code (int | Unset):
        message (str | Unset):
        parameters (ErrorErrorParameters | Unset):
        more_info (str | Unset):
    """

    code: int | Unset = UNSET
    message: str | Unset = UNSET
    parameters: ErrorErrorParameters | Unset = UNSET
    more_info: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        more_info = self.more_info

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if more_info is not UNSET:
            field_dict["more_info"] = more_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("ErrorError", "", "a JSON object", src_dict)

        code = src_dict.get("code", UNSET)
        if (
            type(code) is not int and (type(code) is bool or not isinstance(code, int))
        ) and code is not UNSET:
            raise _invalid("ErrorError", "code", "an integer", code)

        message = src_dict.get("message", UNSET)
        if (not isinstance(message, str)) and message is not UNSET:
            raise _invalid("ErrorError", "message", "a string", message)

        parameters = src_dict.get("parameters", UNSET)
        if parameters is not UNSET:
            try:
                parameters = ErrorErrorParameters.from_dict(parameters)
            except InvalidModelData as _exc:
                raise _exc.within("ErrorError", "parameters") from None

        more_info = src_dict.get("more_info", UNSET)
        if (not isinstance(more_info, str)) and more_info is not UNSET:
            raise _invalid("ErrorError", "more_info", "a string", more_info)

        _self = cls(
            code,
            message,
            parameters,
            more_info,
        )
        if not _FIELDS.issuperset(src_dict):
            _extra = {
                _key: _value for _key, _value in src_dict.items() if _key not in _FIELDS
            }
            _self.additional_properties = _extra
        return _self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
