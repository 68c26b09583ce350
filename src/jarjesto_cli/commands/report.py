"""`plan report`: an audience's report (or every audience's) as Markdown and DOCX."""

from __future__ import annotations

from pathlib import Path

from jarjesto_cli.commands import options
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.terminal import out

FORMATS = {"md": ["md"], "docx": ["docx"], "all": ["md", "docx"]}


def run(
    plans: Path,
    *,
    audience: str,
    period: str | None,
    output_format: str,
    output: Path,
    templates: Path | None,
    since: str | None,
) -> int:
    """Write the reports and name each file written."""
    from jarjesto_cli.outputs.reports import make_reports

    wanted = options.period(period) if period else None
    planset = load_valid(plans)
    audiences = [audience]
    if audience == "all" and planset.shared is not None:
        audiences = [a.id for a in planset.shared.audiences]
    if since is None:
        since = last_report(plans)
    changes = None
    since_day = None
    if since is not None:
        from jarjesto_cli.commands.diff import run_diff
        from jarjesto_cli.files.gitrepo import commit_day, repo_root
        from jarjesto_cli.outputs.display import change_row

        changes = [change_row(c) for c in run_diff(plans, since, current=planset).changes]
        since_day = commit_day(repo_root(plans), since)
    results = make_reports(
        planset,
        audiences,
        period=wanted,
        formats=FORMATS[output_format],
        output_dir=output,
        templates=templates,
        changes=changes,
        since=since,
        since_date=since_day,
    )
    for result in results:
        for path in result.files:
            out(f"Wrote {path}\n")
    return 0


def last_report(plans: Path) -> str | None:
    """The newest `raportti-*` tag of the repository that holds the plans: what the report
    compares with by default. None outside a repository, without git or without such a tag."""
    from jarjesto_cli.errors import GitError
    from jarjesto_cli.files.gitrepo import last_report_tag, repo_root

    try:
        return last_report_tag(repo_root(plans))
    except GitError:
        return None
