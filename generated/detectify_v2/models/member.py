from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, format_datetime
from ..types import invalid as _invalid
from ..types import missing as _missing

_datetime_from = datetime.datetime.fromisoformat
_UTC = datetime.UTC

#: The fields the spec lists; any other key of the object goes to additional_properties.
_FIELDS = frozenset(
    (
        "user_token",
        "first_name",
        "last_name",
        "email",
        "authentication",
        "role",
        "created",
        "last_login",
    )
)


@_attrs_define
class Member:
    """
    Attributes:
        user_token (str):
        first_name (str | Unset):
        last_name (str | Unset):
        email (str | Unset):
        authentication (str | Unset):
        role (str | Unset):
        created (datetime.datetime | None | Unset):
        last_login (datetime.datetime | None | Unset):
    """

    user_token: str
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    authentication: str | Unset = UNSET
    role: str | Unset = UNSET
    created: datetime.datetime | None | Unset = UNSET
    last_login: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_token = self.user_token

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        authentication = self.authentication

        role = self.role

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        elif isinstance(self.created, datetime.datetime):
            created = format_datetime(self.created)
        else:
            created = self.created

        last_login: None | str | Unset
        if isinstance(self.last_login, Unset):
            last_login = UNSET
        elif isinstance(self.last_login, datetime.datetime):
            last_login = format_datetime(self.last_login)
        else:
            last_login = self.last_login

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_token": user_token,
            }
        )
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if email is not UNSET:
            field_dict["email"] = email
        if authentication is not UNSET:
            field_dict["authentication"] = authentication
        if role is not UNSET:
            field_dict["role"] = role
        if created is not UNSET:
            field_dict["created"] = created
        if last_login is not UNSET:
            field_dict["last_login"] = last_login

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Member", "", "a JSON object", src_dict)

        user_token = src_dict.get("user_token", UNSET)
        if user_token is UNSET:
            raise _missing("Member", "user_token")
        if not isinstance(user_token, str):
            raise _invalid("Member", "user_token", "a string", user_token)

        first_name = src_dict.get("first_name", UNSET)
        if (not isinstance(first_name, str)) and first_name is not UNSET:
            raise _invalid("Member", "first_name", "a string", first_name)

        last_name = src_dict.get("last_name", UNSET)
        if (not isinstance(last_name, str)) and last_name is not UNSET:
            raise _invalid("Member", "last_name", "a string", last_name)

        email = src_dict.get("email", UNSET)
        if (not isinstance(email, str)) and email is not UNSET:
            raise _invalid("Member", "email", "a string", email)

        authentication = src_dict.get("authentication", UNSET)
        if (not isinstance(authentication, str)) and authentication is not UNSET:
            raise _invalid("Member", "authentication", "a string", authentication)

        role = src_dict.get("role", UNSET)
        if (not isinstance(role, str)) and role is not UNSET:
            raise _invalid("Member", "role", "a string", role)

        created = src_dict.get("created", UNSET)
        if created is not UNSET and created is not None:
            if not isinstance(created, str) or len(created) <= 10:
                raise _invalid(
                    "Member", "created", "an ISO 8601 date-time or null", created
                )
            try:
                created = _datetime_from(created)
            except ValueError:
                raise _invalid(
                    "Member", "created", "an ISO 8601 date-time or null", created
                ) from None
            if created.tzinfo is None:
                created = created.replace(tzinfo=_UTC)

        last_login = src_dict.get("last_login", UNSET)
        if last_login is not UNSET and last_login is not None:
            if not isinstance(last_login, str) or len(last_login) <= 10:
                raise _invalid(
                    "Member", "last_login", "an ISO 8601 date-time or null", last_login
                )
            try:
                last_login = _datetime_from(last_login)
            except ValueError:
                raise _invalid(
                    "Member", "last_login", "an ISO 8601 date-time or null", last_login
                ) from None
            if last_login.tzinfo is None:
                last_login = last_login.replace(tzinfo=_UTC)

        _self = cls(
            user_token,
            first_name,
            last_name,
            email,
            authentication,
            role,
            created,
            last_login,
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
