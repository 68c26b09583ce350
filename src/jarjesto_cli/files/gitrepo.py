"""Reading the plans as they were at a git revision, through git itself (`git show REV:path`)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from jarjesto_cli.errors import GitError

REPORT_TAG_PATTERN = "raportti-*"


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed", hint="install git to compare revisions") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def repo_root(path: Path) -> Path:
    """The top of the git work tree that holds `path`."""
    start = path if path.is_dir() else path.parent
    try:
        out = _git(start.resolve(), "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(
            f"{path} is not inside a git repository",
            hint="run this in a clone of the plans repository",
        ) from None
    return Path(out.decode().strip())


def resolve(root: Path, revision: str) -> str:
    """The commit id of `revision`; an unknown revision is a clear error."""
    if revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(
            f"unknown revision '{revision}'",
            hint="give a commit, branch or tag (git log --oneline shows them)",
        ) from None
    return out.decode().strip()


def commit_day(root: Path, revision: str) -> dt.date:
    """The day `revision`'s commit was made (the committer's own date): when a tagged report's
    plans were last changed, so a target change dated after it is news to the next report."""
    out = _git(root, "log", "-1", "--format=%cI", resolve(root, revision))
    return dt.date.fromisoformat(out.decode().strip()[:10])


def last_report_tag(root: Path) -> str | None:
    """The newest tag matching `raportti-*` (by tag date), if any."""
    out = _git(root, "tag", "--list", REPORT_TAG_PATTERN, "--sort=-creatordate")
    tags = out.decode().split()
    return tags[0] if tags else None


def default_base(root: Path) -> str:
    """What to compare with when no revision is given: the last report tag, else HEAD."""
    return last_report_tag(root) or "HEAD"


def yaml_files_at(root: Path, revision: str, directory: Path) -> dict[Path, bytes]:
    """The *.yaml/*.yml files directly in `directory` at `revision`, as bytes, by path."""
    commit = resolve(root, revision)
    relative = directory.resolve().relative_to(root)
    prefix = "" if str(relative) == "." else f"{relative.as_posix()}/"
    listing = _git(root, "ls-tree", "--name-only", commit, "--", prefix or ".")
    files: dict[Path, bytes] = {}
    for name in listing.decode("utf-8").splitlines():
        if not name.endswith((".yaml", ".yml")) or "/" in name.removeprefix(prefix):
            continue
        files[directory / Path(name).name] = _blob(root, f"{commit}:{name}")
    return files


def _blob(root: Path, spec: str) -> bytes:
    """A file's content at a revision, at most one byte more than a YAML file may have: a huge
    file in an old commit is refused by its size (`yaml_io.decode`), never read whole."""
    from jarjesto_cli.files.yaml_io import MAX_FILE_BYTES

    try:
        process = subprocess.Popen(
            ["git", "-C", str(root), "show", spec],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("git is not installed", hint="install git to compare revisions") from None
    assert process.stdout is not None
    with process.stdout:
        data = process.stdout.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        process.kill()
    code = process.wait()
    if code != 0 and len(data) <= MAX_FILE_BYTES:
        raise GitError(f"git show {spec}: failed (exit {code})")
    return data
