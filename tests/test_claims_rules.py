"""The book's claims against the registry's rules: tolerances, qualifiers, citations, gaps."""

import math

import pytest

from tradeimbalance import claims
from tradeimbalance import reproduction


@pytest.fixture(scope="module")
def registry():
    return claims.declared()


@pytest.fixture(scope="module")
def reported():
    return reproduction.reported()


def test_every_tolerance_follows_the_rule_or_states_a_reason(registry, reported):
    """A tolerance or close band that departs from the printed precision needs a listed reason."""
    bad = []
    for cid, c in registry.items():
        r = reported.loc[cid]
        rule = claims.rule_tolerance(str(r["printed"]), str(r["qualifier"]))
        if c.tolerance is not None and not math.isclose(c.tolerance, rule, abs_tol=1e-12) and not c.tolerance_reason:
            bad.append(f"{cid}: tolerance {c.tolerance} but the rule gives {rule} for {r['printed']!r} ({r['qualifier']})")
        margin = claims.close_margin(str(r["printed"]), str(r["qualifier"]))
        if c.close is not None and not math.isclose(float(c.close), margin, abs_tol=1e-12) and not c.close_reason:
            bad.append(f"{cid}: close band {c.close} but the rule gives {margin}")
    assert not bad, "\n".join(bad)


def test_the_exceptions_table_lists_exactly_the_departures(registry, reported):
    ex = reproduction.tolerance_exceptions()
    assert (ex["reason"].str.len() > 20).all()
    departing = {cid for cid, c in registry.items() if c.tolerance is not None and not math.isclose(
        c.tolerance, claims.rule_tolerance(str(reported.loc[cid, "printed"]), str(reported.loc[cid, "qualifier"])),
        abs_tol=1e-12)}
    assert set(ex.loc[ex["what"] == "tolerance", "id"]) == departing


def test_qualifiers_match_the_words_of_the_quote(reported):
    """One encoding per word of approximation, used everywhere."""
    words = {"约": "about", "左右": "about", "不到": "less than", "以上": "more than", "超过": "more than"}
    for cid, r in reported.iterrows():
        quote = str(r["quote_zh"])
        for word, qualifier in words.items():
            if word in quote:
                assert r["qualifier"] == qualifier, f"{cid}: {word!r} in the quote, qualifier {r['qualifier']!r}"
        if quote.rstrip().endswith("%") and "近" in quote and "近 3 年" not in quote:
            assert r["qualifier"] == "nearly", cid


def test_one_sided_registrations_agree_with_the_qualifier(registry, reported):
    for cid, c in registry.items():
        q = reported.loc[cid, "qualifier"]
        if c.bound == "lower":
            assert q == "more than", cid
        if c.bound == "upper":
            assert q in ("less than", "nearly"), cid


def test_documented_facts_cite_and_gaps_name_a_source(registry):
    for cid, c in registry.items():
        if c.expected == claims.DOCUMENTED:
            assert c.basis == "document" and len(c.citation) > 20, cid
        if c.expected == claims.NOT_IN_EDITION:
            assert len(c.gap_source) > 20, cid


def test_sitc_stands_in_for_section_xvi_within_its_stated_precision():
    """Where China's own records exist in both classifications (2017 imports from the US), they agree."""
    from tradeimbalance.chapters import industry
    from tradeimbalance.chapters.industry.china_side import sitc_hs_gap

    gap = sitc_hs_gap()
    assert 0 < gap <= industry.SITC_HS_PRECISION


def test_claims_tables_show_statements_in_words():
    from tradeimbalance.claims import tables

    row = {"unit": "year", "reported": 2000.0, "note_reported": "qualitative trend with a start year",
           "printed": "2000", "qualifier": "exact", "cap": None}
    assert tables.reported_words(row) == "from 2000 on"
    assert tables.reported_words({**row, "note_reported": ""}) == "2000"
    assert tables.reported_words({**row, "unit": "decade", "reported": 1970.0}) == "the 1970s"
    assert tables.reported_words({"unit": "years", "reported": 50.0, "printed": "50", "qualifier": "more than",
                                  "cap": 60.0}) == "more than 50 (below 60)"
    assert tables.reported_words({"unit": "USD 100 million", "reported": -1238.17, "printed": "1238.17",
                                  "qualifier": "exact", "cap": None}) == "−1,238.17"


def test_claims_html_has_filter_download_quote_and_paper_order():
    from tradeimbalance.claims import tables

    table = reproduction.evaluate(chapter="industry")
    out = tables.claims_html(table, "t-id", "Caption", "claims_test.csv")
    assert '<select>' in out and 'download="claims_test.csv"' in out
    assert "s2_4_xvi_exports_to_us_2018" not in out.split("<tbody>")[1].split("</tbody>")[0].split("<details>")[0]
    assert "对美出口额为 2222 亿美元" in out  # the Chinese quote is kept
    order = reproduction.reported().loc[table["id"], "order"].tolist()
    assert order == sorted(order)
    md = tables.claims_markdown(table, "Caption")
    assert md.count("\n|") >= len(table)


def test_table_csv_links_render_in_html_and_stay_silent_elsewhere(monkeypatch):
    import IPython.display

    import pandas as pd
    from tradeimbalance import book

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    book.show_table(pd.DataFrame({"a": [1.0]}), caption="T", csv_name="t.csv")
    link = shown[-1]
    assert 'download="t.csv"' in link["text/html"]
    assert link["text/markdown"].startswith("<!--") and link["text/markdown"].rstrip().endswith("-->")  # a comment: the PDF gets a type it can render, and no text
