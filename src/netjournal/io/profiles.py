"""Profile links: which platform a link belongs to, and one key per profile for spotting duplicates.

`https://www.linkedin.com/in/Ana-Lima/`, `linkedin.com/in/ana-lima` and
`http://uk.linkedin.com/in/ana-lima?trk=x` are one profile.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

from netjournal.core.errors import InputError
from netjournal.core.vocab import parse_platform

_HOSTS = {
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "twitter.com": "x",
    "x.com": "x",
    "github.com": "github",
    "bsky.app": "bluesky",
}
# scheme (optional), host (with any user and port), path; query and fragment are left out.
_LINK = re.compile(r"([a-z][a-z0-9+.-]*://)?([^/?#\s]+)([^?#\s]*)(?:[?#]\S*)?$", re.IGNORECASE)
# Subdomains that show the same profile: country sites, mobile sites.
_SAME_SITE_PREFIXES = ("www.", "m.", "mobile.")


def _split(link: str) -> tuple[str, str] | None:
    match = _LINK.match(link.strip())
    if match is None:
        return None
    scheme, host, path = match.groups()
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].casefold()
    if "." not in host or (not scheme and not path):
        return None
    for prefix in _SAME_SITE_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    return host, unquote(path).rstrip("/")


@lru_cache(maxsize=65_536)
def profile_key(link: str) -> str:
    """A key shared by every spelling of one profile link; "" for text that isn't a link."""
    split = _split(link)
    if split is None:
        return ""
    host, path = split
    if not path:
        return ""
    return f"{host}{path}".casefold()


def platform_of_link(link: str) -> str | None:
    """The platform a profile link belongs to, or None for an ordinary web page."""
    split = _split(link)
    if split is None:
        return None
    host, path = split
    if host in _HOSTS:
        return _HOSTS[host]
    if path.startswith("/@") and "/" not in path[2:]:
        return "mastodon"
    return None


def platform_of_label(label: str) -> str | None:
    """The platform a label names ("LinkedIn", "twitter", "Mastodon"), or None."""
    key = label.strip().strip("_$!<>").casefold()
    if not key:
        return None
    try:
        return parse_platform(key)
    except InputError:
        return None
