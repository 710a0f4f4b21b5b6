from enum import StrEnum


class ConnectorProvider(StrEnum):
    ALIBABA = "ALIBABA"
    AWS_CRED_BASED = "AWS_CRED_BASED"
    AWS_ROLE_BASED = "AWS_ROLE_BASED"
    AZURE = "AZURE"
    CLOUDFLARE = "CLOUDFLARE"
    DIGITAL_OCEAN = "DIGITAL_OCEAN"
    GCP = "GCP"
    GODADDY = "GODADDY"
    NS1 = "NS1"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ConnectorProvider | None":
        # detectify-sdk: the API adds enum values over time; keep an unknown value as a
        # pseudo-member (still a str equal to the value) instead of failing the whole page.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
