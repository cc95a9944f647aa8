#!/usr/bin/env python3
"""Where a cold start goes: ``-X importtime`` of one pre-commit-style run, grouped, plus the phases after import.

    python benchmarks/startup_profile.py [REPORT] [--runs N]

Runs ``python -X importtime -m reportlint --no-cache REPORT`` (default text output, no colour:
what the pre-commit hook runs) N times in fresh interpreters and prints, per group of modules,
the median of the summed *self* import times, and the modules that cost most. A second part
times the phases after import in a fresh process: loading the check modules, the rule set
(from the rule cache), linting the report once and again, and rendering. Timings belong in
benchmarks/, never in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "seeds" / "shunhe-2020-tabs.txt"
if not DEFAULT.exists():
    DEFAULT = ROOT / "examples" / "shunhe-2020-tabs.txt"

# Groups, first match wins: (name, why it is loaded, test on the module name).
GROUPS = [
    ("interpreter start-up", "what `python -c pass` imports too (site, encodings, ...)", lambda m: False),
    ("dataclasses and what it imports", "reportlint's records are dataclasses; dataclasses imports inspect (ast, dis, tokenize, ...)",
     lambda m: m in {"dataclasses", "inspect", "ast", "_ast", "dis", "opcode", "_opcode", "tokenize", "token", "linecache", "copy"}),
    ("argparse and gettext", "the command line", lambda m: m in {"argparse", "gettext", "locale", "_locale"}),
    ("pathlib and what it imports", "paths in configuration discovery and the caches",
     lambda m: m in {"pathlib", "urllib", "urllib.parse", "ipaddress", "ntpath", "fnmatch"}),
    ("hashlib", "cache keys (rule set, results, patterns)", lambda m: m in {"hashlib", "_hashlib", "_blake2"}),
    ("json, decimal, unicodedata", "caches are JSON; table values are Decimals; NFKC folding",
     lambda m: m.split(".")[0] in {"json", "_json", "decimal", "_decimal", "numbers", "unicodedata"}),
    ("rich's width table", "display widths of CJK text for the carets (text output only)", lambda m: m.split(".")[0] == "rich"),
    ("reportlint", "its own modules: class definitions, patterns rebuilt from the pattern cache", lambda m: m.split(".")[0] == "reportlint"),
    ("other standard library", "re, enum, typing, functools, collections, ...", lambda m: True),
]


def importtime(cmd: list[str]) -> dict[str, int]:
    """Self import time in microseconds per module, from one run of ``cmd`` under ``-X importtime``."""
    done = subprocess.run([sys.executable, "-X", "importtime", *cmd], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    out: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line[len("import time:"):].split("|")
        out[name.strip()] = int(self_us)
    return out


def group_of(module: str, interpreter: set[str]) -> str:
    if module in interpreter:
        return INTERPRETER
    return next(name for name, _why, test in GROUPS if test(module))


INTERPRETER = "interpreter start-up"


PHASES = r"""
import io, sys, time
t0 = time.perf_counter()
import dataclasses
made = [0, 0.0]
_process_class = dataclasses._process_class
def timed(*args, **kwargs):   # how long defining reportlint's dataclasses takes
    start = time.perf_counter()
    try:
        return _process_class(*args, **kwargs)
    finally:
        made[0] += 1
        made[1] += time.perf_counter() - start
dataclasses._process_class = timed
from reportlint import regexcache
regexcache._load()
t1 = time.perf_counter()
import reportlint.cli, reportlint.engine, reportlint.runner, reportlint.config, reportlint.render.text
t2 = time.perf_counter()
from reportlint.checks import load_builtin
load_builtin()
t3 = time.perf_counter()
from reportlint.runner import Planner, RunOptions
plan = Planner(RunOptions(no_cache=True)).plan(sys.argv[1])
t4 = time.perf_counter()
from reportlint.engine import lint_path
first = lint_path(sys.argv[1], *plan)
t5 = time.perf_counter()
lint_path(sys.argv[1], *plan)
t6 = time.perf_counter()
from reportlint.render import Report, render
render("text", Report([first]), io.StringIO())
t7 = time.perf_counter()
print(*(round(1000 * x, 2) for x in (t1 - t0, t2 - t1, t3 - t2, made[1], t4 - t3, t5 - t4, t6 - t5, t7 - t6)), made[0])
"""
PHASE_NAMES = ("import dataclasses, read the pattern cache", "import the pipeline", "import the check modules",
               "… of which defining reportlint's dataclasses", "load the rule set (rule cache)",
               "lint the report (first in the process)", "lint it again (warm)", "render text")


def interpreter_modules() -> set[str]:
    """What ``python -c pass`` imports too: the interpreter's own start-up."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True)
    return {line.split("|")[2].strip() for line in done.stderr.splitlines() if line.startswith("import time:") and "self [us]" not in line}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("report", nargs="?", default=str(DEFAULT))
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args(argv)
    cmd = ["-m", "reportlint", "--no-cache", args.report]
    subprocess.run([sys.executable, *cmd], capture_output=True)   # fill the rule and pattern caches
    runs = [importtime(cmd) for _ in range(args.runs)]
    interpreter = interpreter_modules()
    per_group: dict[str, list[float]] = defaultdict(list)
    per_module: dict[str, list[int]] = defaultdict(list)
    for run in runs:
        sums: dict[str, int] = defaultdict(int)
        for module, us in run.items():
            sums[group_of(module, interpreter)] += us
            per_module[module].append(us)
        for name, _why, _test in GROUPS:
            per_group[name].append(sums[name] / 1000)
    total = statistics.median(sum(r.values()) / 1000 for r in runs)
    print(f"-X importtime of `reportlint --no-cache {Path(args.report).name}` (median of {args.runs} runs; self times)\n")
    print("| modules | ms | why they are loaded |\n|---|---|---|")
    for name, why, _test in GROUPS:
        print(f"| {name} | {statistics.median(per_group[name]):.1f} | {why} |")
    print(f"| **all imports** | **{total:.1f}** | |")
    top = sorted(per_module, key=lambda m: -statistics.median(per_module[m]))[:15]
    print("\ncostliest modules (self ms): " + ", ".join(f"{m} {statistics.median(per_module[m]) / 1000:.1f}" for m in top))

    phases = []
    for _ in range(args.runs):
        done = subprocess.run([sys.executable, "-c", PHASES, args.report], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 2
        phases.append([float(x) for x in done.stdout.split()])
    print(f"\nphases in a fresh process (median of {args.runs}, ms)\n")
    print("| phase | ms |\n|---|---|")
    for i, name in enumerate(PHASE_NAMES):
        print(f"| {name} | {statistics.median(run[i] for run in phases):.1f} |")
    print(f"\n({int(phases[0][-1])} dataclasses are defined on the way)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
