"""`plan diff` and `report --since`: a temporary git repository with commits, diffed by model."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.commands.diff import run_diff
from jarjesto_cli.outputs.display import CHANGE_LIMIT, change_row, cut
from tests.conftest import copy_fixture_plans


def shown(text: str | None) -> str:
    return cut(text, CHANGE_LIMIT) if text else "–"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Testi", "-c", "user.email=testi@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repo with the frozen test plans committed and tagged as the last report."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_fixture_plans(root / "plans")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "lähtötilanne")
    git(root, "tag", "raportti-2023")
    return root


def edit(invoke: Callable[..., Result], plans: Path, *args: str) -> None:
    result = invoke(*args, "-p", plans)
    assert result.exit_code == 0, result.output


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_model_level_changes_since_the_last_report_tag(
    repo: Path, invoke: Callable[..., Result]
) -> None:
    plans = repo / "plans"
    edit(invoke, plans, "record", "T1.1.2", "--period", "2026-H2", "--value", "3.8", "--n", "41")
    edit(
        invoke,
        plans,
        "set-status",
        "O4.3",
        "--period",
        "2023",
        "--status",
        "osittain",
        "--text",
        "Malli valmistui.",
        "--replace",
    )
    edit(invoke, plans, "record", "O1.M1", "--period", "2023-Q4", "--value", "3.6", "--replace")
    git(repo, "commit", "-qam", "kirjaukset")
    replace_in(
        plans / "jarjestoyhteistyo-2026-2030.yaml",
        "            tavoite: 4\n            mittaukset:",
        "            tavoite: 4.5\n            mittaukset:",
    )
    replace_in(
        plans / "osallisuusohjelma.yaml",
        "      - id: O6.4\n        nimi: Järjestöyhteistyötä edistetään",
        "      - id: O6.5\n        nimi: Järjestöyhteistyötä edistetään",
    )

    result = run_diff(plans)  # default: the raportti-* tag → working tree
    assert (result.base, result.target) == ("raportti-2023", "työkopio")
    found = {(c.id, c.label(), shown(c.old), shown(c.new)) for c in result.changes}
    assert ("T1.1.2", "mittaus 2026-H2", "–", "3,8 (n 41)") in found
    assert ("T1.1.2", "tavoite", "≥ 4 (asteikko 1–5)", "≥ 4,5 (asteikko 1–5)") in found
    assert ("O1.M1", "mittaus 2023-Q4", "3,5", "3,6") in found
    assert ("O4.3", "tila 2023", "ei toteudu", "toteutuu osittain") in found
    (narrative,) = [c for c in result.changes if c.what == "kertomus"]
    assert (narrative.id, narrative.period, narrative.new) == ("O4.3", "2023", "Malli valmistui.")
    # the change holds the whole text; outputs shorten it to one line
    assert narrative.old is not None and narrative.old.endswith("käyttöön vuonna 2024.\n")
    old_shown = change_row(narrative)["old"]
    assert old_shown.startswith("Päätösten vaikutusten ennakkoarvioinnille")
    assert old_shown.endswith("…") and len(old_shown) == CHANGE_LIMIT
    assert (
        "T1.1",
        "tila 2026-H2",
        "ei tietoa",
        "ei toteudu",
    ) in found  # derived from the new value
    assert (
        "O6.5",
        "lisätty",
        "–",
        "Järjestöyhteistyötä edistetään yhdessä laaditun suunnitelman mukaisesti",
    ) in found
    assert (
        "O6.4",
        "poistettu",
        "Järjestöyhteistyötä edistetään yhdessä laaditun suunnitelman mukaisesti",
        "–",
    ) in found
    assert len(found) == len(result.changes) == 8
    # between the two commits only the recorded changes show, not the working-tree edits
    between = run_diff(plans, "raportti-2023", "HEAD")
    assert {c.id for c in between.changes} == {"T1.1", "T1.1.2", "O1.M1", "O4.3"}


def test_no_changes(repo: Path, invoke: Callable[..., Result]) -> None:
    result = invoke("diff", "-p", repo / "plans")
    assert result.exit_code == 0
    assert result.stdout == "Ei muutoksia: raportti-2023 → työkopio.\n"


def test_formats(repo: Path, invoke: Callable[..., Result]) -> None:
    plans = repo / "plans"
    edit(invoke, plans, "record", "T3.4.1", "--period", "2026", "--value", "kyllä")
    text = invoke("diff", "HEAD", "-p", plans)
    assert text.exit_code == 0
    assert text.stdout.splitlines() == [
        "Muutokset: HEAD → työkopio (2)",
        "",
        "Järjestöyhteistyön toimintasuunnitelma 2026–2030",
        "  T3.4 Kehitetään hyte-kehittämö-mallia konkreettisten ongelmien ratkomiseksi: tila 2026: ei tietoa → toteutuu",
        "  T3.4.1 Hyte-kehittämö-malli on luotu ja käytössä: mittaus 2026: – → kyllä",
    ]
    data = json.loads(invoke("diff", "-p", plans, "--format", "json").stdout)
    assert data["from"] == "raportti-2023" and data["to"] == "työkopio"
    assert {c["what"] for c in data["changes"]} == {"tila", "mittaus"}
    md = invoke("diff", "-p", plans, "--format", "md").stdout
    assert md.startswith(
        "### Suunnitelmien muutokset\n\nVertailu: `raportti-2023` → työkopio · 2 muutosta\n"
    )
    assert (
        "| **T3.4.1** Hyte-kehittämö-malli on luotu ja käytössä | mittaus 2026 | – | kyllä |" in md
    )


def test_a_file_broken_at_the_old_revision_is_reported_not_fatal(
    repo: Path, invoke: Callable[..., Result]
) -> None:
    plans = repo / "plans"
    path = plans / "osallisuusohjelma.yaml"
    good = path.read_text(encoding="utf-8")
    replace_in(path, "tila: ei toteudu", "tila: valmis")
    git(repo, "commit", "-qam", "rikki")
    path.write_text(good, encoding="utf-8")
    edit(invoke, plans, "record", "T1.2.4", "--period", "2026", "--value", "120")
    result = invoke("diff", "HEAD", "-p", plans)
    assert result.exit_code == 0, result.output
    assert "T1.2.4 Hyvinvointitarjottimen käyttö: mittaus 2026: – → 120" in result.stdout
    changes = [ln for ln in result.stdout.splitlines() if not ln.startswith("Huom:")]
    assert not any("O4.3" in ln for ln in changes)  # the broken plan is not "all added"
    assert "Huom: osallisuusohjelma.yaml ei ollut kelvollinen versiossa HEAD" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [(("nope",), "unknown revision 'nope'"), (("HEAD", "--to", "--help-me"), "not a revision")],
)
def test_bad_revisions(
    repo: Path, invoke: Callable[..., Result], args: tuple[str, ...], words: str
) -> None:
    result = invoke("diff", *args, "-p", repo / "plans")
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.output


def test_outside_a_git_repository(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    result = invoke("diff", "-p", copy_fixture_plans(tmp_path / "plans"))
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_head_is_the_default_without_report_tags(repo: Path, invoke: Callable[..., Result]) -> None:
    git(repo, "tag", "-d", "raportti-2023")
    assert invoke("diff", "-p", repo / "plans").stdout == "Ei muutoksia: HEAD → työkopio.\n"


def test_report_since_adds_the_changes_section(repo: Path, invoke: Callable[..., Result]) -> None:
    plans = repo / "plans"
    edit(invoke, plans, "record", "T1.1.2", "--period", "2026-H2", "--value", "4.2")
    edit(invoke, plans, "record", "O2.M1", "--period", "2024-Q1", "--value", "3.5")
    out = repo / "out"
    result = invoke(
        "report", "-a", "neuvottelukunta", "--since", "raportti-2023", "-p", plans, "-o", out
    )
    assert result.exit_code == 0, result.output
    text = (out / "neuvottelukunta-2026-H2.md").read_text(encoding="utf-8")
    # the first section says what changed, the end lists every change
    summary = text.split("### Muutokset edellisestä raportista", 1)[1].split("\n## ", 1)[0]
    # the value also changed T1.1's status, derived from its indicators
    assert (
        "Edellisen raportin (raportti-2023) jälkeen: 1 toimenpiteen tila muuttunut ja 1 uusi tai "
        "muuttunut mittausarvo." in summary
    )
    section = text.split("## Kaikki muutokset edellisestä raportista", 1)[1]
    assert (
        "| **T1.1.2** Järjestöjen kokemus osallisuudesta | mittaus 2.\u00a0vuosipuolisko 2026 | – "
        "| 4,2 |" in section
    )
    assert "O2.M1" not in text  # the board's report covers only the NGO plan
    unchanged = invoke(
        "report", "-a", "hyte", "--since", "HEAD", "-p", plans, "-o", out, "--period", "2023"
    )
    assert unchanged.exit_code == 0
    hyte = (out / "hyte-2023.md").read_text(encoding="utf-8")
    assert "Version HEAD jälkeen: 1 toimenpiteen tila muuttunut ja 2 uutta" in hyte
    assert "O2.M1" in hyte.split("## Kaikki muutokset edellisestä raportista", 1)[1]


def test_report_compares_with_the_last_report_tag_by_default(
    repo: Path, invoke: Callable[..., Result]
) -> None:
    plans = repo / "plans"
    edit(invoke, plans, "set-status", "T1.1", "--period", "2026", "--status", "osittain")
    out = repo / "out"
    result = invoke("report", "-a", "lautakunta", "-p", plans, "-o", out)
    assert result.exit_code == 0, result.output
    text = (out / "lautakunta-2026.md").read_text(encoding="utf-8")
    summary = text.split("## Yhteenveto", 1)[1].split("\n## ", 1)[0]
    assert "Edellisen raportin (raportti-2023) jälkeen: 1 toimenpiteen tila muuttunut." in summary
    assert "| **T1.1** Kehitetään verkostoyhteistyötä | – | toteutuu osittain |" in summary
    # without a report tag there is nothing to compare with: no section
    git(repo, "tag", "-d", "raportti-2023")
    invoke("report", "-a", "lautakunta", "-p", plans, "-o", out)
    assert "Muutokset" not in (out / "lautakunta-2026.md").read_text(encoding="utf-8")


def test_pull_request_comment_workflow() -> None:
    from jarjesto_cli.files import yaml_io
    from tests.conftest import ROOT

    workflow = yaml_io.load(ROOT / ".github" / "workflows" / "plan-diff.yml")
    assert workflow["on"]["pull_request"]["paths"] == ["plans/**"]
    steps = workflow["jobs"]["comment"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in steps]
    assert any(
        'plan diff "origin/${{ github.base_ref }}" --format md > plan-diff.md' in r for r in runs
    )
    script = steps[-1]["with"]["script"]
    assert "updateComment" in script and "createComment" in script and "plan-diff.md" in script
