"""The `plan` command line: declares each command's options and calls its module in
`commands/`. Errors reach the user through `error_handler`, around every command.

Exit codes: 0 ok · 1 bad data (the plans or an input file) · 2 bad usage · 3 a bug · 130 Ctrl-C.
Heavy libraries (templates, DOCX, charts) are imported inside the commands that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from jarjesto_cli import __version__
from jarjesto_cli.error_handler import error_handler, quiet_broken_pipe


class Group(TyperGroup):
    """The `plan` command group: every command runs inside the one error handler."""

    def invoke(self, ctx: Any) -> Any:
        with error_handler():
            return super().invoke(ctx)


class Command(TyperCommand):
    """A command whose help speaks to people: arguments by their names (`ID`, `[PATH]...`),
    never by Python types (`<list[Path]>`, `<str>`) or typer's braces (`{ID}`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_argument_name(p) for p in self.get_params(ctx) if _is_argument(p)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if _is_argument(param):
                required = "  [required]" if param.required else ""
                help_text = getattr(param, "help", None) or ""
                arguments.append((_argument_name(param), help_text + required))
            else:
                record = param.get_help_record(ctx)
                if record is not None:
                    options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


app = typer.Typer(
    name="plan",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
)


def command(name: str, short_help: str) -> Callable[[F], F]:
    """A `plan` command; `short_help` is its line in `plan --help` (short enough never to be
    cut off in an 80-column terminal)."""
    decorator: Callable[[F], F] = app.command(name, cls=Command, short_help=short_help)
    return decorator


F = TypeVar("F", bound=Callable[..., Any])

PlansOption = Annotated[
    Path | None,
    typer.Option(
        "--plans",
        "-p",
        metavar="DIR",
        help="The folder of plan YAML files (default: plans/ here or in a folder above, "
        "as git finds its repository).",
        show_default=False,
    ),
]
PLANS_DIRNAME = "plans"


def _plans(given: Path | None) -> Path:
    """`--plans`, else `plans/` here, else the nearest `plans/` above (up to the top of the
    git repository); a plans folder found above is named on standard error."""
    return _find_plans(given)[0]


def _find_plans(given: Path | None) -> tuple[Path, bool]:
    """The plans folder, and whether it was found in a folder above this one."""
    if given is not None:
        return given, False
    here = Path(PLANS_DIRNAME)
    if here.is_dir():
        return here, False
    import os

    from jarjesto_cli.files.finding import find_plans_dir
    from jarjesto_cli.outputs.terminal import err

    found = find_plans_dir(Path.cwd())
    if found is None:
        return here, False  # the command says that there is no plans/ here
    shown = Path(os.path.relpath(found))
    err(f"Using the plans in {'this folder' if shown == Path() else shown}")
    return shown, True


def _beside(plans: Path, name: str, *, must_exist: bool = False) -> Path | None:
    """A default folder (`reports`, `templates`) beside a plans folder found above: run inside
    the repository, a command writes and reads where it would at the repository's top."""
    import os

    folder = plans.resolve().parent / name
    if must_exist and not folder.is_dir():
        return None
    return Path(os.path.relpath(folder))  # `../reports`, as the plans folder was named


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

    Run a command with -h for its options and an example, e.g. plan status -h.

    Example: plan status
    """


# --- validate -----------------------------------------------------------------------------------


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@command("validate", "Check the plans: schema, ids, references, values.")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Plan files or folders to check (default: the plans folder).",
            show_default=False,
        ),
    ] = None,
    plans: PlansOption = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text, json, or github (Actions annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the plans: schema, ids, references, values. Exit 1 on errors.

    Every problem is one line: file:line:column: where in the plan: what is wrong — how to fix.

    Example: plan validate
    """
    from jarjesto_cli.commands.validate import run

    _done(run(paths or [_plans(plans)], output_format=str(output_format), strict=strict))


# --- status -------------------------------------------------------------------------------------


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@command("status", "Where each plan, goal, measure and indicator stands.")
def status(
    node_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Show this plan, goal, measure or indicator in detail, e.g. T1 or T1.2.",
            show_default=False,
        ),
    ] = None,
    plans: PlansOption = None,
    plan: Annotated[
        list[str] | None,
        typer.Option("--plan", metavar="PLAN", help="Only this plan (its id); repeatable."),
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", metavar="GOAL", help="Only this goal (id), e.g. T1.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The state as known at the end of this period: 2026, 2026-H1, 2023-Q4. "
            "Default: each plan's latest period with data.",
        ),
    ] = None,
    details: Annotated[
        bool,
        typer.Option("--details", "-d", help="Every goal, measure and indicator, not a summary."),
    ] = False,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table (terminal), json or md.")
    ] = StatusFormat.table,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="ACTOR",
            help="Only the measures this actor (an id from toimijat) leads or shares, or has "
            "a sub-action of.",
        ),
    ] = None,
) -> None:
    """Show where the plans stand: a summary that fits a screen, or the details.

    The summary gives each plan and goal with its counts, what is off track and what is
    missing. Give an id (or --details) for the measures and indicators; long output goes
    through a pager in a terminal (PAGER; PAGER=cat turns it off).

    Example: plan status T1.2
    """
    from jarjesto_cli.commands.status import run

    _done(
        run(
            _plans(plans),
            node_id=node_id,
            plan_ids=plan,
            goal=goal,
            period=period,
            output_format=str(output_format),
            details=details,
            owner=owner,
        )
    )


# --- editing ------------------------------------------------------------------------------------


@command("record", "Record an indicator's value for a period.")
def record(
    indicator_id: Annotated[
        str, typer.Argument(metavar="ID", help="The indicator's id, e.g. T1.1.2.")
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The period the value is for: 2026, 2026-H1 or 2023-Q3.",
        ),
    ],
    value: Annotated[
        str | None,
        typer.Option(
            "--value",
            metavar="VALUE",
            help="kyllä/osittain/ei, a number on the scale (3.8 or 3,8), a count, or text.",
        ),
    ] = None,
    n: Annotated[
        int | None, typer.Option("--n", metavar="N", help="The number of respondents.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note (huomio).")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="Where the value comes from (lähde)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace an existing value for the period (its n, note and source are kept "
            "unless given).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change; write nothing.")
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Record a measurement of an indicator, keeping the file's comments and layout.

    Example: plan record T1.1.2 --period 2026-H2 --value 3.8 --n 41
    """
    from jarjesto_cli.commands.edit import run_record

    _done(
        run_record(
            _plans(plans),
            indicator_id,
            period,
            value,
            n=n,
            note=note,
            source=source,
            replace=replace,
            dry_run=dry_run,
        )
    )


@command("set-status", "Set a measure's status and narrative for a period.")
def set_status(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure's id, e.g. T1.2.")],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The period the status is for: 2026, 2026-H1 or 2023-Q3.",
        ),
    ],
    status_word: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="toteutuu, 'toteutuu osittain' (or osittain), 'ei toteudu' (or ei).",
        ),
    ],
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="TEXT",
            help="The narrative (kertomus); '-' reads it from standard input.",
        ),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option("--text-file", metavar="FILE", help="Read the narrative from this file."),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit/--no-edit",
            help="Without --text, write the narrative in your editor (EDITOR), as git commit "
            "does; only in a terminal.",
        ),
    ] = True,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help="Why the status differs from what the indicators say (perustelu): the "
            "disagreement is then shown as accepted, not warned about.",
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace a status already reported for the period (its narrative and reason "
            "are kept unless new ones are given).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change; write nothing.")
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Set a measure's reported status and narrative for a period.

    Without --text or --text-file, in a terminal, your editor opens for the narrative.

    Example: plan set-status T1.2 --period 2026 --status osittain
    """
    from jarjesto_cli.commands.edit import run_set_status

    _done(
        run_set_status(
            _plans(plans),
            measure_id,
            period,
            status_word,
            text,
            text_file=text_file,
            edit=edit,
            reason=reason,
            replace=replace,
            dry_run=dry_run,
        )
    )


@command("set", "Set owners, schedule and priority of a measure or sub-action.")
def set_command(
    address: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A measure (T1.2) or one of its sub-actions, numbered from 1 as listed: "
            "T1.2/3 is T1.2's third sub-action.",
        ),
    ],
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            metavar="ACTOR",
            help="An owner's id from toimijat in the shared file; repeat for several, the lead "
            "first. Replaces the owners there were.",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="PERIOD", help="When the work starts: 2026-H2, 2027."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--end",
            metavar="PERIOD",
            help="The period by whose end the work is done: 2026-Q3, 2028. Past it and not "
            "toteutuu, the work is late.",
        ),
    ] = None,
    priority: Annotated[
        str | None,
        typer.Option("--priority", metavar="PRIORITY", help="korkea, normaali or matala."),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            metavar="FIELD",
            help="Remove a field again: owner, start, end or priority; repeatable.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change; write nothing.")
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Set who does a measure or sub-action (vastuu), when (aikataulu) and how urgently
    (prioriteetti), keeping the file's comments and layout.

    A sub-action written as plain text becomes {teksti, vastuu, aikataulu} when it gets an
    owner or a schedule, and plain text again when both are cleared.

    Example: plan set T1.2 --owner hyte-tiimi --end 2027 --priority korkea
    """
    from jarjesto_cli.commands.assign import run_set

    _done(
        run_set(
            _plans(plans),
            address,
            owners=owner,
            start=start,
            end=end,
            priority=priority,
            clear=clear,
            dry_run=dry_run,
        )
    )


@command("set-target", "Change an indicator's target by a recorded decision.")
def set_target(
    indicator_id: Annotated[
        str, typer.Argument(metavar="ID", help="The indicator's id, e.g. T1.1.2.")
    ],
    target: Annotated[
        str,
        typer.Option(
            "--target", metavar="VALUE", help="The new target: a number on the scale, a count."
        ),
    ],
    decision: Annotated[
        str,
        typer.Option(
            "--decision",
            metavar="TEXT",
            help="The decision that changed it, e.g. 'Lautakunta 26.5.2027 § 45' (päätös).",
        ),
    ],
    date: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The day of the decision: 26.5.2027 or 2027-05-26. The new target is in "
            "force for periods ending on or after it.",
        ),
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="Why the target changed (perustelu)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change; write nothing.")
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Record a target change: the old target, the decision, its date and reason go into
    tavoitemuutokset, and tavoite becomes the new target.

    Example: plan set-target T1.1.2 --target 4 --decision §45 --date 26.5.2027
    """
    from jarjesto_cli.commands.assign import run_set_target

    _done(
        run_set_target(
            _plans(plans),
            indicator_id,
            target,
            decision,
            date,
            reason=reason,
            dry_run=dry_run,
        )
    )


class TodoFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


@command("todo", "What a person or team must do next: late, due, missing.")
def todo(
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="ACTOR",
            help="Whose list: an actor's id from toimijat (default: everyone's, with owners).",
        ),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            "-a",
            metavar="AUDIENCE",
            help="Against this audience's next deadline (default: the next of any audience).",
        ),
    ] = None,
    output_format: Annotated[
        TodoFormat,
        typer.Option("--format", "-f", help="text, md (to paste in an email or issue) or json."),
    ] = TodoFormat.text,
    plans: PlansOption = None,
) -> None:
    """List what is late, what is due this quarter and what the next reporting deadline still
    lacks, each with its owners.

    Example: plan todo --owner hyte-tiimi --format md
    """
    from jarjesto_cli.commands.todo import run

    _done(run(_plans(plans), owner=owner, audience=audience, output_format=str(output_format)))


@command("import-survey", "Record a survey export's means as scale values.")
def import_survey(
    survey: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="The survey export: CSV or XLSX."),
    ],
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map", metavar="MAP.yaml", help="Which question gives which indicator's value."
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The period the values are for: 2026, 2026-H1 or 2023-Q3.",
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace existing values for the period.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the results; write nothing.")
    ] = False,
    list_columns: Annotated[
        bool,
        typer.Option("--columns", help="List the export's questions with their answer counts."),
    ] = False,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print a map file to fill in, for --map."),
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Record a survey's per-question mean and n as scale indicator values.

    First list the questions (--columns) and write the map (--template gives one to fill in).

    Example: plan import-survey kysely.csv --map kartta.yaml --period 2026-H2
    """
    from jarjesto_cli.commands.edit import run_import_survey

    _done(
        run_import_survey(
            _plans(plans),
            survey,
            map_file,
            period,
            replace=replace,
            dry_run=dry_run,
            list_columns=list_columns,
            template=template,
        )
    )


# --- diff and report ----------------------------------------------------------------------------


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


@command("diff", "What changed in the plans since a git revision.")
def diff_command(
    revision: Annotated[
        str | None,
        typer.Argument(
            metavar="REV",
            help="Compare with this revision (default: the last raportti-* tag, else HEAD).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="REV", help="Compare with this revision instead of your files."
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json or md (a PR comment).")
    ] = DiffFormat.text,
    plans: PlansOption = None,
) -> None:
    """Show what changed in the plans since a git revision: statuses, values, measures, targets.

    Example: plan diff raportti-2026-H1
    """
    from jarjesto_cli.commands.diff import run

    _done(run(_plans(plans), revision, to, output_format=str(output_format)))


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"
    all = "all"


@command("report", "Write an audience's report: Markdown and DOCX.")
def report(
    audience: Annotated[
        str,
        typer.Option(
            "--audience",
            "-a",
            metavar="AUDIENCE",
            help="Who the report is for: an audience id from the shared file, or all.",
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The period reported on (default: the latest with data).",
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, docx or all.")
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="DIR", help="The folder to write to (default: reports/)."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Template folder (default: ./templates, else the built-in ones).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Add the changes since this git revision (default: the last raportti-* tag).",
        ),
    ] = None,
    plans: PlansOption = None,
) -> None:
    """Write an audience's report: Markdown, DOCX, and charts as PNG.

    Example: plan report --audience lautakunta --format all
    """
    from jarjesto_cli.commands.report import run

    plans_dir, above = _find_plans(plans)
    if above:
        output = output or _beside(plans_dir, "reports")
        templates = templates or _beside(plans_dir, "templates", must_exist=True)
    _done(
        run(
            plans_dir,
            audience=audience,
            period=period,
            output_format=str(output_format),
            output=output or Path("reports"),
            templates=templates,
            since=since,
        )
    )


# --- calendar, export, schema -------------------------------------------------------------------


@command("calendar", "Reporting deadlines and what is still missing.")
def calendar(
    year: Annotated[
        int | None,
        typer.Option("--year", metavar="YEAR", help="The calendar year (default: this year)."),
    ] = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            "-a",
            metavar="AUDIENCE",
            help="Only this audience: its checklist for its next deadline.",
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="Also write the deadlines as an iCalendar file."
        ),
    ] = None,
    fail_on_missing: Annotated[
        bool,
        typer.Option(
            "--fail-on-missing", help="Exit 1 if a passed deadline has measures or values missing."
        ),
    ] = False,
    measures: Annotated[
        bool,
        typer.Option(
            "--measures",
            help="Also the measures' and sub-actions' own deadlines (the end of their schedule).",
        ),
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="ACTOR",
            help="Also the deadlines of the measures and sub-actions this actor (an id from "
            "toimijat) leads or shares.",
        ),
    ] = None,
    plans: PlansOption = None,
) -> None:
    """List the year's reporting deadlines per audience and what is still missing for them;
    with --measures or --owner, the measures' own deadlines too.

    Example: plan calendar --owner hyte-tiimi --ics hyte-2026.ics
    """
    from jarjesto_cli.commands.calendar import run

    _done(
        run(
            _plans(plans),
            year=year,
            ics=ics,
            fail_on_missing=fail_on_missing,
            audience=audience,
            measures=measures,
            owner=owner,
        )
    )


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@command("export", "One row per measure and indicator, as CSV or XLSX.")
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or xlsx.")] = (
        ExportFormat.csv
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Output file (default: reports/vienti-<period>.<format>; '-' prints CSV).",
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The state as known at the end of this period (default: the latest).",
        ),
    ] = None,
    plans: PlansOption = None,
) -> None:
    """Export one flat row per measure and per indicator, for Targetori or a spreadsheet.

    Example: plan export --format xlsx --output targetori.xlsx
    """
    from jarjesto_cli.commands.export import run

    plans_dir, above = _find_plans(plans)
    _done(
        run(
            plans_dir,
            output_format=str(output_format),
            output=output,
            period=period,
            folder=_beside(plans_dir, "reports") if above else None,
        )
    )


# --- site ---------------------------------------------------------------------------------------


@command("site", "The plans as an accessible website.")
def site(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder to write the site to, replaced whole (default: site/).",
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="The state as known at the end of this period (default: each plan's latest).",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Template folder with site/ in it (default: ./templates, else the built-in).",
        ),
    ] = None,
    reports: Annotated[
        bool, typer.Option("--reports", help="Also build every audience's report to download.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Check every page in Chromium with axe; the results go into the statement.",
        ),
    ] = False,
    plans: PlansOption = None,
) -> None:
    """Build the plans as an accessible static website: pages, charts, downloads.

    Example: plan site --output site --reports --check
    """
    from jarjesto_cli.commands.site import run

    plans_dir, above = _find_plans(plans)
    if above:
        output = output or _beside(plans_dir, "site")
        templates = templates or _beside(plans_dir, "templates", must_exist=True)
    _done(
        run(
            plans_dir,
            output=output or Path("site"),
            period=period,
            templates=templates,
            reports=reports,
            check=check,
        )
    )


class SchemaKind(StrEnum):
    plan = "plan"
    shared = "shared"


@command("schema", "The JSON Schema of the plan files, for editors.")
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(metavar="KIND", help="plan (a programme file) or shared (vake.yaml)."),
    ] = SchemaKind.plan,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of printing."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the plan files, for editors and other validators.

    Example: plan schema plan -o schema/plan.schema.json
    """
    from jarjesto_cli.commands.schema import run

    _done(run(str(kind), output))


def main() -> None:
    """Console-script entry point. A reader that stops early (`plan status | head -1`) ends the
    command quietly, as it does for git."""
    with quiet_broken_pipe():
        app()
