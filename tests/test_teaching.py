"""Teaching material: exercises and solutions in the chapters, the student edition, the notebook zip
and the Binder configuration (lib/src/tradeimbalance/teaching.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tradeimbalance import takeaway, teaching, toc
from fixtures import closure
from fixtures.built import missing

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
STUDENT_HTML = ROOT / "_build" / "student" / "_build" / "html"


def paper_chapters() -> list[str]:
    """The chapters of the paper's sections 1-4: the _toc.yml parts whose caption names a section."""
    return [Path(e.file).name for e in toc.walk(toc.read_toc(ROOT)) if e.file and "section" in (e.caption or "")]


def require_build(path: Path):
    if not (path / "index.html").is_file():
        if os.environ.get("TI_REQUIRE_BOOK", "") not in ("", "0"):
            pytest.fail(f"no built book in {path}")
        missing(f"no built book in {path} (make book / make book-student)")


# --- the chapters ---------------------------------------------------------------------------------

def test_paper_chapters_are_the_ten_of_sections_1_to_4():
    assert paper_chapters() == ["intro", "bilateral", "regional", "processing", "industry", "investment",
                                "japan_us", "asia_deficit", "tariffs_fx", "policy"]


@pytest.mark.parametrize("name", paper_chapters())
def test_chapter_has_objectives_and_exercises_with_collapsed_solutions(name):
    text = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
    title = text.index("\n# ")
    objectives = text.find(":::{admonition} Learning objectives")
    first_section = text.find("\n## ")
    assert title < objectives < first_section, "learning objectives belong at the top, before the first section"
    block = text[objectives:text.index("\n:::\n", objectives)]
    assert 2 <= len([l for l in block.splitlines()[2:] if l.strip()]) <= 4
    labels = re.findall(r"^:::\{exercise\}\n:label: (\S+)$", text, re.M)
    assert 2 <= len(labels) <= 4, labels
    assert all(l.startswith(name + "-ex-") for l in labels)
    starts = re.findall(r"^```\{solution-start\} (\S+)\n:class: dropdown\n```$", text, re.M)
    assert starts == labels, "every exercise needs one gated solution, collapsed (dropdown), in the same order"
    assert text.count("```{solution-end}") == len(labels)
    assert text.index("## Exercises") > text.rindex("## ", 0, text.index("## Exercises") - 1)


@pytest.mark.parametrize("name", paper_chapters())
def test_every_solution_computes_and_is_checked(name):
    text = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
    for block in re.findall(r"```\{solution-start\}.*?```\{solution-end\}", text, re.S):
        cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", block, re.S)
        visible = [c for c in cells if not c.startswith(":tags:")]
        checks = [c for c in cells if c.startswith(":tags: [remove-cell]") and "assert" in c]
        assert visible and checks, f"a solution in {name} needs visible code and a hidden assert cell"


def test_strip_solutions_removes_text_and_code_but_keeps_the_exercise():
    text = (ROOT / "chapters" / "bilateral.md").read_text(encoding="utf-8")
    stripped = teaching.strip_solutions(text)
    assert "solution-start" not in stripped and "solution-end" not in stripped
    assert "bl.mirror_series(\"USA\").loc[years]" not in stripped  # solution code
    assert "Hong Kong mark-up" not in stripped  # solution prose
    assert stripped.count(":::{exercise}") == text.count(":::{exercise}") == 3
    assert stripped.startswith(text[:200]) and "## Data notes" in stripped


def test_strip_solutions_refuses_an_unclosed_solution():
    text = "intro\n\n```{solution-start} x-ex\n:class: dropdown\n```\n\nanswer without end\n"
    with pytest.raises(ValueError, match="not closed"):
        teaching.strip_solutions(text)


# --- the student edition's configuration ----------------------------------------------------------

def test_student_config_sets_hide_solutions_and_keeps_the_rest(tmp_path):
    out = teaching.write_config(ROOT / "_config.yml", ROOT / "editions" / "student.yml", tmp_path / "c.yml")
    base = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    cfg = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert base["sphinx"]["config"]["hide_solutions"] is False
    assert cfg["sphinx"]["config"]["hide_solutions"] is True
    assert cfg["sphinx"]["extra_extensions"] == base["sphinx"]["extra_extensions"]
    assert cfg["title"] != base["title"]
    # same execution settings, but a cache of its own (the stripped notebooks never mix with the book's)
    assert {k: v for k, v in cfg["execute"].items() if k != "cache"} == {k: v for k, v in base["execute"].items() if k != "cache"}
    assert cfg["execute"]["cache"] != base["execute"]["cache"]


def test_student_config_command_names_a_missing_file(tmp_path, capsys):
    rc = teaching.main(["config", str(ROOT / "_config.yml"), str(tmp_path / "nope.yml"), str(tmp_path / "out.yml")])
    assert rc == 1 and "nope.yml" in capsys.readouterr().err
    assert not (tmp_path / "out.yml").exists()


# --- the notebook zip -------------------------------------------------------------------------------

def test_zip_requirements_pin_from_the_lock_and_install_the_library():
    req = takeaway.zip_requirements(ROOT / "constraints.txt")
    lock = dict(l.split("==", 1) for l in (ROOT / "constraints.txt").read_text().splitlines() if "==" in l)
    pins = dict(l.split("==", 1) for l in req.splitlines() if "==" in l)
    assert set(pins) >= {"pandas", "altair", "myst-nb", "ipykernel"}
    assert all(lock[k] == v for k, v in pins.items())
    assert req.splitlines()[-2:] == ["-c constraints.txt", "./lib"]


def test_zip_requirements_name_a_missing_pin(tmp_path):
    (tmp_path / "constraints.txt").write_text("pandas==3.1.1\n")
    with pytest.raises(ValueError, match="no pin for ipykernel"):
        takeaway.zip_requirements(tmp_path / "constraints.txt")


# --- Binder ---------------------------------------------------------------------------------------

def _names(lines) -> dict[str, str]:
    out = {}
    for line in lines:
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            out[re.sub(r"[-_.]+", "-", name.strip().lower())] = version.strip()
    return out


def test_binder_installs_the_lock_and_the_library():
    req = [l.strip() for l in (ROOT / "binder" / "requirements.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert req == ["-r ../requirements.txt", "-c ../constraints.txt"]
    post = (ROOT / "binder" / "postBuild").read_text()
    assert os.access(ROOT / "binder" / "postBuild", os.X_OK)
    assert re.search(r"^python -m pip install --no-deps -r requirements-nodeps\.txt -c constraints\.txt$", post, re.M)
    assert re.search(r"^python -m pip install --no-deps -e \./lib$", post, re.M)
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_mathjax_is_found_without_importing_its_jupyter_server():
    code = ("import sys; from tradeimbalance import teaching; src = teaching.mathjax_source(); "
            "assert (src / 'MathJax.js').is_file(); "
            "assert 'jupyter_server_mathjax' not in sys.modules and 'jupyter_server' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def _lock() -> dict[str, str]:
    bootstrap = {"pip", "setuptools", "wheel"}  # pip freeze (make lock) never lists these
    return {k: v for k, v in _names((ROOT / "constraints.txt").read_text().splitlines()).items() if k not in bootstrap}


def test_the_requirements_close_to_exactly_the_lock():
    """requirements.txt and what it requires, recursively, plus the no-dependency packages, are the lock:
    nothing the lock pins goes unused and nothing required is missing from it (read offline, from the
    metadata of the installed packages, which must be the locked versions)."""
    dists = closure.installed()
    needed = closure.closure(closure.requirement_lines(ROOT / "requirements.txt"), dists)
    nodeps = {closure.canonical(r.split("==")[0]): r.split("==")[1]
              for r in closure.requirement_lines(ROOT / "requirements-nodeps.txt")}
    assert not set(nodeps) & set(needed), "a --no-deps package is also required normally"
    got = {k: v for k, v in {**needed, **nodeps}.items() if k not in {"pip", "setuptools", "wheel"}}
    lock = _lock()
    assert sorted(set(got) - set(lock)) == [], "required but not in constraints.txt (make lock)"
    assert sorted(set(lock) - set(got)) == [], "locked but required by nothing (make lock in a fresh venv)"
    assert {k: v for k, v in got.items() if v != lock[k]} == {}, "installed versions differ from the lock (make setup)"


def test_the_closure_follows_markers_and_extras():
    dists = closure.installed()
    jsonschema = closure.closure(["jsonschema"], dists)
    assert {"attrs", "referencing", "rpds-py", "jsonschema-specifications"} <= set(jsonschema)
    assert "rfc3987-syntax" not in jsonschema  # only its format-nongpl extra asks for it
    with pytest.raises(LookupError, match=r"\(required by jsonschema\) is not installed"):
        closure.closure(["jsonschema[format-nongpl]"], dists)
    assert "tomli" not in closure.closure(["pytest"], dists)  # python_version < "3.11" only


@pytest.mark.index
def test_binder_requirements_resolve_to_exactly_the_lock(tmp_path):
    """pip resolves binder/requirements.txt (as repo2docker installs it) against the package index to the
    lock, package for package, with the no-dependency packages of postBuild added."""
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", str(report), "-r", str(ROOT / "binder" / "requirements.txt")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = _names(f"{i['metadata']['name']}=={i['metadata']['version']}" for i in json.loads(report.read_text())["install"])
    got.update(_names((ROOT / "requirements-nodeps.txt").read_text().splitlines()))
    assert {k: v for k, v in got.items() if k not in {"pip", "setuptools", "wheel"}} == _lock()


# --- the built books --------------------------------------------------------------------------------

def _solution_phrases() -> list[str]:
    """A line of prose from every solution in the chapters (text only the solutions contain)."""
    phrases = []
    for name in paper_chapters():
        text = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
        for block in re.findall(r"```\{solution-start\}.*?```\{solution-end\}", text, re.S):
            prose = re.sub(r"```.*?```", "", block, flags=re.S)
            line = next(l for l in prose.splitlines() if len(l) > 40 and "{" not in l and "`" not in l)
            phrases.append(" ".join(line.split()[:10]))  # long enough to occur in the solution only
    return phrases


def _page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html).replace("&#8220;", "\u201c").replace("&#8221;", "\u201d")
    text = text.replace("&#8217;", "'").replace("\u2019", "'").replace("&#x27;", "'")  # Sphinx's smart apostrophes
    return " ".join(text.split())


@pytest.mark.built
def test_default_book_has_every_solution():
    require_build(HTML)
    text = " ".join(_page_text(HTML / "chapters" / f"{n}.html") for n in paper_chapters())
    missing = [p for p in _solution_phrases() if p not in text]
    assert not missing, missing
    assert (HTML / "chapters" / "bilateral.html").read_text(encoding="utf-8").count('class="solution dropdown') == 3


@pytest.mark.built
def test_student_edition_has_no_solution():
    require_build(STUDENT_HTML)
    for name in paper_chapters():
        html = (STUDENT_HTML / "chapters" / f"{name}.html").read_text(encoding="utf-8")
        text = _page_text(STUDENT_HTML / "chapters" / f"{name}.html")
        assert 'class="solution' not in html and "Solution to" not in text, name
        assert ":label:" not in html and "solution-start" not in html, name
        assert html.count('class="exercise') >= 2, f"{name}: the exercises themselves belong in the student edition"
    text = " ".join(_page_text(STUDENT_HTML / "chapters" / f"{n}.html") for n in paper_chapters())
    leaked = [p for p in _solution_phrases() if p in text]
    assert not leaked, leaked
    zp = STUDENT_HTML / teaching.NOTEBOOK_DIR / teaching.ZIP_NAME
    with zipfile.ZipFile(zp) as z:
        nb = z.read("notebooks/bilateral.ipynb").decode()
    assert "mirror_series(\\\"USA\\\").loc[years]" not in nb and "solution-start" not in nb


@pytest.mark.built
def test_every_chapter_page_offers_its_executed_notebook():
    require_build(HTML)
    for name in paper_chapters():
        html = (HTML / "chapters" / f"{name}.html").read_text(encoding="utf-8")
        assert f'href="../_notebooks/chapters/{name}.ipynb"' in html, name
        nb = json.loads((HTML / "_notebooks" / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8"))
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        assert outputs, f"{name}: the downloadable notebook has no outputs"
    with zipfile.ZipFile(HTML / teaching.NOTEBOOK_DIR / teaching.ZIP_NAME) as z:
        names = set(z.namelist())
    assert {f"notebooks/{n}.ipynb" for n in paper_chapters()} <= names
    assert {"requirements.txt", "constraints.txt", "lib/pyproject.toml", "data/datapackage.json"} <= names


def _takeaway_app(tmp_path, notebooks: dict[str, str]):
    """A stand-in for the Sphinx application of an HTML build whose pages ``notebooks`` (docname: JSON) were read."""
    from types import SimpleNamespace

    outdir = tmp_path / "_build" / "html"
    for docname, text in notebooks.items():
        nb = outdir.parent / "jupyter_execute" / f"{docname}.ipynb"
        nb.parent.mkdir(parents=True, exist_ok=True)
        nb.write_text(text, encoding="utf-8")
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(outdir),
                          config=SimpleNamespace(nb_execution_cache_path=""))
    env = SimpleNamespace(found_docs={*notebooks, "chapters/glossary"})  # a page without a notebook is left out
    return app, env


def test_takeaway_notebooks_and_zip_are_written_beside_the_pages_and_waited_for(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1", outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                                                    execution_count=1)])]
    app, env = _takeaway_app(tmp_path, {"chapters/bilateral": nbformat.writes(nb)})
    teaching._on_env_updated(app, env)
    pool, job = app._ti_takeaway
    teaching._on_build_finished(app, None)
    assert job.done() and app._ti_takeaway is None
    out = Path(app.outdir) / teaching.NOTEBOOK_DIR
    copied = nbformat.read(out / "chapters" / "bilateral.ipynb", as_version=4)
    assert copied.cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert sorted(p.name for p in (out / "chapters").iterdir()) == ["bilateral.ipynb"]
    with zipfile.ZipFile(out / teaching.ZIP_NAME) as z:  # the book is inside the project: the zip ships it
        names = set(z.namelist())
    assert {"notebooks/bilateral.ipynb", "requirements.txt", "data/datapackage.json"} <= names


def test_a_takeaway_that_fails_fails_the_build_with_its_error(tmp_path):
    app, env = _takeaway_app(tmp_path, {"chapters/bilateral": "{ not a notebook"})
    teaching._on_env_updated(app, env)
    with pytest.raises(Exception, match="Expecting property name|Notebook does not appear to be JSON"):
        teaching._on_build_finished(app, None)
    assert not (Path(app.outdir) / teaching.NOTEBOOK_DIR / teaching.ZIP_NAME).exists()


def test_a_failed_build_does_not_wait_for_the_takeaway_result(tmp_path):
    app, env = _takeaway_app(tmp_path, {"chapters/bilateral": "{ not a notebook"})
    teaching._on_env_updated(app, env)
    pool, job = app._ti_takeaway
    teaching._on_build_finished(app, RuntimeError("a page failed"))  # the build's own error is the one reported
    assert job.done() and app._ti_takeaway is None


def test_no_takeaway_is_started_for_other_builders(tmp_path):
    app, env = _takeaway_app(tmp_path, {"chapters/bilateral": "{}"})
    app.builder.format = "latex"
    teaching._on_env_updated(app, env)
    teaching._on_build_finished(app, None)
    assert not hasattr(app, "_ti_takeaway") and not (Path(app.outdir) / teaching.NOTEBOOK_DIR).exists()


def test_mathjax_files_are_linked_where_possible_and_copied_otherwise(tmp_path, monkeypatch):
    from tradeimbalance import teaching

    src = tmp_path / "MathJax.js"
    src.write_text("/* mathjax */")
    teaching._link_or_copy(str(src), str(tmp_path / "linked.js"))
    assert (tmp_path / "linked.js").stat().st_ino == src.stat().st_ino

    def refuse(a, b):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(teaching.os, "link", refuse)
    teaching._link_or_copy(str(src), str(tmp_path / "copied.js"))
    copied = tmp_path / "copied.js"
    assert copied.read_text() == "/* mathjax */" and copied.stat().st_ino != src.stat().st_ino
