"""`plan schema`: the committed JSON Schemas are current, the test plans satisfy them, typos fail."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from typer.testing import Result

from jarjesto_cli.files import yaml_io
from jarjesto_cli.outputs.schema import SCHEMA_FILES, schema_text
from tests.conftest import FIXTURE_PLANS, ROOT


def as_json_data(node: Any) -> Any:
    """YAML data as an editor's JSON view sees it: dates are strings."""
    if isinstance(node, dict):
        return {k: as_json_data(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json_data(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (ROOT / "schema" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run `make schema` and commit the result"


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text(kind)))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURE_PLANS.glob("*.yaml")))
def test_test_plans_satisfy_the_schema(name: str) -> None:
    kind = "shared" if name == "vake.yaml" else "plan"
    data = as_json_data(yaml_io.load(FIXTURE_PLANS / name))
    errors = list(validator(kind).iter_errors(data))
    assert not errors, [e.message for e in errors]


def test_schema_rejects_unknown_keys_and_bad_values() -> None:
    data = as_json_data(yaml_io.load(FIXTURE_PLANS / "osallisuusohjelma.yaml"))
    data["tavoitteet"][0]["toimenpiteet"][0]["raportit"][0]["tekstii"] = "typo"
    data["tavoitteet"][0]["toimenpiteet"][1]["raportit"][0]["tila"] = "valmis"
    data["tavoitteet"][0]["mittarit"][0]["mittaukset"][0]["kausi"] = "2023-Q5"
    messages = [e.message for e in validator("plan").iter_errors(data)]
    assert any("tekstii" in m for m in messages)
    assert any("valmis" in m for m in messages)
    assert len(messages) >= 3


def test_plan_files_point_at_the_schema() -> None:
    for path in FIXTURE_PLANS.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        hint = first.removeprefix("# yaml-language-server: $schema=")
        kind = "shared" if path.name == "vake.yaml" else "plan"
        assert (path.parent / hint).resolve() == ROOT / "schema" / SCHEMA_FILES[kind], path


def test_schema_has_finnish_descriptions() -> None:
    schema = json.loads(schema_text("plan"))
    goal = schema["$defs"]["Goal"]
    assert goal["description"] == "Tavoite."
    assert goal["additionalProperties"] is False
    assert "tavoitteet" in schema["properties"]


def test_schema_command(invoke: Callable[..., Result], tmp_path: Any) -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "jarjesto-cli: suunnitelma"
    out = tmp_path / "shared.json"
    result = invoke("schema", "shared", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "jarjesto-cli: yhteiset tiedot"
    bad = invoke("schema", "-o", tmp_path / "missing" / "x.json")
    assert bad.exit_code == 1 and "cannot write" in bad.stderr
