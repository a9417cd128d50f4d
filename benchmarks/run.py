"""The performance harness: one line per budget, and the figures recorded in results.md.

    python benchmarks/run.py            every budget
    python benchmarks/run.py --quick    skip building the large workspace (uses a cached one)
    python -m benchmarks.run --quick --only notes    only benchmarks/bench_notes.py

Budgets come from DESIGN.md. Each line: name, figure, budget, within or OVER. A feature adds
its measurements in a module ``benchmarks/bench_<feature>.py`` whose functions are decorated
with ``@budget`` (imported from this file); run.py imports every such module. A measurement
takes the shared ``context`` dict ("tmp", "quick", "demo": demo workspace path, "large":
large workspace path) and returns a list of ``Line``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results.md"
CACHE = ROOT / "benchmarks" / ".cache"


@dataclass
class Line:
    name: str
    figure: float
    budget: float
    unit: str

    @property
    def within(self) -> bool:
        return self.figure <= self.budget

    def render(self) -> str:
        verdict = "within" if self.within else "OVER"
        return f"{self.name:<48} {self.figure:>10.3f} {self.unit:<4} budget {self.budget:>8.3f} {self.unit:<4} {verdict}"


BUDGETS: list[Callable[[dict], list[Line]]] = []


def budget(func: Callable[[dict], list[Line]]) -> Callable[[dict], list[Line]]:
    BUDGETS.append(func)
    return func


def _probe(*args: str) -> dict:
    # Started as a user starts it: with Python's bytecode cache, which an installed
    # application has (some shells here set PYTHONDONTWRITEBYTECODE for the tests).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup_probe.py"), *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@budget
def demo_workspace(context: dict) -> list[Line]:
    from gcm_dialogue.demo import build_demo

    path = Path(context["tmp"]) / "demo.gcmd"
    started = time.perf_counter()
    build_demo(path)
    context["demo"] = path
    return [Line("build the demo workspace", time.perf_counter() - started, 10.0, "s")]


@budget
def startup(context: dict) -> list[Line]:
    runs = 5
    _probe("app", str(context["demo"]))  # writes the bytecode cache, as a first start does
    bare = [_probe("bare") for _ in range(runs)]
    app = [_probe("app", str(context["demo"])) for _ in range(runs)]
    bare_s = statistics.median(r["seconds"] for r in bare)
    app_s = statistics.median(r["seconds"] for r in app)
    ready_s = statistics.median(r["ready"] for r in app)
    return [
        Line("start-up to first paint, bare PySide6 window", bare_s, bare_s, "s"),
        Line("start-up to first paint, demo (median of 5)", app_s, 2 * bare_s, "s"),
        Line("start-up to agenda shown with dates, demo", ready_s, 3 * bare_s, "s"),
        Line("start-up peak memory, demo", max(r["peak_mib"] for r in app), 150.0, "MiB"),
    ]


@budget
def large_workspace(context: dict) -> list[Line]:
    from gcm_dialogue.generate import SCALES, generate_workspace

    path = CACHE / "large.gcmd"
    if context["quick"] and path.exists():
        context["large"] = path
        return []
    CACHE.mkdir(exist_ok=True)
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    generate_workspace(path, SCALES["large"])
    context["large"] = path
    return [Line("generate the large workspace", time.perf_counter() - started, 60.0, "s")]


@budget
def large_workspace_memory(context: dict) -> list[Line]:
    tour = _probe("tour", str(context["large"]))
    return [Line("peak memory, every view shown, large workspace", tour["peak_mib"], 300.0, "MiB")]


def record(lines: list[Line]) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = "# Benchmark results\n\nWritten by `python benchmarks/run.py`; newest run first.\n"
    previous = RESULTS.read_text(encoding="utf-8").split("\n## ", 1) if RESULTS.exists() else []
    older = "\n## " + previous[1] if len(previous) == 2 else ""
    table = "\n".join(
        f"| {line.name} | {line.figure:.3f} {line.unit} | {line.budget:.3f} {line.unit} | "
        f"{'within' if line.within else 'OVER'} |"
        for line in lines
    )
    machine = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    RESULTS.write_text(
        f"{header}\n## {stamp} ({machine})\n\n| budget | figure | limit | verdict |\n|---|---|---|---|\n"
        f"{table}\n{older}",
        encoding="utf-8",
    )


def _load_feature_benchmarks() -> None:
    import importlib

    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        importlib.import_module(f"benchmarks.{path.stem}")


# The budgets that build what the feature budgets measure: kept when only some are asked for.
_SETUP = ("demo_workspace", "large_workspace")


def _chosen(
    budgets: list[Callable[[dict], list[Line]]], only: list[str] | None
) -> list[Callable[[dict], list[Line]]]:
    if not only:
        return budgets
    modules = {f"benchmarks.bench_{name}" for name in only}
    unknown = {
        name for name in only if f"benchmarks.bench_{name}" not in {b.__module__ for b in budgets}
    }
    if unknown:
        raise SystemExit(f"no benchmarks/bench_{sorted(unknown)[0]}.py")
    return [b for b in budgets if b.__name__ in _SETUP or b.__module__ in modules]


def main() -> int:
    _load_feature_benchmarks()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reuse the cached large workspace")
    parser.add_argument("--no-record", action="store_true", help="do not write results.md")
    parser.add_argument(
        "--only",
        metavar="FEATURE",
        action="append",
        help="only the budgets of benchmarks/bench_FEATURE.py (repeatable; the workspaces "
        "they measure are still built); such a partial run is not written to results.md",
    )
    args = parser.parse_args()
    lines: list[Line] = []
    with tempfile.TemporaryDirectory() as tmp:
        context = {"tmp": tmp, "quick": args.quick}
        for measure in _chosen(BUDGETS, args.only):
            for line in measure(context):
                print(line.render(), flush=True)
                lines.append(line)
    if not args.no_record and not args.only:
        record(lines)
    return 0 if all(line.within for line in lines) else 1


if __name__ == "__main__":
    # Run as the module ``benchmarks.run`` so that feature modules register into the same list.
    from benchmarks.run import main as module_main

    sys.exit(module_main())
