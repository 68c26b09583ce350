"""The plan data model: one general schema for every programme, strict about keys and types.

YAML keys are Finnish (the planners' words), attribute names English (the code's). Structure and
types are checked here by pydantic; rules that need the whole plan set (unique ids, references,
values against an indicator's scale) live in `checks.py`, where each finding gets its exact path.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from jarjesto_cli.domain.periods import PERIOD_PATTERN, Period, PeriodError

# --- scalar types -------------------------------------------------------------------------------


def _period(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError(
            "period",
            "should be a period such as 2026, 2026-H1 or 2023-Q3, not {got}",
            {"got": repr(value)},
        )
    try:
        return str(Period.parse(value))
    except PeriodError as exc:
        raise PydanticCustomError("period", str(exc)) from None


PeriodText = Annotated[
    str,
    PlainValidator(_period),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": PERIOD_PATTERN},
            ],
            "description": "Kausi: vuosi (2026), puolivuotis (2026-H1, 2026-H2) tai neljännes "
            "(2023-Q1 … 2023-Q4).",
        }
    ),
]


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PydanticCustomError(
            "number", "should be a number such as 3.5, not {got}", {"got": repr(value)}
        )
    return value


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]

ID_PATTERN = r"^[A-Za-z0-9ÅÄÖåäö][A-Za-z0-9ÅÄÖåäö._-]*$"
PLAN_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1)]

STATUS_WORDS = ("toteutuu", "toteutuu osittain", "ei toteudu")
ReportedStatus = Literal["toteutuu", "toteutuu osittain", "ei toteudu"]
YesNo = Literal["kyllä", "osittain", "ei"]
INDICATOR_KINDS = ("kyllä-ei", "asteikko", "määrä", "teksti")


class Model(BaseModel):
    """Strict base: unknown keys are errors, types are not coerced, Finnish aliases are the keys."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        # validators are built on first use, inside the one schema that uses them: faster start-up
        defer_build=True,
    )


# --- text items ---------------------------------------------------------------------------------


class TextTree(Model):
    """A bullet with sub-bullets."""

    text: Text = Field(alias="teksti", description="Kohdan teksti.")
    items: list[TextItem] = Field(default_factory=list, alias="kohdat", description="Alakohdat.")


TextItem = Annotated[
    str | TextTree,
    Field(description="Luettelon kohta: teksti tai {teksti, kohdat}."),
]
TextTree.model_rebuild()


# --- indicators ---------------------------------------------------------------------------------


class MeasurementBase(Model):
    period: PeriodText = Field(alias="kausi", description="Kausi, jota arvo koskee.")
    n: int | None = Field(None, ge=0, description="Vastaajien tai havaintojen määrä.")
    note: str | None = Field(None, alias="huomio", description="Huomio tai sanallinen tilanne.")
    source: str | None = Field(None, alias="lähde", description="Arvon lähde (esim. tiedosto).")

    @model_validator(mode="after")
    def value_or_note(self) -> MeasurementBase:
        if getattr(self, "value", None) is None and not self.note:
            raise PydanticCustomError(
                "measurement_empty", "a measurement needs `arvo` or at least a `huomio`"
            )
        return self


class YesNoMeasurement(MeasurementBase):
    value: YesNo | None = Field(None, alias="arvo", description="kyllä, osittain tai ei.")


class ScaleMeasurement(MeasurementBase):
    value: Number | None = Field(None, alias="arvo", description="Luku asteikon sisällä.")


class CountMeasurement(MeasurementBase):
    value: Number | None = Field(None, alias="arvo", description="Määrä, luku ≥ 0.")


class TextMeasurement(MeasurementBase):
    value: str | None = Field(None, alias="arvo", description="Sanallinen arvo.")


class IndicatorBase(Model):
    id: Id = Field(
        description="Tunniste, esim. T1.1.2 tai O1.M1; yksilöllinen kaikissa tiedostoissa."
    )
    name: Text = Field(alias="nimi", description="Mittarin nimi.")
    group: str | None = Field(None, alias="ryhmä", description="Otsikko, jonka alla mittari on.")
    description: str | None = Field(None, alias="kuvaus", description="Tarkennus sellaisenaan.")
    source: str | None = Field(None, alias="lähde", description="Tietolähde (esim. kysely).")
    measurements: Sequence[MeasurementBase] = Field(default_factory=list, alias="mittaukset")


class Scale(Model):
    min: Number = Field(1, description="Asteikon pienin arvo.")
    max: Number = Field(5, description="Asteikon suurin arvo.")

    @model_validator(mode="after")
    def min_below_max(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError("scale", "`min` must be smaller than `max`")
        return self


class YesNoIndicator(IndicatorBase):
    """Toteutunut kyllä / osittain / ei."""

    kind: Literal["kyllä-ei"] = Field(alias="tyyppi")
    measurements: list[YesNoMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )


class ScaleIndicator(IndicatorBase):
    """Asteikkomittari (esim. kysely 1–5); toteutuu, kun viimeisin arvo ≥ tavoite."""

    kind: Literal["asteikko"] = Field(alias="tyyppi")
    scale: Scale = Field(
        default_factory=Scale, alias="asteikko", description="Asteikko, oletus 1–5."
    )
    target: Number | None = Field(None, alias="tavoite", description="Tavoitearvo asteikolla.")
    measurements: list[ScaleMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )


class CountIndicator(IndicatorBase):
    """Määrä; toteutuu, kun määrä kasvaa lähtökaudesta tai saavuttaa tavoitteen."""

    kind: Literal["määrä"] = Field(alias="tyyppi")
    target: Number | None = Field(None, alias="tavoite", ge=0, description="Tavoitemäärä.")
    baseline_period: PeriodText | None = Field(
        None, alias="lähtökausi", description="Kausi, josta kasvua mitataan (oletus: ensimmäinen)."
    )
    unit: str | None = Field(None, alias="yksikkö", description="Yksikkö, esim. € tai kertaa.")
    measurements: list[CountMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )


class TextIndicator(IndicatorBase):
    """Laadullinen mittari; tilaa ei lasketa, vaan se näytetään raportoituna."""

    kind: Literal["teksti"] = Field(alias="tyyppi")
    measurements: list[TextMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )


Indicator = Annotated[
    YesNoIndicator | ScaleIndicator | CountIndicator | TextIndicator,
    Field(discriminator="kind"),
]


# --- measures, goals, plans ---------------------------------------------------------------------


class StatusReport(Model):
    """Raportoitu tila ja kertomus yhdeltä kaudelta."""

    period: PeriodText = Field(alias="kausi", description="Raportointikausi.")
    status: ReportedStatus = Field(
        alias="tila", description="toteutuu, toteutuu osittain tai ei toteudu."
    )
    text: str | None = Field(None, alias="teksti", description="Raportin kertomus.")


class Measure(Model):
    """Toimenpide."""

    id: Id = Field(description="Tunniste, esim. T1.2 tai O4.3.")
    name: Text = Field(alias="nimi", description="Toimenpiteen nimi.")
    description: str | None = Field(None, alias="kuvaus", description="Kuvaus.")
    sub_actions: list[Text] = Field(
        default_factory=list, alias="alatoimenpiteet", description="Alatoimenpiteet."
    )
    target_groups: list[Text] = Field(
        default_factory=list, alias="kohderyhmät", description="Kohderyhmät."
    )
    baseline: list[Text] = Field(default_factory=list, alias="lähtötaso", description="Lähtötaso.")
    follow_up: str | None = Field(
        None, alias="seuranta", description="Miten toimenpidettä seurataan."
    )
    indicators: list[Indicator] = Field(
        default_factory=list, alias="mittarit", description="Tavoitetason mittarit."
    )
    reports: list[StatusReport] = Field(
        default_factory=list, alias="raportit", description="Raportoidut tilat."
    )


class Goal(Model):
    """Tavoite."""

    id: Id = Field(description="Tunniste, esim. T1 tai O4.")
    name: Text = Field(alias="nimi", description="Tavoitteen nimi.")
    dimension: str | None = Field(None, alias="ulottuvuus", description="Osallisuuden ulottuvuus.")
    description: str | None = Field(None, alias="kuvaus", description="Kuvaus.")
    strategy_goals: list[Id] = Field(
        default_factory=list,
        alias="strategiset_tavoitteet",
        description="Strategian tavoitteiden tunnisteet.",
    )
    strategy_metrics: list[Id] = Field(
        default_factory=list,
        alias="strategiset_mittarit",
        description="Strategiatasoisten mittarien tunnisteet.",
    )
    indicators: list[Indicator] = Field(
        default_factory=list, alias="mittarit", description="Tavoitetason mittarit."
    )
    measures: list[Measure] = Field(
        default_factory=list, alias="toimenpiteet", description="Toimenpiteet."
    )


class Event(Model):
    """Käsittely: kokous tai päätös."""

    date: dt.date = Field(alias="päivä", description="Päivämäärä (VVVV-KK-PP).")
    body: Text = Field(alias="elin", description="Toimielin.")
    description: Text = Field(alias="kuvaus", description="Mitä käsiteltiin tai päätettiin.")


class Milestone(Model):
    """Aikataulun vaihe."""

    name: Text = Field(alias="nimi")
    when: str | None = Field(None, alias="ajankohta", description="Ajankohta kuten asiakirjassa.")
    start: dt.date | None = Field(None, alias="alku", description="Alkupäivä.")
    end: dt.date | None = Field(None, alias="loppu", description="Loppupäivä.")
    items: list[TextItem] = Field(default_factory=list, alias="kohdat")

    @model_validator(mode="after")
    def start_before_end(self) -> Milestone:
        if self.start and self.end and self.end < self.start:
            raise PydanticCustomError("dates", "`loppu` is before `alku`")
        return self


class Role(Model):
    """Rooli toimeenpanossa."""

    id: Id
    name: Text = Field(alias="nimi")
    duties: list[TextItem] = Field(default_factory=list, alias="tehtävät")


class ReportingRhythm(Model):
    """Raportointi yleisölle, kuten suunnitelmassa kirjoitettu."""

    audience: Id = Field(alias="yleisö", description="Yleisön tunniste yhteisestä tiedostosta.")
    text: str | None = Field(None, alias="teksti")


class Theme(Model):
    """Vahvuus tai kehittämiskokonaisuus."""

    name: Text = Field(alias="nimi")
    items: list[TextItem] = Field(default_factory=list, alias="kohdat")


class Plan(Model):
    """Suunnitelma tai ohjelma."""

    id: Annotated[str, Field(pattern=PLAN_ID_PATTERN)] = Field(
        description="Suunnitelman tunniste: pienet kirjaimet, numerot ja viivat."
    )
    name: Text = Field(alias="nimi")
    owner: str | None = Field(None, alias="omistaja", description="Omistava toimielin.")
    first_year: int | None = Field(None, alias="alkuvuosi", ge=1900, le=2200)
    last_year: int | None = Field(None, alias="loppuvuosi", ge=1900, le=2200)
    source: str | None = Field(None, alias="lähde", description="Lähdeasiakirja.")
    description: str | None = Field(None, alias="kuvaus")
    events: list[Event] = Field(default_factory=list, alias="käsittelyt")
    contents: list[TextItem] = Field(default_factory=list, alias="sisältö")
    background: list[TextItem] = Field(default_factory=list, alias="tausta")
    schedule: list[Milestone] = Field(default_factory=list, alias="aikataulu")
    follow_up: list[TextItem] = Field(default_factory=list, alias="seuranta")
    implementation: list[TextItem] = Field(default_factory=list, alias="toteutus")
    roles: list[Role] = Field(default_factory=list, alias="roolit")
    reporting: list[ReportingRhythm] = Field(default_factory=list, alias="raportointi")
    strengths: list[Theme] = Field(default_factory=list, alias="vahvuudet")
    themes: list[Theme] = Field(default_factory=list, alias="kehittämiskokonaisuudet")
    goals: list[Goal] = Field(alias="tavoitteet", description="Tavoitteet.")

    @model_validator(mode="after")
    def years_in_order(self) -> Plan:
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise PydanticCustomError("years", "`loppuvuosi` is before `alkuvuosi`")
        return self


# --- the shared file ----------------------------------------------------------------------------


class StrategyItem(Model):
    id: Id
    name: Text = Field(alias="nimi")
    description: str | None = Field(None, alias="kuvaus")


MONTH_DAY_PATTERN = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class Audience(Model):
    """Raportin yleisö ja sen raportointirytmi."""

    id: Id = Field(description="Tunniste; raporttipohja on templates/<id>.md.j2.")
    name: Text = Field(alias="nimi")
    description: str | None = Field(None, alias="kuvaus")
    times_per_year: int = Field(alias="kertaa_vuodessa", ge=1, le=12)
    at_most_per_year: int | None = Field(None, alias="enintään_kertaa_vuodessa", ge=1, le=12)
    deadlines: list[Annotated[str, Field(pattern=MONTH_DAY_PATTERN)]] = Field(
        default_factory=list, alias="ajankohdat", description="Määräpäivät muodossa KK-PP."
    )
    plans: list[Annotated[str, Field(pattern=PLAN_ID_PATTERN)]] = Field(
        alias="suunnitelmat", description="Suunnitelmat, joista yleisö saa raportin."
    )

    @model_validator(mode="after")
    def rhythm_consistent(self) -> Audience:
        if self.at_most_per_year is not None and self.at_most_per_year < self.times_per_year:
            raise PydanticCustomError(
                "rhythm", "`enintään_kertaa_vuodessa` is smaller than `kertaa_vuodessa`"
            )
        return self


class Shared(Model):
    """Yhteiset tiedot: strategia ja raporttien yleisöt."""

    organisation: Text = Field(alias="organisaatio")
    strategy_goals: list[StrategyItem] = Field(default_factory=list, alias="strategiset_tavoitteet")
    strategy_metrics: list[StrategyItem] = Field(default_factory=list, alias="strategiset_mittarit")
    audiences: list[Audience] = Field(default_factory=list, alias="yleisöt")
