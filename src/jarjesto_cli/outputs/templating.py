"""The one Jinja environment: sandboxed, strict about undefined names, text escaped by default.

Everything printed with `{{ … }}` is treated as data and escaped for Markdown (a `|`, `*`, `<`,
a backtick or a line break in a narrative shows as written), unless it is marked as markup:
macros' output and the `block` filter's are, via `| safe`. A template that forgets to mark its
own markup shows backslashes (visible in review); one that forgets to escape data cannot exist.

Templates come with pull requests too, so their work is bounded (`limits`): the rendered report
(`MAX_OUTPUT`), any one string or list a template makes (`'x' * 10**10`, `'x'.center(10**10)`),
`range` (in total, not only per call), recursion, and CPU time. Each is a TemplateError that
names the template and line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from jarjesto_cli.errors import TemplateError
from jarjesto_cli.outputs.mdtext import block, cell

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def templates_dir(option: Path | None) -> Path:
    """`--templates DIR`, else `./templates` if present, else the copy inside the package."""
    if option is not None:
        if not option.is_dir():
            from jarjesto_cli.errors import UsageError

            raise UsageError(f"{option} is not a directory", field="templates")
        return option
    local = Path("templates")
    if (local / "_base.md.j2").is_file():
        return local
    return PACKAGE_TEMPLATES


def environment(directory: Path) -> Any:
    """A sandboxed environment loading templates from `directory`."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    from jarjesto_cli.outputs.limits import LimitedEnvironment

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return str(value)
        if value is None:
            return "–"
        if isinstance(value, bool):
            return "kyllä" if value else "ei"
        return cell(str(value))

    from jarjesto_cli.outputs.cache import template_cache

    env = LimitedEnvironment(
        loader=FileSystemLoader(str(directory)),
        bytecode_cache=template_cache(),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["block"] = lambda text: Markup(block(str(text))) if text else Markup("")
    env.filters["cell"] = lambda text: Markup(cell(str(text))) if text is not None else Markup("–")
    return env


def render(directory: Path, name: str, context: dict[str, Any]) -> str:
    """Render template `name`; any template problem becomes a TemplateError with name and line."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from jarjesto_cli.outputs.limits import TemplateLimit, bounded, rendered

    env = environment(directory)
    try:
        template = env.get_template(name)
        with bounded():
            return tidy(rendered(template, context))
    except TemplateLimit as exc:
        where = _where(directory)
        raise TemplateError(
            f"{name if where == 'template' else where}: {exc}",
            hint="templates may not make reports this large",
        ) from None
    except RecursionError:
        raise TemplateError(
            f"{_where(directory)}: a macro or loop calls itself without end",
            hint="check the macro's or the recursive loop's stopping condition",
        ) from None
    except OverflowError as exc:
        raise TemplateError(f"{_where(directory)}: {exc}") from None
    except MemoryError:
        raise TemplateError(f"{_where(directory)}: the template needs too much memory") from None
    except TemplateNotFound as exc:
        raise TemplateError(
            f"template '{exc.name}' not found in {directory}",
            hint="each audience needs templates/<audience>.md.j2 (see README)",
        ) from None
    except TemplateSyntaxError as exc:
        where = f"{Path(exc.filename).name if exc.filename else exc.name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
    except SecurityError as exc:
        raise TemplateError(f"{_where(directory)}: not allowed in a template: {exc}") from None
    except JinjaError as exc:
        raise TemplateError(
            f"{_where(directory)}: {exc}", hint="check the names the template uses (see README)"
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        raise TemplateError(f"{_where(directory)}: {type(exc).__name__}: {exc}") from None


def tidy(markdown: str) -> str:
    """Collapse runs of blank lines (template whitespace) to one; end with one newline.

    Safe for our Markdown: it has no code blocks (text from the data is escaped), and blank lines
    only ever separate blocks.
    """
    lines = markdown.strip("\n").split("\n")
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line.rstrip())
    return "\n".join(out).rstrip() + "\n"


def _where(directory: Path) -> str:
    """`template.md.j2:LINE` of the innermost template frame of the exception being handled."""
    tb = sys.exc_info()[2]
    found = "template"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
