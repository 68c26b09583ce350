"""What time it is for the tool: the real clock, or SOURCE_DATE_EPOCH for reproducible builds
(golden files, CI artifacts that are the same for the same data)."""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """Now (UTC), or the moment SOURCE_DATE_EPOCH (seconds) names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date by the same clock."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return now().date()
    return dt.date.today()
