"""Where the bundled copier template lives, and its versioned git store for updates.

copier can only update a project whose template is a git repository with the version the project
was made from. The bundled template is a plain folder inside this package, so each version of it
is recorded as a commit (tagged ``<package version>+g<content hash>``) in a repository under the
user's data folder. Projects record that repository as ``_src_path`` and the tag as ``_commit``,
so ``copier update`` and ``litestar-new update`` find the old and the new template.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from litestar_new import __version__
from litestar_new.errors import LitestarNewError

if TYPE_CHECKING:
    import tarfile
    from collections.abc import Iterator

__all__ = [
    "TemplateSource",
    "bundled_template",
    "checkout",
    "checkout_mode",
    "content_hash",
    "data_dir",
    "has_tag",
    "register",
    "store_dir",
    "version_of",
]

_IGNORED = {"__pycache__", ".git", ".DS_Store"}


class TemplateSource(NamedTuple):
    """A copier template and the version of it to render."""

    path: str
    """Absolute path or URL of the template, as recorded in ``.copier-answers.yml``."""
    ref: str | None = None
    """The git tag or commit to render; None for a plain folder."""
    local_copy: Path | None = None
    """A plain folder with exactly the content of ``ref``: rendered instead of cloning the
    repository (a tenth of a second saved), then ``path`` and ``ref`` are recorded."""
    bundled: bool = False
    """The template shipped with litestar-new: its Python output is formatted with ruff."""


def bundled_template() -> Path:
    """Return the template folder shipped with this package (or the source tree's)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if (candidate / "copier.yml").is_file():
            return candidate
    msg = f"the bundled template is missing (looked in {here / 'templates'}); reinstall"
    raise LitestarNewError(msg)


def data_dir() -> Path:
    """Return the folder for litestar-new's own data (``LITESTAR_NEW_HOME`` overrides it)."""
    if explicit := os.environ.get("LITESTAR_NEW_HOME"):
        return Path(explicit).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser().resolve() / "litestar-new"


def _files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` but the ignored ones, in ``sorted(root.rglob("*"))``'s order.

    ``os.walk`` (a third of ``rglob``'s time): links to folders are not entered, as ``rglob``
    does not; the order is by path parts, as paths sort.
    """
    found: list[tuple[str, ...]] = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name not in _IGNORED]
        parts = Path(folder).relative_to(root).parts
        found.extend(
            (*parts, name)
            for name in files
            if name not in _IGNORED and Path(folder, name).is_file()
        )
    for parts in sorted(found):
        yield root.joinpath(*parts)


def content_hash(root: Path) -> str:
    """Hash every file's path and bytes under ``root``: the identity of a template version."""
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "litestar-new",
        "GIT_AUTHOR_EMAIL": "litestar-new@localhost",
        "GIT_COMMITTER_NAME": "litestar-new",
        "GIT_COMMITTER_EMAIL": "litestar-new@localhost",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=False
    )


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    import fcntl  # noqa: PLC0415 - POSIX only, and only needed here

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _commit_snapshot(store: Path, source: Path, tag: str) -> None:
    if not (store / ".git").is_dir():
        store.mkdir(parents=True, exist_ok=True)
        _check(_git(store, "init", "-q", "-b", "main"))
    for child in store.iterdir():
        if child.name != ".git":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for path in _files(source):
        destination = store / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    _check(_git(store, "add", "-A"))
    _check(_git(store, "commit", "-q", "--allow-empty", "-m", f"litestar-new template {tag}"))
    _check(_git(store, "tag", tag))


def _check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        from litestar_new.core.run import describe_exit  # noqa: PLC0415 - only on failure

        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        detail = lines[-1].strip() if lines else describe_exit(result.returncode)
        store, command = result.args[2], result.args[3]
        msg = f"cannot record the template in {store}: git {command} failed: {detail}"
        raise LitestarNewError(msg)


def store_dir() -> Path:
    """Return the versioned template store: a git repository with one tag per version."""
    return data_dir() / "templates"


def version_of(tag: str) -> str:
    """Return the litestar-new version in a store tag (``0.1.0`` for ``0.1.0+g1a2b3c4d5e6f``)."""
    return tag.partition("+g")[0]


def has_tag(tag: str) -> bool:
    """Tell whether the store holds the template version ``tag``."""
    store = store_dir()
    if not (store / ".git").is_dir() or shutil.which("git") is None:
        return False
    return _git(store, "rev-parse", "-q", "--verify", f"refs/tags/{tag}^{{commit}}").returncode == 0


def checkout(tag: str, destination: Path) -> TemplateSource:
    """Write the store's template version ``tag`` into ``destination`` and return its source.

    ``git archive`` of a local tag takes a few milliseconds where copier's clone of the store
    takes a third of a second; the source renders from that folder and records the store.

    Raises:
        LitestarNewError: The store has no such tag, or git failed.
    """
    import io  # noqa: PLC0415
    import tarfile  # noqa: PLC0415

    store = store_dir()
    result = subprocess.run(
        ["git", "-C", str(store), "archive", "--format=tar", f"refs/tags/{tag}"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        msg = f"the template store ({store}) has no version {tag}"
        raise LitestarNewError(msg)
    destination.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
            archive.extractall(destination, filter="data")
        else:  # pragma: no cover - our own store's archive
            archive.extractall(destination)  # noqa: S202
        _modes_as_git_checks_out(destination, archive.getmembers())
    return TemplateSource(path=str(store), ref=tag, local_copy=destination, bundled=True)


def _recorded(store: Path, tag: str) -> bool:
    """Whether the store has the tag: its ref file read, else git asked (a few milliseconds).

    The store is litestar-new's own repository, whose tags git writes as loose refs until
    something packs them; a tag found neither loose nor packed is looked up by git.
    """
    refs = store / ".git"
    if (refs / "refs" / "tags" / tag).is_file():
        return True
    try:
        packed = (refs / "packed-refs").read_text(encoding="utf-8")
    except OSError:
        packed = ""
    if any(line.endswith(f" refs/tags/{tag}") for line in packed.splitlines()):
        return True
    return _git(store, "rev-parse", "-q", "--verify", f"refs/tags/{tag}").returncode == 0


def checkout_mode(*, executable: bool) -> int:
    """The mode ``git checkout`` (copier's clone of a template) gives a file.

    0666 or 0777 less the umask; copier copies a template file's mode into the project.
    """
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if executable else 0o666) & ~umask


def _modes_as_git_checks_out(destination: Path, members: list[tarfile.TarInfo]) -> None:
    """Give the files the modes a checkout gives them (:func:`checkout_mode`).

    ``git archive`` records 0664 and 0775, less what the extraction filter takes.
    """
    for member in members:
        if member.isfile():
            mode = checkout_mode(executable=bool(member.mode & 0o111))
            (destination / member.name).chmod(mode)


def register(source: Path | None = None, *, version: str | None = None) -> TemplateSource:
    """Record the bundled template in the versioned store and return where to render it from.

    Without git, fall back to the plain folder: projects still render, but cannot be updated
    by copier until the template is registered.

    Args:
        source: The template folder; the bundled one when None.
        version: The litestar-new version to record it under; the installed one when None
            (tests record older template fixtures as older versions).
    """
    source = source or bundled_template()
    if shutil.which("git") is None:
        return TemplateSource(path=str(source), bundled=True)
    tag = f"{version or __version__}+g{content_hash(source)[:12]}"
    store = store_dir()
    try:
        with _locked(data_dir()):
            fresh = not (store / ".git").is_dir()
            if fresh or not _recorded(store, tag):
                _commit_snapshot(store, source, tag)
    except OSError as error:
        msg = (
            f"cannot record the template in {store}: {error.strerror or error} "
            "(LITESTAR_NEW_HOME chooses another place)"
        )
        raise LitestarNewError(msg) from error
    return TemplateSource(path=str(store), ref=tag, local_copy=source, bundled=True)
