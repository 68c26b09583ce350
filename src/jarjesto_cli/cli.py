"""The `plan` command line: parse options, call the core, print. Errors reach the user here.

Exit codes: 0 ok · 1 bad data (the plans or an input file) · 2 bad usage · 3 a bug · 130 Ctrl-C.
Heavy libraries (templates, DOCX, charts) are imported inside the commands that need them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from jarjesto_cli import __version__
from jarjesto_cli.errors import PlanError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="plan",
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


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def handle_errors(func: F) -> F:
    """Known errors → one line on stderr and their exit code; anything else is a bug (exit 3)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanError as exc:
            _err(f"Error: {exc.text()}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("Interrupted.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            log = _write_crash_log()
            _err(
                f"Error: unexpected {type(exc).__name__}: {exc}\n"
                f"This is a bug in jarjesto-cli, not in your plans. Details: {log}"
            )
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def _write_crash_log() -> str:
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="jarjesto-cli-crash-", suffix=".log", delete=False, encoding="utf-8"
        ) as fh:
            traceback.print_exc(file=fh)
            return fh.name
    except OSError:
        return "(could not write a log)"


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
@handle_errors
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
    from jarjesto_cli.commands.validate import render, validate_paths

    result = validate_paths(paths or [plans])
    typer.echo(render(result, str(output_format)), nl=False)
    raise typer.Exit(result.exit_code(strict=strict))


# --- status -------------------------------------------------------------------------------------


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
@handle_errors
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
    from jarjesto_cli.domain.summary import as_json, parse_period, summarize
    from jarjesto_cli.files.loading import load_valid

    wanted = parse_period(period) if period else None
    planset = load_valid(plans)
    summary = summarize(planset, period=wanted, plan_ids=plan, goal_id=goal)
    if output_format is StatusFormat.json:
        import json

        typer.echo(json.dumps(as_json(summary), ensure_ascii=False, indent=2))
    elif output_format is StatusFormat.md:
        from jarjesto_cli.outputs.status_view import render_markdown

        typer.echo(render_markdown(summary), nl=False)
    elif sys.stdout.isatty():
        from jarjesto_cli.outputs.status_view import render_rich

        render_rich(summary, _console())
    else:
        from jarjesto_cli.outputs.status_view import render_plain

        typer.echo(render_plain(summary), nl=False)
    for warning in planset.warnings:
        _err(warning.text())


def _console() -> Any:
    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    # plain text for pipes and files: no colour codes, a fixed comfortable width
    return Console(no_color=True, width=120, force_terminal=False, highlight=False, emoji=False)


# --- report -------------------------------------------------------------------------------------


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"
    all = "all"


@app.command()
@handle_errors
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
            "--since", help="Add the changes since this git revision (e.g. the last report's tag)."
        ),
    ] = None,
    plans: PlansOption = DEFAULT_PLANS,
) -> None:
    """Write an audience's report: Markdown, DOCX, and charts as PNG.

    Example: plan report --audience lautakunta --format all --output reports/
    """
    from jarjesto_cli.domain.summary import parse_period
    from jarjesto_cli.files.loading import load_valid
    from jarjesto_cli.outputs.reports import make_reports

    wanted = parse_period(period) if period else None
    formats = ["md", "docx"] if output_format is ReportFormat.all else [str(output_format)]
    planset = load_valid(plans)
    audiences = [audience]
    if audience == "all" and planset.shared is not None:
        audiences = [a.id for a in planset.shared.audiences]
    changes = None
    if since is not None:
        from jarjesto_cli.commands.diff import run_diff

        found = run_diff(plans, since, current=planset).changes
        changes = [c.as_dict() | {"label": c.label()} for c in found]
    results = make_reports(
        planset,
        audiences,
        period=wanted,
        formats=formats,
        output_dir=output,
        templates=templates,
        changes=changes,
        since=since,
    )
    for result in results:
        for path in result.files:
            typer.echo(f"Wrote {path}")


# --- diff ---------------------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


@app.command("diff")
@handle_errors
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
    from jarjesto_cli.commands.diff import render, run_diff

    typer.echo(render(run_diff(plans, revision, to), str(output_format)), nl=False)


# --- calendar and export ------------------------------------------------------------------------


@app.command()
@handle_errors
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
    from jarjesto_cli.clock import today
    from jarjesto_cli.commands.calendar import run_calendar
    from jarjesto_cli.files.loading import load_valid

    planset = load_valid(plans)
    day = today()
    result = run_calendar(planset, year=year or day.year, today=day, ics=ics)
    typer.echo(result.text, nl=False)
    if ics is not None:
        _err(f"Wrote {ics}")
    if fail_on_missing and result.missing_count:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@app.command()
@handle_errors
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
    from jarjesto_cli.clock import today
    from jarjesto_cli.commands.export import run_export
    from jarjesto_cli.domain.summary import parse_period
    from jarjesto_cli.files.loading import load_valid

    wanted = parse_period(period) if period else None
    planset = load_valid(plans)
    written = run_export(planset, str(output_format), output, period=wanted, today=today())
    if written is not None:
        _err(f"Wrote {written}")


# --- schema -------------------------------------------------------------------------------------


class SchemaKind(StrEnum):
    plan = "plan"
    shared = "shared"


@app.command()
@handle_errors
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
    from jarjesto_cli.files.writing import write_text_atomic
    from jarjesto_cli.outputs.schema import schema_text

    text = schema_text(str(kind))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        _err(f"Wrote {output}")


def main() -> None:
    """Console-script entry point."""
    app()


# --- editing ------------------------------------------------------------------------------------

PeriodOption = Annotated[
    str, typer.Option("--period", help="The period the value is for: 2026, 2026-H1 or 2023-Q3.")
]


def _report_edit(result: Any, *, verb: str = "Wrote") -> None:
    for change in result.changes:
        typer.echo(f"{verb} {change.text()}")
    for path in result.reformatted:
        _err(
            f"Note: {path} was not in the usual layout; the writer re-indented it. Review the diff."
        )
    for warning in result.warnings:
        _err(warning.text())


@app.command()
@handle_errors
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
    from jarjesto_cli.commands.edit import record as run

    result = run(plans, indicator_id, period, value, n=n, note=note, source=source, replace=replace)
    _report_edit(result)


@app.command("set-status")
@handle_errors
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
    from jarjesto_cli.commands.edit import set_status as run

    _report_edit(run(plans, measure_id, period, status_word, text))


@app.command("import-survey")
@handle_errors
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
    from jarjesto_cli.commands.edit import import_survey as run
    from jarjesto_cli.outputs.survey_view import render_results

    result = run(plans, survey, map_file, period, replace=replace, dry_run=dry_run)
    render_results(result.results, _console())
    if dry_run:
        typer.echo("Dry run: nothing was written.")
    else:
        _report_edit(result.edit)
