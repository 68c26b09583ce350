"""What a check of the built site found, page by page: the browser's findings (axe, keyboard,
console, narrow screens) and the links that lead nowhere. Plain data: the accessibility
statement shows it, `plan site --check` prints it, the tests assert on it."""

from __future__ import annotations

from dataclasses import dataclass, field

# the axe-core rule tags that make up WCAG 2.0 and 2.1, levels A and AA
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class Violation:
    """One axe rule that failed on a page, with how many elements and which."""

    rule: str
    impact: str | None
    help: str
    targets: tuple[str, ...]


@dataclass
class PageResult:
    """Everything found on one page; `problems` is empty when the page passed."""

    file: str
    violations: list[Violation] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)  # anything not from the site
    not_reached: list[str] = field(default_factory=list)  # links Tab never reached
    focus_unseen: list[str] = field(default_factory=list)  # focused without a visible marker
    overflow: list[str] = field(default_factory=list)  # "320 px", "200 % teksti"

    def problems(self) -> list[str]:
        """One line per problem, in English for the developer's terminal."""
        lines = [
            f"axe {v.rule} ({v.impact or '?'}): {v.help} — {', '.join(v.targets[:3])}"
            for v in self.violations
        ]
        lines += [f"console error: {e}" for e in self.console_errors]
        lines += [f"request outside the site: {u}" for u in self.outside_requests]
        lines += [f"keyboard does not reach {t}" for t in self.not_reached]
        lines += [f"focus not visible on {t}" for t in self.focus_unseen]
        lines += [f"scrolls sideways at {w}" for w in self.overflow]
        return lines


@dataclass
class SiteCheck:
    """A check of every page of a built site."""

    date: str  # d.m.yyyy
    browser: str
    axe_version: str
    pages: list[PageResult]
    broken_links: list[str] = field(default_factory=list)  # `page → target`

    @property
    def violation_count(self) -> int:
        return sum(len(p.violations) for p in self.pages)

    @property
    def ok(self) -> bool:
        return not self.broken_links and not any(p.problems() for p in self.pages)

    def problems(self) -> list[str]:
        lines = [f"{p.file}: {line}" for p in self.pages for line in p.problems()]
        return lines + [f"broken link: {link}" for link in self.broken_links]
