"""The plan data model: one general schema for every programme, strict about keys and types.

Plan → goals → measures → indicators, with reported statuses per period; the shared file holds
what the plans refer to (strategy goals and metrics, report audiences). Indicators come from the
kinds' registry (`kinds/`). Structure and types are checked here by pydantic; rules that need the
whole plan set (unique ids, references, values against an indicator) live in `checks.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jarjesto_cli.domain.colours import AA_TEXT, HEX_COLOUR_PATTERN, WHITE, contrast
from jarjesto_cli.domain.fields import (
    Id,
    Model,
    PeriodField,
    PlanId,
    Text,
    TextItem,
)
from jarjesto_cli.domain.kinds import Indicator
from jarjesto_cli.domain.periods import Period

STATUS_WORDS = ("toteutuu", "toteutuu osittain", "ei toteudu")
ReportedStatus = Literal["toteutuu", "toteutuu osittain", "ei toteudu"]
PRIORITIES = ("korkea", "normaali", "matala")
Priority = Literal["korkea", "normaali", "matala"]
ACTOR_TYPES = ("yksikkö", "toimielin", "järjestö", "verkosto", "muu")
ActorType = Literal["yksikkö", "toimielin", "järjestö", "verkosto", "muu"]


# --- measures, goals, plans ---------------------------------------------------------------------


class StatusReport(Model):
    """Raportoitu tila ja kertomus yhdeltä kaudelta."""

    period: PeriodField = Field(alias="kausi", description="Raportointikausi.")
    status: ReportedStatus = Field(
        alias="tila", description="toteutuu, toteutuu osittain tai ei toteudu."
    )
    text: str | None = Field(None, alias="teksti", description="Raportin kertomus.")
    reason: str | None = Field(
        None,
        alias="perustelu",
        description="Miksi raportoitu tila poikkeaa mittareiden osoittamasta (hyväksytty ero).",
    )


class Schedule(Model):
    """Aikataulu: alku- ja loppukausi (kumpi tahansa voi puuttua)."""

    start: PeriodField | None = Field(None, alias="alku", description="Kausi, jolloin työ alkaa.")
    end: PeriodField | None = Field(
        None, alias="loppu", description="Kausi, jonka loppuun mennessä työ on tehty."
    )

    @model_validator(mode="after")
    def start_before_end(self) -> Schedule:
        if self.start and self.end and self.end.end < self.start.start:
            raise PydanticCustomError("schedule", "`loppu` is before `alku`")
        return self

    def late(self, period: Period) -> bool:
        """The schedule's end has passed by the end of `period`."""
        return self.end is not None and self.end.known_by(period)

    def not_started(self, period: Period) -> bool:
        """The schedule's start lies after `period`."""
        return self.start is not None and self.start.start > period.end


class SubActionItem(Model):
    """Alatoimenpide, jolla on vastuutaho tai aikataulu."""

    text: Text = Field(alias="teksti", description="Alatoimenpiteen teksti.")
    owners: list[Id] = Field(
        default_factory=list,
        alias="vastuu",
        description="Vastuutahot (toimijoiden tunnisteet); ensimmäinen on vetäjä.",
    )
    schedule: Schedule | None = Field(None, alias="aikataulu", description="Aikataulu.")


SubAction = Annotated[
    Text | SubActionItem,
    Field(description="Alatoimenpide: teksti tai {teksti, vastuu, aikataulu}."),
]


def sub_action_text(item: str | SubActionItem) -> str:
    return item if isinstance(item, str) else item.text


def sub_action_owners(item: str | SubActionItem) -> list[str]:
    return [] if isinstance(item, str) else list(item.owners)


def sub_action_schedule(item: str | SubActionItem) -> Schedule | None:
    return None if isinstance(item, str) else item.schedule


class Measure(Model):
    """Toimenpide."""

    id: Id = Field(description="Tunniste, esim. T1.2 tai O4.3.")
    name: Text = Field(alias="nimi", description="Toimenpiteen nimi.")
    description: str | None = Field(None, alias="kuvaus", description="Kuvaus.")
    sub_actions: list[SubAction] = Field(
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
    owners: list[Id] = Field(
        default_factory=list,
        alias="vastuu",
        description="Vastuutahot (toimijoiden tunnisteet yhteisestä tiedostosta); ensimmäinen "
        "on vetäjä.",
    )
    schedule: Schedule | None = Field(None, alias="aikataulu", description="Aikataulu.")
    priority: Priority | None = Field(
        None, alias="prioriteetti", description="Prioriteetti: korkea, normaali tai matala."
    )

    def not_started(self, period: Period) -> bool:
        """Its schedule starts after `period`: not started yet (never "no data")."""
        return self.schedule is not None and self.schedule.not_started(period)


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
    actor: Id | None = Field(
        None,
        alias="toimija",
        description="Toimija, jonka roolia kuvataan (yhteisestä tiedostosta).",
    )
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

    id: PlanId = Field(
        description="Suunnitelman tunniste: pienet kirjaimet, numerot ja viivat (enintään 64)."
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

    def years_text(self) -> str:
        """`2026–2030`, `2023` (a plan of one year), `2026–` or `–2030`; empty when the plan
        gives neither year."""
        if self.first_year is None and self.last_year is None:
            return ""
        if self.first_year == self.last_year:
            return str(self.first_year)
        first = "" if self.first_year is None else str(self.first_year)
        last = "" if self.last_year is None else str(self.last_year)
        return f"{first}–{last}"

    def within_years(self, period: Period) -> bool:
        """True when `period` lies inside `alkuvuosi`–`loppuvuosi` (either may be open)."""
        if self.first_year is not None and period.year < self.first_year:
            return False
        return self.last_year is None or period.year <= self.last_year


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
    plans: list[PlanId] = Field(
        alias="suunnitelmat", description="Suunnitelmat, joista yleisö saa raportin."
    )

    @model_validator(mode="after")
    def rhythm_consistent(self) -> Audience:
        if self.at_most_per_year is not None and self.at_most_per_year < self.times_per_year:
            raise PydanticCustomError(
                "rhythm", "`enintään_kertaa_vuodessa` is smaller than `kertaa_vuodessa`"
            )
        return self


class Actor(Model):
    """Toimija: yksikkö, toimielin, järjestö tai verkosto, joka voi vastata toimenpiteestä."""

    id: Id = Field(description="Tunniste, esim. hyte-tiimi.")
    name: Text = Field(alias="nimi", description="Toimijan nimi.")
    type: ActorType = Field(
        alias="tyyppi", description="yksikkö, toimielin, järjestö, verkosto tai muu."
    )


Colour = Annotated[str, Field(pattern=HEX_COLOUR_PATTERN)]
LOGO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpg|jpeg|webp)$"


class SiteColours(Model):
    """Verkkosivuston värit; valkoinen teksti niiden päällä on luettavaa (kontrasti ≥ 4,5:1)."""

    primary: Colour | None = Field(
        None, alias="pääväri", description="Yläpalkin ja linkkien väri, muodossa #rrggbb."
    )
    accent: Colour | None = Field(
        None, alias="korostusväri", description="Kohdistuksen ja korostusten väri, #rrggbb."
    )

    @model_validator(mode="after")
    def readable_on_white(self) -> SiteColours:
        for key, colour in (("pääväri", self.primary), ("korostusväri", self.accent)):
            if colour is not None and contrast(colour, WHITE) < AA_TEXT:
                raise PydanticCustomError(
                    "contrast",
                    "`{key}` {colour} has a contrast of {ratio}:1 with white; "
                    "WCAG AA needs at least 4.5:1, so choose a darker colour",
                    {"key": key, "colour": colour, "ratio": f"{contrast(colour, WHITE):.1f}"},
                )
        return self


class Feedback(Model):
    """Saavutettavuuspalautteen vastaanottaja."""

    name: Text = Field(alias="nimi", description="Kuka palautteen ottaa vastaan, esim. tiimi.")
    email: str | None = Field(
        None, alias="sähköposti", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="Sähköposti."
    )
    phone: str | None = Field(None, alias="puhelin", description="Puhelinnumero.")
    form: str | None = Field(
        None, alias="lomake", pattern=r"^https://\S+$", description="Palautelomakkeen osoite."
    )


class Site(Model):
    """Verkkosivusto (`plan site`): nimi, ilme ja saavutettavuuspalautteen yhteystieto."""

    title: str | None = Field(
        None, alias="nimi", description="Sivuston nimi (oletus: Suunnitelmien seuranta)."
    )
    address: str | None = Field(
        None,
        alias="osoite",
        pattern=r"^https://\S+$",
        description="Julkaistun sivuston osoite saavutettavuusselosteeseen.",
    )
    logo: str | None = Field(
        None,
        pattern=LOGO_PATTERN,
        description="Logon tiedostonimi suunnitelmakansiossa (svg, png, jpg tai webp).",
    )
    colours: SiteColours = Field(
        default_factory=SiteColours, alias="värit", description="Sivuston värit."
    )
    feedback: Feedback | None = Field(
        None, alias="palaute", description="Saavutettavuuspalautteen yhteystieto."
    )


class Shared(Model):
    """Yhteiset tiedot: strategia ja raporttien yleisöt."""

    organisation: Text = Field(alias="organisaatio")
    site: Site | None = Field(
        None, alias="sivusto", description="Verkkosivuston asetukset (plan site)."
    )
    strategy_goals: list[StrategyItem] = Field(default_factory=list, alias="strategiset_tavoitteet")
    strategy_metrics: list[StrategyItem] = Field(default_factory=list, alias="strategiset_mittarit")
    audiences: list[Audience] = Field(default_factory=list, alias="yleisöt")
    actors: list[Actor] = Field(
        default_factory=list, alias="toimijat", description="Toimijat, joihin vastuu viittaa."
    )
