"""Output destinations: checked before a command works, written whole, never onto an input.

A command names its outputs first (:meth:`Destinations.file`, :meth:`Destinations.folder`):
each is checked at once — a file that is a folder or a device, a folder that is a file, a
missing or read-only folder — and gets a *staging* folder beside it (hidden, same file system),
where the writers write. :meth:`Destinations.commit` then checks that no file would land on an
input of the run (the stock, the scenario, a survey: by path and by identity, so links count)
or be written twice, and only then moves every file into place (``os.replace``; a new output
folder appears whole with one rename). A write that fails on the way (a full disk, a file
system gone read-only) discards the staging folders: nothing partial is left, no earlier
output is touched, and the message names the destination and the reason.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from wupmodel.errors import WupInputError

#: Prefix of the hidden staging folders.
STAGE_PREFIX = ".wupmodel-tmp-"


def _reason(err: OSError) -> str:
    """An OS error in words: its message, with the errno's name for the common ones."""
    text = err.strerror or str(err)
    if err.errno == errno.ENOSPC:
        return "no space left on the device (the disk is full)"
    if err.errno == errno.EROFS:
        return "the file system is read-only"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (a read-only folder?)"
    return text[:200]


def _os_error(exc: BaseException) -> OSError | None:
    """The OS error behind ``exc`` (itself, or what it was raised from), if any."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


@dataclass
class _Target:
    """One named output: where it goes, and where it is written meanwhile."""

    final: Path  #: the path the user gave
    kind: str  #: ``file`` or ``folder``
    stage: Path  #: the staging folder (the file is ``stage / final.name``)
    flag: str  #: the option that named it, for messages
    fresh: bool  #: a folder that does not exist yet (it appears whole, by one rename)


def _is_folder_kind(path: Path) -> str | None:
    """What ``path`` is when it exists: ``folder``, ``file`` or ``other`` (device, pipe)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        msg = f"{path}: cannot be used as an output: {_reason(err)}"
        raise WupInputError(msg, str(path)) from None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def _existing_ancestor(path: Path) -> Path:
    """The nearest folder above ``path`` that exists."""
    p = path.absolute().parent
    while not p.exists():
        p = p.parent
    return p


def _same(a: Path, b: Path) -> bool:
    """True when two paths name the same file (by identity when both exist, else by path)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


class Destinations:
    """The outputs of one command: checked, staged, committed (module docstring).

    Parameters
    ----------
    inputs
        The run's input files (``None`` entries are skipped); no output may land on them.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Destinations() as dest:
    ...     staged = dest.file(folder / "a.json", (".json",), "--json")
    ...     _ = staged.write_text("{}")
    ...     written = dest.commit()
    >>> [p.name for p in written]
    ['a.json']
    """

    def __init__(self, inputs: Iterable[str | os.PathLike | None] = ()) -> None:
        self.inputs = [Path(p) for p in inputs if p]
        self.targets: list[_Target] = []

    # -- naming the outputs -----------------------------------------------------------------
    def file(self, path: str | os.PathLike, allowed: tuple[str, ...], flag: str = "--out") -> Path:
        """Check an output file; returns the staged path to write it to.

        Raises
        ------
        WupInputError
            Wrong extension; the path is a folder or a device; its folder is missing, not a
            folder or not writable; the path is an input of the run.
        """
        final = Path(path)
        name = str(path)
        if final.suffix.lower() not in allowed:
            raise WupInputError(f"{name}: {flag} must end in {' or '.join(allowed)}", name)
        kind = _is_folder_kind(final)
        if kind == "folder":
            raise WupInputError(
                f"{name}: {flag} is an existing folder; give a file name "
                f"(e.g. {final / ('output' + allowed[0])})",
                name,
            )
        if kind == "other":
            raise WupInputError(
                f"{name}: {flag} exists and is not a regular file (a device or a pipe); "
                "give a file name in a folder",
                name,
            )
        parent = final.parent
        parent_kind = _is_folder_kind(parent)
        if parent_kind is None:
            raise WupInputError(f"{name}: folder {parent} does not exist", name)
        if parent_kind != "folder":
            raise WupInputError(f"{name}: {parent} is not a folder", name)
        self._refuse_input(final, flag)
        stage = self._stage_in(parent, final, flag)
        self.targets.append(_Target(final, "file", stage, flag, fresh=False))
        return stage / final.name

    def folder(self, path: str | os.PathLike, flag: str = "--out") -> Path:
        """Check an output folder (it may exist, as a folder, or not yet); returns the staged
        folder to write into.

        Raises
        ------
        WupInputError
            The path is a file or a device; it, or the nearest folder above it, is not
            writable.
        """
        final = Path(path)
        name = str(path)
        kind = _is_folder_kind(final)
        if kind is not None and kind != "folder":
            raise WupInputError(
                f"{name}: {flag} exists and is not a folder; give a folder (it is created "
                "when missing)",
                name,
            )
        where = final if kind == "folder" else _existing_ancestor(final)
        if _is_folder_kind(where) != "folder":
            raise WupInputError(f"{name}: {where} is not a folder", name)
        stage = self._stage_in(where, final, flag)
        self.targets.append(_Target(final, "folder", stage, flag, fresh=kind is None))
        return stage

    def _refuse_input(self, final: Path, flag: str) -> None:
        for source in self.inputs:
            if _same(final, source):
                raise WupInputError(
                    f"{final}: {flag} would overwrite an input of this run ({source}); "
                    "input files are never changed: give another output name",
                    str(final),
                )

    def _stage_in(self, where: Path, final: Path, flag: str) -> Path:
        try:
            for _ in range(100):  # like tempfile.mkdtemp, but with the umask's permissions
                stage = where / f"{STAGE_PREFIX}{secrets.token_hex(4)}"
                try:
                    stage.mkdir()
                    return stage
                except FileExistsError:
                    continue
            raise FileExistsError(errno.EEXIST, "no free name for a staging folder")
        except OSError as err:
            raise WupInputError(
                f"{final}: {flag} cannot be written in folder {where}: {_reason(err)}",
                str(final),
            ) from None

    # -- writing ----------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around the writers: an OS error (a full disk, ...) becomes one clear message and
        the staging folders are discarded."""
        try:
            yield
        except Exception as exc:
            err = _os_error(exc)  # writers wrap it (e.g. xlsxwriter's FileCreateError)
            if err is None:
                raise
            self.discard()
            names = ", ".join(str(t.final) for t in self.targets) or "the outputs"
            raise WupInputError(
                f"{names}: cannot be written: {_reason(err)}; nothing was written",
                names,
            ) from None

    def final(self, staged: str | os.PathLike) -> Path:
        """Where a staged path lands after :meth:`commit`."""
        staged = Path(staged)
        for t in self.targets:
            if staged.is_relative_to(t.stage):
                rel = staged.relative_to(t.stage)
                return t.final / rel if t.kind == "folder" else t.final.parent / rel
        return staged

    def _moves(self) -> list[tuple[Path, Path, _Target]]:
        """Every staged file and where it lands."""
        moves = []
        for t in self.targets:
            for src in sorted(p for p in t.stage.rglob("*") if not p.is_dir()):
                moves.append((src, self.final(src), t))
        return moves

    def commit(self) -> list[Path]:
        """Check every destination, then move the staged files into place.

        Returns
        -------
        list of Path
            The files written, where they now are.

        Raises
        ------
        WupInputError
            A file would land on an input of the run, on a folder, or is written twice.
        """
        moves = self._moves()
        seen: dict[Path, str] = {}
        for _, dst, t in moves:
            key = dst.absolute()
            self._check_landing(dst, t, seen.get(key))
            seen[key] = t.flag
        filled = {id(t) for _, _, t in moves}
        with self.writing():
            for t in self.targets:
                if t.kind == "folder" and t.fresh and id(t) in filled:
                    t.final.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(t.stage, t.final)  # the new folder appears whole
            for src, dst, t in moves:
                if t.kind == "folder" and t.fresh:
                    continue
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
        self.discard()
        return [dst for _, dst, _ in moves]

    def _check_landing(self, dst: Path, t: _Target, earlier: str | None) -> None:
        if earlier is not None:
            self.discard()
            raise WupInputError(
                f"{dst}: written by both {earlier} and {t.flag}; give them different places",
                str(dst),
            )
        if dst.is_dir():
            self.discard()
            raise WupInputError(
                f"{dst}: an output file would replace an existing folder; move it or give "
                f"{t.flag} another place",
                str(dst),
            )
        try:
            self._refuse_input(dst, t.flag)
        except WupInputError:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the staging folders (and what they hold)."""
        for t in self.targets:
            if t.stage.exists():
                shutil.rmtree(t.stage, ignore_errors=True)

    def __enter__(self) -> Destinations:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()
