"""`plan record`, `plan set-status`, `plan import-survey`: edits through one `PlanEditor`.

`record`, `set_status` and `import_survey` do the work and return what was done; the `run_*`
functions are the commands: they call them and print the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jarjesto_cli.commands import options
from jarjesto_cli.domain.kinds.scale import ScaleIndicator
from jarjesto_cli.errors import Problem, UsageError
from jarjesto_cli.files.editing import Edit, PlanEditor
from jarjesto_cli.files.surveys import QuestionResult, read_map, read_table, tally
from jarjesto_cli.outputs.display import edit_changes, edit_text
from jarjesto_cli.outputs.terminal import err, out


@dataclass(frozen=True)
class EditResult:
    changes: list[Edit]
    warnings: list[Problem]
    reformatted: list[Path]
    dry_run: bool = False


def _finish(editor: PlanEditor, ids: set[str], *, dry_run: bool = False) -> EditResult:
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
            str(options.period(period)),
            parsed,
            n=n,
            note=note,
            source=source,
            replace=replace,
            preview=dry_run,
        )
        ids = {indicator_id, node.measure.id if node.measure else indicator_id}
        return _finish(editor, ids, dry_run=dry_run)


def set_status(
    plans: Path,
    measure_id: str,
    period: str,
    status: str,
    text: str | None,
    *,
    replace: bool = False,
    dry_run: bool = False,
) -> EditResult:
    """Set the reported status and narrative of a measure (a reported one only with `replace`;
    with `dry_run`, only show the change)."""
    with PlanEditor(plans, lock=not dry_run) as editor:
        editor.set_status(
            measure_id,
            str(options.period(period)),
            options.status(status),
            text,
            replace=replace,
            preview=dry_run,
        )
        return _finish(editor, {measure_id}, dry_run=dry_run)


@dataclass(frozen=True)
class ImportResult:
    results: list[QuestionResult]
    edit: EditResult


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
            node = editor.indicator(indicator_id)
            if not isinstance(node.indicator, ScaleIndicator):
                kind = node.indicator.kind if node.indicator else "?"
                raise UsageError(
                    f"{map_file}: {indicator_id} is a {kind} indicator, not a scale (asteikko)",
                    hint="map only scale indicators to survey questions",
                )
            scales[indicator_id] = (node.indicator.scale.min, node.indicator.scale.max)
        results = tally(table, mapping, scales)
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
        return ImportResult(results, _finish(editor, set(mapping), dry_run=dry_run))


# --- the commands -------------------------------------------------------------------------------


def _report(result: EditResult) -> None:
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
    _report(result)
    return 0


def run_set_status(
    plans: Path,
    measure_id: str,
    period: str,
    status: str,
    text: str | None,
    *,
    replace: bool = False,
    dry_run: bool = False,
) -> int:
    _report(set_status(plans, measure_id, period, status, text, replace=replace, dry_run=dry_run))
    return 0


def run_import_survey(
    plans: Path, survey: Path, map_file: Path, period: str, *, replace: bool, dry_run: bool
) -> int:
    from jarjesto_cli.outputs.survey_view import render_results
    from jarjesto_cli.outputs.terminal import console

    result = import_survey(plans, survey, map_file, period, replace=replace, dry_run=dry_run)
    render_results(result.results, console())
    _report(result.edit)
    return 0
