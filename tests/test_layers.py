"""The layers the folder names promise: the domain knows nothing of files, outputs or commands;
the files know nothing of outputs or commands; outputs know nothing of commands."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "jarjesto_cli"

# layer → the package's modules it may import (besides its own layer)
ALLOWED = {
    "domain": {"jarjesto_cli.errors"},
    "files": {"jarjesto_cli.errors", "jarjesto_cli.domain"},
    "outputs": {
        "jarjesto_cli.errors",
        "jarjesto_cli.clock",
        "jarjesto_cli.domain",
        "jarjesto_cli.files",
    },
}


def imports(path: Path) -> set[str]:
    """Every module of the package that `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "jarjesto_cli":
                found.update(f"jarjesto_cli.{alias.name}" for alias in node.names)
            elif node.module.startswith("jarjesto_cli."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("jarjesto_cli."))
    return found


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_what_is_below_it(layer: str) -> None:
    own = f"jarjesto_cli.{layer}"
    allowed = (own, *sorted(ALLOWED[layer]))
    wrong = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imports(path) if not any(m == a or m.startswith(a + ".") for a in allowed)
        )
        for path in modules(layer)
    }
    assert modules(layer), f"no modules found in {layer}/"
    assert not {k: v for k, v in wrong.items() if v}


def test_the_probe_sees_imports_inside_functions(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n    from jarjesto_cli.outputs import display\n"
        "from jarjesto_cli import clock, errors\n",
        encoding="utf-8",
    )
    assert imports(probe) == {
        "jarjesto_cli.outputs",
        "jarjesto_cli.clock",
        "jarjesto_cli.errors",
    }
