"""Starts the real Streamlit app in a child process on a free local port, for browser tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HEALTH_PATH = "/_stcore/health"
_PORT_ATTEMPTS = 3

PrepareData = Callable[[Path], None]
"""Fills the app's data folder (KIM_DATA_DIR) before the server starts."""


class StreamlitDidNotStart(Exception):
    """The server did not answer its health check in time, or exited early."""

    def __init__(self, url: str, reason: str, output: str) -> None:
        super().__init__(
            f"Streamlit at {url} did not start: {reason}\n--- server output ---\n{output}"
        )
        self.url = url
        self.reason = reason
        self.output = output


class DemoDataFailed(Exception):
    """`python -m casebook demo` exited with an error."""

    def __init__(self, target: Path, returncode: int, output: str) -> None:
        super().__init__(
            f"python -m casebook demo {target} exited with {returncode}\n--- output ---\n{output}"
        )
        self.target = target
        self.returncode = returncode
        self.output = output


@dataclass(frozen=True)
class StreamlitServer:
    """A running app: where to reach it and which data folder it serves."""

    base_url: str
    data_dir: Path
    log_path: Path
    pid: int


def free_port() -> int:
    """Returns a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_command_exists() -> bool:
    """Tells whether `python -m casebook` can run (the demo command may not be written yet)."""
    return (REPO_ROOT / "casebook" / "__main__.py").is_file()


def write_demo_data(data_dir: Path) -> None:
    """Writes the demo workbooks to <data_dir>/demo with the project's own demo command."""
    target = data_dir / "demo"
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "demo", str(target)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DemoDataFailed(target, result.returncode, result.stdout + result.stderr)


def prepare_default_data(data_dir: Path) -> None:
    """Writes the demo workbooks when the demo command exists, else leaves the folder empty."""
    if demo_command_exists():
        write_demo_data(data_dir)


def copy_of(source: Path) -> PrepareData:
    """A preparation that copies a prepared folder of workbooks into the app's data folder."""

    def prepare(data_dir: Path) -> None:
        shutil.copytree(source, data_dir, dirs_exist_ok=True)

    return prepare


def _is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=2) as response:
            return bool(response.status == 200 and response.read().strip() == b"ok")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    # Streamlit may start helpers of its own; the whole process group goes.
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _command(app: Path, port: int, args: Sequence[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        *args,
    ]


def _start_once(
    app: Path,
    data_dir: Path,
    log_path: Path,
    timeout: float,
    env: Mapping[str, str],
    args: Sequence[str],
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _command(app, port, args),
            cwd=REPO_ROOT,
            env={**os.environ, **env, "KIM_DATA_DIR": str(data_dir)},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")
            raise StreamlitDidNotStart(url, f"exited with {process.returncode}", output)
        if _is_healthy(url):
            return process, url
        time.sleep(0.2)
    _stop(process)
    raise StreamlitDidNotStart(
        url,
        f"no 'ok' from {HEALTH_PATH} within {timeout:g} s",
        log_path.read_text(errors="replace"),
    )


@contextmanager
def running_streamlit(
    data_dir: Path,
    log_path: Path,
    *,
    app: Path = REPO_ROOT / "app.py",
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> Iterator[StreamlitServer]:
    """Runs `streamlit run <app>` with KIM_DATA_DIR=<data_dir> until the block ends.

    `args` are further Streamlit options, e.g. ("--secrets.files", path) for an [auth] section.
    The server's output goes to log_path and is shown in the error when it fails to start.
    """
    if not app.is_file():
        raise FileNotFoundError(f"No Streamlit entry page at {app}")
    attempt = 1
    while True:
        try:
            process, url = _start_once(app, data_dir, log_path, timeout, env or {}, args)
            break
        except StreamlitDidNotStart as error:
            # Another worker may grab the port between free_port() and the server's bind.
            if "already in use" not in error.output or attempt >= _PORT_ATTEMPTS:
                raise
            attempt += 1
    try:
        yield StreamlitServer(base_url=url, data_dir=data_dir, log_path=log_path, pid=process.pid)
    finally:
        _stop(process)


@contextmanager
def running_app(
    workdir: Path,
    prepare: PrepareData = prepare_default_data,
    *,
    app: Path = REPO_ROOT / "app.py",
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> Iterator[StreamlitServer]:
    """Prepares <workdir>/data with `prepare`, then runs the app on it until the block ends.

    The server log is <workdir>/streamlit.log, outside the data folder the app reads.
    """
    if not app.is_file():
        raise FileNotFoundError(f"No Streamlit entry page at {app}")
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    prepare(data_dir)
    with running_streamlit(
        data_dir, workdir / "streamlit.log", app=app, timeout=timeout, env=env
    ) as server:
        yield server
