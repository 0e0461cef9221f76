"""Status rules of the claims registry, on claims defined here (not the book's)."""

import pandas as pd
import pytest

from tradeimbalance import claims
from tradeimbalance.claims import Claim, Erratum, status_of


def make(expected="reproduced", tolerance=0.1, close=None, erratum=None, note="n", bound=None):
    return Claim(id="t", reproduce=lambda: None, method="m", expected=expected, tolerance=tolerance, close=close,
                 erratum=erratum, note=note, bound=bound)


def test_within_tolerance_is_reproduced():
    assert status_of(make(), 13.4, 13.45) == claims.REPRODUCED


def test_close_band_defaults_to_three_tolerances():
    assert status_of(make(), 13.4, 13.65) == claims.CLOSE
    assert status_of(make(), 13.4, 13.75) == claims.DIFFERS


def test_explicit_close_band():
    assert status_of(make(close=1.0), 13.4, 14.3) == claims.CLOSE


def test_none_is_not_reproducible():
    assert status_of(make(), 1.0, None) == claims.NOT_REPRODUCIBLE


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


def test_check_lists_every_claim_that_changed_status():
    table = pd.DataFrame(
        [
            {"id": "a", "status": "reproduced", "expected": "reproduced", "reported": 1, "reproduced": 1},
            {"id": "b", "status": "differs", "expected": "close", "reported": 1, "reproduced": 3},
        ]
    )
    with pytest.raises(AssertionError, match="b: status 'differs', expected 'close'"):
        claims.check(table)
    claims.check(table.iloc[:1])


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
    more_than_80 = make(tolerance=0.0, close=2.0, bound="lower")
    assert status_of(more_than_80, 80.0, 82.8) == claims.REPRODUCED
    assert status_of(more_than_80, 80.0, 79.0) == claims.CLOSE
    assert status_of(more_than_80, 80.0, 70.0) == claims.DIFFERS
    less_than_20 = make(tolerance=0.0, close=1.0, bound="upper")
    assert status_of(less_than_20, 20.0, 18.4) == claims.REPRODUCED
    assert status_of(less_than_20, 20.0, 20.2) == claims.CLOSE
    with pytest.raises(ValueError, match="bound"):
        claims.claim("x_test_bound", method="m", expected=claims.REPRODUCED, bound="sideways")


def test_display_marks_one_sided_reported_values():
    table = pd.DataFrame([{"statement": "s", "reported": 80.0, "reproduced": 82.77, "unit": "percent",
                           "status": "reproduced", "note": "", "bound": "lower"}])
    out = claims.display_table(table)
    assert out.loc[0, "reported"] == "more than 80.00" and out.loc[0, "reproduced"] == "82.77"


def test_nan_and_none_from_a_reproduction_mean_not_reproducible():
    assert claims._as_float(float("nan")) is None and claims._as_float(None) is None
    assert claims._as_float(2) == 2.0
