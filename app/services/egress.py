"""Where Deskhand's traffic may go: nowhere but this machine, unless the user names a model server."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    if host.casefold() in LOCAL_NAMES or host.casefold().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_warning(url: str) -> str | None:
    """Words of warning for a model server reached over plain http on another machine; None when it is fine.

    The screen's text, the request and the answers go to that server: over http anyone on
    the way can read them.
    """
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = parts.hostname or ""
    if parts.scheme.casefold() != "http" or is_loopback(host):
        return None
    return (
        f"the model server {host} is reached over plain http: what is on your screen, your requests and "
        "answers cross the network unencrypted; use https, or a server on this machine"
    )
