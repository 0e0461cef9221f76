"""Status rules of the claims registry, on claims defined here (not the book's)."""

import pandas as pd
import pytest

from tradeimbalance import claims
from tradeimbalance import reproduction
from tradeimbalance.claims import Claim, Erratum, status_of


def make(expected="reproduced", tolerance=0.1, close=None, erratum=None, note="n", bound=None, basis="data", gap=None):
    return Claim(id="t", reproduce=lambda: None, method="m", expected=expected, tolerance=tolerance, close=close,
                 erratum=erratum, note=note, bound=bound, basis=basis, gap=gap)


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
    c = make(erratum=Erratum(corrected=lambda v: v / 10, evidence="unit", kind="unit"), tolerance=1.0)
    assert status_of(c, 1966.0, 196.2) == claims.ERRATUM
    # a value matching the printed number is reproduced, not an erratum
    assert status_of(c, 1966.0, 1966.4) == claims.REPRODUCED


def test_registration_requires_a_note_for_non_reproduced_status():
    with pytest.raises(ValueError, match="needs a note"):
        claims.claim("x_test_no_note", method="m", expected=claims.DIFFERS)
    with pytest.raises(ValueError, match="not one of"):
        claims.claim("x_test_bad", method="m", expected="fine")
    with pytest.raises(ValueError, match="Erratum"):
        claims.claim("x_test_err", method="m", expected=claims.ERRATUM, note="why")
    with pytest.raises(ValueError, match="gap="):
        claims.claim("x_test_gap", method="m", expected=claims.NOT_REPRODUCIBLE, note="why")
    with pytest.raises(ValueError, match="gap_source"):
        claims.claim("x_test_src", method="m", expected=claims.NOT_REPRODUCIBLE, gap="edition", note="why")
    with pytest.raises(ValueError, match="citation"):
        claims.claim("x_test_doc", method="m", expected=claims.DOCUMENTED, basis="document")
    with pytest.raises(ValueError, match="basis='inferred'"):
        claims.claim("x_test_basis", method="m", expected=claims.INFERRED)


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
    with pytest.raises(ValueError, match="bound"):
        claims.claim("x_test_bound", method="m", expected=claims.REPRODUCED, bound="sideways")


def test_display_marks_one_sided_reported_values():
    table = pd.DataFrame([{"statement": "s", "reported": 80.0, "reproduced": 82.77, "unit": "percent",
                           "status": "reproduced", "note": "", "bound": "lower", "qualifier": "more than"}])
    out = claims.display_table(table)
    assert out.loc[0, "reported"] == "more than 80.00" and out.loc[0, "reproduced"] == "82.77"


def test_nan_and_none_from_a_reproduction_mean_not_reproducible():
    assert claims._as_float(float("nan")) is None and claims._as_float(None) is None
    assert claims._as_float(2) == 2.0


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
