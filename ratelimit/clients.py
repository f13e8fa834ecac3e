"""Who a request counts against: the user id (tier from the verified token) or the client IP."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
TIERS = frozenset({"free", "premium", "admin"})


@dataclass(frozen=True)
class Client:
    identity: str  # the hash tag of the client's keys: "u:42" or "ip:203.0.113.7"
    tier: str


@cache
def _networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(value: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(value.strip().split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(meta: dict[str, Any]) -> str:
    """The client address: ``X-Forwarded-For`` is believed only from a trusted proxy, and then
    the right-most address that is not itself a trusted proxy is the client. IPv6 is masked to
    its /64 (one subscriber's whole prefix is one client)."""
    address = _parse(meta.get("REMOTE_ADDR", "") or "")
    if address is not None and _trusted(address):
        hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            parsed = _parse(hop)
            if parsed is None:
                return "invalid"
            address = parsed
            if not _trusted(parsed):
                break
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address) + "/64"
    return str(address)


def ip_client(meta: dict[str, Any]) -> Client:
    return Client("ip:" + client_ip(meta), "anonymous")


def request_client(request: Any) -> Client:
    """The user id and tier of an authenticated request, else its IP (tier ``anonymous``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ip_client(request.META)
    auth: Any = getattr(request, "auth", None)
    tier = auth.get("tier") if hasattr(auth, "get") else None
    if tier not in TIERS:
        tier = getattr(user, "tier", "free")
    return Client(f"u:{user.pk}", tier if tier in TIERS else "free")
