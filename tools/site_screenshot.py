"""Take the README's picture of the site: `plan site` on the plans, then the front page (or
another page) in the headless Chromium that the browser checks use.

Usage: python tools/site_screenshot.py docs/site-etusivu.png [--plans plans] [--page index.html]
       [--width 1280]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", type=Path, help="the PNG to write")
    parser.add_argument("--plans", type=Path, default=Path("plans"))
    parser.add_argument("--page", default="index.html")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)

    from jarjesto_cli.outputs.site.browser import screenshot

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "jarjesto_cli", "site", "-p", str(args.plans), "-o", str(site)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        screenshot(site, args.page, args.target, width=args.width)
    print(f"wrote {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
