"""Replacing a file atomically: write a temporary file beside it, fsync, rename, fsync the folder.

A symbolic link is followed: the temporary file is written next to the real file and renamed
over it, so the link stays a link and the file on the share is the one that changes. A read-only
file (no write bit, or no write permission for this user) is never replaced.
"""

from __future__ import annotations

import contextlib
import glob
import os
import uuid
from collections.abc import Callable
from pathlib import Path


class ReadOnlyFile(Exception):
    """The file (or its folder) may not be written; nothing was changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def real_path(path: Path) -> Path:
    """The file a (chain of) symbolic link(s) points to; `path` itself if it is none."""
    return path.resolve() if path.is_symlink() else path


def refuse_if_read_only(path: Path) -> None:
    """Raise ReadOnlyFile if the real file is marked read-only or this user may not write it."""
    real = real_path(path)
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return
    # The mode bits also count for root (who may write anyway): read-only is the owner's wish,
    # set in the file manager or by Windows' read-only attribute on a share.
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise ReadOnlyFile(real)


def temp_path_for(path: Path) -> Path:
    """A hidden, unique temporary name in the same folder (a rename is atomic only within one)."""
    return path.with_name(f".~{path.name}.{uuid.uuid4().hex[:12]}.tmp")


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left behind; call only while holding the file's lock."""
    # Escaped: „[2025]“ in a file name is not a character class, „*“ not another file's copies.
    stale = list(path.parent.glob(f".~{glob.escape(path.name)}.*.tmp"))
    for temp in stale:
        temp.unlink(missing_ok=True)
    return stale


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temp)` and move the result over `path`; on any failure `path` is untouched.

    Raises ReadOnlyFile, before `write` is called, when the file may not be changed.
    """
    path = real_path(path)
    refuse_if_read_only(path)
    temp = temp_path_for(path)
    try:
        try:
            write(temp)
        except PermissionError as error:
            # No right to create a file in the folder: the workbook is as read-only as itself.
            if error.filename is not None and Path(error.filename) == temp:
                raise ReadOnlyFile(path) from error
            raise
        _fsync_file(temp)
        if path.exists():
            # Keep the workbook's permissions and, where allowed, its owner and group, so a
            # shared file stays shared with the same people.
            stat = path.stat()
            temp.chmod(stat.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):
                os.chown(temp, stat.st_uid, stat.st_gid)
        try:
            temp.replace(path)
        except PermissionError as error:
            raise ReadOnlyFile(path) from error
    finally:
        temp.unlink(missing_ok=True)
    _fsync_folder(path.parent)
