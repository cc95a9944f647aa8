#!/usr/bin/env python3
"""Benchmark reportlint: one-report latency, corpus throughput, --jobs scaling, peak memory.

    python benchmarks/run.py            # 1,000 generated reports
    python benchmarks/run.py --quick    # 200 reports, fewer repetitions (a minute or two)

The corpus is generated reproducibly (seeded) from the shipped examples: copies with
varied numbers, with tab rows turned into pipe rows and back, and some converted to
Traditional script. Every figure is measured side by side in one run and printed with
its ratio to the baseline it is compared with.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NUMBER = re.compile(r"(?<![\d.])\d{1,4}(?![\d.])")


def build_corpus(target: Path, count: int, seed: int = 2026) -> list[Path]:
    """``count`` report files derived from the examples (deterministic for a seed)."""
    rng = random.Random(seed)
    sources = sorted(EXAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    converter = None
    out = []
    for i in range(count):
        k = i % len(texts)
        text = NUMBER.sub(lambda m: str(rng.randrange(0, 200)) if rng.random() < 0.3 else m.group(), texts[k])
        variant = rng.random()
        if variant < 0.2:
            text = text.replace("\t", " | ")
        elif variant < 0.3:
            if converter is None:
                from opencc import OpenCC

                converter = OpenCC("s2t")
            text = converter.convert(text)
        path = target / f"{i:05d}-{sources[k].stem}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def timed(cmd: list[str], repeat: int) -> float:
    """Median wall time of ``cmd`` over ``repeat`` runs (after one warm-up for the file cache)."""
    subprocess.run(cmd, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def yamllint_command() -> list[str] | None:
    """yamllint for the comparison: installed, or pip-installed into a throwaway venv (never a project dependency)."""
    exe = shutil.which("yamllint")
    if exe:
        return [exe]
    venv = Path(tempfile.gettempdir()) / "reportlint-bench-yamllint"
    exe = venv / "bin" / "yamllint"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "yamllint"], check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError):
            return None
    return [str(exe)] if exe.exists() else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="200 reports and fewer repetitions")
    p.add_argument("--files", type=int, help="corpus size (default 1000, or 200 with --quick)")
    args = p.parse_args(argv)
    count = args.files or (200 if args.quick else 1000)
    repeat = 5 if args.quick else 15
    py = sys.executable
    lint = [py, "-m", "reportlint", "--format", "json", "--no-cache"]
    typical = str(EXAMPLES / "shunhe-2020-tabs.txt")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus_dir = tmp_path / "corpus"
        corpus_dir.mkdir()
        started = time.perf_counter()
        files = build_corpus(corpus_dir, count)
        print(f"corpus: {len(files)} reports generated in {time.perf_counter() - started:.1f} s ({sum(f.stat().st_size for f in files) / 1e6:.1f} MB)")

        yaml_file = tmp_path / "small.yaml"
        yaml_file.write_text("key: value\nlist: [1, 2, 3]\n", encoding="utf-8")
        baseline = {
            "python -c pass": timed([py, "-c", "pass"], repeat),
            "python -c 'import rich, ruamel.yaml'": timed([py, "-c", "import rich, ruamel.yaml"], repeat),
        }
        yl = yamllint_command()
        if yl:
            baseline["yamllint (one small file)"] = timed([*yl, str(yaml_file)], repeat)
        one = timed([*lint, typical], repeat)
        print("\n1. one report from a cold process (median wall time)")
        print(f"   reportlint (one report)            {one * 1000:7.1f} ms")
        for name, t in baseline.items():
            print(f"   {name:<34} {t * 1000:7.1f} ms   reportlint / this = {one / t:5.2f}x")
        if not yl:
            print("   yamllint: not available (could not install it into a throwaway venv)")
        if yl:
            target = one / baseline["yamllint (one small file)"]
            print(f"   target ≤ 1.2x yamllint: {'met' if target <= 1.2 else 'NOT met'} ({target:.2f}x)")

        print("\n2. throughput on the corpus")
        rates = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run([*lint, "--jobs", str(jobs), str(corpus_dir)], capture_output=True)
            elapsed = time.perf_counter() - start
            rates[jobs] = len(files) / elapsed
            print(f"   --jobs {jobs}: {elapsed:6.2f} s  {rates[jobs]:7.1f} reports/s  ({rates[jobs] / jobs:6.1f} per core)")
        print(f"   scaling 2 jobs / 1 job: {rates[2] / rates[1]:.2f}x (linear = 2.00x on {os.cpu_count()} cores)")
        cache = ["--cache-dir", str(tmp_path / "cache")]
        subprocess.run([py, "-m", "reportlint", "--format", "json", *cache, str(corpus_dir)], capture_output=True)
        start = time.perf_counter()
        subprocess.run([py, "-m", "reportlint", "--format", "json", *cache, str(corpus_dir)], capture_output=True)
        print(f"   re-lint unchanged, result cache warm: {time.perf_counter() - start:6.2f} s")
        print(f"   target ≥ 500 reports/s per core: {'met' if rates[1] >= 500 else 'NOT met'} ({rates[1]:.0f}/s)")

        print("\n3. peak memory (largest child process RSS)")
        # Measured in a fresh wrapper process: ru_maxrss of children only ever grows, so the
        # runs above must not count.
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([py, "-c", probe, *lint, "--jobs", "1", str(corpus_dir)], capture_output=True, text=True).stdout
        peak = int(out.strip() or 0) / 1024
        print(f"   peak RSS linting {len(files)} files in one process: {peak:.0f} MB (target ≤ 100 MB on 10,000 files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
