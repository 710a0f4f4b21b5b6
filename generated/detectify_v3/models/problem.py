from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import invalid as _invalid

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "type",
        "title",
        "status",
        "detail",
        "instance",
    )
)


@_attrs_define
class Problem:
    """An RFC 7807 problem-details error body.

    Example:
        {'type': '/invalid_request', 'title': 'some title for the error situation', 'status': 100, 'detail': 'some
            description for the error situation', 'instance': '/invalid_request/query_parameters'}

    Attributes:
        type_ (str | Unset): A URI reference identifying the problem type.
        title (str | Unset): A short summary of the problem.
        status (int | Unset): The HTTP status code.
        detail (str | Unset): An explanation specific to this occurrence.
        instance (str | Unset): A URI reference identifying this occurrence.
    """

    type_: str | Unset = UNSET
    title: str | Unset = UNSET
    status: int | Unset = UNSET
    detail: str | Unset = UNSET
    instance: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        instance = self.instance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if status is not UNSET:
            field_dict["status"] = status
        if detail is not UNSET:
            field_dict["detail"] = detail
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Problem", "", "a JSON object", src_dict)

        type_ = src_dict.get("type", UNSET)
        if (not isinstance(type_, str)) and type_ is not UNSET:
            raise _invalid("Problem", "type", "a string", type_)

        title = src_dict.get("title", UNSET)
        if (not isinstance(title, str)) and title is not UNSET:
            raise _invalid("Problem", "title", "a string", title)

        status = src_dict.get("status", UNSET)
        if (
            type(status) is not int
            and (type(status) is bool or not isinstance(status, int))
        ) and status is not UNSET:
            raise _invalid("Problem", "status", "an integer", status)

        detail = src_dict.get("detail", UNSET)
        if (not isinstance(detail, str)) and detail is not UNSET:
            raise _invalid("Problem", "detail", "a string", detail)

        instance = src_dict.get("instance", UNSET)
        if (not isinstance(instance, str)) and instance is not UNSET:
            raise _invalid("Problem", "instance", "a string", instance)

        _self = cls(
            type_,
            title,
            status,
            detail,
            instance,
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
