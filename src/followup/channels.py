"""Where reminders go: Apprise URLs, or ``email`` (the user's own address through the SMTP
settings of ``send``). This module knows their text only; Apprise is imported by
:mod:`followup.remind` when something is sent, never here.

Secrets are masked wherever a channel is shown (the profile, errors, ``--dry-run``,
``remind --status``): a password, a host that is not a host name (Telegram, Discord, Slack
and Pushover keep their tokens there), every path segment and every query value whose name
suggests a secret keep only their first character.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from typing import Any
from urllib.parse import parse_qsl, quote

from followup.i18n import _

EMAIL = "email"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SECRET_KEYS = ("pass", "pw", "token", "key", "secret", "auth", "sig", "hook", "apikey", "code")
MASK = "****"


def apprise() -> Any:
    """The ``apprise`` module, or None when the ``notify`` extra is not installed. Imported
    here, at the first use, and never on the start-up path of other commands."""
    import importlib.util
    import warnings

    if importlib.util.find_spec("apprise") is None:
        return None
    with warnings.catch_warnings():  # its plug-ins import deprecated modules (imghdr)
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise as module

        module.Apprise.instantiate("json://localhost")  # plug-ins load on first use
    return module


INSTALL_HINT = "pip install 'followup[notify]' (or: pipx inject followup apprise)"


def check(url: str) -> str:
    """A channel as typed, checked for its form: ``email`` or ``scheme://...`` on one line."""
    url = url.strip()
    if url.lower() == EMAIL:
        return EMAIL
    if any(c.isspace() for c in url) or not _SCHEME.match(url) or len(url) <= len("x://"):
        raise ValueError(
            _(
                "{url} is not an Apprise URL (such as ntfys://ntfy.sh/TOPIC or "
                "tgram://BOT_TOKEN/CHAT_ID) nor 'email'"
            ).format(url=repr(mask(url)))
        )
    return url


def key(url: str) -> str:
    """What the store keeps to know a channel again without keeping its secrets twice."""
    return hashlib.sha256(url.encode()).hexdigest()[:32]


def _hide(text: str) -> str:
    return (text[:1] + MASK) if len(text) > 1 else MASK


def _is_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    return "." in host and all(part.isalnum() or "-" in part for part in host.split(".") if part)


def _split(url: str) -> tuple[str, str, bool, str, str, str]:
    """scheme://userinfo@hostport/path?query, leniently (tokens are not always valid URLs)."""
    scheme = url.split("://", 1)[0] + "://"
    rest, _, query = url[len(scheme) :].partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    return scheme, userinfo, bool(at), hostport, path, query


def _host_shown(hostport: str) -> bool:
    host, colon, port = hostport.partition(":")
    return _is_host(host) and (not colon or (port.isascii() and port.isdigit()))


def _secret_query(name: str) -> bool:
    return any(word in name.lower() for word in _SECRET_KEYS)


def mask(url: str) -> str:
    """The channel with its secrets hidden, for showing."""
    if url.lower() == EMAIL:
        return EMAIL
    if not _SCHEME.match(url):
        return _hide(url)
    scheme, userinfo, at, hostport, path, query = _split(url)
    shown = ""
    if at:
        user, colon, _password = userinfo.partition(":")
        shown = user + (":" + MASK if colon else "") + "@"
    shown += hostport if _host_shown(hostport) else _hide(hostport)
    if path:
        shown += "/" + "/".join(_hide(segment) if segment else "" for segment in path.split("/"))
    if query:
        pairs = []
        for name, value in parse_qsl(query, keep_blank_values=True):
            hidden = _hide(value) if value and _secret_query(name) else quote(value, safe="@")
            pairs.append(f"{name}={hidden}")
        shown += "?" + "&".join(pairs)
    return scheme + shown


def secrets(url: str) -> list[str]:
    """The parts of a URL that :func:`mask` hides, longest first, to scrub them from text."""
    if url.lower() == EMAIL or not _SCHEME.match(url):
        return []
    _scheme, userinfo, at, hostport, path, query = _split(url)
    found: list[str] = []
    if at and ":" in userinfo:
        found.append(userinfo.partition(":")[2])
    if not _host_shown(hostport):
        found += [hostport, *hostport.split(":")]
    found += path.split("/")
    found += [v for n, v in parse_qsl(query, keep_blank_values=True) if _secret_query(n)]
    return sorted({s for s in found if len(s) > 1}, key=len, reverse=True)


def scrub(text: str, urls: list[str] | tuple[str, ...]) -> str:
    """``text`` (an error from a library, say) with every URL and secret of ``urls`` masked."""
    for url in urls:
        text = text.replace(url, mask(url))
        for secret in secrets(url):
            text = text.replace(secret, MASK)
    return text
