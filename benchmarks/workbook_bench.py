"""Workbook speed and memory: cold load, one-case save and append, ours next to openpyxl's round trip.

    .venv/bin/python benchmarks/workbook_bench.py                    # demo towns + 1,000 / 10,000
    .venv/bin/python benchmarks/workbook_bench.py --sizes 1000 10000 50000 --repeat 3

Each measurement runs in a fresh process so that its peak memory (max RSS) is its own. Prints
Markdown tables for the README, with the machine noted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casebook.cases.services import create_case, load_town, save_record  # noqa: E402
from casebook.core.actors import Actor, Role  # noqa: E402
from casebook.core.sources import TownSource  # noqa: E402
from casebook.demo.workbooks import generate_town, write_demo  # noqa: E402
from casebook.storage.xlsx.layout import create_workbook  # noqa: E402
from casebook.storage.xlsx.store import WorkbookStore  # noqa: E402
from sheets_schema import SheetName  # noqa: E402
from sheets_schema.enums import Town  # noqa: E402

TODAY = date(2026, 11, 20)
ACTOR = Actor("Benchmark", Role.CASE_MANAGEMENT, frozenset(Town))


# --- measurements, each run in its own process -------------------------------------------------


def _source(path: Path, town: Town = Town.XANTEN) -> TownSource:
    return TownSource(town=town, store=WorkbookStore(path))


def measure(kind: str, path: Path) -> float:
    """Seconds for one operation on the workbook at `path` (which it may change)."""
    if kind == "load":
        started = time.perf_counter()
        load_town(_source(path), ACTOR, TODAY)
        return time.perf_counter() - started
    if kind == "raw":
        # The floor a cold load is measured against: python-calamine alone, every sheet.
        from python_calamine import CalamineWorkbook

        started = time.perf_counter()
        calamine = CalamineWorkbook.from_path(str(path))
        for name in calamine.sheet_names:
            calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        calamine.close()
        return time.perf_counter() - started
    if kind == "load_five":
        started = time.perf_counter()
        for town in Town:
            load_town(_source(path / f"kim-{town.code.lower()}.xlsx", town), ACTOR, TODAY)
        return time.perf_counter() - started
    if kind in ("save", "append"):
        source = _source(path)
        data = load_town(source, ACTOR, TODAY)
        started = time.perf_counter()
        if kind == "save":
            base = data.cases[len(data.cases) // 2]
            save_record(
                source, ACTOR, base, {"Ort": f"Bench {time.time()}"}, TODAY, data.case_ids()
            )
        else:
            create_case(source, ACTOR, {"Nachname": "Benchmark", "Status": "Anfrage"}, TODAY)
        return time.perf_counter() - started
    if kind == "openpyxl_save":
        import openpyxl

        started = time.perf_counter()
        workbook = openpyxl.load_workbook(path)
        sheet = workbook[SheetName.CASES.value]
        sheet.cell(row=sheet.max_row // 2, column=17, value=f"Bench {time.time()}")
        workbook.save(path)
        return time.perf_counter() - started
    raise SystemExit(f"unknown measurement {kind}")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(kind: str, path: Path) -> None:
    # CPU seconds next to wall seconds: on a shared machine the wall clock also counts waiting.
    cpu = _cpu()
    seconds = measure(kind, path)
    cpu = _cpu() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak_kib / 1024}))


def run_isolated(kind: str, original: Path, scratch: Path) -> dict[str, float]:
    """Copy the workbook(s), run one measurement in a new process, return seconds and peak MiB."""
    target = scratch / original.name
    if original.is_dir():
        shutil.copytree(original, target, dirs_exist_ok=True)
    else:
        shutil.copyfile(original, target)
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(target)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- workbooks ------------------------------------------------------------------------------


def make_sized_workbook(folder: Path, cases: int) -> Path:
    """A town workbook with `cases` demo cases and their contacts (about five each), goals and referrals."""
    path = folder / f"xanten-{cases}.xlsx"
    if not path.exists():
        rows = generate_town(Town.XANTEN, random.Random(cases), cases, TODAY)
        create_workbook(path, rows)
    return path


def count_rows(path: Path) -> tuple[int, int]:
    data = load_town(_source(path), ACTOR, TODAY)
    return len(data.cases), len(data.rows(SheetName.CONTACTS))


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def summarize(runs: list[dict[str, float]]) -> tuple[float, float]:
    return statistics.median(r["seconds"] for r in runs), max(r["peak_mib"] for r in runs)


def load_against_calamine(sizes: list[int], repeat: int, keep: Path | None = None) -> None:
    """Cold load (read, measure, validate, rules) next to python-calamine reading the same file."""
    print(
        "| cases (contacts) | bare calamine read | cold load + check | ratio (wall) "
        "| ratio (CPU) | peak MiB load |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            original = make_sized_workbook(keep or folder, size)
            cases, contacts = count_rows(original)
            results: dict[str, list[dict[str, float]]] = {"raw": [], "load": []}
            for i in range(repeat):
                for kind in ("raw", "load"):  # interleaved, so both see the same machine
                    scratch = folder / f"run-{size}-{kind}-{i}"
                    scratch.mkdir()
                    results[kind].append(run_isolated(kind, original, scratch))
                    shutil.rmtree(scratch)
            raw, load = results["raw"], results["load"]
            raw_s = statistics.median(r["seconds"] for r in raw)
            load_s = statistics.median(r["seconds"] for r in load)
            raw_cpu = statistics.median(r["cpu"] for r in raw)
            load_cpu = statistics.median(r["cpu"] for r in load)
            peak = max(r["peak_mib"] for r in load)
            print(
                f"| {cases:,} ({contacts:,}) | {raw_s:,.2f} s | {load_s:,.2f} s "
                f"| {load_s / raw_s:,.1f}× | {load_cpu / raw_cpu:,.1f}× | {peak:,.0f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-openpyxl", action="store_true", help="skip the (slow) openpyxl baseline"
    )
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="only cold load against a bare calamine read (issue 11), no saves, no demo towns",
    )
    parser.add_argument(
        "--folder", type=Path, help="keep the generated workbooks here and reuse them next time"
    )
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return

    print(f"Machine: {machine()}; {datetime.now():%Y-%m-%d}\n")
    if args.load_only:
        load_against_calamine(args.sizes, args.repeat, args.folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = folder / "demo"
        write_demo(demo, today=TODAY)
        print("| Demo data (5 towns × 300 cases) | median | peak memory |")
        print("|---|---:|---:|")
        for kind, label in [
            ("load_five", "load + check all five workbooks"),
            ("save", "save one case (Xanten)"),
            ("append", "new case (Xanten)"),
        ]:
            original = demo if kind == "load_five" else demo / "kim-xan.xlsx"
            runs = []
            for i in range(args.repeat):
                scratch = folder / f"run-{kind}-{i}"
                scratch.mkdir()
                runs.append(run_isolated(kind, original, scratch))
                shutil.rmtree(scratch)
            seconds, peak = summarize(runs)
            print(f"| {label} | {seconds * 1000:,.0f} ms | {peak:,.0f} MiB |")
        print()

        print(
            "| cases (contacts) | cold load + check | save one case | new case | openpyxl load+save | speed-up of a save | peak MiB ours / openpyxl |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for size in args.sizes:
            original = make_sized_workbook(folder, size)
            cases, contacts = count_rows(original)
            results: dict[str, tuple[float, float]] = {}
            kinds = ["load", "save", "append"] + ([] if args.no_openpyxl else ["openpyxl_save"])
            for kind in kinds:
                repeat = 1 if kind == "openpyxl_save" and size > 10000 else args.repeat
                runs = []
                for i in range(repeat):
                    scratch = folder / f"run-{size}-{kind}-{i}"
                    scratch.mkdir()
                    runs.append(run_isolated(kind, original, scratch))
                    shutil.rmtree(scratch)
                results[kind] = summarize(runs)
            ours_peak = max(results[k][1] for k in ("load", "save", "append"))
            if "openpyxl_save" in results:
                baseline, baseline_peak = results["openpyxl_save"]
                speedup = f"{baseline / results['save'][0]:,.0f}×"
                baseline_text, peak_text = (
                    f"{baseline:,.2f} s",
                    f"{ours_peak:,.0f} / {baseline_peak:,.0f}",
                )
            else:
                speedup, baseline_text, peak_text = "–", "–", f"{ours_peak:,.0f} / –"
            print(
                f"| {cases:,} ({contacts:,}) | {results['load'][0]:,.2f} s | {results['save'][0] * 1000:,.0f} ms "
                f"| {results['append'][0] * 1000:,.0f} ms | {baseline_text} | {speedup} | {peak_text} |"
            )


if __name__ == "__main__":
    main()
