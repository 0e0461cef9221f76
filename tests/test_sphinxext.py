"""The Sphinx extension: chapter fingerprints that follow lib/ and data/."""

from fixtures.tinybook import FRONT
from tradeimbalance.sphinxext import fingerprint, inject_fingerprint

NB = FRONT + """
# Title

```{code-cell} ipython3
x = 1
```
"""


def test_fingerprint_changes_with_file_content(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x\n1\n")
    before = fingerprint([a])
    assert fingerprint([a]) == before
    a.write_text("x\n2\n")
    assert fingerprint([a]) != before


def test_injected_cell_follows_front_matter_and_is_hidden():
    out = inject_fingerprint(NB, "abc123")
    head, rest = out.split("---\n", 2)[1:]
    assert rest.lstrip().startswith("```{code-cell} ipython3\n:tags: [remove-cell]")
    assert "abc123" in rest
    assert rest.index("abc123") < rest.index("# Title")


def test_plain_markdown_pages_are_left_alone():
    text = "# A page\n\nNo notebook here.\n"
    assert inject_fingerprint(text, "abc") == text


def test_fingerprint_cell_changes_the_execution_cache_key(tmp_path):
    import jupytext
    from jupyter_cache.cache.main import JupyterCacheBase

    cache = JupyterCacheBase(str(tmp_path / "cache"))
    same = [jupytext.reads(inject_fingerprint(NB, "one"), fmt="md:myst") for _ in range(2)]
    other = jupytext.reads(inject_fingerprint(NB, "two"), fmt="md:myst")
    key = lambda nb: cache.create_hashed_notebook(nb)[1]  # noqa: E731
    assert key(same[0]) == key(same[1])
    assert key(same[0]) != key(other)


def test_duplicate_scripts_are_dropped_in_order():
    from sphinx.builders.html._assets import _JavaScript

    from tradeimbalance.sphinxext import _dedupe_scripts

    inline_a = _JavaScript(None, body="const X = 1")
    inline_b = _JavaScript("", body="const X = 1")  # the same script, registered with an empty name
    other = _JavaScript("", body="const Y = 2")
    module = _JavaScript("_static/a.js", type="module")
    ctx = {"script_files": [module, inline_a, other, inline_b, module]}
    _dedupe_scripts(None, "page", "page.html", ctx, None)
    assert ctx["script_files"] == [module, inline_a, other]


def test_a_build_with_the_extension_collects_young_garbage_rarely(tmp_path):
    """Loading the extension into Sphinx raises the youngest generation's threshold (Python's default
    is 700) and freezes the objects of the imports; a plain process keeps the defaults."""
    import subprocess
    import sys

    (tmp_path / "conf.py").write_text("extensions = ['tradeimbalance.sphinxext']\n")
    (tmp_path / "index.rst").write_text("Title\n=====\n")
    code = (
        "import gc, sys\nfrom sphinx.application import Sphinx\n"
        "before = gc.get_threshold()[0]\n"
        f"Sphinx({str(tmp_path)!r}, {str(tmp_path)!r}, {str(tmp_path / 'out')!r}, {str(tmp_path / 'dt')!r}, 'html', status=None)\n"
        "print(before, gc.get_threshold()[0], gc.get_freeze_count() > 0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["700", "50000", "True"]


def _html_build(src, out, cache):
    """An HTML build of ``src`` with the extension, in a separate process (the extension tunes the collector),
    with ``cache`` as the machine's cache (``TRADEIMBALANCE_CACHE``)."""
    import os
    import subprocess
    import sys

    code = (f"from sphinx.application import Sphinx\n"
            f"app = Sphinx({str(src)!r}, {str(src)!r}, {str(out / 'html')!r}, {str(out / 'doctrees')!r}, 'html', "
            f"status=None, warningiserror=True)\napp.build()\n")
    env = {**os.environ, "TRADEIMBALANCE_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_the_html_build_serves_the_vega_bundle_written_alongside(tmp_path):
    """With an empty machine cache the bundle is written by another process during the build, put in place
    before the pages, served from _static, kept for the next build and stored in the cache; a clean build
    on the same machine copies it from the cache (no process) and serves the same file."""
    from types import SimpleNamespace

    from tradeimbalance.charts.vega import JS_BUNDLE_NAME
    from tradeimbalance.sphinxext import STATIC_SUBDIR, _VegaBundle

    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "conf.py").write_text("extensions = ['tradeimbalance.sphinxext']\n")
    (src / "index.rst").write_text("Title\n=====\n")
    res = _html_build(src, out, cache)
    assert res.returncode == 0, res.stderr
    served = (out / "html" / "_static" / JS_BUNDLE_NAME).read_text(encoding="utf-8")
    assert len(served) > 100_000 and "vegaEmbed" in served
    kept = out / STATIC_SUBDIR
    assert (kept / JS_BUNDLE_NAME).read_text(encoding="utf-8") == served
    assert not list(kept.glob("*.tmp"))
    assert _VegaBundle(SimpleNamespace(doctreedir=str(out / "doctrees"))).current()
    stored = list((cache / "vega").iterdir())
    assert [p.name for p in stored] == [p.name for p in stored if p.name.endswith(JS_BUNDLE_NAME)] and len(stored) == 1
    assert stored[0].read_text(encoding="utf-8") == served

    clean = tmp_path / "clean"
    res = _html_build(src, clean, cache)
    assert res.returncode == 0, res.stderr
    assert (clean / "html" / "_static" / JS_BUNDLE_NAME).read_text(encoding="utf-8") == served


def test_a_cached_bundle_is_copied_without_a_process_and_a_bad_cache_is_passed_by(tmp_path, monkeypatch):
    """The bundle comes from the cache when the cache holds one made from the installed versions; a cache
    that holds none, or cannot be written (a file where its folder should be), leaves the bundle to the
    process and the build unharmed."""
    from types import SimpleNamespace

    from tradeimbalance.sphinxext import STATIC_SUBDIR, _VegaBundle

    def bundle(name):
        (tmp_path / name / STATIC_SUBDIR).mkdir(parents=True)
        return _VegaBundle(SimpleNamespace(doctreedir=str(tmp_path / name / "doctrees")))

    monkeypatch.setenv("TRADEIMBALANCE_CACHE", str(tmp_path / "cache"))
    first = bundle("a")
    assert not first.from_cache() and not first.js.exists() and not first.tmp.exists()
    first.cached.parent.mkdir(parents=True)
    first.cached.write_text("export const vegaEmbed = 1;\n")
    second = bundle("b")
    assert second.cached == first.cached
    assert second.from_cache() and second.proc is None and second.current()
    assert second.js.read_text() == "export const vegaEmbed = 1;\n" and not second.tmp.exists()

    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder\n")
    monkeypatch.setenv("TRADEIMBALANCE_CACHE", str(blocked))
    third = bundle("c")
    assert not third.from_cache()
    third.start()
    third.finish()  # the bundle is written; storing it in the cache fails quietly
    assert third.current() and len(third.js.read_text()) > 100_000
    assert blocked.read_text() == "not a folder\n" and not list(tmp_path.glob("blocked*.tmp"))


def test_a_bundle_that_cannot_be_written_stops_the_build_with_its_path(tmp_path):
    """The writing process fails (its folder is missing): one error names the bundle's path, nothing is left."""
    from types import SimpleNamespace

    import pytest
    from sphinx.errors import ExtensionError

    from tradeimbalance.sphinxext import _VegaBundle

    bundle = _VegaBundle(SimpleNamespace(doctreedir=str(tmp_path / "doctrees")))  # no static folder beside it
    assert not bundle.current()
    bundle.start()
    with pytest.raises(ExtensionError, match="could not be written to .*tradeimbalance-vega.js"):
        bundle.finish()
    assert not bundle.js.exists() and not bundle.tmp.exists() and not bundle.stamp.exists()


def test_a_failed_build_stops_the_bundle_process(tmp_path):
    from types import SimpleNamespace

    from tradeimbalance.sphinxext import STATIC_SUBDIR, _VegaBundle

    (tmp_path / STATIC_SUBDIR).mkdir()
    bundle = _VegaBundle(SimpleNamespace(doctreedir=str(tmp_path / "doctrees")))
    bundle.start()
    proc = bundle.proc
    bundle.stop()
    assert proc.returncode is not None  # the process is gone
    assert not bundle.tmp.exists() and not bundle.js.exists()
