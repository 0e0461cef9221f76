# China's Foreign Trade Imbalance: an executable reproduction.
#   make book   set up, execute the stale chapters in parallel while the HTML book builds (_build/html)
#   make test   set up, run every test that needs no built product (unit tests + every chapter, through the execution cache;
#               what an unchanged tree already proved is skipped: TI_RERUN_PROVEN=1 runs it all)
#   make data   rebuild data/ from the raw sources (RAW=path, default ../shared/data/raw)
#   make refresh  fetch the newest official data (IMF IMTS, World Bank, UN Comtrade, US Census), save every
#               reply in snapshots/ and rebuild data/ (SOURCES="imts wdi" for some only)
#   make book-student  the student edition, without solutions (_build/student/_build/html)
#   make pdf    build the PDF book (_build/latex/book.pdf)
#   make index-test  pip resolves the Binder requirements against the package index to the lock
#   make built-test  after book, book-student and pdf: checks of what they built (missing = failure)
#   make browser-test  after make book: open every page in headless Chromium (charts draw, offline)
#   make bench  ratios of build, run --year and each chapter against their targets, in one run

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# jupyter-book, ended without the interpreter's teardown of the finished build (tradeimbalance.jb)
JB     := $(PY) -m tradeimbalance.jb
STAMP  := $(VENV)/.installed
RAW    ?= ../shared/data/raw
JBFLAGS := -W -n --keep-going

.PHONY: all setup bytecode book book-student test index-test built-test data pdf browser-test bench lock clean ci refresh

all: book

$(STAMP): requirements.txt requirements-nodeps.txt constraints.txt lib/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e ./lib
	@touch $(STAMP)

setup: $(STAMP)

# The library's bytecode, written even where PYTHONDONTWRITEBYTECODE is set: every kernel and test
# process then loads lib/ without compiling it (only changed files are recompiled).
bytecode: $(STAMP)
	@$(PY) -m compileall -q lib/src

# Stale chapters are executed in parallel on all cores into the execution cache the build reads; the
# Sphinx build starts beside them and reads each chapter once it is in the cache (tradeimbalance.progress).
# With no file of the book changed since the last successful build, it stops at the check.
book: bytecode
	@$(PY) -m tradeimbalance.uptodate check --root . --out _build/html --salt "html $(JBFLAGS)" || { \
	  $(PY) -m tradeimbalance.prebuild --root . --then $(JB) build . --builder html $(JBFLAGS) && \
	  $(PY) -m tradeimbalance.uptodate write --root . --out _build/html; }

# The student edition: the same book without the exercises' solutions (sphinx-exercise's
# hide_solutions, set by editions/student.yml merged into _config.yml).
book-student: $(STAMP)
	$(PY) -m tradeimbalance.teaching config _config.yml editions/student.yml _build/student/_config.yml
	$(JB) build . --builder html $(JBFLAGS) --config _build/student/_config.yml --path-output _build/student

# Every test that needs no built product; make browser-test and make built-test check the products.
# The chapters and the heavy tests are collected first and handed out one at a time (--maxschedchunk 1),
# so both workers stay busy to the end. pytest keeps its rewritten test modules in tests/__pycache__
# even where PYTHONDONTWRITEBYTECODE is set, so that no test process rewrites them again.
test: bytecode
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n auto --maxschedchunk 1 -m "not browser and not built and not index"

# pip resolves the Binder requirements against the package index to exactly the lock (needs the index).
index-test: $(STAMP)
	$(PY) -m pytest -m index

# After make book, make book-student and make pdf: the checks of what they built (the pages' text,
# the student edition without solutions, the notebook zip run in a fresh venv, the PDF's metadata);
# a missing product fails here instead of skipping.
built-test: $(STAMP)
	TI_REQUIRE_BOOK=1 $(PY) -m pytest -n auto -m built

data: $(STAMP)
	$(PY) -m tradeimbalance.build --raw $(RAW) --out data

refresh: $(STAMP)
	$(PY) -m tradeimbalance refresh $(if $(SOURCES),--sources $(SOURCES))

# The PDF: xelatex through Sphinx's LaTeX builder (style: latex/tradeimbalance.sty). Installs the
# Debian TeX packages and fonts it needs (scripts/install-latex.sh); latex/frontmatter.py writes the
# title page's build date, citation and data vintage and the parts of _toc.yml.
pdf: $(STAMP)
	bash scripts/install-latex.sh
	rm -f _build/latex/book.pdf
	$(PY) latex/frontmatter.py --root . --out _build/latex/ti-frontmatter.def
	$(JB) build . --builder pdflatex $(JBFLAGS)
	@test -s _build/latex/book.pdf && echo "PDF book: _build/latex/book.pdf"

# The built HTML book (run make book first) in headless Debian Chromium: every page of _toc.yml,
# every chart drawn, no console error, no request outside localhost. A missing build fails here.
browser-test: $(STAMP)
	bash scripts/install-browser.sh
	TI_REQUIRE_BOOK=1 $(PY) -m pytest tests/browser -m browser

bench: $(STAMP)
	$(PY) benchmarks/bench.py

# make years [YEARS="2010 2019"]: a browsable book per year in _build/years/YEAR (default 2015 and 2020)
.PHONY: years
years: $(STAMP)
	@for y in $(or $(YEARS),2015 2020); do $(PY) -m tradeimbalance run --year $$y || exit 1; done

lock: $(STAMP)
	( echo '# Full lock of every package in the environment (pip freeze). Regenerate with `make lock`.'; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^tradeimbalance' ) > constraints.txt

clean:
	rm -rf _build .test-cache
