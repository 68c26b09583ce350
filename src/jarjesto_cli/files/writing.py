"""Writing files safely: all of a change or none of it, and never a half-written file.

Each file is written to a temporary file in its own folder first; only when every temporary
file is complete are they renamed over the originals (a rename is atomic). If anything fails —
a full disk on the second of two files, say — the temporary files are removed and any file
already renamed is put back, so nothing changes. Ctrl-C or SIGTERM during this short window
waits until the write is complete (or undone) and is then raised; the error handler says which
files were written in full (`written`).

A path that is a symbolic link is written through: the file it points to gets the new content
and the link stays a link. (Plan files that are links are only read when they point inside the
plans folder; see `loading.py`.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from jarjesto_cli.errors import OutputError

# the files this run has written in full, for an honest message if it is interrupted
_WRITTEN: list[Path] = []


def written() -> list[Path]:
    """The files written in full since the command started."""
    return list(_WRITTEN)


def forget_written() -> None:
    """Start a new command's record of written files."""
    _WRITTEN.clear()


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, keeping the file's permissions if it exists."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically (see `write_all`)."""
    write_all({path: data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: temporary files first, then the renames; on any failure the
    temporary files are removed and the files already renamed are restored."""
    targets = [(path, _target(path), data) for path, data in files.items()]
    with _signals_held() as held:
        temps: list[tuple[Path, Path, Path]] = []  # (as named, the file written, temporary)
        try:
            for path, target, data in targets:
                temps.append((path, target, _temporary(path, target, data)))
        except BaseException:
            for _, _, tmp in temps:
                tmp.unlink(missing_ok=True)
            raise
        _rename_all(temps)
        _WRITTEN.extend(path for path, _, _ in temps)
    if held:
        raise KeyboardInterrupt  # after the write: the error handler names what was written


def move_all(moves: list[tuple[Path, Path]]) -> None:
    """Move finished files into place (renames in one file system), all or none: on any
    failure the files already moved are taken back and those they replaced restored."""
    targets = [target for _, target in moves]
    if len(set(targets)) != len(targets):
        raise OutputError(
            "two of the files to write have the same name; nothing was written",
            hint="please report this case",
        )
    with _signals_held() as held:
        _rename_all([(target, target, source) for source, target in moves])
        _WRITTEN.extend(targets)
    if held:
        raise KeyboardInterrupt


def _target(path: Path) -> Path:
    """The file to replace: the link's target for a symbolic link (the link stays)."""
    return path.resolve() if path.is_symlink() else path


def _temporary(path: Path, target: Path, data: bytes) -> Path:
    """A complete temporary copy of the new content beside `target`, with its permissions."""
    import tempfile  # here, not at the top: every command imports this module, few write

    directory = target.parent if str(target.parent) else Path()
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written",
            hint="check that the folder exists and is writable",
        ) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:  # a new file gets the usual permissions, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        tmp.chmod(mode)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written",
            hint="check free disk space and permissions",
        ) from None
    return tmp


def _rename_all(temps: list[tuple[Path, Path, Path]]) -> None:
    """Rename each temporary file over its target; undo them all if one fails."""
    backups: dict[Path, Path | bytes | None] = {}  # None: there was no file to put back
    done: list[Path] = []
    try:
        for path, target, tmp in temps:
            if len(temps) > 1:
                backups[target] = _backup(target) if target.exists() else None
            try:
                tmp.replace(target)
            except OSError as exc:
                raise OutputError(
                    f"cannot write {path}: {exc.strerror or exc}; nothing was written",
                    hint="check free disk space and permissions",
                ) from None
            done.append(target)
    except BaseException:
        for target in done:
            if target in backups:
                _restore(target, backups[target])
        for _, _, tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            if isinstance(backup, Path):
                backup.unlink(missing_ok=True)
    for directory in {target.parent for _, target, _ in temps}:
        _sync_directory(directory)


def _backup(target: Path) -> Path | bytes:
    """A way back to `target` as it is: a hard link (no copy), else its bytes in memory."""
    link = target.with_name(f".{target.name}.{os.getpid()}.orig.tmp")
    try:
        link.unlink(missing_ok=True)
        os.link(target, link)
        return link
    except OSError:
        return target.read_bytes()


def _restore(target: Path, backup: Path | bytes | None) -> None:
    if backup is None:  # the file did not exist before: the way back is no file
        target.unlink(missing_ok=True)
    elif isinstance(backup, Path):
        with contextlib.suppress(OSError):
            os.replace(backup, target)  # noqa: PTH105 - the way back must not be the way that failed
    elif isinstance(backup, bytes):
        with contextlib.suppress(OSError):
            target.write_bytes(backup)


def _sync_directory(directory: Path) -> None:
    """Make the renames durable (where the system allows opening a folder)."""
    try:
        fd = os.open(directory or Path(), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM until the block is done; yields the signals that came."""
    import signal
    import threading

    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum: int, frame: object) -> None:
        held.append(signum)

    previous = {s: signal.signal(s, hold) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield held
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
