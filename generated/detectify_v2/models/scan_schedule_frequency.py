from enum import StrEnum


class ScanScheduleFrequency(StrEnum):
    BIWEEKLY = "biweekly"
    DAILY = "daily"
    MONTHLY = "monthly"
    ONCE = "once"
    WEEKLY = "weekly"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ScanScheduleFrequency | None":
        # detectify-sdk: the API adds enum values over time; keep an unknown value as a
        # pseudo-member (still a str equal to the value) instead of failing the whole page.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
