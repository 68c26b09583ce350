"""Long narratives for `plan set-status` (issue 12 §8): `--text-file FILE`, `--text -` (standard
input), and with neither, in a terminal, the user's editor as `git commit` opens it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from jarjesto_cli.files.loading import load_valid
from tests.terminal import in_terminal

NARRATIVE = "Palveluohjausprosessit kuvattiin.\n\nToinen kappale: järjestöt mukana."


def narrative(plans: Path, measure_id: str, period: str) -> str | None:
    node = load_valid(plans).find(measure_id)
    assert node.measure is not None
    report = next(r for r in node.measure.reports if str(r.period) == period)
    return report.text


def test_text_file(invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "kertomus.txt"
    source.write_text(NARRATIVE + "\n", encoding="utf-8")
    result = invoke(
        "set-status", "T1.2", "--period", "2026", "--status", "osittain",
        "--text-file", source, "-p", plans_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert narrative(plans_copy, "T1.2", "2026") == NARRATIVE + "\n"  # a literal block (`|`)
    assert "teksti: |" in (plans_copy / "jarjestoyhteistyo-2026-2030.yaml").read_text("utf-8")


def test_text_from_standard_input(plans_copy: Path) -> None:
    from jarjesto_cli.cli import app

    result = CliRunner().invoke(
        app,
        ["set-status", "T1.2", "--period", "2026", "--status", "ei", "--text", "-",
         "-p", str(plans_copy)],
        input=NARRATIVE + "\n\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert narrative(plans_copy, "T1.2", "2026") == NARRATIVE + "\n"


def test_bad_narrative_sources(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    base = ("set-status", "T1.2", "--period", "2026", "--status", "ei", "-p", plans_copy)
    missing = invoke(*base, "--text-file", tmp_path / "ei-ole.txt")
    assert missing.exit_code == 2 and "--text-file: " in missing.stderr
    both = invoke(*base, "--text", "x", "--text-file", tmp_path / "x.txt")
    assert both.exit_code == 2 and "--text or --text-file, not both" in both.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Järjestöt".encode("cp1252"))
    bad = invoke(*base, "--text-file", latin)
    assert bad.exit_code == 1 and "is not UTF-8 text" in bad.stderr


def test_without_a_terminal_no_editor_opens(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    result = invoke("set-status", "T1.2", "--period", "2026", "--status", "ei", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert narrative(plans_copy, "T1.2", "2026") is None


EDITOR = """\
import sys
path = sys.argv[1]
seen = open(path, encoding="utf-8").read()
open({log!r}, "w", encoding="utf-8").write(seen)
open(path, "w", encoding="utf-8").write({text!r} + seen)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_in_a_terminal_the_editor_opens(plans_copy: Path, tmp_path: Path) -> None:
    script, log = tmp_path / "editori.py", tmp_path / "template.txt"
    script.write_text(EDITOR.format(log=str(log), text=NARRATIVE + "\n"), encoding="utf-8")
    code, _, text = in_terminal(
        ["set-status", "T1.2", "--period", "2026", "--status", "osittain", "-p", plans_copy],
        env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""},
    )
    assert code == 0, text
    assert "T1.2 2026 tila: – → toteutuu osittain" in text
    # the template says what is being written; its '#' lines are left out of the narrative
    template = log.read_text(encoding="utf-8")
    assert "# Write the narrative (kertomus) of T1.2 for 2026" in template
    assert "its status will be 'toteutuu osittain'" in template
    assert narrative(plans_copy, "T1.2", "2026") == NARRATIVE + "\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_editor_shows_the_current_narrative_and_empty_keeps_it(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    first = invoke(
        "set-status", "T1.2", "--period", "2026", "--status", "ei", "--text", "Alku.",
        "-p", plans_copy,
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    script = tmp_path / "tarkista.py"
    log = tmp_path / "template.txt"
    script.write_text(
        "import sys\n"
        f"text = open(sys.argv[1], encoding='utf-8').read()\n"
        f"open({str(log)!r}, 'w', encoding='utf-8').write(text)\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write('# vain kommentteja\\n')\n",
        encoding="utf-8",
    )
    # changing a reported status needs --replace (issue 12.7): refused before the editor opens
    args = ["set-status", "T1.2", "--period", "2026", "--status", "osittain", "-p", plans_copy]
    code, _, text = in_terminal(args, env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""})
    assert code == 2 and "add --replace" in text and not log.exists()
    code, _, text = in_terminal(
        [*args, "--replace"], env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    )
    assert code == 0, text
    template = log.read_text(encoding="utf-8")
    assert template.startswith("Alku.\n")  # the period's narrative, ready to be edited
    assert "# Write the narrative (kertomus) of T1.2 for 2026" in template
    assert narrative(plans_copy, "T1.2", "2026") == "Alku."  # left empty: kept as it was


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_an_editor_that_fails_writes_nothing(plans_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in plans_copy.iterdir()}
    code, _, text = in_terminal(
        ["set-status", "T1.2", "--period", "2026", "--status", "ei", "-p", plans_copy],
        env={"EDITOR": "false", "VISUAL": ""},
    )
    assert code == 1 and "the editor 'false' ended with an error" in text
    assert {p.name: p.read_bytes() for p in plans_copy.iterdir()} == before
    code, _, text = in_terminal(
        ["set-status", "T1.2", "--period", "2026", "--status", "ei", "-p", plans_copy],
        env={"EDITOR": "ei-tallaista-editoria", "VISUAL": ""},
    )
    assert code == 2 and "cannot start the editor 'ei-tallaista-editoria'" in text
