"""``tradeimbalance refresh`` against a local HTTP server (127.0.0.1) serving recorded API replies.

The replies are the genuine specimens in ``tests/fixtures/specimens/`` (see PROVENANCE.md). Every bad
reply (HTML page, truncated body, empty 204, wrong unit, persistent 5xx, no network) is checked for its
message and for ``data/`` being byte-identical afterwards (sha256 of every file).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tradeimbalance import build
from tradeimbalance.data import load
from tradeimbalance.paths import data_dir as project_data, project_root
from tradeimbalance.refresh import NoNetworkError, RefreshError, refresh
from tradeimbalance.refresh.http import Client
from tradeimbalance.refresh.reply import ReplyError
from tradeimbalance.refresh.snapshot import latest
from tradeimbalance.refresh.sources.census import parse as census_parse
from tradeimbalance.refresh.sources.wdi import parse as wdi_parse
from tradeimbalance.refresh.units import unit_check

SPEC = Path(__file__).parent / "fixtures" / "specimens"
IMTS_XML = (SPEC / "imts_v3_data_USA.XG_FOB_USD.G001+G998.A_2023-2024.xml").read_bytes()
DOT_JSON = json.loads((SPEC / "legacy_dot_compactdata_A.US.TXG_FOB_USD.W00+B0_2020-2023.json").read_bytes())
COMTRADE = (SPEC / "comtrade_v1_get_C_A_HS_reporter156_partner32-280-276_2010_TOTAL_2024-11-15.json").read_bytes()
IMTS_PATH = "/imts/data/dataflow/IMF.STA/IMTS/+/USA.XG_FOB_USD+MG_CIF_USD.*.A"
COMTRADE_PATH = "/comtrade/public/v1/preview/C/A/HS"


class Server:
    """A tiny HTTP server on 127.0.0.1: ``routes[path] = list of replies`` (the last one repeats)."""

    def __init__(self):
        self.routes: dict[str, list] = {}
        self.seen: list[tuple[str, dict]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0]
                outer.seen.append((self.path, dict(self.headers)))
                replies = outer.routes.get(path)
                if not replies:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, headers, body, *extra = replies.pop(0) if len(replies) > 1 else replies[0]
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                declared = extra[0] if extra else len(body)
                if status != 204:
                    self.send_header("Content-Length", str(declared))
                self.end_headers()
                self.wfile.write(body)
                if declared != len(body):
                    self.close_connection = True

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


XML = {"Content-Type": "application/xml"}
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A copy of data/ and an empty snapshot folder, selected through the environment."""
    data = tmp_path / "data"
    shutil.copytree(project_data(), data)
    monkeypatch.setenv("TRADEIMBALANCE_DATA", str(data))
    monkeypatch.setenv("TRADEIMBALANCE_SNAPSHOTS", str(tmp_path / "snapshots"))
    from tradeimbalance import data as data_mod

    data_mod._package.cache_clear() if hasattr(data_mod._package, "cache_clear") else None
    return tmp_path


def checksums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def opts(server, **kw):
    o = {"imts_base": server.url + "/imts", "comtrade_base": server.url + "/comtrade", "reporters": ["USA"],
         "comtrade_partners": {"276": "DEU"}, "years": [2010]}
    o.update(kw)
    return o


def fast_client(sleeps=None):
    return Client(timeout=5, retries=2, backoff=0.01, sleep=(sleeps.append if sleeps is not None else lambda s: None))


def scaled_imts(factor: float) -> bytes:
    """The IMTS specimen with every OBS_VALUE multiplied by ``factor`` (a reply in the wrong unit)."""
    import re

    return re.sub(rb'OBS_VALUE="(\d+)"', lambda m: b'OBS_VALUE="%r"' % (int(m.group(1)) * factor), IMTS_XML)


# ------------------------------------------------------------------------------------------- the whole path


@pytest.mark.heavy
def test_refresh_fetches_snapshots_parses_checks_and_rebuilds(server, book):
    server.routes[IMTS_PATH] = [(200, {**XML, "Last-Modified": "Tue, 16 Dec 2025 05:16:36 GMT"}, IMTS_XML)]
    server.routes[COMTRADE_PATH] = [(200, JSON, COMTRADE)]
    before = checksums(book / "data")
    lines = []
    res = refresh(["imts", "comtrade"], options=opts(server), client=fast_client(), progress=lines.append)
    assert all(r.ok for r in res.sources)
    # snapshot: the body unchanged, with url, access date, publisher's date, size, sha256
    snaps = latest(book / "snapshots", "imts")
    assert len(snaps) == 1 and snaps[0].path.read_bytes() == IMTS_XML
    meta = snaps[0].meta
    assert meta["sha256"] == hashlib.sha256(IMTS_XML).hexdigest() and meta["size"] == len(IMTS_XML)
    assert meta["url"].startswith(server.url + IMTS_PATH) and meta["published"].startswith("Tue, 16 Dec 2025")
    assert len(meta["accessed"]) == 10
    # one progress line per source
    assert sum(l.strip().startswith("imts") for l in lines) == 1 and any("comtrade" in l and "ok" in l for l in lines)
    # the User-Agent names the project
    assert all(h.get("User-Agent", "").startswith("tradeimbalance/") for _, h in server.seen)
    # data/ rebuilt: IMTS values in USD became USD million; G001 -> WLD, G998 -> EU27
    after = checksums(book / "data")
    assert after["imts_trade.csv"] != before["imts_trade.csv"]
    assert after["bilateral_trade.csv"] == before["bilateral_trade.csv"]
    t = load("imts_trade", book / "data").set_index(["reporter", "partner", "year"])
    assert t.loc[("USA", "WLD", 2023), "value_usd_mn"] == pytest.approx(2019551.635133)
    assert t.loc[("USA", "EU27", 2024), "value_usd_mn"] == pytest.approx(371064.52941)
    # the same values as the legacy DOT reply, which is in millions (W00 = G001, B0 = G998)
    dot = {(s["@COUNTERPART_AREA"], o["@TIME_PERIOD"]): float(o["@OBS_VALUE"])
           for s in DOT_JSON["CompactData"]["DataSet"]["Series"] for o in s["Obs"]}
    assert t.loc[("USA", "WLD", 2023), "value_usd_mn"] == pytest.approx(dot[("W00", "2023")])
    assert t.loc[("USA", "EU27", 2023), "value_usd_mn"] == pytest.approx(dot[("B0", "2023")])
    # the datapackage records both vintages
    pkg = json.loads((book / "data" / "datapackage.json").read_text())
    res_ = {r["table"]: r for r in pkg["resources"]}
    assert "early 2022" in res_["bilateral_trade"]["vintage"]
    assert res_["imts_trade"]["vintages"] == [{"accessed": meta["accessed"], "published": "2025-12-16"}]
    c = load("comtrade_china_hs", book / "data").set_index(["partner", "flow"])
    assert c.loc[("DEU", "imports"), "value_usd_mn"] == pytest.approx(74251.272075)
    # a full rebuild from the same inputs gives the same bytes (one parser for live and build)
    build.rebuild_from_data(book / "data")
    assert checksums(book / "data") == after


@pytest.mark.heavy
def test_refresh_then_run_shows_the_imts_years(server, book):
    server.routes[IMTS_PATH] = [(200, XML, IMTS_XML)]
    refresh(["imts"], options=opts(server), client=fast_client(), progress=lambda _: None)
    out = book / "book2024"
    proc = subprocess.run([sys.executable, "-m", "tradeimbalance", "run", "--year", "2024", "--chapters", "policy",
                           "--out", str(out), "--workers", "1"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = (out / "chapters" / "policy.html").read_text()
    assert "IMF IMTS values after the DOTS vintage" in page
    assert "2,065.4" in page  # USA exports to the world 2024, IMTS: 2,065,411,250,609 USD
    assert "Year shown: 2020" in page  # the DOTS-based figures say which year they show


# ------------------------------------------------------------------------------------------- bad replies


@pytest.mark.parametrize("reply, message", [
    ((200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head></html>"),
     "an HTML page instead of XML data (HTTP 200, title 'Service Unavailable')"),
    ((204, {}, b""), "empty reply (HTTP 204"),
    ((200, XML, IMTS_XML[:900], len(IMTS_XML)), "truncated body"),
    ((200, XML, IMTS_XML[:900]), "cannot be parsed, it may be truncated"),
    ((200, XML, scaled_imts(1e-6)), "about 10^-6: a wrong unit"),
    ((200, XML, scaled_imts(1e3)), "about 10^3: a wrong unit"),
    ((503, {"Retry-After": "0"}, b"busy"), "HTTP 503 after 3 attempt(s)"),
])
def test_a_bad_reply_names_source_and_request_and_leaves_data_unchanged(server, book, reply, message):
    server.routes[IMTS_PATH] = [reply]
    before = checksums(book / "data")
    with pytest.raises(RefreshError) as info:
        refresh(["imts"], options=opts(server), client=fast_client(), progress=lambda _: None)
    msg = str(info.value)
    assert message in msg
    assert "imts: request " + server.url + IMTS_PATH in msg and "data/ was not changed" in msg
    assert checksums(book / "data") == before
    assert latest(book / "snapshots", "imts") == []


def test_429_is_retried_after_the_time_the_server_asks(server, book):
    server.routes[IMTS_PATH] = [(429, {"Retry-After": "7"}, b"slow down"), (200, XML, IMTS_XML)]
    sleeps = []
    res = refresh(["imts"], options=opts(server), client=fast_client(sleeps), progress=lambda _: None, rebuild=False)
    assert res.sources[0].ok and sleeps == [7.0]


def test_a_failing_source_leaves_the_others_usable(server, book):
    server.routes[IMTS_PATH] = [(200, XML, IMTS_XML)]
    server.routes[COMTRADE_PATH] = [(200, {"Content-Type": "text/html"}, b"<html><title>Error</title></html>")]
    before = checksums(book / "data")
    with pytest.raises(RefreshError, match=r"(?s)comtrade: request .*HTML page.*snapshots of imts were saved"):
        refresh(["imts", "comtrade"], options=opts(server), client=fast_client(), progress=lambda _: None)
    assert checksums(book / "data") == before
    assert len(latest(book / "snapshots", "imts")) == 1 and latest(book / "snapshots", "comtrade") == []
    build.rebuild_from_data(book / "data")  # what `make data` does with the saved snapshots
    assert len(load("imts_trade", book / "data")) == 4


def test_a_damaged_snapshot_is_refused_by_the_build(server, book):
    server.routes[IMTS_PATH] = [(200, XML, IMTS_XML)]
    refresh(["imts"], options=opts(server), client=fast_client(), progress=lambda _: None, rebuild=False)
    snap = latest(book / "snapshots", "imts")[0].path
    snap.write_bytes(snap.read_bytes().replace(b"2019551635133", b"2019551635134"))
    before = checksums(book / "data")
    with pytest.raises(Exception, match="does not match its recorded size and sha256"):
        build.rebuild_from_data(book / "data")
    assert checksums(book / "data") == before


def test_no_network_is_one_line_non_zero_and_changes_nothing(book, tmp_path):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there
    before = checksums(book / "data")
    env = {**__import__("os").environ, "TRADEIMBALANCE_IMTS_BASE": f"http://127.0.0.1:{port}/imts"}
    proc = subprocess.run([sys.executable, "-m", "tradeimbalance", "refresh", "--sources", "imts", "--reporters", "USA"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 3
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tradeimbalance: no network: cannot reach 127.0.0.1:")
    assert "nothing was changed" in err[0]
    assert checksums(book / "data") == before and not (tmp_path / "snapshots").exists()


def test_no_network_in_process(book):
    with pytest.raises(NoNetworkError):
        refresh(["imts"], options={"imts_base": "http://127.0.0.1:9/imts", "reporters": ["USA"]},
                client=fast_client(), progress=lambda _: None)


# ------------------------------------------------------------------------------------------- parsers and checks


def test_unit_check_compares_overlapping_years():
    import pandas as pd

    idx = pd.MultiIndex.from_tuples([("USA", "WLD", "exports", 2020)])
    held = pd.Series([1431584.4], index=idx)
    assert "overlapping" in unit_check(pd.Series([1429995.4], index=idx), held, "x")
    with pytest.raises(ReplyError, match=r"about 10\^6"):
        unit_check(pd.Series([1429995.4e6], index=idx), held, "x")


def test_wdi_parser_and_paging_on_a_hand_written_reply():
    """Hand-written in the documented shape (no genuine recorded World Bank v2 reply was found)."""
    from tradeimbalance.refresh.reply import Request
    from tradeimbalance.refresh.sources.wdi import more as wdi_more

    body = json.dumps([{"page": 1, "pages": 3, "per_page": 2, "total": 6, "lastupdated": "2026-10-28"},
                       [{"indicator": {"id": "NY.GDP.MKTP.CD"}, "country": {"id": "CN"}, "countryiso3code": "CHN",
                         "date": "2025", "value": 1.9e13}, {"indicator": {"id": "NY.GDP.MKTP.CD"},
                         "country": {"id": "CN"}, "countryiso3code": "CHN", "date": "2024", "value": None}]]).encode()
    df = wdi_parse(body, {"accessed": "2026-12-01"})
    assert df.to_dict("records")[0]["value"] == 1.9e13 and len(df) == 1 and df["published"][0] == "2026-10-28"
    more = wdi_more(Request("wdi_X_p1", "u", {"page": 1}), body, {})
    assert [r.params["page"] for r in more] == [2, 3]
    err = json.dumps([{"message": [{"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}]}]).encode()
    with pytest.raises(ReplyError, match="Invalid value"):
        wdi_parse(err, {})


def test_census_parser_on_a_hand_written_reply():
    """Hand-written in the documented shape (no genuine recorded Census reply was found)."""
    body = json.dumps([["CTY_CODE", "CTY_NAME", "I_COMMODITY", "GEN_VAL_YR", "time", "COMM_LVL", "CTY_CODE"],
                       ["5520", "VIETNAM", "85", "50000000000", "2024-12", "HS2", "5520"]]).encode()
    df = census_parse(body, {"accessed": "2026-12-01"})
    assert df.iloc[0][["partner", "flow", "hs2", "hs_section"]].tolist() == ["VNM", "imports", "85", "XVI"]
    assert df.iloc[0]["value_usd_mn"] == 50000.0
