"""Settings: where they come from (arguments, then environment), their defaults, and their checks.

Every setting is checked once, where it is defined: the attrs validators and converters below run on construction
and on ``attrs.evolve``, so a view made by ``with_options`` cannot skip a check. Messages name the argument and
never echo a secret.
"""

from __future__ import annotations

import ipaddress
import math
import os
import warnings
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from .events import RetryHook
from .secret import Secret
from .signing import decode_secret
from .validation import check_id

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_RETRY_WAIT",
    "DEFAULT_RETRY_BUDGET",
    "DEFAULT_TIMEOUT",
    "CallOptions",
    "ClientConfig",
    "InsecureBaseURLWarning",
    "Secret",
]

ENV_API_KEY = "DETECTIFY_API_KEY"
ENV_BASE_URL = "DETECTIFY_BASE_URL"
ENV_TEAM_ID = "DETECTIFY_TEAM_ID"
ENV_V2_API_KEY = "DETECTIFY_V2_API_KEY"
ENV_V2_SECRET_KEY = "DETECTIFY_V2_SECRET_KEY"  # noqa: S105 - a variable name, not a secret

DEFAULT_BASE_URL = "https://api.detectify.com/rest"
#: 5 s to connect, 30 s for each read/write and for a free pooled connection; 30 s for a whole attempt.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: Retries after the first attempt, for the retryable failures listed in ``detectify.retry``.
DEFAULT_MAX_RETRIES = 4
#: Requests in flight at once per client (the connection pool is sized to match).
DEFAULT_MAX_CONCURRENCY = 16
#: The longest single wait between attempts, including a server's ``Retry-After``.
DEFAULT_MAX_RETRY_WAIT = 60.0
#: The longest a call keeps retrying, in seconds from its first attempt.
DEFAULT_RETRY_BUDGET = 300.0
#: Upper bounds that catch a unit mistake (milliseconds for seconds) rather than limit real use.
MAX_SECONDS = 7 * 24 * 3600.0
MAX_RETRIES = 100
MAX_CONCURRENCY = 1024


class InsecureBaseURLWarning(UserWarning):
    """The base URL sends the API key in clear text (``http://`` to a host that is not this machine)."""


TimeoutTypes = float | httpx.Timeout | None


# --- checks (each used by exactly one setting, or shared by settings of one kind) --------------------------------


def check_key(value: object, name: str) -> Secret:
    """A key or secret: a non-empty string of visible characters. Surrounding whitespace (the newline a key file
    ends with) is stripped; a control or invisible character inside is refused without echoing the value."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string (or, for api_key, a mapping of team ID to key)")
    text = (value or "").strip()
    if not text:
        if name == "api_key":
            raise ValueError(f"no API key: pass api_key= or set the {ENV_API_KEY} environment variable")
        raise ValueError(f"{name} is empty")
    if text.lower().startswith("bearer "):
        raise ValueError(f"{name} must be the raw key, without a 'Bearer ' prefix")
    if not all(char.isprintable() and not char.isspace() for char in text):
        raise ValueError(f"{name} contains a control, space or invisible character; copy the key again (not shown)")
    if not text.isascii():
        raise ValueError(f"{name} contains a non-ASCII character; copy the key again (not shown)")
    return Secret(text)


def check_team_id(value: object, name: str = "team_id") -> str | None:
    return None if value is None else check_id(name, value)


def _safe_url_text(value: str) -> str:
    """A URL for a message, without any ``user:password@``."""
    try:
        url = httpx.URL(value)
    except (TypeError, httpx.InvalidURL):
        return "<not a URL>" if "@" in value else repr(value)
    return repr(str(url.copy_with(username=None, password=None))) if url.userinfo else repr(value)


def check_base_url(value: object) -> httpx.URL:
    if not isinstance(value, str | httpx.URL):
        raise TypeError(f"base_url must be a string, got {type(value).__name__}")
    text = str(value)
    try:
        url = httpx.URL(text)
    except (TypeError, httpx.InvalidURL) as exc:
        raise ValueError(f"base_url is not a valid URL: {_safe_url_text(text)}") from exc
    if url.userinfo:
        raise ValueError(
            "base_url must not carry credentials (a username or password before the host); pass the key as api_key= "
            f"(base_url without them: {_safe_url_text(text)})"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an absolute http(s) URL, got {text!r}")
    if url.query or url.fragment:
        raise ValueError(f"base_url must not carry a query or fragment, got {text!r}")
    return url.copy_with(path=url.path.rstrip("/"))


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def warn_if_insecure(url: httpx.URL) -> None:
    """Plain http sends the key in clear text: fine to this machine, worth a warning to any other host."""
    if url.scheme == "http" and not is_loopback(url.host):
        warnings.warn(
            f"base_url {str(url)!r} is plain http to another host: the API key travels unencrypted; use https",
            InsecureBaseURLWarning,
            stacklevel=4,
        )


def _check_finite(value: object, name: str, *, low: float, high: float, low_inclusive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {value!r}")
    number = float(value)
    too_low = number < low if low_inclusive else number <= low
    if not math.isfinite(number) or too_low or number > high:
        bound = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be a finite number {bound} {low:g} and <= {high:g}, got {value!r}")
    return number


def check_seconds(value: object, name: str) -> float:
    return _check_finite(value, name, low=0.0, high=MAX_SECONDS)


def check_rate(value: object, name: str = "rate_limit") -> float | None:
    if value is None:
        return None
    return _check_finite(value, name, low=0.0, high=1_000_000.0)


def check_timeout(value: object) -> httpx.Timeout:
    """Seconds (every phase, and the whole attempt) or an ``httpx.Timeout`` whose set values are all finite."""
    if isinstance(value, httpx.Timeout):
        for phase, seconds in value.as_dict().items():
            if seconds is not None:
                _check_finite(seconds, f"timeout.{phase}", low=0.0, high=MAX_SECONDS)
        if all(seconds is None for seconds in value.as_dict().values()):
            raise ValueError("timeout must set at least one phase (a call must not wait forever)")
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = _check_finite(value, "timeout", low=0.0, high=MAX_SECONDS)
        return httpx.Timeout(seconds, connect=min(seconds, DEFAULT_TIMEOUT.connect or seconds))
    raise TypeError(f"timeout must be seconds (a number) or an httpx.Timeout, got {value!r}")


def attempt_deadline(timeout: httpx.Timeout) -> float:
    """How long one attempt may take end to end: the longest phase set (a slow trickle of bytes cannot hold a call
    past it, though each read alone would be within its own timeout)."""
    return max(seconds for seconds in timeout.as_dict().values() if seconds is not None)


def _int_in(name: str, low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an integer in {low}..{high}, got {value!r}")
        if not low <= value <= high:
            raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")
        return value

    return check


_max_retries_in_range = _int_in("max_retries", 0, MAX_RETRIES)
_max_concurrency_in_range = _int_in("max_concurrency", 1, MAX_CONCURRENCY)


def check_max_retries(value: object) -> int:
    return _max_retries_in_range(value)


def check_max_concurrency(value: object) -> int:
    return _max_concurrency_in_range(value)


def _check_max_retry_wait(value: object) -> float:
    return check_seconds(value, "max_retry_wait")


def _check_retry_budget(value: object) -> float:
    return check_seconds(value, "retry_budget")


def _check_hook(value: object) -> Any:
    if value is not None and not callable(value):
        raise TypeError(f"on_retry must be a callable taking a RetryEvent, got {value!r}")
    return value


# --- the two kinds of settings ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CallOptions:
    """The settings a view may change (``with_options``, ``for_team``): how each call is sent and retried."""

    timeout: httpx.Timeout = attrs.field(default=DEFAULT_TIMEOUT, converter=check_timeout)
    max_retries: int = attrs.field(default=DEFAULT_MAX_RETRIES, converter=check_max_retries)
    max_retry_wait: float = attrs.field(default=DEFAULT_MAX_RETRY_WAIT, converter=_check_max_retry_wait)
    retry_budget: float = attrs.field(default=DEFAULT_RETRY_BUDGET, converter=_check_retry_budget)
    team_id: str | None = attrs.field(default=None, converter=check_team_id)
    on_retry: RetryHook | None = attrs.field(default=None, converter=_check_hook)

    @property
    def attempt_deadline(self) -> float:
        return attempt_deadline(self.timeout)

    def changed(self, changes: Mapping[str, object]) -> CallOptions:
        """A copy with some settings changed, each checked like the constructor's."""
        known = {field.name for field in attrs.fields(CallOptions)}
        for name in changes:
            if name not in known:
                raise TypeError(
                    f"with_options() got an unexpected argument {name!r}; it accepts {', '.join(sorted(known))} "
                    "(the connection pool, keys, base URL, concurrency and rate limit are the client's own)"
                )
        return attrs.evolve(self, **changes)


def _team_keys(value: object) -> dict[str, Secret]:
    if not isinstance(value, Mapping):
        raise TypeError("team_keys must be a mapping of team ID to key")
    keys: dict[str, Secret] = {}
    for team, key in value.items():
        check_id("api_key (a team ID)", team)
        keys[team] = key if isinstance(key, Secret) else check_key(key, f"api_key[{team!r}]")
    return keys


@attrs.frozen(kw_only=True)
class ClientConfig:
    """The settings a client and all its views share: where to, with which keys, how many at once."""

    base_url: httpx.URL = attrs.field(converter=check_base_url)
    api_key: Secret | None = None  #: the one v3 key, or None when each team has its own (``team_keys``)
    team_keys: Mapping[str, Secret] = attrs.field(factory=dict, converter=_team_keys)
    v2_api_key: Secret | None = None
    v2_secret_key: Secret | None = None
    max_concurrency: int = attrs.field(default=DEFAULT_MAX_CONCURRENCY, converter=check_max_concurrency)
    rate_limit: float | None = attrs.field(default=None, converter=check_rate)

    def secrets(self) -> tuple[str, ...]:
        """Every credential value this client holds (to scrub from any text that reaches a message)."""
        held = [self.api_key, self.v2_api_key, self.v2_secret_key, *self.team_keys.values()]
        return tuple(secret.value for secret in held if secret is not None)


def resolve(
    *,
    api_key: str | Mapping[str, str] | None,
    base_url: str | None,
    team_id: str | None,
    v2_api_key: str | None,
    v2_secret_key: str | None,
    max_concurrency: int,
    rate_limit: float | None,
    environ: Mapping[str, str] | None = None,
) -> tuple[ClientConfig, str | None]:
    """The client's shared settings and its default team, from the arguments, then the environment."""
    env = os.environ if environ is None else environ
    team_keys: Mapping[str, str] = {}
    key: Secret | None = None
    if isinstance(api_key, Mapping):
        if not api_key:
            raise ValueError("api_key: the mapping of team ID to key is empty")
        team_keys = api_key
    else:
        key_text = api_key if api_key is not None else env.get(ENV_API_KEY)
        v2_only = not key_text and (v2_api_key or env.get(ENV_V2_API_KEY))
        key = None if v2_only else check_key(key_text, "api_key")  # a v2-only client needs no v3 key
    team = check_team_id(team_id if team_id is not None else env.get(ENV_TEAM_ID) or None)
    v2_key = v2_api_key if v2_api_key is not None else env.get(ENV_V2_API_KEY) or None
    v2_secret = v2_secret_key if v2_secret_key is not None else env.get(ENV_V2_SECRET_KEY) or None
    if v2_secret is not None and v2_key is None:
        raise ValueError(f"v2_secret_key is set but v2_api_key is not (pass it or set {ENV_V2_API_KEY})")
    secret = None if v2_secret is None else check_key(v2_secret, "v2_secret_key")
    if secret is not None:
        decode_secret(secret.value)
    config = ClientConfig(
        api_key=key,
        team_keys=team_keys,
        v2_api_key=None if v2_key is None else check_key(v2_key, "v2_api_key"),
        v2_secret_key=secret,
        base_url=base_url if base_url is not None else env.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
        max_concurrency=max_concurrency,
        rate_limit=rate_limit,
    )
    return config, team
