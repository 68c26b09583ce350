"""JSON Schema of the plan files, generated from the models (what `plan schema` prints)."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_FILES = {"plan": "plan.schema.json", "shared": "shared.schema.json"}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file (`plan`) or of the shared file (`shared`)."""
    from jarjesto_cli.domain.models import Plan, Shared

    model = Plan if kind == "plan" else Shared
    schema = model.model_json_schema(by_alias=True, mode="validation")
    title = "jarjesto-cli: suunnitelma" if kind == "plan" else "jarjesto-cli: yhteiset tiedot"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://example.invalid/jarjesto-cli/{SCHEMA_FILES[kind]}",
        **schema,
        "title": title,
    }


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
