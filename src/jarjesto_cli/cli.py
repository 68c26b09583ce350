"""The `plan` command line: declares each command's options and calls its module in
`commands/`. Errors reach the user through `error_handler`, around every command.

Exit codes: 0 ok · 1 bad data (the plans or an input file) · 2 bad usage · 3 a bug · 130 Ctrl-C.
Heavy libraries (templates, DOCX, charts) are imported inside the commands that need them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jarjesto_cli import __version__
from jarjesto_cli.error_handler import error_handler


class Group(TyperGroup):
    """The `plan` command group: every command runs inside the one error handler."""

    def invoke(self, ctx: Any) -> Any:
        with error_handler():
            return super().invoke(ctx)


app = typer.Typer(
    name="plan",
    cls=Group,
    help="Keep a programme as YAML: validate it, see its status, write reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

PlansOption = Annotated[
    Path,
    typer.Option("--plans", "-p", help="Directory of plan YAML files.", show_default=True),
]
DEFAULT_PLANS = Path("plans")


def _done(code: int) -> None:
    """End the command with its exit code."""
    if code:
        raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plan (jarjesto-cli) {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep a programme as YAML: validate it, see its status, write reports.

    Example: plan status -p plans
    """


# --- validate -----------------------------------------------------------------------------------


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files or directories (default: the --plans directory)."),
    ] = None,
    plans: PlansOption = DEFAULT_PLANS,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text, json, or github (Actions annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the plans: schema, ids, references, values. Exit 1 on errors.

    Example: plan validate plans/ --format github
    """
    from jarjesto_cli.commands.validate import run

    _done(run(paths or [plans], output_format=str(output_format), strict=strict))


# --- status -------------------------------------------------------------------------------------


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
def status(
    plans: PlansOption = DEFAULT_PLANS,
    plan: Annotated[
        list[str] | None, typer.Option("--plan", help="Only this plan (id); repeatable.")
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", help="Only this goal (id), e.g. T1.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="State as known at the end of this period: 2026, 2026-H1, 2023-Q4. "
            "Default: the latest period with data.",
        ),
    ] = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table (terminal), json or md.")
    ] = StatusFormat.table,
) -> None:
    """Show where every goal, measure and indicator stands.

    Example: plan status --plan osallisuusohjelma --period 2023-Q4
    """
    from jarjesto_cli.commands.status import run

    _done(run(plans, plan_ids=plan, goal=goal, period=period, output_format=str(output_format)))


# --- report -------------------------------------------------------------------------------------


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"
    all = "all"


@app.command()
def report(
    audience: Annotated[
        str,
        typer.Option("--audience", "-a", help="Who the report is for (an audience id, or all)."),
    ],
    period: Annotated[
        str | None,
        typer.Option("--period", help="Report period (default: the latest with data)."),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, docx or all.")
    ] = ReportFormat.md,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path(
        "reports"
    ),
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Template folder (default: ./templates, else the built-in ones)."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Add the changes since this git revision (default: the last raportti-* tag).",
        ),
    ] = None,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Write an audience's report: Markdown, DOCX, and charts as PNG.

    Example: plan report --audience lautakunta --format all --output reports/
    """
    from jarjesto_cli.commands.report import run

    _done(
        run(
            plans,
            audience=audience,
            period=period,
            output_format=str(output_format),
            output=output,
            templates=templates,
            since=since,
        )
    )


# --- diff ---------------------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


@app.command("diff")
def diff_command(
    revision: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV]",
            help="Compare with this revision (default: last raportti-* tag, else HEAD).",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Compare with this revision instead of the working tree."),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json or md (a PR comment).")
    ] = DiffFormat.text,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Show what changed in the plans since a git revision: statuses, values, measures, targets.

    Example: plan diff raportti-2026-H1 --format md
    """
    from jarjesto_cli.commands.diff import run

    _done(run(plans, revision, to, output_format=str(output_format)))


# --- calendar and export ------------------------------------------------------------------------


@app.command()
def calendar(
    year: Annotated[
        int | None, typer.Option("--year", help="Calendar year (default: this year).")
    ] = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write the deadlines as an iCalendar file.")
    ] = None,
    fail_on_missing: Annotated[
        bool,
        typer.Option(
            "--fail-on-missing", help="Exit 1 if a passed deadline has measures or values missing."
        ),
    ] = False,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """List the year's reporting deadlines per audience and what is still missing for them.

    Example: plan calendar --year 2026 --ics raportointi-2026.ics
    """
    from jarjesto_cli.commands.calendar import run

    _done(run(plans, year=year, ics=ics, fail_on_missing=fail_on_missing))


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or xlsx.")] = (
        ExportFormat.csv
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file (default: reports/vienti-<period>.<format>; '-' prints CSV).",
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="State as known at the end of this period (default: latest)."
        ),
    ] = None,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Export one flat row per measure and per indicator, for Targetori or a spreadsheet.

    Example: plan export --format xlsx --output targetori.xlsx
    """
    from jarjesto_cli.commands.export import run

    _done(run(plans, output_format=str(output_format), output=output, period=period))


# --- schema -------------------------------------------------------------------------------------


class SchemaKind(StrEnum):
    plan = "plan"
    shared = "shared"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="plan (a programme file) or shared (vake.yaml).")
    ] = (SchemaKind.plan),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of printing.")
    ] = None,
) -> None:
    """Print the JSON Schema of the plan files, for editors and other validators.

    Example: plan schema plan -o schema/plan.schema.json
    """
    from jarjesto_cli.commands.schema import run

    _done(run(str(kind), output))


def main() -> None:
    """Console-script entry point."""
    app()


# --- editing ------------------------------------------------------------------------------------

PeriodOption = Annotated[
    str, typer.Option("--period", help="The period the value is for: 2026, 2026-H1 or 2023-Q3.")
]


@app.command()
def record(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="Indicator id, e.g. T1.1.2.")],
    period: PeriodOption,
    value: Annotated[
        str | None,
        typer.Option("--value", help="kyllä/osittain/ei, a number on the scale, a count, or text."),
    ] = None,
    n: Annotated[int | None, typer.Option("--n", help="Number of respondents.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note (huomio).")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the value comes from.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace an existing value for the period.")
    ] = False,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Record a measurement of an indicator, keeping the file's comments and layout.

    Example: plan record T1.1.2 --period 2026-H2 --value 3.8 --n 41
    """
    from jarjesto_cli.commands.edit import run_record

    _done(
        run_record(
            plans, indicator_id, period, value, n=n, note=note, source=source, replace=replace
        )
    )


@app.command("set-status")
def set_status(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="Measure id, e.g. T1.2.")],
    period: PeriodOption,
    status_word: Annotated[
        str,
        typer.Option(
            "--status", help="toteutuu, 'toteutuu osittain' (or osittain), 'ei toteudu' (or ei)."
        ),
    ],
    text: Annotated[
        str | None, typer.Option("--text", help="The narrative (kertomus) for the period.")
    ] = None,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Set a measure's reported status and narrative for a period.

    Example: plan set-status T1.2 --period 2026 --status osittain --text "Prosessit kuvattu."
    """
    from jarjesto_cli.commands.edit import run_set_status

    _done(run_set_status(plans, measure_id, period, status_word, text))


@app.command("import-survey")
def import_survey(
    survey: Annotated[Path, typer.Argument(help="The survey export: CSV (UTF-8) or XLSX.")],
    map_file: Annotated[
        Path, typer.Option("--map", help="YAML mapping indicator ids to question column headers.")
    ],
    period: PeriodOption,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace existing values for the period.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the results; write nothing.")
    ] = False,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Record a survey's per-question mean and n as scale indicator values.

    Example: plan import-survey kysely.csv --map kysely-map.yaml --period 2026-H2
    """
    from jarjesto_cli.commands.edit import run_import_survey

    _done(run_import_survey(plans, survey, map_file, period, replace=replace, dry_run=dry_run))
