from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jarjesto_cli.domain.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "year", "part"),
    [("2026", 2026, None), (2026, 2026, None), ("2026-H1", 2026, "H1"), ("2023-Q4", 2023, "Q4")],
)
def test_parse(text: str | int, year: int, part: str | None) -> None:
    period = Period.parse(text)
    assert (period.year, period.part) == (year, part)
    assert str(period) == str(text)


@pytest.mark.parametrize(
    "bad", ["2023-Q5", "2023-H3", "23", "2023Q1", "2023-q5", "", "kevät 2024", True, 3.5]
)
def test_parse_rejects(bad: object) -> None:
    with pytest.raises(PeriodError):
        Period.parse(bad)  # type: ignore[arg-type]


def test_order_ends_first_then_shorter() -> None:
    p = Period.parse
    assert p("2023-Q4") < p("2024-H1") < p("2024")
    assert p("2024-Q4") < p("2024-H2") < p("2024")
    assert p("2024-Q2") < p("2024-H1") < p("2024-Q3")
    assert sorted([p("2024"), p("2023-Q1"), p("2024-H1"), p("2023")]) == [
        p("2023-Q1"),
        p("2023"),
        p("2024-H1"),
        p("2024"),
    ]


def test_dates_and_containment() -> None:
    q1 = Period.parse("2024-Q1")
    assert (q1.start.isoformat(), q1.end.isoformat()) == ("2024-01-01", "2024-03-31")
    assert Period.parse("2024-H1").end.isoformat() == "2024-06-30"
    assert Period.parse("2024").contains(q1)
    assert Period.parse("2024-H1").contains(q1)
    assert not Period.parse("2024-H2").contains(q1)
    assert not q1.contains(Period.parse("2024"))


def test_known_by() -> None:
    p = Period.parse
    assert p("2023-Q2").known_by(p("2023-H1"))
    assert not p("2023").known_by(p("2023-Q3"))
    assert p("2023").known_by(p("2023-Q4"))  # both end on 31 Dec


periods = st.builds(
    Period,
    st.integers(2000, 2100),
    st.sampled_from([None, "H1", "H2", "Q1", "Q2", "Q3", "Q4"]),
)


@given(periods, periods)
def test_order_agrees_with_end_dates(a: Period, b: Period) -> None:
    if a.end < b.end:
        assert a < b
    if a < b:
        assert a.end <= b.end
    assert Period.parse(str(a)) == a


@given(periods, periods)
def test_containment_implies_known_by(a: Period, b: Period) -> None:
    if a.contains(b):
        assert b.known_by(a)


@pytest.mark.parametrize(
    ("text", "label"),
    [("2023", "2023"), ("2023-Q1", "1. neljännes 2023"), ("2026-H2", "2. vuosipuolisko 2026")],
)
def test_one_label_for_readers(text: str, label: str) -> None:
    # the ordinal keeps to its word (a no-break space), so a label never breaks after "1."
    assert Period.parse(text).label() == label.replace(". ", ".\u00a0")
