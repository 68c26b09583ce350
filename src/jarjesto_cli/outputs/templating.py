"""The one Jinja environment: sandboxed, strict about undefined names, text escaped by default.

Everything printed with `{{ … }}` is treated as data and escaped for Markdown (a `|`, `*`, `<`,
a backtick or a line break in a narrative shows as written), unless it is marked as markup:
macros' output and the `block` filter's are, via `| safe`. A template that forgets to mark its
own markup shows backslashes (visible in review); one that forgets to escape data cannot exist.

The site's templates (`*.html.j2`, under `site/`) run in the same environment with HTML
autoescaping instead: everything printed is HTML-escaped unless it is marked as markup.

Templates come with pull requests too, so their work is bounded (`limits`): the rendered page
or report (`MAX_OUTPUT`), any one string or list a template makes (`'x' * 10**10`,
`'x'.center(10**10)`), `range` (in total, not only per call), recursion, CPU time and memory.
Each is a TemplateError that names the template and line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jarjesto_cli.errors import TemplateError
from jarjesto_cli.outputs.mdtext import block, cell

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
HTML_SUFFIXES = (".html.j2", ".html")


def templates_dir(option: Path | None, marker: str = "_base.md.j2") -> Path:
    """`--templates DIR`, else `./templates` if it holds `marker`, else the package's copy."""
    if option is not None:
        if not option.is_dir():
            from jarjesto_cli.errors import UsageError

            raise UsageError(f"{option} is not a directory", field="templates")
        return option
    local = Path("templates")
    if (local / marker).is_file():
        return local
    return PACKAGE_TEMPLATES


def is_html(name: str | None) -> bool:
    """The site's templates are HTML: autoescaped as HTML, not as Markdown."""
    return name is not None and name.endswith(HTML_SUFFIXES)


def environment(directory: Path) -> Any:
    """A sandboxed environment loading templates from `directory`."""
    from jinja2 import FileSystemLoader, StrictUndefined, pass_eval_context
    from jinja2.nodes import EvalContext
    from markupsafe import Markup

    from jarjesto_cli.outputs.limits import LimitedEnvironment

    @pass_eval_context
    def finalize(context: EvalContext, value: Any) -> Any:
        if isinstance(value, Markup):
            return value if context.autoescape else str(value)
        if value is None:
            return "–"
        if isinstance(value, bool):
            return "kyllä" if value else "ei"
        # HTML templates: Jinja's autoescape escapes what this returns
        return value if context.autoescape else cell(str(value))

    from jarjesto_cli.outputs.cache import template_cache

    env = LimitedEnvironment(
        loader=FileSystemLoader(str(directory)),
        bytecode_cache=template_cache(),
        undefined=StrictUndefined,
        autoescape=is_html,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["block"] = lambda text: Markup(block(str(text))) if text else Markup("")
    env.filters["cell"] = lambda text: Markup(cell(str(text))) if text is not None else Markup("–")
    env.filters["paragraphs"] = paragraphs
    return env


def paragraphs(text: Any) -> Any:
    """Multi-paragraph text from the data as HTML: escaped, blank lines → paragraphs, single
    line breaks → `<br>` (the HTML twin of the `block` filter)."""
    import re

    from markupsafe import Markup, escape

    if not text:
        return Markup("")
    parts = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(
            Markup("<br>\n").join(escape(line.strip()) for line in p.splitlines() if line.strip())
        )
        for p in parts
    )


def render(directory: Path, name: str, context: dict[str, Any]) -> str:
    """Render template `name`; any template problem becomes a TemplateError with name and line."""
    return renderer(directory)(name, context)


def renderer(directory: Path) -> Callable[[str, dict[str, Any]], str]:
    """`render` for many templates of one folder (the site's pages): one environment for all."""
    env = environment(directory)
    return lambda name, context: _render(env, directory, name, context)


def _render(env: Any, directory: Path, name: str, context: dict[str, Any]) -> str:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from jarjesto_cli.outputs.limits import TemplateLimit, bounded, rendered

    env.start_render()  # one environment renders many pages: each has the whole budget
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
            hint="the site needs the templates of templates/site/ (see README)"
            if is_html(name)
            else "each audience needs templates/<audience>.md.j2 (see README)",
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
