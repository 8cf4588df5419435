"""The edit cycle at 1,000 / 10,000 / 50,000 cases: read, load, save, save → next page run, memory.

    .venv/bin/python benchmarks/edit_cycle_bench.py                      # 1k, 10k, 50k + browser
    .venv/bin/python benchmarks/edit_cycle_bench.py --sizes 1000 10000 --no-openpyxl --no-browser
    .venv/bin/python benchmarks/edit_cycle_bench.py --sizes 1000 10000 --load-only   # issue 11

Per size, in a fresh process each: the raw calamine read of all worksheets, the cold load (read +
check every row), one save, and save → next page run (the save, the loaded town following it in
place, and the next run's lookup of town, search index and case list), next to the same cycle with
a full re-read (what a cache keyed by file version did) and openpyxl's load + change + save. RSS is
taken after the first and after the last of `--saves` saves. The browser part serves a 10,000-case
town with the real app and times Speichern → „Gespeichert“ in Chromium (/usr/bin/chromium), with
the server's CPU per save and its RSS before the first save, after save 1 and after the last
(`--browser-saves`). `--census DIR` also has the server write its GC-tracked objects by type and
where its memory lies (glibc, Python's allocator, Arrow) after save 1 and the last save.
Prints Markdown tables and the machine. `--load-only` compares just the cold load with a bare
python-calamine read of the same file (CPU and wall time, median of `--repeat` fresh processes).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook_bench import ACTOR, TODAY, machine, make_sized_workbook  # noqa: E402

from casebook.cases.services import load_town, save_record  # noqa: E402
from casebook.cases.town_cache import TownCache  # noqa: E402
from casebook.core.sources import TownSource  # noqa: E402
from casebook.search.cases import build_index  # noqa: E402
from casebook.storage.xlsx.read import read_tables  # noqa: E402
from casebook.storage.xlsx.store import WorkbookStore  # noqa: E402
from sheets_schema import Case, SheetName, header_of  # noqa: E402
from sheets_schema.enums import Town  # noqa: E402
from ui.case_table import case_frame  # noqa: E402
from ui.loading import town_views  # noqa: E402

REMARK = header_of(Case, "remark")


def _rss_mib() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def cycle(path: Path, saves: int) -> dict[str, Any]:
    """All in-process figures of one workbook (which it changes)."""
    source = TownSource(Town.XANTEN, WorkbookStore(path))
    key = (Town.XANTEN.value, path.name)
    cache = TownCache(set_aside=True)  # as the app holds its towns (ui.loading)
    index_view, frame_view = town_views(TODAY)

    def read() -> Any:
        return load_town(source, ACTOR, TODAY)

    def next_run() -> Any:
        # What the next page run of any session does: look the town up, use search and list.
        data = cache.town(key, source.store.version(), TODAY, read)
        cache.derived(data, index_view)
        cache.derived(data, frame_view)
        return data

    raw, _ = _timed(lambda: read_tables(path))
    cold_cpu = time.process_time()
    cold, data = _timed(next_run)
    cold_cpu = time.process_time() - cold_cpu
    cases = len(data.cases)
    contacts = len(data.rows(SheetName.CONTACTS))
    save_seconds, cycle_seconds, cycle_cpu, rss = [], [], [], []
    for number in range(saves):
        base = data.cases[(number * 7919) % cases]
        ids = data.case_ids()
        started, cpu = time.perf_counter(), time.process_time()
        result = save_record(source, ACTOR, base, {REMARK: f"Bench {number}"}, TODAY, ids)
        saved = time.perf_counter()
        assert result.writes is not None
        cache.follow(result.writes, town_views)
        data = next_run()
        done = time.perf_counter()
        save_seconds.append(saved - started)
        cycle_seconds.append(done - started)
        # CPU time is what the cycle costs on an idle machine, less waiting for the disk.
        cycle_cpu.append(time.process_time() - cpu)
        rss.append(_rss_mib())
    assert cache.full_reads == 1, "a save of the app itself must not cause a full read"
    # The same cycle with a full re-read after the save, as a cache keyed by version did it.
    base = data.cases[cases // 3]
    ids = data.case_ids()
    del data
    cache.clear()
    started = time.perf_counter()
    save_record(source, ACTOR, base, {REMARK: "Bench reread"}, TODAY, ids)
    fresh = read()
    build_index(fresh)
    case_frame(fresh, TODAY)
    reread = time.perf_counter() - started
    return {
        "cases": cases,
        "contacts": contacts,
        "raw_read": raw,
        "cold_load": cold,
        "save": statistics.median(save_seconds),
        "save_next_run": statistics.median(cycle_seconds),
        "save_next_run_max": max(cycle_seconds),
        "save_next_run_cpu": statistics.median(cycle_cpu),
        "cold_load_cpu": cold_cpu,
        "save_reread": reread,
        "rss_first": rss[0],
        "rss_last": rss[-1],
        "saves": saves,
    }


def _cpu_and_wall(action: Callable[[], Any]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def bare_calamine(path: Path) -> None:
    """python-calamine alone, every sheet to Python lists: the floor a cold load is held to."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    workbook.close()


def load_only(path: Path) -> dict[str, Any]:
    """Bare calamine read, the app's reader, and the cold load a first page run pays, in one process.

    The load is reading, measuring and checking every row (`load_town`); the first page adds
    the search index and the case list it builds from the town, as `cycle` times it.
    """
    source = TownSource(Town.XANTEN, WorkbookStore(path))
    index_view, frame_view = town_views(TODAY)
    cache = TownCache(set_aside=True)  # as the app holds its towns (ui.loading)
    held: list[Any] = []

    def load() -> None:
        version = source.store.version()
        held.append(cache.town("bench", version, TODAY, lambda: load_town(source, ACTOR, TODAY)))

    def first_page() -> None:
        cache.derived(held[0], index_view)
        cache.derived(held[0], frame_view)

    bare_cpu, bare_wall = _cpu_and_wall(lambda: bare_calamine(path))
    reader_cpu, reader_wall = _cpu_and_wall(lambda: read_tables(path))
    load_cpu, load_wall = _cpu_and_wall(load)
    page_cpu, page_wall = _cpu_and_wall(first_page)
    return {
        "bare_cpu": bare_cpu,
        "bare_wall": bare_wall,
        "reader_cpu": reader_cpu,
        "reader_wall": reader_wall,
        "load_cpu": load_cpu,
        "load_wall": load_wall,
        "cold_cpu": load_cpu + page_cpu,
        "cold_wall": load_wall + page_wall,
    }


def openpyxl_round_trip(path: Path) -> dict[str, Any]:
    import openpyxl

    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SheetName.CASES.value]
    sheet.cell(row=sheet.max_row // 2, column=35, value=f"Bench {time.time()}")
    workbook.save(path)
    return {"openpyxl": time.perf_counter() - started}


def _child(kind: str, path: Path, saves: int) -> None:
    kinds = {"cycle": lambda: cycle(path, saves), "load": lambda: load_only(path)}
    result = kinds.get(kind, lambda: openpyxl_round_trip(path))()
    print(json.dumps(result))


def _isolated(kind: str, original: Path, scratch: Path, saves: int) -> dict[str, Any]:
    target = scratch / original.name
    shutil.copyfile(original, target)
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(target), "--saves", str(saves)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _browser_cpu_seconds(server: int) -> float:
    """CPU time of this process's descendants but the server: Playwright's driver and Chromium."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    mine, grew = {os.getpid()}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in mine and pid != server}
        grew = not found <= mine
        mine |= found
    total = 0.0
    for pid in mine - {os.getpid()}:
        try:
            total += _cpu_seconds(pid)
        except OSError:
            continue
    return total


def _rss_of(pid: int) -> float:
    """Resident memory of a process in MiB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_timing(
    workbook: Path, folder: Path, saves: int, census: Path | None = None
) -> dict[str, float]:
    """Speichern → „Gespeichert“ in Chromium, with the real app serving a town of `workbook`.

    With `census`, the server writes the count of its GC-tracked objects by type there after the
    first and after the last save (`census-1.json`, `census-N.json`), to see what grows.
    """
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
    from tests.support.streamlit_server import running_streamlit

    data_dir = folder / "app-data"
    (data_dir / "demo").mkdir(parents=True)
    shutil.copyfile(workbook, data_dir / "demo" / "kim-xan.xlsx")
    case_id = str(
        next(iter(read_tables(workbook, [SheetName.CASES.value]).values()))
        .rows[-100]
        .cells[header_of(Case, "case_id")]
    )
    timings: dict[str, float] = {}
    expect.set_options(timeout=180_000)  # the first open reads every town in full
    env = _census_env(census, folder) if census else {}
    with (
        running_streamlit(data_dir, folder / "streamlit.log", env=env) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_context(viewport=VIEWPORT, locale="de-DE").new_page()
        page.set_default_timeout(120_000)
        started = time.perf_counter()
        page.goto(f"{server.base_url}/fall?id={case_id}")
        expect(page.get_by_role("heading", name=f"Fall {case_id}")).to_be_visible()
        timings["first_open"] = time.perf_counter() - started
        other = browser.new_context(viewport=VIEWPORT, locale="de-DE").new_page()
        other.set_default_timeout(120_000)
        other.goto(server.base_url)
        expect(other.get_by_test_id("stDataFrame")).to_be_visible()
        seconds, others, server_cpu, browser_cpu, rss = [], [], [], [], []
        in_page: list[float] = []
        timings["server_rss_before"] = _rss_of(server.pid)
        for number in range(saves):
            # Two fields in turn: each save's message differs from the one still on screen.
            field = (REMARK, header_of(Case, "city"))[number % 2]
            page.get_by_role("textbox", name=field, exact=True).fill(f"Browser-Benchmark {number}")
            button = page.get_by_role("button", name="Speichern").first
            button.scroll_into_view_if_needed()
            message = page.get_by_text(f"Gespeichert: {field}.")
            page.evaluate(_WATCH_SAVED, f"Gespeichert: {field}.")
            client = _browser_cpu_seconds(server.pid)
            started, cpu = time.perf_counter(), _cpu_seconds(server.pid)
            button.click()
            expect(message).to_be_visible()
            seconds.append(time.perf_counter() - started)
            in_page.append(page.evaluate("() => (window.kimSaved - window.kimClicked) / 1000"))
            browser_cpu.append(_browser_cpu_seconds(server.pid) - client)
            rss.append(_rss_of(server.pid))
            # The server's own work for the save and its page run(s), whatever else the
            # machine is doing (wall time above includes waiting for a shared core).
            server_cpu.append(_cpu_seconds(server.pid) - cpu)
            # Another user's next page run after the save: a filter on the list of all towns.
            caption = other.get_by_text(re.compile(r"von [\d.]+ Fällen"))
            before = caption.inner_text()
            started = time.perf_counter()
            other.get_by_text("Nur mit Fehlern").click()
            expect(caption).not_to_have_text(before)
            others.append(time.perf_counter() - started)
            if census and number in (0, saves - 1):
                _take_census(server.pid, census, number + 1, trim=number == saves - 1)
        timings["server_rss_first"] = rss[0]
        timings["server_rss_last"] = rss[-1]
        browser.close()
    print("Speichern → „Gespeichert“, each:", [round(x, 2) for x in seconds], file=sys.stderr)
    print("the same in the page, each:", [round(x, 2) for x in in_page], file=sys.stderr)
    print("other user's next run, each:", [round(x, 2) for x in others], file=sys.stderr)
    print("server CPU per save, each:", [round(x, 2) for x in server_cpu], file=sys.stderr)
    print("server RSS MiB after each save:", [round(x) for x in rss], file=sys.stderr)
    print("Chromium CPU per save, each:", [round(x, 2) for x in browser_cpu], file=sys.stderr)
    timings["save_server_cpu"] = statistics.median(server_cpu)
    timings["save_browser_cpu"] = statistics.median(browser_cpu)
    timings["save_visible"] = statistics.median(seconds)
    timings["save_visible_max"] = max(seconds)
    timings["save_in_page"] = statistics.median(in_page)
    timings["save_in_page_max"] = max(in_page)
    timings["other_user_next_page"] = statistics.median(others)
    return timings


# Timed inside the page as well: from the click to the first frame drawn with the message. Playwright's
# own lookups poll the page's text, styles and accessibility tree (about a fifth of Chromium's
# main thread in a profile of five saves) and the wall time waits for its next poll.
_WATCH_SAVED = """
(text) => {
  window.kimClicked = window.kimSaved = null;
  document.addEventListener("click", () => { window.kimClicked = performance.now(); },
                            { capture: true, once: true });
  const holds = (node) => (node.nodeType === Node.TEXT_NODE ? node.nodeValue : node.textContent || "")
    .includes(text);
  const watcher = new MutationObserver((records) => {
    const found = records.some((record) => record.type === "characterData"
      ? holds(record.target) : [...record.addedNodes].some(holds));
    if (!found) return;
    watcher.disconnect();
    requestAnimationFrame(() => { window.kimSaved = performance.now(); });
  });
  watcher.observe(document.body, { subtree: true, childList: true, characterData: true });
}
"""

_CENSUS_HOOK = """
import ctypes, gc, json, os, signal, sys, traceback
from collections import Counter

def _rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

def _heap():
    # Where the memory is: glibc's heap (in use, free) and its mmapped blocks, Python's own
    # allocator (blocks in use, arenas), Arrow's pool: MiB each.
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _Mallinfo2
    info = libc.mallinfo2()
    mib = 1024 * 1024
    heap = {"malloc_in_use": info.uordblks / mib, "malloc_free": info.fordblks / mib,
            "malloc_mmapped": info.hblkhd / mib}
    read, write = os.pipe()
    saved = os.dup(2)
    os.dup2(write, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(write)
    stats = os.read(read, 1 << 20).decode(errors="replace")
    os.close(read)
    for line in stats.splitlines():
        for key in ("# arenas allocated current", "# bytes in allocated blocks"):
            if line.startswith(key):
                heap["pymalloc " + key[2:]] = int(line.split("=")[1].replace(",", ""))
    libc.fopen.restype = ctypes.c_void_p
    libc.fclose.argtypes = [ctypes.c_void_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    info_path = os.environ["KIM_BENCH_CENSUS"] + "/malloc_info.xml"
    stream = libc.fopen(info_path.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    heap["malloc_arenas"] = open(info_path).read().count("<heap nr=")
    if "pyarrow" in sys.modules:
        pool = sys.modules["pyarrow"].default_memory_pool()
        heap["arrow_" + pool.backend_name] = pool.bytes_allocated() / mib
        heap["arrow_max"] = pool.max_memory() / mib
    return heap

def _name(kind):
    return f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', '?')}"

def _census(signum, frame):
    folder = os.environ["KIM_BENCH_CENSUS"]
    try:
        label, *trim = open(folder + "/next").read().split()
        report = {"rss": _rss()}
        gc.collect()
        counts = Counter(_name(type(o)) for o in gc.get_objects())
        report.update({"tracked": sum(counts.values()), "frozen": gc.get_freeze_count(),
                       "rss_after_gc": _rss(), "heap": _heap(),
                       "types": dict(counts.most_common(80))})
        if trim:  # how much of the RSS is memory malloc holds free (fragmentation)
            ctypes.CDLL("libc.so.6").malloc_trim(0)
            report["rss_after_malloc_trim"] = _rss()
    except Exception:  # a signal handler must never break the server's event loop
        label, report = "error", {"error": traceback.format_exc()}
    with open(folder + "/census-" + label + ".json.tmp", "w") as out:
        json.dump(report, out, indent=1)
    os.replace(folder + "/census-" + label + ".json.tmp", folder + "/census-" + label + ".json")

signal.signal(signal.SIGUSR1, _census)
"""


def _census_env(census: Path, folder: Path) -> dict[str, str]:
    # A sitecustomize only for the benchmark's server: a signal makes it count its objects.
    census.mkdir(parents=True, exist_ok=True)
    hook = folder / "census-hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(_CENSUS_HOOK)
    path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH", "")]))
    return {"PYTHONPATH": path, "KIM_BENCH_CENSUS": str(census)}


def _take_census(pid: int, census: Path, label: int, trim: bool) -> None:
    target = census / f"census-{label}.json"
    (census / "next").write_text(f"{label} trim" if trim else str(label))
    target.unlink(missing_ok=True)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 60
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def load_against_calamine(sizes: list[int], repeat: int, keep: Path | None) -> None:
    """Load and first page next to a bare calamine read (CPU time), median of `repeat` processes."""
    print(
        "| cases | bare calamine read | app's reader | load + check | ÷ calamine "
        "| first page (+ index, list) | ÷ calamine |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            original = make_sized_workbook(keep or folder, size)
            scratch = folder / f"load-{size}"
            scratch.mkdir()
            runs = [_isolated("load", original, scratch, 0) for _ in range(repeat)]

            def median(key: str, runs: list[dict[str, Any]] = runs) -> float:
                return statistics.median(run[key] for run in runs)

            bare = median("bare_cpu")
            print(
                f"| {size:,} | {bare:,.2f} s | {median('reader_cpu'):,.2f} s "
                f"| {median('load_cpu'):,.2f} s | {median('load_cpu') / bare:,.1f}× "
                f"| {median('cold_cpu'):,.2f} s | {median('cold_cpu') / bare:,.1f}× |",
                flush=True,
            )
    print(f"\nload after: {_load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--no-openpyxl", action="store_true", help="skip openpyxl's round trip")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--browser-size", type=int, default=10000)
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="only the cold load next to a bare calamine read (issue 11); no saves, no browser",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="fresh processes per size (--load-only)"
    )
    parser.add_argument(
        "--folder", type=Path, help="keep the generated workbooks here and reuse them (--load-only)"
    )
    parser.add_argument("--browser-saves", type=int, default=5)
    parser.add_argument(
        "--census",
        type=Path,
        help="write the server's GC-tracked objects by type after save 1 and the last save here",
    )
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), args.saves)
        return

    print(f"Machine: {machine()}; {time.strftime('%Y-%m-%d')}; load {_load_average()}\n")
    if args.load_only:
        load_against_calamine(args.sizes, args.repeat, args.folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            "| cases (contacts) | raw calamine read | cold load + check | save | "
            "save → next run (in place) | same, CPU time | save → next run (full re-read) "
            f"| openpyxl round trip | RSS after save 1 / {args.saves} |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in args.sizes:
            original = make_sized_workbook(folder, size)
            scratch = folder / f"run-{size}"
            scratch.mkdir()
            figures = _isolated("cycle", original, scratch, args.saves)
            openpyxl = "–"
            if not args.no_openpyxl:
                seconds = _isolated("openpyxl", original, scratch, args.saves)["openpyxl"]
                openpyxl = f"{seconds:,.2f} s"
            shutil.rmtree(scratch)
            print(
                f"| {figures['cases']:,} ({figures['contacts']:,}) "
                f"| {figures['raw_read']:,.2f} s "
                f"| {figures['cold_load']:,.2f} s (CPU {figures['cold_load_cpu']:,.2f} s) "
                f"| {figures['save'] * 1000:,.0f} ms "
                f"| {figures['save_next_run'] * 1000:,.0f} ms "
                f"(max {figures['save_next_run_max'] * 1000:,.0f}) "
                f"| {figures['save_next_run_cpu'] * 1000:,.0f} ms "
                f"| {figures['save_reread']:,.2f} s | {openpyxl} "
                f"| {figures['rss_first']:,.0f} / {figures['rss_last']:,.0f} MiB |",
                flush=True,
            )
        if not args.no_browser:
            workbook = make_sized_workbook(folder, args.browser_size)
            timings = browser_timing(workbook, folder, saves=args.browser_saves, census=args.census)
            print(
                f"\nBrowser (Chromium, {args.browser_size:,} cases in Xanten + 4 demo towns): "
                f"first open of a case {timings['first_open']:.1f} s; "
                f"Speichern → „Gespeichert“ median {timings['save_visible'] * 1000:,.0f} ms "
                f"(max {timings['save_visible_max'] * 1000:,.0f} ms; in the page, click to the "
                f"first frame with the message: median {timings['save_in_page'] * 1000:,.0f} ms, "
                f"max {timings['save_in_page_max'] * 1000:,.0f} ms; server CPU "
                f"{timings['save_server_cpu'] * 1000:,.0f} ms, Chromium CPU "
                f"{timings['save_browser_cpu'] * 1000:,.0f} ms); another user's next "
                f"page run (case list of all towns, a filter clicked) {timings['other_user_next_page'] * 1000:,.0f} ms; "
                f"server RSS before the first save {timings['server_rss_before']:,.0f} MiB, "
                f"after save 1 {timings['server_rss_first']:,.0f} MiB, after save "
                f"{args.browser_saves} {timings['server_rss_last']:,.0f} MiB "
                f"({timings['server_rss_last'] / timings['server_rss_first'] - 1:+.0%}); "
                f"load after: {_load_average()}"
            )


if __name__ == "__main__":
    main()
