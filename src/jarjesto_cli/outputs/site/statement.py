"""The accessibility statement (saavutettavuusseloste) as page data: when and how the site was
checked, what was found, the known gaps, and where to give feedback.

Act 306/2019 asks a public body to publish one for each site. What a machine checked comes from
`plan site --check` (the same checks as the tests); what people checked and the gaps that stay
are written in the template, where the organisation keeps them up to date.
"""

from __future__ import annotations

from typing import Any

from jarjesto_cli.domain.models import Shared
from jarjesto_cli.outputs.site.pages import STATEMENT, Page
from jarjesto_cli.outputs.site.results import WCAG_TAGS, SiteCheck


def statement(
    shared: Shared | None, check: SiteCheck | None, *, date: str, page_count: int
) -> Page:
    settings = shared.site if shared else None
    feedback = settings.feedback if settings else None
    context: dict[str, Any] = {
        "date": date,
        "organisation": shared.organisation if shared else "",
        "address": settings.address if settings else None,
        "page_count": page_count,
        "feedback": None
        if feedback is None
        else {
            "name": feedback.name,
            "email": feedback.email,
            "phone": feedback.phone,
            "form": feedback.form,
        },
        "check": None if check is None else _check(check),
    }
    return Page(STATEMENT, "site/accessibility.html.j2", "Saavutettavuusseloste", context)


def _check(check: SiteCheck) -> dict[str, Any]:
    failing = [p for p in check.pages if p.problems()]
    return {
        "date": check.date,
        "browser": check.browser,
        "axe_version": check.axe_version,
        "tags": ", ".join(WCAG_TAGS),
        "pages": len(check.pages),
        "ok": check.ok,
        "violations": check.violation_count,
        "failing": [
            {
                "file": p.file,
                "violations": [f"{v.rule}: {v.help}" for v in p.violations],
                "other": len(p.problems()) - len(p.violations),
            }
            for p in failing
        ],
        "broken_links": len(check.broken_links),
    }
