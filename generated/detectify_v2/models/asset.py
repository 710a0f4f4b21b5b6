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
        "token",
        "name",
        "status",
        "monitored",
        "added_by",
        "discovered",
        "created",
        "updated",
        "last_seen",
    )
)


@_attrs_define
class Asset:
    """
    Attributes:
        token (str):
        name (str | Unset):
        status (str | Unset):
        monitored (bool | Unset):
        added_by (None | str | Unset):
        discovered (datetime.datetime | None | Unset):
        created (datetime.datetime | None | Unset):
        updated (datetime.datetime | None | Unset):
        last_seen (datetime.datetime | None | Unset):
    """

    token: str
    name: str | Unset = UNSET
    status: str | Unset = UNSET
    monitored: bool | Unset = UNSET
    added_by: None | str | Unset = UNSET
    discovered: datetime.datetime | None | Unset = UNSET
    created: datetime.datetime | None | Unset = UNSET
    updated: datetime.datetime | None | Unset = UNSET
    last_seen: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        name = self.name

        status = self.status

        monitored = self.monitored

        added_by: None | str | Unset
        if isinstance(self.added_by, Unset):
            added_by = UNSET
        else:
            added_by = self.added_by

        discovered: None | str | Unset
        if isinstance(self.discovered, Unset):
            discovered = UNSET
        elif isinstance(self.discovered, datetime.datetime):
            discovered = format_datetime(self.discovered)
        else:
            discovered = self.discovered

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        elif isinstance(self.created, datetime.datetime):
            created = format_datetime(self.created)
        else:
            created = self.created

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        elif isinstance(self.updated, datetime.datetime):
            updated = format_datetime(self.updated)
        else:
            updated = self.updated

        last_seen: None | str | Unset
        if isinstance(self.last_seen, Unset):
            last_seen = UNSET
        elif isinstance(self.last_seen, datetime.datetime):
            last_seen = format_datetime(self.last_seen)
        else:
            last_seen = self.last_seen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if monitored is not UNSET:
            field_dict["monitored"] = monitored
        if added_by is not UNSET:
            field_dict["added_by"] = added_by
        if discovered is not UNSET:
            field_dict["discovered"] = discovered
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if last_seen is not UNSET:
            field_dict["last_seen"] = last_seen

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise _invalid("Asset", "", "a JSON object", src_dict)

        token = src_dict.get("token", UNSET)
        if token is UNSET:
            raise _missing("Asset", "token")
        if not isinstance(token, str):
            raise _invalid("Asset", "token", "a string", token)

        name = src_dict.get("name", UNSET)
        if (not isinstance(name, str)) and name is not UNSET:
            raise _invalid("Asset", "name", "a string", name)

        status = src_dict.get("status", UNSET)
        if (not isinstance(status, str)) and status is not UNSET:
            raise _invalid("Asset", "status", "a string", status)

        monitored = src_dict.get("monitored", UNSET)
        if type(monitored) is not bool and monitored is not UNSET:
            raise _invalid("Asset", "monitored", "a boolean", monitored)

        added_by = src_dict.get("added_by", UNSET)
        if (
            (not isinstance(added_by, str))
            and added_by is not UNSET
            and added_by is not None
        ):
            raise _invalid("Asset", "added_by", "a string or null", added_by)

        discovered = src_dict.get("discovered", UNSET)
        if discovered is not UNSET and discovered is not None:
            if not isinstance(discovered, str) or len(discovered) <= 10:
                raise _invalid(
                    "Asset", "discovered", "an ISO 8601 date-time or null", discovered
                )
            try:
                discovered = _datetime_from(discovered)
            except ValueError:
                raise _invalid(
                    "Asset", "discovered", "an ISO 8601 date-time or null", discovered
                ) from None
            if discovered.tzinfo is None:
                discovered = discovered.replace(tzinfo=_UTC)

        created = src_dict.get("created", UNSET)
        if created is not UNSET and created is not None:
            if not isinstance(created, str) or len(created) <= 10:
                raise _invalid(
                    "Asset", "created", "an ISO 8601 date-time or null", created
                )
            try:
                created = _datetime_from(created)
            except ValueError:
                raise _invalid(
                    "Asset", "created", "an ISO 8601 date-time or null", created
                ) from None
            if created.tzinfo is None:
                created = created.replace(tzinfo=_UTC)

        updated = src_dict.get("updated", UNSET)
        if updated is not UNSET and updated is not None:
            if not isinstance(updated, str) or len(updated) <= 10:
                raise _invalid(
                    "Asset", "updated", "an ISO 8601 date-time or null", updated
                )
            try:
                updated = _datetime_from(updated)
            except ValueError:
                raise _invalid(
                    "Asset", "updated", "an ISO 8601 date-time or null", updated
                ) from None
            if updated.tzinfo is None:
                updated = updated.replace(tzinfo=_UTC)

        last_seen = src_dict.get("last_seen", UNSET)
        if last_seen is not UNSET and last_seen is not None:
            if not isinstance(last_seen, str) or len(last_seen) <= 10:
                raise _invalid(
                    "Asset", "last_seen", "an ISO 8601 date-time or null", last_seen
                )
            try:
                last_seen = _datetime_from(last_seen)
            except ValueError:
                raise _invalid(
                    "Asset", "last_seen", "an ISO 8601 date-time or null", last_seen
                ) from None
            if last_seen.tzinfo is None:
                last_seen = last_seen.replace(tzinfo=_UTC)

        _self = cls(
            token,
            name,
            status,
            monitored,
            added_by,
            discovered,
            created,
            updated,
            last_seen,
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
