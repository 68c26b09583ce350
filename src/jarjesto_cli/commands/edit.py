"""`plan record`, `plan set-status`, `plan import-survey`: edits through one `PlanEditor`.

`record`, `set_status` and `import_survey` do the work and return what was done; the `run_*`
functions are the commands: they call them and print the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jarjesto_cli.commands import options
from jarjesto_cli.domain.checks import period_finding
from jarjesto_cli.domain.kinds.scale import ScaleIndicator
from jarjesto_cli.domain.planset import Node
from jarjesto_cli.errors import AlreadyRecorded, PlanFileError, Problem, UsageError
from jarjesto_cli.files.editing import Edit, PlanEditor
from jarjesto_cli.files.surveys import (
    WINDOWS_1252,
    QuestionResult,
    columns,
    map_problem,
    read_map,
    read_table,
    tally,
)
from jarjesto_cli.outputs.display import edit_changes, edit_text
from jarjesto_cli.outputs.terminal import err, out


@dataclass(frozen=True)
class EditResult:
    changes: list[Edit]
    warnings: list[Problem]
    reformatted: list[Path]
    dry_run: bool = False


def period_for(node: Node, period: str, *, measurement: bool, field: str = "period") -> str:
    """The period typed on the command line (the option `field`), read and checked against the
    node's plan: inside its years, and for a measured value one that has begun (see
    `checks.period_finding`)."""
    from jarjesto_cli import clock

    try:
        wanted = options.period(period)
    except UsageError as exc:
        raise UsageError(exc.message, hint=exc.hint, field=field) from None
    finding = period_finding(node.plan, wanted, clock.today(), measurement=measurement)
    if finding is not None:
        message, hint = finding
        raise UsageError(f"{node.id}: {message}", hint=hint, field=field)
    return str(wanted)


def finish_edit(editor: PlanEditor, ids: set[str], *, dry_run: bool = False) -> EditResult:
    editor.commit(dry_run=dry_run)
    after = editor.after
    warnings = [w for w in after.warnings if w.subject in ids] if after else []
    return EditResult(editor.changes, warnings, editor.reformatted(), dry_run)


def record(
    plans: Path,
    indicator_id: str,
    period: str,
    value: str | None,
    *,
    n: int | None = None,
    note: str | None = None,
    source: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> EditResult:
    """Record one measurement of an indicator (with `dry_run`, only show the change, also one
    that would need `replace`)."""
    if value is None and not note:
        raise UsageError("give --value, or at least --note for a period without a value")
    with PlanEditor(plans, lock=not dry_run) as editor:
        node = editor.indicator(indicator_id)
        assert node.indicator is not None
        parsed = options.value(node.indicator, value) if value is not None else None
        editor.record(
            indicator_id,
            period_for(node, period, measurement=parsed is not None),
            parsed,
            n=n,
            note=note,
            source=source,
            replace=replace,
            preview=dry_run,
        )
        ids = {indicator_id, node.measure.id if node.measure else indicator_id}
        return finish_edit(editor, ids, dry_run=dry_run)


def set_status(
    plans: Path,
    measure_id: str,
    period: str,
    status: str,
    text: str | None,
    *,
    ask: Callable[[Node, str, str, str | None], str | None] | None = None,
    reason: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> EditResult:
    """Set the reported status and narrative of a measure (a reported one only with `replace`;
    with `dry_run`, only show the change). Without `text`, `ask` (if given) is asked for it once
    the id, period and status are known to be right: a long narrative is never written only to
    be refused. The plans are locked only after that: a writer does not wait for someone typing.
    """
    word = options.status(status)
    if text is None and ask is not None:
        with PlanEditor(plans, lock=False) as reader:
            node = reader.measure(measure_id)
            wanted = period_for(node, period, measurement=False)
            assert node.measure is not None
            report = next((r for r in node.measure.reports if str(r.period) == wanted), None)
            if report is not None and not (replace or dry_run):
                # refused before the editor opens: nothing is typed only to be refused
                raise AlreadyRecorded(
                    f"{measure_id} already has a reported status for {wanted}",
                    existing=report.status,
                    what="tila",
                )
        text = ask(node, wanted, word, report.text if report else None)
    with PlanEditor(plans, lock=not dry_run) as editor:
        node = editor.measure(measure_id)
        wanted = period_for(node, period, measurement=False)
        editor.set_status(
            measure_id, wanted, word, text, reason=reason, replace=replace, preview=dry_run
        )
        return finish_edit(editor, {measure_id}, dry_run=dry_run)


@dataclass(frozen=True)
class ImportResult:
    results: list[QuestionResult]
    edit: EditResult
    encoding: str  # the encoding the export was read in (Windows-1252 is an assumption)


def _scale(node: Node) -> ScaleIndicator | None:
    """The node's indicator when it is a scale: a survey's mean goes only into a scale."""
    indicator = node.indicator
    return indicator if isinstance(indicator, ScaleIndicator) else None


def _map_node(editor: PlanEditor, map_file: Path, indicator_id: str) -> Node:
    """The scale indicator a map entry names; a wrong id in the map is bad input (exit 1)."""
    try:
        node = editor.indicator(indicator_id)
    except UsageError as exc:
        raise map_problem(map_file, indicator_id, exc.message, exc.hint) from None
    if _scale(node) is None:
        kind = node.indicator.kind if node.indicator else "?"
        raise map_problem(
            map_file,
            indicator_id,
            f"{indicator_id} is a {kind} indicator, not a scale (asteikko)",
            "map only scale indicators to survey questions",
        )
    return node


def import_survey(
    plans: Path,
    survey: Path,
    map_file: Path,
    period: str,
    *,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Record the mean and n of each mapped question as the mapped scale indicator's value."""
    wanted = str(options.period(period))
    mapping = read_map(map_file)
    table = read_table(survey)  # before the lock: reading a big export must not hold others up
    with PlanEditor(plans, lock=not dry_run) as editor:
        scales: dict[str, tuple[float, float]] = {}
        for indicator_id in mapping:
            node = _map_node(editor, map_file, indicator_id)
            scale = _scale(node)
            assert scale is not None
            scales[indicator_id] = (scale.scale.min, scale.scale.max)
            period_for(node, wanted, measurement=True)
        try:
            results = tally(table, mapping, scales, map_file)
        except PlanFileError as exc:
            if exc.problem.hint:
                raise
            hint = f"`plan import-survey {survey.name} --columns` lists its questions"
            raise PlanFileError(dataclasses.replace(exc.problem, hint=hint)) from None
        for result in results:
            if result.mean is None:
                continue
            editor.record(
                result.indicator_id,
                wanted,
                result.mean,
                n=result.n,
                source=survey.name,
                replace=replace,
                preview=dry_run,
            )
        edit = finish_edit(editor, set(mapping), dry_run=dry_run)
        return ImportResult(results, edit, table.encoding)


# --- the commands -------------------------------------------------------------------------------


def print_edits(result: EditResult) -> None:
    for edit in result.changes:
        if result.dry_run:
            later = " (exists: write it with --replace)" if edit.needs_replace else ""
            out(f"Would write {edit_text(edit)}{later}\n")
        elif edit_changes(edit):
            out(f"Wrote {edit_text(edit)}\n")
        else:
            out(f"Unchanged {edit_text(edit)}\n")
    if result.dry_run:
        out("Dry run: nothing was written.\n")
    for path in result.reformatted:
        err(
            f"Note: {path} was not in the usual layout; the writer re-indented it. Review the diff."
        )
    for warning in result.warnings:
        err(warning.text())


def run_record(
    plans: Path,
    indicator_id: str,
    period: str,
    value: str | None,
    *,
    n: int | None,
    note: str | None,
    source: str | None,
    replace: bool,
    dry_run: bool = False,
) -> int:
    result = record(
        plans,
        indicator_id,
        period,
        value,
        n=n,
        note=note,
        source=source,
        replace=replace,
        dry_run=dry_run,
    )
    print_edits(result)
    return 0


def run_set_status(
    plans: Path,
    measure_id: str,
    period: str,
    status: str,
    text: str | None,
    *,
    text_file: Path | None = None,
    edit: bool = True,
    reason: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> int:
    """`--text T`, `--text -` (standard input), `--text-file FILE`, or — with none of them in a
    terminal — the narrative written in the user's editor, as `git commit` does."""
    from jarjesto_cli.commands import narrative

    given = narrative.given_text(text, text_file)
    ask = narrative.editor_prompt if given is None and edit and narrative.interactive() else None
    print_edits(
        set_status(
            plans,
            measure_id,
            period,
            status,
            given,
            ask=ask,
            reason=reason,
            replace=replace,
            dry_run=dry_run,
        )
    )
    return 0


def _encoding_note(survey: Path, encoding: str) -> None:
    if encoding == WINDOWS_1252:
        err(
            f"Note: {survey.name} is not UTF-8; it was read as Windows-1252 (what Excel saves "
            "as 'CSV'). Check that ä and ö look right below."
        )


def run_import_survey(
    plans: Path,
    survey: Path,
    map_file: Path | None,
    period: str | None,
    *,
    replace: bool,
    dry_run: bool,
    list_columns: bool = False,
    template: bool = False,
) -> int:
    from jarjesto_cli.outputs.terminal import console

    if list_columns or template:
        return run_survey_columns(plans, survey, template=template)
    if map_file is None or period is None:
        missing = " and ".join(
            o for o, v in (("--map", map_file), ("--period", period)) if v is None
        )
        raise UsageError(
            f"give {missing} to import the survey",
            hint=f"`plan import-survey {survey.name} --columns` lists its questions",
        )
    from jarjesto_cli.outputs.survey_view import render_results

    result = import_survey(plans, survey, map_file, period, replace=replace, dry_run=dry_run)
    _encoding_note(survey, result.encoding)
    render_results(result.results, console())
    print_edits(result.edit)
    return 0


def run_survey_columns(plans: Path, survey: Path, *, template: bool) -> int:
    """`--columns`: the export's questions with their answer counts; `--template`: a map file
    to fill in, with the plans' scale indicators listed in it."""
    from jarjesto_cli.files.loading import load_plan_set
    from jarjesto_cli.outputs.survey_view import map_template, render_columns
    from jarjesto_cli.outputs.terminal import console

    table = read_table(survey)
    _encoding_note(survey, table.encoding)
    found = columns(table)
    if template:
        scales: list[tuple[str, str]] = []
        if plans.is_dir():
            planset = load_plan_set([plans], checks=False)
            scales = [
                (n.id, n.indicator.name) for n in planset.nodes() if n.indicator and _scale(n)
            ]
        usage = f"plan import-survey {survey.name} --map TÄMÄ.yaml --period KAUSI"
        out(map_template(survey.name, len(table.rows), found, scales, usage))
    else:
        render_columns(survey.name, len(table.rows), found, console())
        to_fill = f"plan import-survey {survey.name} --template > kysely-map.yaml"
        out(f"A map file to fill in: {to_fill}\n")
    return 0
