"""`plan site`: the plans as an accessible static website, optionally checked in a browser.

What only a command may do happens here: the changes since the last report come from git
(`plan diff`), the whole set's CSV and XLSX from `plan export`; the site itself is built in
`outputs/site/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jarjesto_cli import clock
from jarjesto_cli.commands import options
from jarjesto_cli.errors import GitError
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.terminal import err, out

if TYPE_CHECKING:
    from jarjesto_cli.domain.planset import PlanSet
    from jarjesto_cli.outputs.site.pages import Changes

NO_HISTORY = "Muutoksia ei voitu verrata: suunnitelmien versiohistoriaa (git) ei ole saatavilla."


def run(
    plans: Path,
    *,
    output: Path,
    period: str | None,
    templates: Path | None,
    reports: bool,
    check: bool,
) -> int:
    """Build the site into `output`; with `check`, 1 when a page fails the browser checks."""
    from jarjesto_cli.commands.export import csv_file, xlsx_file
    from jarjesto_cli.domain.summary import summarize
    from jarjesto_cli.outputs.export_rows import change_rows, rows, strategy_names
    from jarjesto_cli.outputs.site.build import build_site

    wanted = options.period(period) if period else None
    planset = load_valid(plans)
    today = clock.today()
    summary = summarize(planset, period=wanted, today=today)
    # the same table as `plan export`: owners by name, and the target changes' own sheet
    table = rows(summary, strategy_names(planset.shared), summary.actors)
    changes = change_rows(summary)
    stem = f"suunnitelmat-{summary.period}"
    result = build_site(
        planset,
        summary,
        output=output,
        templates=templates,
        today=today,
        changes=lambda: _changes(plans, planset),
        exports={
            f"{stem}.csv": lambda: csv_file(table, today, changes=changes),
            f"{stem}.xlsx": lambda: xlsx_file(table, today, changes=changes),
        },
        period=wanted,
        reports=reports,
        check=check,
    )
    out(
        f"Wrote {output}/: {len(result.pages)} pages, {result.charts} charts, "
        f"{result.downloads} downloads\n"
    )
    for note in result.notes:
        err(f"Note: {note}")
    # (made in another process: its note comes back with the page's data)
    if result.changes is not None and result.changes.detail:
        err(f"Note: the changes page says the history is not available: {result.changes.detail}")
    if result.check is None:
        return 0
    found = result.check
    for line in found.problems():
        err(line)
    out(
        f"Checked {len(found.pages)} pages in {found.browser} with axe-core {found.axe_version}: "
        f"{found.violation_count} WCAG A/AA violations, {len(found.problems())} problems\n"
    )
    return 0 if found.ok else 1


def _changes(plans: Path, planset: PlanSet) -> Changes:
    """The changes since the last `raportti-*` tag (else HEAD), or why they are not known (the
    site is built all the same: outside a git repository it says so on its page)."""
    from jarjesto_cli.commands.diff import run_diff
    from jarjesto_cli.outputs.display import change_row
    from jarjesto_cli.outputs.site.pages import Changes

    try:
        result = run_diff(plans, current=planset)
    except GitError as exc:
        return Changes(None, [], {}, unavailable=NO_HISTORY, detail=exc.message)
    notes = [
        f"{problem.path.name} ei ollut kelvollinen versiossa {rev}, eikä sitä verrattu."
        for rev, problem in result.problems
    ]
    return Changes(result.base, [change_row(c) for c in result.changes], result.plan_names, notes)
