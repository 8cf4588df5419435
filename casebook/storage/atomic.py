"""Replacing a file atomically: write a temporary file beside it, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import glob
import os
import uuid
from collections.abc import Callable
from pathlib import Path


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
    """Call `write(temp)` and move the result over `path`; on any failure `path` is untouched."""
    temp = temp_path_for(path)
    try:
        write(temp)
        _fsync_file(temp)
        if path.exists():
            # Keep the workbook's permissions and, where allowed, its owner and group, so a
            # shared file stays shared with the same people.
            stat = path.stat()
            temp.chmod(stat.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):
                os.chown(temp, stat.st_uid, stat.st_gid)
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    _fsync_folder(path.parent)
