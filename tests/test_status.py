"""The status rules, one test per rule (README: "Status rules")."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jarjesto_cli.domain.indicators import Met
from jarjesto_cli.domain.models import Measure
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.status import Source, Status, count, derive, measure_status

P = Period.parse


def measure(*indicators: dict[str, Any], reports: list[dict[str, Any]] | None = None) -> Measure:
    return Measure.model_validate(
        {
            "id": "X1.1",
            "nimi": "Toimenpide",
            "mittarit": list(indicators),
            "raportit": reports or [],
        }
    )


def yes_no(*values: tuple[str, str], id: str = "X1.1.1") -> dict[str, Any]:
    return {
        "id": id,
        "nimi": "Malli",
        "tyyppi": "kyllä-ei",
        "mittaukset": [{"kausi": k, "arvo": v} for k, v in values],
    }


def scale(
    *values: tuple[str, float], target: float | None = 4, id: str = "X1.1.2"
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id,
        "nimi": "Kokemus",
        "tyyppi": "asteikko",
        "mittaukset": [{"kausi": k, "arvo": v} for k, v in values],
    }
    if target is not None:
        data["tavoite"] = target
    return data


def count_ind(
    *values: tuple[str, float],
    target: float | None = None,
    baseline: str | None = None,
    id: str = "X1.1.3",
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id,
        "nimi": "Käyttökerrat",
        "tyyppi": "määrä",
        "mittaukset": [{"kausi": k, "arvo": v} for k, v in values],
    }
    if target is not None:
        data["tavoite"] = target
    if baseline is not None:
        data["lähtökausi"] = baseline
    return data


def met(ind: dict[str, Any], period: str) -> Met:
    return measure(ind).indicators[0].met(P(period))


@pytest.mark.parametrize(
    ("value", "expected"), [("kyllä", Met.MET), ("osittain", Met.PARTIAL), ("ei", Met.NOT_MET)]
)
def test_yes_no(value: str, expected: Met) -> None:
    assert met(yes_no(("2026", value)), "2026") is expected


def test_yes_no_latest_wins_and_future_is_unknown() -> None:
    ind = yes_no(("2026-H1", "ei"), ("2026-H2", "kyllä"))
    assert met(ind, "2026-H1") is Met.NOT_MET
    assert met(ind, "2026") is Met.MET
    assert met(ind, "2025") is Met.NO_DATA


def test_scale_against_target() -> None:
    assert met(scale(("2026", 4.0)), "2026") is Met.MET
    assert met(scale(("2026", 3.99)), "2026") is Met.NOT_MET
    assert met(scale(("2026-H1", 4.2), ("2026-H2", 3.5)), "2026") is Met.NOT_MET


def test_scale_without_target_is_not_computed() -> None:
    assert met(scale(("2026", 4.5), target=None), "2026") is Met.NOT_COMPUTED


def test_count_with_target() -> None:
    assert met(count_ind(("2026", 10), target=10), "2026") is Met.MET
    assert met(count_ind(("2026", 9), target=10), "2026") is Met.NOT_MET


def test_count_grows_from_first_value_without_baseline() -> None:
    ind = count_ind(("2026", 5), ("2027", 8))
    # a value, but nothing to compare it with yet: not "no data"
    assert met(ind, "2026") is Met.NO_COMPARISON
    assert met(ind, "2025") is Met.NO_DATA
    assert met(ind, "2027") is Met.MET
    assert met(count_ind(("2026", 5), ("2027", 5)), "2027") is Met.NOT_MET


def test_count_grows_from_baseline_period() -> None:
    ind = count_ind(("2025", 1), ("2026", 5), ("2027", 4), baseline="2026")
    assert met(ind, "2027") is Met.NOT_MET  # 4 < 5 at the baseline 2026, though above 2025
    # no value at the baseline period: the 2027 value has nothing to compare with
    assert met(count_ind(("2027", 4), baseline="2026"), "2027") is Met.NO_COMPARISON
    assert met(count_ind(("2026", 4), baseline="2026"), "2026") is Met.NO_COMPARISON


def test_text_indicator_is_never_computed() -> None:
    ind = {
        "id": "X1.1.9",
        "nimi": "Laatu",
        "tyyppi": "teksti",
        "mittaukset": [{"kausi": "2026", "arvo": "Hyvä"}],
    }
    assert met(ind, "2026") is Met.NOT_COMPUTED


def test_note_only_measurement_is_no_data() -> None:
    ind = {
        "id": "X1.1.3",
        "nimi": "Osuus",
        "tyyppi": "määrä",
        "mittaukset": [{"kausi": "2026", "huomio": "Kysely tehdään 2027"}],
    }
    assert met(ind, "2026") is Met.NO_DATA


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ([yes_no(("2026", "kyllä")), scale(("2026", 4.5))], Status.TOTEUTUU),
        ([yes_no(("2026", "kyllä")), scale(("2026", 3.0))], Status.OSITTAIN),
        ([yes_no(("2026", "osittain"))], Status.OSITTAIN),
        ([yes_no(("2026", "ei")), scale(("2026", 3.0))], Status.EI_TOTEUDU),
        ([yes_no(), scale()], Status.EI_TIETOA),
        ([], Status.EI_TIETOA),
        # one met, one without data: cannot be fully met
        ([yes_no(("2026", "kyllä")), scale()], Status.OSITTAIN),
        # a count's first value has nothing to compare with: like no data for the status
        ([count_ind(("2026", 5))], Status.EI_TIETOA),
        ([yes_no(("2026", "kyllä")), count_ind(("2026", 5))], Status.OSITTAIN),
        # text indicators do not count either way
        (
            [yes_no(("2026", "kyllä")), {"id": "t", "nimi": "t", "tyyppi": "teksti"}],
            Status.TOTEUTUU,
        ),
    ],
)
def test_derive(indicators: list[dict[str, Any]], expected: Status) -> None:
    assert derive(measure(*indicators).indicators, P("2026")) is expected


def test_reported_status_wins_and_disagreement_is_flagged() -> None:
    m = measure(
        yes_no(("2026", "ei")), reports=[{"kausi": "2026", "tila": "toteutuu", "teksti": "Valmis."}]
    )
    state = measure_status(m, P("2026"))
    assert state.status is Status.TOTEUTUU
    assert state.source is Source.REPORTED
    assert state.derived is Status.EI_TOTEUDU
    assert state.disagrees


def test_reported_status_is_only_known_after_its_period() -> None:
    m = measure(yes_no(("2026-H1", "kyllä")), reports=[{"kausi": "2026", "tila": "ei toteudu"}])
    early = measure_status(m, P("2026-H1"))
    assert (early.status, early.source) == (Status.TOTEUTUU, Source.DERIVED)
    late = measure_status(m, P("2026"))
    assert (late.status, late.source) == (Status.EI_TOTEUDU, Source.REPORTED)


def test_no_disagreement_without_indicator_data() -> None:
    m = measure(yes_no(), reports=[{"kausi": "2026", "tila": "toteutuu"}])
    assert not measure_status(m, P("2026")).disagrees


def test_trend() -> None:
    ind = measure(scale(("2023-Q1", 2.9), ("2023-Q2", 3.0), ("2023-Q3", 2.5))).indicators[0]
    assert ind.trend(P("2023-Q2")) == "nousee"
    assert ind.trend(P("2023-Q3")) == "laskee"
    assert ind.trend(P("2023-Q1")) is None


@given(st.lists(st.sampled_from(list(Status))))
def test_counts_always_add_up(statuses: list[Status]) -> None:
    counts = count(statuses)
    assert set(counts) == {"toteutuu", "osittain", "ei_toteudu", "ei_tietoa", "ei_alkanut"}
    assert sum(counts.values()) == len(statuses)
    for status in Status:
        assert counts[status.key] == statuses.count(status)


values = st.sampled_from(["kyllä", "osittain", "ei"])


@given(st.lists(values, max_size=6))
def test_derive_from_yes_no_matches_rule(answers: list[str]) -> None:
    inds = [yes_no(("2026", a), id=f"X1.1.{i}") for i, a in enumerate(answers)]
    status = derive(measure(*inds).indicators, P("2026"))
    if not answers:
        assert status is Status.EI_TIETOA
    elif all(a == "kyllä" for a in answers):
        assert status is Status.TOTEUTUU
    elif any(a in ("kyllä", "osittain") for a in answers):
        assert status is Status.OSITTAIN
    else:
        assert status is Status.EI_TOTEUDU
