"""Where a classroom host is: the address students type (``HOST:PORT``), read one way and made
into a URL one way for every client (the players' WebSocket, the solo games' reports). Only the
standard library, so the command line reads it without loading the game."""

from __future__ import annotations

DEFAULT_PORT = 8765  # `politburo host`'s port, and a client's when the address gives none


def split_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``HOST``, on the default port; an IPv6 host in brackets) as
    (host, port); ValueError saying why not."""
    host, sep, port = text.strip().rpartition(":")
    if not sep:
        host, port = text.strip(), str(DEFAULT_PORT)
    host = host.strip("[]")
    if not host or any(ch in text for ch in "/@?# "):
        raise ValueError(f"{text!r} is not an address: type it as HOST:PORT, e.g. "
                         f"192.168.1.20:{DEFAULT_PORT}")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{text!r}: the port is a number from 1 to 65535")
    return host, int(port)


def url(address: str, scheme: str, path: str) -> str:
    """The URL of ``path`` at the host ``address`` (``HOST:PORT``), as ``scheme`` reaches it
    (``ws``, ``http``); an IPv6 host goes in brackets. ValueError for a malformed address."""
    host, port = split_address(address)
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}{path}"
