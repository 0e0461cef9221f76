"""Snapshots: every response body saved unchanged, with its provenance (the OWID ETL snapshot pattern).

Layout (``paths.snapshot_dir()``, by default ``<book>/snapshots/``, git-ignored)::

    snapshots/<source>/<access date>/<request name>.<ext>        the body, byte for byte
    snapshots/<source>/<access date>/<request name>.<ext>.json   url, access date, publisher's date, size, sha256
    snapshots/<source>/<access date>/manifest.json               written last: the list of bodies of a complete refresh

A source's folder for a date only appears (by one rename) once every request of that source
succeeded and passed its checks, so an incomplete refresh never leaves a partial snapshot. The
build reads, per source, the newest folder that has a manifest, and checks every body against
its recorded size and sha256 before parsing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Snapshot:
    """One saved body and its metadata."""

    path: Path
    meta: dict

    def read(self) -> bytes:
        """The saved body (bytes, as received); raises if it no longer matches its recorded size and sha256."""
        body = self.path.read_bytes()
        if len(body) != self.meta["size"] or hashlib.sha256(body).hexdigest() != self.meta["sha256"]:
            raise IngestError("snapshot body does not match its recorded size and sha256 (edited or damaged)",
                              file=self.path)
        return body


def metadata(source: str, name: str, url: str, accessed: str, body: bytes, content_type: str = "",
             published: str = "", status: int = 200, request: str = "") -> dict:
    """The metadata recorded beside a saved reply (source, name, URL, access date, size, sha256, ...) as a dict."""
    return {
        "source": source,
        "name": name,
        "url": url,
        "request": request or url,
        "accessed": accessed,
        "published": published,
        "status": status,
        "content_type": content_type,
        "size": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }


def write_source(root: Path, source: str, date: str, items: list[tuple[str, bytes, dict]]) -> Path:
    """Write one source's bodies for ``date`` (``items``: file name, body, metadata) and swap the folder in."""
    dest = Path(root) / source / date
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{date}-", dir=dest.parent))
    try:
        for fname, body, meta in items:
            (tmp / fname).write_bytes(body)
            (tmp / f"{fname}.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        (tmp / MANIFEST).write_text(json.dumps({"source": source, "accessed": date,
                                                "files": [f for f, _, _ in items]}, indent=2) + "\n",
                                    encoding="utf-8")
        os.chmod(tmp, 0o755)
        old = None
        if dest.exists():
            old = dest.with_name(f".{date}-old-{os.getpid()}")
            dest.rename(old)
        tmp.rename(dest)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def latest(root: Path, source: str) -> list[Snapshot]:
    """The snapshots of ``source`` in its newest complete folder (an empty list if there is none)."""
    base = Path(root) / source
    if not base.is_dir():
        return []
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file())
    if not folders:
        return []
    folder = folders[-1]
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    out = []
    for fname in manifest["files"]:
        body, meta = folder / fname, folder / f"{fname}.json"
        if not body.is_file() or not meta.is_file():
            raise IngestError("snapshot listed in the manifest is missing", file=body)
        out.append(Snapshot(body, json.loads(meta.read_text(encoding="utf-8"))))
    return out
