"""copier's ``run_update``, with its renders of the bundled template done by the fast path.

copier stays the merge engine of ``update``: its ``Worker.run_update`` renders the project's
old template version, the project itself and the new version, diffs them with git, applies the
diff, merges rejected hunks inline, deletes what the new version dropped and writes the answers
file. Left alone it spent most of an update (1.5 s of 2) outside the merge:

- each of its four workers, and the project's record of its template, cloned the template
  store anew (five clones, each with its own ``git describe``, dunamai and ``git ls-files``);
- each render walked every path of every overlay folder and compiled it with Jinja, the
  excluded ones included (about 800 compilations in three renders);
- git ran ``maintenance --auto`` after each of its six commits.

:class:`FastWorker` changes those, and only those, through copier's *private* API as of 9.19
(``Worker._render_template``, ``_render_allowed``, ``_render_folder``,
``_sync_git_index_executable_bit``, ``_operation``; the ``template``, ``subproject`` and
``jinja_env`` properties; ``Template``'s and ``Subproject``'s cached properties), which is why
this is the one module that touches it, ``pyproject.toml`` holds copier below 9.20, and
:func:`run_update` uses copier's own ``Worker`` for a release it was not tested with:

- the workers of one update share one template per version, removed when the update ends; for
  a version of litestar-new's store, :class:`StoreTemplate` reads it from the store without a
  clone;
- ``_render_template`` renders the bundled template with :func:`render_fast` as that worker's
  own render would (same answers, settings, operation, answers file), straight into an empty
  destination or through a scratch folder into the project, file by file with copier's own
  rules: exclusions, paths that would leave the destination, identical files left alone,
  conflicts (``_skip_if_exists``, ``overwrite``), symlinks replaced, modes, the git index's
  executable bit. Whatever the fast path does not support, and every other template, copier
  renders, and ``--verbose`` says why;
- copier's Jinja environment compiles each string once (:class:`_Compiled`);
- copier's git runs with ``maintenance.auto`` off.

tests/integration/test_update_engine.py compares what this leaves with what copier's own
``Worker`` leaves, byte for byte, git's index included.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any

from copier._main import Worker, _operation
from copier._subproject import Subproject
from copier._template import Template
from copier._vcs import get_git, is_git_available
from copier.errors import ForbiddenPathError
from packaging.version import Version
from plumbum import ProcessExecutionError

from litestar_new.core import installed
from litestar_new.core.answers import ANSWERS_FILE
from litestar_new.core.fastrender.cache import OneFileCache, cache_file
from litestar_new.core.render import stamp_answers
from litestar_new.core.words import is_url
from litestar_new.store import TemplateSource, checkout, checkout_mode, store_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from types import CodeType

    from copier._jinja_ext import SandboxedEnvironment
    from jinja2 import nodes

__all__ = ["TESTED", "FastWorker", "StoreTemplate", "run_update"]

TESTED = ((9, 19, 1), (9, 20))
"""The copier releases whose private API this module was checked against: from, below."""


class _SharedTemplate(Template):
    """A template version the workers of one update share: cloned once, removed at the end."""

    def _cleanup(self) -> None:
        """Nothing yet: the other workers still read it (:meth:`remove` does it at the end)."""

    def remove(self) -> None:
        """Remove the clone, as copier's own cleanup does."""
        super()._cleanup()


class _Compiled:
    """Jinja's code for template strings, by source, for one environment configuration.

    ``from_string`` compiles at every call, and copier calls it for every default, choice,
    condition and path at every use, in each worker: about 800 compilations per update of
    the same few hundred strings. The code of one source under one configuration is the same
    each time, so it is kept for the update, and on disk (the fast path's
    :class:`~litestar_new.core.fastrender.cache.OneFileCache`) for the next.
    """

    def __init__(self, cache: OneFileCache) -> None:
        self.cache = cache
        self.codes: dict[str, CodeType] = {}

    def install(self, env: SandboxedEnvironment) -> None:
        """Make ``env.from_string`` (which calls ``env.compile(source)``) use the kept code."""
        original = env.compile

        def compile_once(
            source: str | nodes.Template,
            name: str | None = None,
            filename: str | None = None,
            raw: bool = False,
            defer_init: bool = False,
        ) -> Any:  # noqa: ANN401 - code, or source when raw
            if raw:
                return original(source, name, filename, raw=True, defer_init=defer_init)
            if (
                name is not None
                or filename is not None
                or defer_init
                or not isinstance(source, str)
            ):
                return original(source, name, filename, defer_init=defer_init)
            code = self.codes.get(source)
            if code is None:
                bucket = self.cache.get_bucket(env, f"<string>{source}", None, source)
                if bucket.code is None:
                    bucket.code = original(source)
                    self.cache.set_bucket(bucket)
                code = self.codes[source] = bucket.code
            return code

        env.compile = compile_once  # type: ignore[method-assign]


class StoreTemplate(_SharedTemplate):
    """A version of litestar-new's template store, read from the store instead of a clone.

    For each version copier clones the store, checks the clone out, updates its submodules,
    then asks git for its description (``git describe``) and file modes (``git ls-files``),
    and dunamai for its version: about ten git processes and a folder to delete. The store
    holds each version as a tag ``X.Y.Z+g<hash>`` on a commit of its own, so the same come
    from one ``git archive`` (the files, with the modes a checkout gives them), one
    ``git describe`` and one ``git ls-tree``; the version is the tag's ``X.Y.Z``, which is
    what dunamai reads from an exactly tagged, clean checkout. A test holds each against
    copier's own.
    """

    @cached_property
    def local_abspath(self) -> Path:
        """The version's files: the update's checkout of it, or ``git archive`` of its tag."""
        run = _RUN.get(None)
        ready = run.checkouts.get(str(self.ref)) if run is not None else None
        if ready is not None and self._as_checked_out(ready):
            return ready.resolve()
        folder = Path(tempfile.mkdtemp(prefix="litestar-new-template-"))
        self._temp_clone_path = folder  # removed as copier removes its clones
        checkout(str(self.ref), folder / "template")
        return (folder / "template").resolve()

    def _as_checked_out(self, folder: Path) -> bool:
        """Whether ``folder``'s files have the modes a clone of the version gives them.

        The update's own checkout has them; the bundled template folder (the current version:
        its tag is its content's hash) has them unless it was installed under another umask.
        """
        modes = {False: checkout_mode(executable=False), True: checkout_mode(executable=True)}
        for path, mode in self.git_index_modes.items():
            if mode not in {0o100644, 0o100755}:  # a symlink or a submodule: extract instead
                return False
            try:
                found = (folder / path).lstat().st_mode
            except OSError:
                return False
            if not stat.S_ISREG(found) or stat.S_IMODE(found) != modes[bool(mode & 0o111)]:
                return False
        return True

    def _git(self, *args: str) -> str:
        return str(get_git(context_dir=Path(self.url))(*args)).strip()

    @cached_property
    def commit(self) -> str | None:
        """``git describe --tags --always`` of the tag's commit, as copier's of its clone."""
        return self._git("describe", "--tags", "--always", f"refs/tags/{self.ref}")

    @cached_property
    def commit_hash(self) -> str | None:
        """The tag's commit."""
        return self._git("rev-parse", f"refs/tags/{self.ref}^{{commit}}")

    @cached_property
    def git_index_modes(self) -> Mapping[PurePosixPath, int]:
        """The tag's tree's modes: what a fresh clone's index holds."""
        modes: dict[PurePosixPath, int] = {}
        for line in self._git("ls-tree", "-r", "--full-tree", f"refs/tags/{self.ref}").splitlines():
            meta, _, path = line.partition("\t")
            modes[PurePosixPath(path)] = int(meta.split(" ", 1)[0], 8)
        return modes

    @cached_property
    def version(self) -> Version | None:
        """The tag's ``X.Y.Z`` (:data:`_STORE_VERSION`)."""
        match = _STORE_VERSION.match(str(self.ref))
        return Version(match[1]) if match else super().version


_STORE_VERSION = re.compile(r"^(\d+(?:\.\d+)*)\+g[0-9a-f]{12}$")
"""A store tag whose version dunamai reads as its numbers alone (no pre-release part)."""


@dataclass
class _Run:
    bundled: bool
    cache_folder: Path
    notice: Callable[[str], None] | None
    scratch: Path
    checkouts: Mapping[str, Path]
    templates: dict[tuple[str, str | None, bool], _SharedTemplate] = field(default_factory=dict)
    compiled: dict[Path, _Compiled] = field(default_factory=dict)
    told: set[str] = field(default_factory=set)

    def compiled_for(self, envops: Mapping[str, Any], extensions: list[str]) -> _Compiled:
        key = [f"copier {installed.version('copier')}", *extensions]
        path = cache_file(self.cache_folder, envops, key)
        if path not in self.compiled:
            self.compiled[path] = _Compiled(OneFileCache(path))
        return self.compiled[path]

    def flush(self) -> None:
        for compiled in self.compiled.values():
            compiled.cache.flush()

    def template(self, url: str, ref: str | None, prereleases: bool) -> _SharedTemplate:
        key = (url, ref, prereleases)
        if key not in self.templates:
            kind = StoreTemplate if self._in_store(url, ref) else _SharedTemplate
            self.templates[key] = kind(url=url, ref=ref, use_prereleases=prereleases)
        return self.templates[key]

    def _in_store(self, url: str, ref: str | None) -> bool:
        """A version of litestar-new's store that :class:`StoreTemplate` reads."""
        if not self.bundled or ref is None or not _STORE_VERSION.match(ref) or is_url(url):
            return False
        return Path(url).expanduser().resolve() == store_dir().resolve()

    def tell(self, reason: str) -> None:
        if self.notice is not None and reason not in self.told:
            self.told.add(reason)
            self.notice(f"Merging with copier's own renders: {reason}")


_RUN: ContextVar[_Run] = ContextVar("litestar_new_update_run")


class _Subproject(Subproject):
    """copier's ``Subproject``, whose recorded template is the update's shared one."""

    @cached_property
    def template(self) -> Template | None:
        """The template version the answers file records (copier's, shared)."""
        url = self.last_answers.get("_src_path")
        ref = self.last_answers.get("_commit")
        return _RUN.get().template(str(url), ref, False) if url else None


class FastWorker(Worker):
    """copier's ``Worker``, sharing template clones and rendering through the fast path.

    copier makes the old-copy, project and new-copy workers of an update with
    ``dataclasses.replace(self, ...)``, so they are all of this class.
    """

    @cached_property
    def subproject(self) -> Subproject:
        """copier's, with the shared template (:class:`_Subproject`)."""
        result = _Subproject(
            local_abspath=self.dst_path.absolute(),
            answers_relpath=self.answers_file or Path(ANSWERS_FILE),
        )
        self._cleanup_hooks.append(result._cleanup)
        return result

    @cached_property
    def template(self) -> Template:
        """copier's, shared by the workers of this update (one clone per version)."""
        url = self.src_path
        if not url:
            if self.subproject.template is None:
                msg = "Template not found"
                raise TypeError(msg)
            url = str(self.subproject.template.url)
        return _RUN.get().template(url, self.resolved_vcs_ref, self.use_prereleases)

    @cached_property
    def jinja_env(self) -> SandboxedEnvironment:
        """The environment copier makes, compiling each template string once (:class:`_Compiled`)."""
        env = super().jinja_env
        extensions = sorted(env.extensions)
        _RUN.get().compiled_for(self.template.envops, extensions).install(env)
        return env

    def _render_template(self) -> None:
        """Render through the fast path, or with copier when it cannot (and say why)."""
        run = _RUN.get()
        reason = self._render_fast(run)
        if reason is not None:
            run.tell(reason)
            super()._render_template()

    def _render_fast(self, run: _Run) -> str | None:
        """Render and write the project as copier would; return why not (nothing written).

        Into an empty destination (copier's old and new copies) the render goes straight,
        unless the worker excludes some of it (then it is undone and goes the long way);
        anywhere else (the project) it goes to a scratch folder, then in file by file.
        """
        if (reason := self._unsupported(run)) is not None:
            return reason
        destination = self.subproject.local_abspath
        if self.quiet and _empty(destination):
            reason = self._render_into(destination, run)
            if reason is not None:
                return reason
            if not any(self.match_exclude(relative) for relative, _ in _walk(destination)):
                self._sync_index(destination)
                return None
            _clear(destination)
        rendered = Path(tempfile.mkdtemp(dir=run.scratch)) / "render"
        try:
            reason = self._render_into(rendered, run)
            if reason is None:
                self._write(rendered)
        finally:
            shutil.rmtree(rendered.parent, ignore_errors=True)
        return reason

    def _unsupported(self, run: _Run) -> str | None:
        """Why the fast path cannot render for this worker; None when it can."""
        if not run.bundled:
            return "a template of your own"
        if self.pretend:
            return "pretend"
        if self.answers_relpath != self.template.answers_relpath:
            return f"an answers file of another name ({self.answers_relpath})"
        if (mismatch := self._mode_mismatch()) is not None:
            return f"{mismatch}'s executable bit differs from the template's git index"
        return None

    def _sync_index(self, destination: Path) -> None:
        """What copier's writes do to git's index after a render straight into the destination."""
        if self._index_needs_modes():
            for relative, path in _walk(destination):
                if path.is_file():
                    self._sync_git_index_executable_bit(relative, path.stat().st_mode)

    def _render_into(self, folder: Path, run: _Run) -> str | None:
        """Render with the fast path into ``folder`` as this worker would render; why not.

        A failure leaves ``folder`` as it was (empty, or not there).
        """
        from litestar_new.core.fastrender import (  # noqa: PLC0415
            Unsupported,
            WorkerContext,
            render_fast,
        )

        template = self.template
        combined = self.answers.combined
        given = {name: combined[name] for name in template.questions_data if name in combined}
        context = WorkerContext(
            src_path=str(template.url),
            conf=self._conf(),
            folder_name=self.subproject.local_abspath.name,
            operation=_operation.get("copy"),
        )
        existed = folder.exists()
        try:
            render_fast(template.local_abspath, given, folder, run.cache_folder, worker=context)
        except Unsupported as error:
            if existed:
                _clear(folder)
            else:
                shutil.rmtree(folder, ignore_errors=True)
            return f"the fast path does not support it ({error})"
        source = TemplateSource(path=str(template.url), ref=template.commit)
        stamp_answers(folder / self.answers_relpath, source)
        return None

    def _conf(self) -> dict[str, Any]:
        """``_copier_conf`` as copier's ``_render_context`` gives it, the plain settings only."""
        return {
            "src_path": PurePath(self.template.local_abspath),
            "dst_path": PurePath(self.dst_path),
            "answers_file": PurePath(self.answers_relpath),
            "vcs_ref": self.resolved_vcs_ref,
            "data": self.data,
            "exclude": self.exclude,
            "use_prereleases": self.use_prereleases,
            "skip_if_exists": self.skip_if_exists,
            "cleanup_on_error": self.cleanup_on_error,
            "defaults": self.defaults,
            "overwrite": self.overwrite,
            "pretend": self.pretend,
            "quiet": self.quiet,
            "conflict": self.conflict,
            "context_lines": self.context_lines,
            "unsafe": self.unsafe,
            "skip_answered": self.skip_answered,
            "skip_tasks": self.skip_tasks,
            "sep": os.sep,
        }

    def _mode_mismatch(self) -> str | None:
        """A template file whose checkout's executable bit is not its git index's, if any.

        copier takes a file's mode from its checkout with the executable bit from the index;
        the fast path, from the checkout alone. On a POSIX checkout they agree.
        """
        root = self.template.local_abspath
        for path, mode in self.template.git_index_modes.items():
            try:
                on_disk = (root / path).lstat().st_mode
            except OSError:
                continue
            if (on_disk ^ mode) & 0o111:
                return str(path)
        return None

    def _write(self, rendered: Path) -> None:
        """Write a render into the destination as copier's ``_render_template`` writes."""
        dst_root = self.dst_path.resolve()
        destination = self.subproject.local_abspath
        sync_index = self._index_needs_modes()
        for relative, source in _walk(rendered):
            target = dst_root / relative
            real = (
                target.parent.resolve() / target.name if target.is_symlink() else target.resolve()
            )
            if not real.is_relative_to(dst_root):
                raise ForbiddenPathError(path=relative)
            if self.match_exclude(relative):
                continue
            if source.is_dir():
                self._render_folder(relative)
                continue
            content, mode = source.read_bytes(), source.stat().st_mode
            if not self._render_allowed(relative, expected_contents=content, expected_mode=mode):
                continue
            path = destination / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink():
                path.unlink()
            path.write_bytes(content)
            if path.stat().st_mode != mode:
                path.chmod(mode)
            if sync_index:
                self._sync_git_index_executable_bit(relative, mode)

    def _index_needs_modes(self) -> bool:
        """Whether git ignores the executable bit here (``core.fileMode`` false).

        copier asks git this for every file it writes; the answer does not change while one
        render writes, so it is asked once, and copier's own method runs per file when it is.
        """
        if not is_git_available():
            return False
        git = get_git(context_dir=self.subproject.local_abspath)
        try:
            return bool(git("config", "--type=bool", "--get", "core.fileMode").strip() == "false")
        except ProcessExecutionError:
            return False


def _empty(folder: Path) -> bool:
    """Whether ``folder`` is missing or an empty folder."""
    if not folder.exists():
        return True
    return folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir())


def _clear(folder: Path) -> None:
    """Remove what ``folder`` holds, not the folder."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _walk(root: Path) -> Iterator[tuple[Path, Path]]:
    """Every folder and file under ``root``: its path relative to ``root``, and itself."""
    for folder, folders, files in os.walk(root):
        folders.sort()
        here = Path(folder)
        for name in (*folders, *sorted(files)):
            yield (here / name).relative_to(root), here / name


def _tested() -> bool:
    return TESTED[0] <= installed.release(installed.version("copier") or "") < TESTED[1]


@contextmanager
def _no_auto_maintenance() -> Iterator[None]:
    """Tell copier's git not to start ``git maintenance run --auto`` after each commit.

    copier commits six times into its two throwaway repositories (the old and the new copy),
    and git follows each commit with a housekeeping process; nothing it does changes the
    update. The setting goes through ``GIT_CONFIG_COUNT`` (after the user's own, if any) in
    plumbum's environment, which copier's git commands take.
    """
    from plumbum import local  # noqa: PLC0415

    count = int(local.env.get("GIT_CONFIG_COUNT", "0") or "0")
    setting = {
        "GIT_CONFIG_COUNT": str(count + 1),
        f"GIT_CONFIG_KEY_{count}": "maintenance.auto",
        f"GIT_CONFIG_VALUE_{count}": "false",
    }
    with local.env(**setting):
        yield


@contextmanager
def _shared(run: _Run) -> Iterator[None]:
    token = _RUN.set(run)
    try:
        yield
        run.flush()
    finally:
        _RUN.reset(token)
        for template in run.templates.values():
            template.remove()


def run_update(
    *,
    bundled: bool,
    cache_folder: Path,
    scratch: Path,
    notice: Callable[[str], None] | None = None,
    checkouts: Mapping[str, Path] | None = None,
    **settings: Any,  # noqa: ANN401 - copier's Worker settings
) -> None:
    """Run copier's ``run_update(**settings)`` with :class:`FastWorker`.

    Args:
        bundled: The template is litestar-new's own (the fast path renders it).
        cache_folder: Where the fast path keeps compiled templates between runs.
        scratch: An existing folder for the renders before they are written.
        notice: Told why copier renders instead of the fast path (``update --verbose``).
        checkouts: Store versions the update has checked out already (``git archive``), by tag.
        settings: ``Worker`` fields, as ``copier.run_update`` takes them.
    """
    if not _tested():
        if notice is not None:
            notice("Merging with copier's own renders: a copier release this was not tested with")
        with Worker(**settings) as worker:
            worker.run_update()
        return
    run = _Run(
        bundled=bundled,
        cache_folder=cache_folder,
        notice=notice,
        scratch=scratch,
        checkouts=checkouts or {},
    )
    with _shared(run), _no_auto_maintenance(), FastWorker(**settings) as worker:
        worker.run_update()
