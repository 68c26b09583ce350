"""`plan report`: every audience renders, Markdown matches the reviewed golden file, DOCX reads back
with its headings, tables and pictures, text from the YAML cannot inject markup."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import recorded_periods
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.reports import make_reports
from tests.conftest import FIXTURE_PLANS, ROOT

GOLDEN = ROOT / "tests" / "golden"
AUDIENCES = ["lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"]
DAY = dt.date(2026, 11, 25)


def report(invoke: Callable[..., Result], *args: object) -> Result:
    """`plan report ARGS` on the frozen test plans."""
    return invoke("report", "-p", FIXTURE_PLANS, *args)


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 25, tzinfo=dt.UTC).timestamp()))
    )


def test_golden_markdown(tmp_path: Path) -> None:
    (report,) = make_reports(
        load_valid(FIXTURE_PLANS),
        ["lautakunta"],
        period=Period(2023),
        formats=["md"],
        output_dir=tmp_path,
        templates=ROOT / "templates",
        date=DAY,
    )
    produced = (tmp_path / "lautakunta-2023.md").read_text(encoding="utf-8")
    golden = GOLDEN / "lautakunta-2023.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), (
        "review the diff; UPDATE_GOLDEN=1 to accept"
    )
    names = sorted(p.name for p in report.files)
    assert names == sorted(
        [
            "lautakunta-2023.md",
            "lautakunta-2023-jarjestoyhteistyo-2026-2030-tilat.png",
            "lautakunta-2023-osallisuusohjelma-tilat.png",
            "lautakunta-2023-O1.M1.png",
            "lautakunta-2023-O1.M2.png",
            "lautakunta-2023-O2.M1.png",
            "lautakunta-2023-O4.M1.png",
        ]
    )
    for name in names:
        if name.endswith(".png"):
            assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert f"]({name})" in produced  # every chart is linked from the Markdown


PERIODS = [str(p) for p in recorded_periods(load_valid(FIXTURE_PLANS).plans)] + ["2026", "2026-H1"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("period", PERIODS)
def test_every_audience_renders_for_every_period(
    audience: str, period: str, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    result = report(invoke, "--audience", audience, "--period", period, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{audience}-{period}.md").read_text(encoding="utf-8")
    planset = load_valid(FIXTURE_PLANS)
    assert planset.shared is not None
    (aud,) = [a for a in planset.shared.audiences if a.id == audience]
    assert text.startswith(f"# Tilannekatsaus: {aud.name}\n")
    for plan_id in aud.plans:
        assert f"## {planset.plan(plan_id).name}" in text
    assert "\\\\" not in text  # a template never double-escapes
    assert f"Kausi **{period}**" in text or "Kausi **" in text


def test_audiences_get_what_they_need(tmp_path: Path) -> None:
    planset = load_valid(FIXTURE_PLANS)
    texts = {}
    make_reports(planset, AUDIENCES, period=None, formats=["md"], output_dir=tmp_path, date=DAY)
    for path in tmp_path.glob("*.md"):
        texts[path.name.split("-")[0]] = path.read_text(encoding="utf-8")
    # the board steers the NGO plan: roles, strengths and every sub-action
    board = texts["neuvottelukunta"]
    assert "### Roolit toteutuksessa" in board and "### Järjestöyhteistyön vahvuudet" in board
    assert "Rakennetaan yhteinen ilmiö- ja katveanalyysiprosessi" in board
    assert "Osallisuusohjelma" not in board
    # the committee sees both plans and the reported narratives
    committee = texts["lautakunta"]
    assert "## Osallisuusohjelma" in committee and "### Toimenpiteiden raportit" in committee
    assert "Päätösten vaikutusten ennakkoarvioinnille on kehitteillä yhteinen malli." in committee
    # the hyte unit works at indicator level: measurement history and missing values
    hyte = texts["hyte"]
    assert "| Kausi | Arvo | n | Huomio |" in hyte and "### Mittarit ilman arvoa kaudelle" in hyte
    # the sectors' special advisers get measures with sub-actions, not the narratives
    advisers = texts["erityisasiantuntijat"]
    assert "Jatkokehitetään Hyte-puheeksi ottoa ja palveluohjausta yhteistyössä" in advisers
    assert "### Toimenpiteiden raportit" not in advisers


def test_docx_reads_back(invoke: Callable[..., Result], tmp_path: Path) -> None:
    import docx

    result = report(
        invoke, "--audience", "lautakunta", "--period", "2023", "--format", "all", "-o", tmp_path
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "lautakunta-2023.docx"))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings[0] == "Tilannekatsaus: Lähidemokratia- ja osallisuuslautakunta"
    planset = load_valid(FIXTURE_PLANS)
    for plan in planset.plans:
        for goal in plan.goals:
            assert f"{goal.id} {goal.name}" in headings, goal.id
    markdown = (tmp_path / "lautakunta-2023.md").read_text(encoding="utf-8")
    separators = [ln for ln in markdown.splitlines() if ln.startswith("| ---")]
    assert (
        len(document.tables) == len(separators) == 1 + 2 + 9 + 6
    )  # summary, plans, goals, metrics
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells][0] == "Suunnitelma"
    assert first.rows[2].cells[1].text == "14"  # osallisuusohjelma: 14 toteutuu
    body = document.element.body
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    pictures = body.findall(".//wp:docPr", ns)
    assert len(pictures) == 6
    for pic in pictures:
        assert pic.get("descr", "").startswith(("Pinottu pylväskaavio", "Viivakaavio")), pic.get(
            "descr"
        )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hyvinvointialueen verkkosivuja kehitetään palautteen pohjalta." in text
    # print-safe status symbols instead of emoji
    assert "● 14 toteutuu · ◐ 8 toteutuu osittain · × 1 ei toteudu · ○ 0 ei tietoa" in text
    assert "✅" not in text


def test_docx_only_writes_just_the_docx(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = report(invoke, "-a", "hyte", "--period", "2023", "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hyte-2023.docx"]


def test_unknown_audience_lists_the_known_ones(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    result = report(invoke, "--audience", "valtuusto", "-o", tmp_path)
    assert result.exit_code == 2
    assert "unknown audience 'valtuusto'" in result.stderr
    assert "lautakunta, neuvottelukunta, hyte, erityisasiantuntijat" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- text from the YAML is data -----------------------------------------------------------------

NASTY = (
    "Solu | jakautuu *ei lihavoitu* _ei kursiivi_ <script>alert(1)</script> &lt;b&gt; `koodi`\n"
    "# ei otsikko\n"
    "- ei luettelo\n"
    "1. ei numeroitu\n"
    "```{=openxml}\n"
    "<w:p><w:r><w:t>INJEKTIO</w:t></w:r></w:p>\n"
    "```\n"
    "\n"
    "<div>raaka html</div> [linkki](http://example.invalid) ![kuva](x.png) $x$ ^yla^ ~ala~ @viite\n"
)

NASTY_PLAN = {
    "id": "testi",
    "nimi": "Testi | suunnitelma <b>",
    "tavoitteet": [
        {
            "id": "A1",
            "nimi": "Tavoite *tähdillä*",
            "toimenpiteet": [
                {
                    "id": "A1.1",
                    "nimi": "Toimenpide | putkella\nja rivinvaihdolla",
                    "raportit": [{"kausi": 2026, "tila": "toteutuu", "teksti": NASTY}],
                }
            ],
        }
    ],
}


@pytest.fixture
def nasty_plans(tmp_path: Path) -> Path:
    import json

    from tests.conftest import SHARED_YAML, make_plans

    return make_plans(
        tmp_path / "plans", json.dumps(NASTY_PLAN, ensure_ascii=False), shared=SHARED_YAML
    )


def pandoc(*args: str, stdin: str) -> str:
    import pypandoc

    return subprocess.run(
        [pypandoc.get_pandoc_path(), *args], input=stdin, capture_output=True, text=True, check=True
    ).stdout


def test_escaping_in_markdown(
    nasty_plans: Path, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("report", "-a", "lautakunta", "-p", nasty_plans, "-o", out)
    assert result.exit_code == 0, result.output
    markdown = (out / "lautakunta-2026.md").read_text(encoding="utf-8")
    row = next(ln for ln in markdown.splitlines() if ln.startswith("| **A1.1**"))
    assert row.count(" | ") == 2  # the | in the name did not split the cell
    # as GitHub renders it (commonmark + GFM tables): everything shows as written, no markup
    html = pandoc("-f", "gfm", "-t", "html", stdin=markdown).split("<hr />")[0]  # before the footer
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<div>" not in html and "<em>" not in html and "<code>" not in html
    assert "<h1>ei otsikko" not in html and "<li>ei luettelo" not in html
    assert "&amp;lt;b&amp;gt;" in html  # an entity in the data stays an entity's text
    assert "Solu | jakautuu *ei lihavoitu* _ei kursiivi_" in html.replace("&lt;", "<")
    # [text](url) is not made a link (a bare URL may be autolinked, as GitHub does: shown as is)
    assert ">linkki</a>" not in html and "[linkki](" in html and 'src="x.png"' not in html


def test_escaping_in_docx(nasty_plans: Path, invoke: Callable[..., Result], tmp_path: Path) -> None:
    import zipfile

    import docx

    out = tmp_path / "out"
    result = invoke("report", "-a", "lautakunta", "-p", nasty_plans, "-o", out, "--format", "docx")
    assert result.exit_code == 0, result.output
    path = out / "lautakunta-2026.docx"
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:t>INJEKTIO</w:t>" not in xml  # the raw OpenXML block did not become markup
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "<script>alert(1)</script>" in text
    assert "```{=openxml}" in text and "<w:p><w:r><w:t>INJEKTIO</w:t></w:r></w:p>" in text
    assert "$x$ ^yla^ ~ala~ @viite" in text
    assert "- ei luettelo" in text and "# ei otsikko" in text and "1. ei numeroitu" in text


# --- templates: sandbox and errors --------------------------------------------------------------


def broken_templates(tmp_path: Path, body: str) -> Path:
    directory = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", directory)
    (directory / "lautakunta.md.j2").write_text(body, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "# {{ title }}\n{% for x in plans %}\n{{ x.name }\n",
            "lautakunta.md.j2:3: template syntax error",
        ),
        ("# {{ title }}\n\n{{ no_such_name }}\n", "lautakunta.md.j2:3:"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "not allowed in a template"),
        ("{{ plans[0].goals.__class__ }}\n", "not allowed in a template"),
        ('{% extends "ei-ole.md.j2" %}\n', "template 'ei-ole.md.j2' not found"),
    ],
)
def test_template_errors_name_the_template_and_line(
    body: str, words: str, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = report(
        invoke, "-a", "lautakunta", "--templates", broken_templates(tmp_path, body), "-o", out
    )
    assert result.exit_code == 1, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_missing_audience_template(invoke: Callable[..., Result], tmp_path: Path) -> None:
    directory = broken_templates(tmp_path, "")
    (directory / "lautakunta.md.j2").unlink()
    result = report(invoke, "-a", "lautakunta", "--templates", directory, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "template 'lautakunta.md.j2' not found" in result.stderr


def test_failed_pandoc_writes_nothing(invoke: Callable[..., Result], tmp_path: Path) -> None:
    # an image that does not exist: pandoc warns, and a warning fails the report
    directory = broken_templates(tmp_path, "# {{ title }}\n\n![puuttuva kuva](ei-ole.png)\n")
    out = tmp_path / "out"
    out.mkdir()
    result = report(
        invoke, "-a", "lautakunta", "--templates", directory, "-o", out, "--format", "all"
    )
    assert result.exit_code == 1, result.output
    assert "pandoc could not make the DOCX" in result.stderr and "ei-ole.png" in result.stderr
    assert list(out.iterdir()) == []


def test_unwritable_output(invoke: Callable[..., Result], tmp_path: Path) -> None:
    blocker = tmp_path / "tiedosto"
    blocker.write_text("x", encoding="utf-8")
    result = report(invoke, "-a", "lautakunta", "-o", blocker / "reports")
    assert result.exit_code == 1
    assert "cannot write to" in result.stderr


def test_installed_templates_are_used_outside_the_repo(tmp_path: Path) -> None:
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jarjesto_cli",
            "report",
            "-a",
            "hyte",
            "-p",
            str(FIXTURE_PLANS),
            "-o",
            "out",
            "--period",
            "2023",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "out" / "hyte-2023.md")
        .read_text(encoding="utf-8")
        .startswith("# Tilannekatsaus: Hyte")
    )


def test_all_audiences_at_once(invoke: Callable[..., Result], tmp_path: Path) -> None:
    import zipfile

    result = report(invoke, "--audience", "all", "--format", "all", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    # each audience's default period is the latest of its plans' own: the NGO plan's current year
    stems = ["erityisasiantuntijat-2026", "hyte-2026", "lautakunta-2026", "neuvottelukunta-2026"]
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == stems
    # the conversions ran side by side; each DOCX is its own report
    assert sorted(p.stem for p in tmp_path.glob("*.docx")) == stems
    for stem in stems:
        markdown = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        title = markdown.splitlines()[0].removeprefix("# ")
        with zipfile.ZipFile(tmp_path / f"{stem}.docx") as docx:
            assert title in docx.read("word/document.xml").decode("utf-8")
        assert f"Wrote {tmp_path / stem}.docx" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work left behind


def test_ci_workflow_and_pre_commit_hook() -> None:
    from jarjesto_cli.files import yaml_io

    workflow = yaml_io.load(ROOT / ".github" / "workflows" / "plans.yml")
    jobs = workflow["jobs"]
    validate_steps = " ".join(str(step.get("run", "")) for step in jobs["validate"]["steps"])
    assert "plan validate plans --format github" in validate_steps
    assert "pull_request" in jobs["validate"]["if"]
    report_steps = " ".join(str(step.get("run", "")) for step in jobs["reports"]["steps"])
    assert "plan report --audience all --format all --output reports" in report_steps
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact")
        for step in jobs["reports"]["steps"]
    )
    # the chart cache is kept between runs, restored before the reports are made
    uses = [str(step.get("uses", "")) for step in jobs["reports"]["steps"]]
    runs = [str(step.get("run", "")) for step in jobs["reports"]["steps"]]
    cache_at = next(i for i, u in enumerate(uses) if u.startswith("actions/cache"))
    report_at = next(i for i, r in enumerate(runs) if r.startswith("plan report"))
    assert cache_at < report_at
    cached = str(jobs["reports"]["steps"][cache_at]["with"]["path"]).split()
    assert cached == ["~/.cache/jarjesto-cli", "~/.cache/matplotlib"]
    (hook,) = yaml_io.load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "plan validate" and hook["id"] == "plan-validate"
    assert hook["pass_filenames"] is True and "plans/" in hook["files"]


def test_one_failed_conversion_stops_the_others_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.errors import OutputError
    from jarjesto_cli.outputs import parallel, reports

    # a stand-in pandoc: the committee's conversion fails at once, the others would take a
    # minute (each leaves its pid first, to check that it was stopped)
    pids = tmp_path / "pids"
    pids.mkdir()
    fake = tmp_path / "pandoc"
    fake.write_text(
        "#!/bin/sh\n"
        'case "$1" in *lautakunta*) echo "lautakunta: rikki" >&2; exit 3;; esac\n'
        f'echo $$ > "{pids}/$$"\n'
        "exec sleep 60\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setattr(reports, "pandoc_path", lambda: str(fake))
    monkeypatch.setattr(parallel, "cores", lambda: 4)  # all four conversions start together
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="pandoc could not make the DOCX: lautakunta: rikki"):
        reports.make_reports(
            load_valid(FIXTURE_PLANS),
            ["lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"],
            period=None,
            formats=["md", "docx"],
            output_dir=out,
            date=DAY,
        )
    assert list(out.iterdir()) == []  # not even the Markdown of the reports that were fine
    for pid_file in pids.iterdir():  # every conversion still running was stopped
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid_file.name), 0)


def test_a_missing_reference_document_is_reported_before_any_work(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.outputs import charts, templating

    directory = broken_templates(tmp_path, (ROOT / "templates" / "lautakunta.md.j2").read_text())
    (directory / "reference.docx").unlink()
    monkeypatch.setattr(templating, "PACKAGE_TEMPLATES", tmp_path / "ei-asennettu")
    monkeypatch.setattr(charts, "draw", lambda *a: pytest.fail("a chart was drawn"))
    monkeypatch.setenv("JARJESTO_CLI_NO_CACHE", "1")
    out = tmp_path / "out"
    result = report(invoke, "-a", "lautakunta", "--templates", directory, "-o", out, "-f", "all")
    assert result.exit_code == 1, result.output
    assert f"no reference.docx in {directory}" in result.stderr
    assert not out.exists()  # not even the output folder was made
