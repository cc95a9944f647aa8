#!/usr/bin/env python3
"""Where linting a report goes, stage by stage and check by check, in a warm process.

    python benchmarks/stages.py FOLDER [--reps N]

Lints every file in FOLDER once to warm the process (character tables, patterns, the memo of
cell texts), then N more times, timing each stage of the pipeline as the document computes it
(segmenting, normalising, chrome, headings, year, format, tables, prose lines, paragraphs) and
each check, and prints milliseconds per file and shares, largest first. A stage is timed when it
is first asked for, so later stages do not include earlier ones.
"""

from __future__ import annotations

import argparse
import glob
import time
from collections import Counter


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder")
    p.add_argument("--reps", type=int, default=1)
    args = p.parse_args(argv)

    from reportlint.checks import REGISTRY, load_builtin
    from reportlint.engine import document
    from reportlint.read import read_source
    from reportlint.runner import Planner, RunOptions
    from reportlint.views import has_view, open_view

    load_builtin()
    files = sorted(glob.glob(f"{args.folder}/*"))
    planner = Planner(RunOptions(no_cache=True))
    spent: Counter[str] = Counter()

    def tick(name: str, started: float) -> float:
        now = time.perf_counter()
        spent[name] += now - started
        return now

    for rep in range(args.reps + 1):
        if rep == 1:
            spent.clear()   # the first pass only warms the process
        for path in files:
            pack, rules, options = planner.plan(path)
            t = time.perf_counter()
            view = open_view(path) if has_view(path) else None
            source = view.text if view is not None else read_source(path)
            t = tick("read", t)
            for kind_pack in pack.packs:
                pack_rules = [r for r in rules if r.pack == kind_pack.name]
                if not pack_rules:
                    continue
                doc, _ = document(source, kind_pack, options, getattr(view, "containers", ()), getattr(view, "locate", None))
                t = tick("segment", t)
                for stage in ("lines", "chrome", "headings", "year", "is_report", "format", "tables", "prose_lines", "paragraphs"):
                    value = getattr(doc, stage)
                    t = tick("normalise" if stage == "lines" else stage, t)
                    if stage == "is_report" and not value:
                        break
                else:
                    for rule in pack_rules:
                        list(REGISTRY[rule.kind].run(doc, rule))
                        t = tick(f"check {rule.kind}", t)
    n = len(files) * args.reps
    total = sum(spent.values())
    for name, seconds in spent.most_common():
        print(f"{seconds / n * 1000:7.2f} ms  {seconds / total * 100:5.1f}%  {name}")
    print(f"{total / n * 1000:7.2f} ms per file in all ({len(files)} files, {args.reps} timed passes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
