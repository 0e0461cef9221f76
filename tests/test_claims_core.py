"""Status rules of the claims registry, on claims defined here (not the book's)."""

import pandas as pd
import pytest

from tradeimbalance import claims
from tradeimbalance import reproduction
from tradeimbalance.claims import Declaration, DeclarationError, Erratum, status_of
from tradeimbalance.claims import declarations as decl
from tradeimbalance.claims.rules import _as_float


def make(expected="reproduced", tolerance=0.1, close=None, erratum=None, note="n", bound=None, basis="data", gap=None):
    return Declaration(id="t", chapter="tests", method="m", expected=expected, paper={}, tolerance=tolerance,
                       close=close, erratum=erratum, note=note, bound=bound, basis=basis, gap=gap)


PAPER = {"section": "2.1 Bilateral imbalances", "statement": "A value", "value": 1.5, "printed": "1.5",
         "unit": "USD bn", "source": "Yang (2020)"}


def declare(**check):
    """Read one declaration entry the way the declaration files are read (id s2_1_x_test)."""
    entry = {"id": "s2_1_x_test", "paper": dict(PAPER), "check": {"chapter": "tests", "method": "m", **check}}
    return decl._declaration(entry, "s2_1.yaml", "s2_1_")


def test_within_tolerance_is_reproduced():
    assert status_of(make(), 13.4, 13.45) == claims.REPRODUCED


def test_close_band_defaults_to_twice_the_tolerance_beyond_it():
    assert status_of(make(), 13.4, 13.65) == claims.CLOSE
    assert status_of(make(), 13.4, 13.75) == claims.DIFFERS


def test_explicit_close_band():
    assert status_of(make(close=1.0), 13.4, 14.3) == claims.CLOSE


def test_none_is_not_reproducible_with_the_gap_named():
    assert status_of(make(gap="unpublished"), 1.0, None) == claims.NOT_PUBLISHED
    assert status_of(make(gap="edition"), 1.0, None) == claims.NOT_IN_EDITION


def test_erratum_when_the_corrected_reading_matches():
    c = make(erratum=Erratum(evidence="unit", kind="unit", correction={"divide_by": 10}), tolerance=1.0)
    assert status_of(c, 1966.0, 196.2) == claims.ERRATUM
    # a value matching the printed number is reproduced, not an erratum
    assert status_of(c, 1966.0, 1966.4) == claims.REPRODUCED


def test_a_declaration_states_what_its_status_needs():
    with pytest.raises(DeclarationError, match="needs a note"):
        declare(expected=claims.DIFFERS)
    with pytest.raises(DeclarationError, match="not one of"):
        declare(expected="fine")
    with pytest.raises(DeclarationError, match="erratum needs its evidence"):
        declare(expected=claims.ERRATUM, note="why")
    with pytest.raises(DeclarationError, match="gap: unpublished or gap: edition"):
        declare(expected=claims.NOT_IN_EDITION, note="why")
    with pytest.raises(DeclarationError, match="gap_source"):
        declare(expected=claims.NOT_IN_EDITION, gap="edition", note="why")
    with pytest.raises(DeclarationError, match="citation"):
        declare(expected=claims.DOCUMENTED, basis="document")
    with pytest.raises(DeclarationError, match="does not go with basis"):
        declare(expected=claims.INFERRED)
    with pytest.raises(DeclarationError, match="s2_1.yaml: claim 's2_1_x_test'"):  # names the file and the claim
        declare(expected=claims.DIFFERS)
    assert declare(expected=claims.REPRODUCED).expected == claims.REPRODUCED


def test_a_declaration_refuses_unknown_keys_a_wrong_section_and_a_missing_statement():
    with pytest.raises(DeclarationError, match="unknown key"):
        declare(expected=claims.REPRODUCED, tolerence=0.1)
    entry = {"id": "s2_1_x_test", "paper": {**PAPER, "section": "3.1 Asymmetric bilateral investment"},
             "check": {"chapter": "tests", "method": "m", "expected": claims.REPRODUCED}}
    with pytest.raises(DeclarationError, match="paper.section should be"):
        decl._declaration(entry, "s2_1.yaml", "s2_1_")
    entry = {"id": "s2_1_x_test", "paper": {k: v for k, v in PAPER.items() if k != "statement"},
             "check": {"chapter": "tests", "method": "m", "expected": claims.REPRODUCED}}
    with pytest.raises(DeclarationError, match="paper.statement is missing"):
        decl._declaration(entry, "s2_1.yaml", "s2_1_")


def test_errata_corrections_are_data():
    assert Erratum("e", correction={"divide_by": 10}).corrected(1966.0) == pytest.approx(196.6)
    assert Erratum("e", correction={"swap_digits": [2, 3]}).corrected(2014.97) == pytest.approx(2041.97)
    with pytest.raises(DeclarationError, match="correction"):
        declare(expected=claims.ERRATUM, erratum={"evidence": "e", "correction": {"times": 3}})


def test_check_lists_every_claim_that_changed_status():
    table = pd.DataFrame(
        [
            {"id": "a", "status": "reproduced", "expected": "reproduced", "reported": 1, "reproduced": 1},
            {"id": "b", "status": "differs", "expected": "close", "reported": 1, "reproduced": 3},
        ]
    )
    with pytest.raises(AssertionError, match="b: status 'differs', expected 'close'"):
        reproduction.check(table)
    reproduction.check(table.iloc[:1])


def test_counts_lists_every_status():
    table = pd.DataFrame({"status": ["reproduced", "reproduced", "erratum"]})
    c = claims.counts(table).set_index("status")["claims"]
    assert list(c.index) == list(claims.STATUSES)
    assert c["reproduced"] == 2 and c["erratum"] == 1 and c["close"] == 0


def test_values_are_formatted_by_unit():
    assert claims.format_value(2014.0, "year") == "2014"
    assert claims.format_value(1970.0, "decade") == "1970s"
    assert claims.format_value(23.0, "count") == "23"
    assert claims.format_value(2144.221, "USD 100 million") == "2,144.22"
    assert claims.format_value(None, "percent") == "—"
    assert claims.format_value(float("nan"), "percent") == "—"


def test_one_sided_statements():
    more_than_80 = make(tolerance=None, bound="lower")
    assert status_of(more_than_80, 80.0, 82.8, "80", "more than") == claims.REPRODUCED
    assert status_of(more_than_80, 80.0, 79.2, "80", "more than") == claims.CLOSE  # within one printed unit
    assert status_of(more_than_80, 80.0, 70.0, "80", "more than") == claims.DIFFERS
    less_than_20 = make(tolerance=None, bound="upper")
    assert status_of(less_than_20, 20.0, 18.4, "20", "less than") == claims.REPRODUCED
    assert status_of(less_than_20, 20.0, 20.2, "20", "less than") == claims.CLOSE
    with pytest.raises(DeclarationError, match="bound"):
        declare(expected=claims.REPRODUCED, bound="sideways")


def test_display_marks_one_sided_reported_values():
    table = pd.DataFrame([{"statement": "s", "reported": 80.0, "reproduced": 82.77, "unit": "percent",
                           "status": "reproduced", "note": "", "bound": "lower", "qualifier": "more than"}])
    out = claims.display_table(table)
    assert out.loc[0, "reported"] == "more than 80.00" and out.loc[0, "reproduced"] == "82.77"


def test_nan_and_none_from_a_reproduction_mean_not_reproducible():
    assert _as_float(float("nan")) is None and _as_float(None) is None
    assert _as_float(2) == 2.0


# --- the rule of the printed precision -------------------------------------------------------------------

def test_plain_numbers_allow_half_a_unit_of_the_last_printed_digit():
    assert claims.rule_interval(2.92, "2.92") == pytest.approx((2.915, 2.925))
    assert claims.rule_interval(46224.0, "46224") == pytest.approx((46223.5, 46224.5))
    assert claims.rule_interval(80.0, "80") == pytest.approx((79.5, 80.5))  # a printed zero is a digit
    assert claims.rule_interval(-1.5, "1.5") == pytest.approx((-1.55, -1.45))  # signed like the value
    assert claims.rule_interval(2 / 3, "2/3") == pytest.approx((0.5, 5 / 6))  # thirds: half of one third


def test_about_allows_half_a_unit_of_the_last_significant_digit():
    assert claims.rule_interval(30.0, "30", "about") == pytest.approx((25.0, 35.0))
    assert claims.rule_interval(82.0, "82", "about") == pytest.approx((81.5, 82.5))
    assert claims.rule_interval(3700.0, "3700", "about") == pytest.approx((3650.0, 3750.0))


def test_nearly_is_an_upper_bound_and_more_than_a_capped_lower_bound():
    assert claims.rule_interval(58.0, "58", "nearly") == pytest.approx((57.0, 58.5))
    assert claims.rule_interval(70.0, "70", "nearly") == pytest.approx((60.0, 70.5))
    assert claims.rule_interval(50.0, "50", "more than", cap=60.0) == (50.0, 60.0)
    assert claims.rule_interval(80.0, "80", "more than") == (80.0, float("inf"))
    assert claims.rule_interval(20.0, "20", "less than") == (float("-inf"), 20.0)
    c = make(tolerance=None)
    assert status_of(c, 50.0, 53.0, "50", "more than", 60.0) == claims.REPRODUCED
    assert status_of(c, 50.0, 63.0, "50", "more than", 60.0) != claims.REPRODUCED  # "50 多年" is not 63


def test_printed_text_must_match_the_value():
    with pytest.raises(ValueError, match="does not match"):
        claims.rule_interval(2.92, "2.29")
    with pytest.raises(ValueError, match="qualifier"):
        claims.rule_interval(2.92, "2.92", "roughly")


def test_basis_decides_the_status_inside_the_interval():
    assert status_of(make(basis="inferred"), 13.4, 13.45) == claims.INFERRED
    assert status_of(make(basis="arithmetic"), 13.4, 13.45) == claims.CONSISTENT
    assert status_of(make(basis="bound"), 13.4, 13.45) == claims.BOUNDED
    assert status_of(make(basis="inferred"), 13.4, 15.0) == claims.DIFFERS  # outside, whatever the basis


def test_a_range_bounds_the_statement():
    assert status_of(make(tolerance=None), 7.8, (5.3, 8.4)) == claims.BOUNDED
    assert status_of(make(tolerance=None), 7.8, (8.0, 9.0)) == claims.DIFFERS


def test_every_status_has_a_definition():
    assert set(claims.DEFINITIONS) == set(claims.STATUSES)
    assert all(len(v) > 20 for v in claims.DEFINITIONS.values())


# --- the declarations of the book ------------------------------------------------------------------------

def test_every_claim_is_declared_once_and_joins_its_statement_and_reproduction():
    """A reproduction without a declaration, a declaration without its statement in the paper table
    (or of another chapter than its reproduction) and a statement without a declaration all fail."""
    assert reproduction.problems() == []
    assert len(claims.declared()) == len(reproduction.reported()) >= 150


def test_problems_name_a_reproduction_without_declaration_and_a_declaration_without_statement(monkeypatch):
    from fixtures.catalog import install

    rep = pd.DataFrame({"claim_id": ["s2_1_a"], "statement_en": ["A"], "value": [1.0]}).set_index("claim_id")
    install(monkeypatch, reproductions={"s2_1_orphan": ("tests", lambda: 1.0)},
            declarations=[make(), Declaration(id="s2_1_a", chapter="tests", method="m", expected="reproduced",
                                              paper={})], reported=rep)
    found = reproduction.problems()
    assert any("'s2_1_orphan' has a reproduction" in p for p in found)
    assert any("'t' is declared" in p and "no statement" in p for p in found)
    with pytest.raises(KeyError, match="do not join"):
        reproduction.evaluate()


def test_the_paper_table_is_built_from_the_declarations():
    """data/paper_reported.csv holds the paper part of every declaration, in the declared order."""
    built = reproduction.reported()
    rows = decl.paper_rows()
    assert list(built.index) == [r["claim_id"] for r in rows]
    for r in rows:
        b = built.loc[r["claim_id"]]
        assert b["statement_en"] == r["statement_en"] and b["printed"] == r["printed"]
        assert float(b["value"]) == float(r["value"]) and b["section"] == r["section"]


def test_a_claim_declared_to_match_needs_something_that_computes_it(monkeypatch):
    """No stub: a claim declared reproduced needs a reproduction; a documented fact without a data table
    states the document's value in its declaration, and that value is what is compared."""
    from fixtures.catalog import install

    rep = pd.DataFrame({"claim_id": ["s3_1_a", "s3_1_b"], "section": ["3.1"] * 2, "statement_en": ["A", "B"],
                        "value": [2018.0, 2018.0], "unit": ["year"] * 2, "printed": ["2018"] * 2,
                        "qualifier": ["exact"] * 2}).set_index("claim_id")
    stub = Declaration(id="s3_1_a", chapter="tests", method="m", expected="reproduced", paper={})
    law = Declaration(id="s3_1_b", chapter="tests", method="m", expected=claims.DOCUMENTED, basis="document",
                      citation="Public Law 115-232", documented=2015.0, paper={})
    install(monkeypatch, declarations=[stub, law], reported=rep)
    assert reproduction.problems() == ["claim 's3_1_a' is declared 'reproduced' but nothing computes it "
                                       "(no reproduction, no documented value)"]
    install(monkeypatch, declarations=[law], reported=rep.loc[["s3_1_b"]])
    row = reproduction.evaluate().iloc[0]
    assert row["reproduced"] == 2015.0 and row["status"] == claims.DIFFERS  # the document's value, compared
