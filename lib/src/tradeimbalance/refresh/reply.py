"""What a refresh asks for and what it accepts back: :class:`Request`, :func:`check_reply`, :class:`ReplyError`.

Every reply is checked before it is parsed: an error status, an empty reply, an HTML page (a
portal's error or log-in page) or a body that is not the format asked for is refused with one
:class:`ReplyError` naming what was wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field


class ReplyError(Exception):
    """A reply that cannot be used (HTML page, empty, truncated, malformed, wrong unit)."""


@dataclass(frozen=True)
class Request:
    """One call to an API; its reply is saved as the snapshot file ``name.ext``."""

    name: str  # file name of the snapshot, without extension
    url: str
    params: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    ext: str = "json"
    secret_params: tuple[str, ...] = ()  # never written to a snapshot's metadata

    def label(self) -> str:
        """The request as a URL with its query, secret parameters shown as ``***``."""
        from urllib.parse import urlencode

        shown = {k: ("***" if k in self.secret_params else v) for k, v in self.params.items()}
        return self.url + ("?" + urlencode(shown, safe=",:+*;") if shown else "")


def check_reply(status: int, headers: dict, body: bytes, expect: str) -> None:
    """Refuse an error status, an empty reply, an HTML page or a body that is not ``expect`` (xml/json)."""
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if status == 204 or not body.strip():
        raise ReplyError(f"empty reply (HTTP {status}, {len(body)} bytes): the service returned no data")
    head = body[:512].lstrip().lower()
    if "html" in ctype.lower() or head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        m = re.search(rb"<title>(.*?)</title>", body[:4096], re.I | re.S)
        title = m.group(1).decode("utf-8", "replace").strip() if m else ""
        raise ReplyError(f"an HTML page instead of {expect.upper()} data (HTTP {status}"
                         + (f", title {title!r}" if title else "") + ")")
    if status >= 400:
        raise ReplyError(f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}")
    if expect == "xml" and not head.startswith(b"<"):
        raise ReplyError(f"not XML (starts with {body[:40]!r})")
    if expect == "json" and head[:1] not in (b"{", b"["):
        raise ReplyError(f"not JSON (starts with {body[:40]!r})")


def parse_json(body: bytes):
    """The JSON document of a reply body; :class:`ReplyError` when it cannot be parsed (truncated)."""
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReplyError(f"the JSON body cannot be parsed, it may be truncated ({exc})") from exc
