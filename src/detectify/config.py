"""Client configuration: where settings come from (arguments, then environment), their defaults and checks."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_RETRY_WAIT",
    "DEFAULT_RETRY_BUDGET",
    "DEFAULT_TIMEOUT",
    "ClientConfig",
    "Secret",
]

ENV_API_KEY = "DETECTIFY_API_KEY"
ENV_BASE_URL = "DETECTIFY_BASE_URL"
ENV_TEAM_ID = "DETECTIFY_TEAM_ID"
ENV_V2_API_KEY = "DETECTIFY_V2_API_KEY"
ENV_V2_SECRET_KEY = "DETECTIFY_V2_SECRET_KEY"  # noqa: S105 - a variable name, not a secret

DEFAULT_BASE_URL = "https://api.detectify.com/rest"
#: 5 s to connect, 30 s for each read/write and for a free pooled connection.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: Retries after the first attempt, for the retryable failures listed in ``detectify.retry``.
DEFAULT_MAX_RETRIES = 4
#: Requests in flight at once per client (the connection pool is sized to match).
DEFAULT_MAX_CONCURRENCY = 16
#: The longest single wait between attempts, including a server's ``Retry-After``.
DEFAULT_MAX_RETRY_WAIT = 60.0
#: The longest a call keeps retrying, in seconds from its first attempt.
DEFAULT_RETRY_BUDGET = 300.0


@attrs.frozen(repr=False)
class Secret:
    """A credential that never shows itself in ``repr``/``str`` (and so not in logs or tracebacks)."""

    value: str

    def __repr__(self) -> str:
        return "Secret('<redacted>')"

    __str__ = __repr__


TimeoutTypes = float | httpx.Timeout | None


@attrs.frozen(kw_only=True)
class ClientConfig:
    """Everything a client or one of its views needs to send a request, already checked."""

    api_key: Secret | None  #: the one key, or None when each team has its own (``team_keys``)
    base_url: httpx.URL
    team_id: str | None = None
    timeout: httpx.Timeout = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT
    retry_budget: float = DEFAULT_RETRY_BUDGET
    rate_limit: float | None = None
    team_keys: Mapping[str, Secret] = attrs.field(factory=dict)
    v2_api_key: Secret | None = None
    v2_secret_key: Secret | None = None

    def key_for(self, team: str | None) -> Secret | None:
        """The key to send for a team (None: the one key, or the only team's). None when the client holds one key
        per team and ``team`` is not among them or not given: the caller must not send anything then."""
        if self.api_key is not None:
            return self.api_key
        if team is None:
            return next(iter(self.team_keys.values())) if len(self.team_keys) == 1 else None
        return self.team_keys.get(team)

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | Mapping[str, str] | None,
        base_url: str | None,
        team_id: str | None,
        timeout: TimeoutTypes | object,
        max_retries: int,
        max_concurrency: int,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
        retry_budget: float = DEFAULT_RETRY_BUDGET,
        rate_limit: float | None = None,
        v2_api_key: str | None = None,
        v2_secret_key: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        env = os.environ if environ is None else environ
        team_keys: dict[str, Secret] = {}
        if isinstance(api_key, Mapping):
            if not api_key:
                raise ValueError("api_key: the mapping of team ID to key is empty")
            for team_name, team_key in api_key.items():
                check_team_id(team_name, "api_key (a team ID)")
                team_keys[team_name] = check_key(team_key, f"api_key[{team_name!r}]")
            key = None
        else:
            key_text = api_key if api_key is not None else env.get(ENV_API_KEY)
            v2_only = not key_text and (v2_api_key or env.get(ENV_V2_API_KEY))
            key = None if v2_only else check_key(key_text, "api_key")  # a v2-only client needs no v3 key
        team = check_team_id(team_id if team_id is not None else env.get(ENV_TEAM_ID) or None, "team_id")
        if team_keys and team is not None and team not in team_keys:
            raise ValueError(f"team_id {team!r} has no key in api_key (teams with keys: {', '.join(team_keys)})")
        v2_key = v2_api_key if v2_api_key is not None else env.get(ENV_V2_API_KEY) or None
        v2_secret = v2_secret_key if v2_secret_key is not None else env.get(ENV_V2_SECRET_KEY) or None
        if v2_secret is not None and v2_key is None:
            raise ValueError(f"v2_secret_key is set but v2_api_key is not (pass it or set {ENV_V2_API_KEY})")
        if v2_secret is not None:
            from .signing import decode_secret  # here: signing imports this module

            decode_secret(v2_secret)
        return cls(
            api_key=key,
            team_keys=team_keys,
            v2_api_key=None if v2_key is None else check_key(v2_key, "v2_api_key"),
            v2_secret_key=None if v2_secret is None else Secret(v2_secret),
            base_url=check_base_url(base_url if base_url is not None else env.get(ENV_BASE_URL) or DEFAULT_BASE_URL),
            team_id=team,
            timeout=check_timeout(timeout),
            max_retries=check_max_retries(max_retries),
            max_concurrency=check_positive_int(max_concurrency, "max_concurrency"),
            max_retry_wait=check_seconds(max_retry_wait, "max_retry_wait"),
            retry_budget=check_seconds(retry_budget, "retry_budget"),
            rate_limit=None if rate_limit is None else check_seconds(rate_limit, "rate_limit"),
        )

    def with_changes(self, changes: Mapping[str, object]) -> ClientConfig:
        """A copy with some per-call settings changed (each checked like the constructor's)."""
        checks: dict[str, Callable[[Any], Any]] = {
            "team_id": lambda v: check_team_id(v, "team_id"),
            "timeout": check_timeout,
            "max_retries": check_max_retries,
            "max_retry_wait": lambda v: check_seconds(v, "max_retry_wait"),
            "retry_budget": lambda v: check_seconds(v, "retry_budget"),
        }
        for name in changes:
            if name not in checks:
                raise TypeError(
                    f"with_options() got an unexpected argument {name!r}; it accepts {', '.join(checks)} "
                    "(the connection pool, key, base URL, concurrency and rate limit are the client's own)"
                )
        checked: dict[str, Any] = {name: checks[name](value) for name, value in changes.items()}
        team = checked.get("team_id")
        if self.team_keys and team is not None and team not in self.team_keys:
            raise ValueError(f"team_id {team!r} has no key in api_key (teams with keys: {', '.join(self.team_keys)})")
        return attrs.evolve(self, **checked)


def check_key(value: object, name: str) -> Secret:
    if value is None or (isinstance(value, str) and not value.strip()):
        if name != "api_key":
            raise ValueError(f"{name} is empty")
        raise ValueError(f"no API key: pass api_key= or set the {ENV_API_KEY} environment variable")
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string (or, for api_key, a mapping of team ID to key)")
    if value != value.strip() or value.lower().startswith("bearer "):
        raise ValueError(f"{name} must be the raw v3 key, without surrounding spaces or a 'Bearer ' prefix")
    return Secret(value)


def check_base_url(value: str) -> httpx.URL:
    try:
        url = httpx.URL(value)
    except (TypeError, httpx.InvalidURL) as exc:
        raise ValueError(f"base_url is not a valid URL: {value!r}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an absolute http(s) URL, got {value!r}")
    if url.query or url.fragment:
        raise ValueError(f"base_url must not carry a query or fragment, got {value!r}")
    return url.copy_with(path=url.path.rstrip("/"))


def check_team_id(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value


def check_timeout(value: object) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value <= 0:
            raise ValueError(f"timeout must be positive, got {value!r}")
        return httpx.Timeout(float(value), connect=min(float(value), DEFAULT_TIMEOUT.connect or value))
    raise TypeError(f"timeout must be seconds (a number) or an httpx.Timeout, got {value!r}")


def check_max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be an integer >= 0 (0 disables retries), got {value!r}")
    return value


def check_seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def check_positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    return value
