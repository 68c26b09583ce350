"""The surgical text editor under the write commands: the change's lines only, in any layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from jarjesto_cli.files import yaml_edit
from jarjesto_cli.files.editing import PlanEditor
from jarjesto_cli.files.yaml_edit import DELETE, CannotEdit, InsertItem, SetKeys, render
from jarjesto_cli.files.yaml_io import parse
from tests.conftest import make_plans

# the layout bench/scale.py writes: lists at their key's column, keys sorted
FLAT = """\
id: testi
nimi: Testi
tavoitteet:
- id: A1
  nimi: Tavoite
  toimenpiteet:
  - id: A1.1
    mittarit:
    - id: A1.1.1
      nimi: Kokemus
      tyyppi: asteikko
    nimi: Toimenpide
"""


def edited(text: str, *ops: yaml_edit.Op) -> str:
    result = yaml_edit.apply(text, list(ops))
    data = parse(Path("x.yaml"), text)
    for op in ops:
        yaml_edit.apply_to_data(data, op)
    assert parse(Path("x.yaml"), result) == data  # it reads back as the change means
    return result


def test_a_new_list_follows_the_files_own_indentation() -> None:
    at = ("tavoitteet", 0, "toimenpiteet", 0, "mittarit", 0)
    result = edited(FLAT, InsertItem(at, "mittaukset", 0, {"kausi": "2026-H2", "arvo": 3.8}))
    assert result == FLAT.replace(
        "      tyyppi: asteikko\n",
        "      tyyppi: asteikko\n      mittaukset:\n      - kausi: 2026-H2\n        arvo: 3.8\n",
    )


def test_crlf_and_text_of_several_lines() -> None:
    text = FLAT.replace("\n", "\r\n")
    at = ("tavoitteet", 0, "toimenpiteet", 0)
    item = {"kausi": 2026, "tila": "toteutuu", "teksti": "Yksi, kaksi.\nKolme: neljä.\n"}
    result = edited(text, InsertItem(at, "raportit", 0, item))
    assert "\n" not in result.replace("\r\n", "")
    assert "      teksti: |\r\n        Yksi, kaksi.\r\n        Kolme: neljä.\r\n" in result


def test_a_key_removed_with_its_comment_and_the_others_kept() -> None:
    text = "a:\n  - kausi: 2023\n    arvo: 100\n    likiarvo: true  # n. 100\n    huomio: x\n"
    result = edited(text, SetKeys(("a", 0), {"arvo": 120, "likiarvo": DELETE, "n": 40}))
    assert result == "a:\n  - kausi: 2023\n    arvo: 120\n    huomio: x\n    n: 40\n"


def test_the_first_key_on_the_dash_line_can_go() -> None:
    text = "a:\n  - likiarvo: true\n    arvo: 1\n"
    assert edited(text, SetKeys(("a", 0), {"likiarvo": DELETE})) == "a:\n  - arvo: 1\n"


def test_a_new_item_goes_above_the_comment_of_the_next() -> None:
    text = "a:\n  - kausi: 1\n  # toinen\n  - kausi: 3\n"
    result = edited(text, InsertItem((), "a", 1, {"kausi": 2}))
    assert result == "a:\n  - kausi: 1\n  - kausi: 2\n  # toinen\n  - kausi: 3\n"


def test_flow_layouts_are_left_to_the_round_trip() -> None:
    with pytest.raises(CannotEdit):
        yaml_edit.apply("a: {b: 1}\n", [SetKeys(("a",), {"c": 2})])
    with pytest.raises(CannotEdit):
        yaml_edit.apply("a:\n  m: []\n", [InsertItem(("a",), "m", 0, {"k": 1})])


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("kyllä", "kyllä"),
        ("2026", '"2026"'),  # would read back as a number
        ("yes", '"yes"'),  # YAML 1.1 tools would read a boolean
        ("Kohta: selitys", '"Kohta: selitys"'),
        ("a\x1bb", '"a\\u001bb"'),
        (3.8, "3.8"),
        (1e16, "1e+16"),
        (True, "true"),
    ],
)
def test_values_are_written_as_the_files_write_them(value: object, written: str) -> None:
    assert render(value, 4) == written


def test_the_editor_falls_back_and_says_so(tmp_path: Path) -> None:
    plans = make_plans(
        tmp_path / "plans",
        """\
        id: testi
        nimi: Testi
        tavoitteet:
          - id: A1
            nimi: Tavoite
            mittarit:
              - {id: A1.M1, nimi: Kokemus, tyyppi: asteikko, mittaukset: []}
        """,
    )
    with PlanEditor(plans) as editor:
        editor.record("A1.M1", "2026", 4)
        editor.commit()
        assert editor.reformatted() == []  # the round trip reproduced the file's layout
    again = PlanEditor(plans, lock=False)
    node = again.indicator("A1.M1")
    assert node.indicator is not None and node.indicator.measurements[0].value == 4
    again.close()
