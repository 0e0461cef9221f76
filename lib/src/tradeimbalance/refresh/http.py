"""HTTP for the refresh: timeouts, retries with backoff on 429 and 5xx (honouring Retry-After), a User-Agent.

Plain :mod:`requests` with its own retry loop (``requests`` is already in the lock as a dependency of
the book's stack; a retry loop of a dozen lines keeps the behaviour visible and testable, where
urllib3's ``Retry`` would hide the truncated-body and Retry-After cases behind its own exceptions).
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import requests

from .. import __version__ as _version

USER_AGENT = f"tradeimbalance/{_version} (executable reproduction of Yang 2020, China's Foreign Trade Imbalance)"
RETRY_STATUS = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A request failed for good (after retries) or its reply is unusable."""


class NetworkError(FetchError):
    """The host cannot be reached at all (no network, DNS failure, connection refused)."""


@dataclass
class Reply:
    """One HTTP reply, body unchanged."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    attempts: int = 1

    def header(self, name: str) -> str:
        """The value of header ``name`` (case-insensitive), or ``default``."""
        for k, v in self.headers.items():
            if k.lower() == name.lower():
                return v
        return ""


@dataclass
class Client:
    """A small HTTP client: ``get`` returns a :class:`Reply` or raises :class:`FetchError`."""

    timeout: float = 60.0
    retries: int = 4
    backoff: float = 1.0  # seconds; doubled after each retry
    max_wait: float = 120.0  # never sleep longer than this for one Retry-After
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, url: str, params: dict | None = None, headers: dict | None = None) -> Reply:
        """Fetch ``url`` (with ``params``), retrying with back-off; returns the :class:`Reply` or raises after the last try."""
        hdrs = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        hdrs.update(headers or {})
        wait = self.backoff
        last = ""
        for attempt in range(1, self.retries + 2):
            try:
                r = self.session.get(url, params=params, headers=hdrs, timeout=self.timeout)
                body = r.content
            except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
                last = f"truncated body ({_first_line(exc)})"
            except requests.exceptions.ConnectionError as exc:
                if _is_truncation(exc):
                    last = f"truncated body ({_first_line(exc)})"
                elif attempt == 1:
                    raise NetworkError(f"cannot reach {urlsplit(url).netloc} ({_first_line(exc)})") from exc
                else:
                    last = f"connection failed ({_first_line(exc)})"
            except requests.exceptions.Timeout:
                last = f"no reply within {self.timeout:g} s"
            else:
                if r.status_code in RETRY_STATUS and attempt <= self.retries:
                    last = f"HTTP {r.status_code}"
                    self.sleep(min(self.max_wait, max(wait, _retry_after(r.headers.get("Retry-After")))))
                    wait *= 2
                    continue
                if r.status_code in RETRY_STATUS:
                    raise FetchError(f"HTTP {r.status_code} after {attempt} attempt(s)")
                reply = Reply(r.url, r.status_code, dict(r.headers), body, attempt)
                declared = reply.header("Content-Length")
                if declared.isdigit() and not reply.header("Content-Encoding") and int(declared) != len(body):
                    last = f"truncated body ({len(body)} of {declared} bytes)"
                else:
                    return reply
            if attempt <= self.retries:
                self.sleep(min(self.max_wait, wait))
                wait *= 2
        raise FetchError(f"{last} after {self.retries + 1} attempt(s)")


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); 0 if absent."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def _is_truncation(exc: Exception) -> bool:
    text = repr(exc)
    return "IncompleteRead" in text or "ProtocolError" in text and "Connection broken" in text


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
