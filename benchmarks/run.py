#!/usr/bin/env python3
"""Benchmark reportlint: one-report latency, throughput, --jobs scaling, a lower bound, input kinds, peak memory.

    python benchmarks/run.py            # 1,000 reports; peak memory on 10,000 too (several minutes)
    python benchmarks/run.py --quick    # 100 reports, fewer repetitions (about a minute)

Both the default text output (what the pre-commit hook runs: not a terminal, so no colour)
and ``--format json`` (which skips rich) are measured, for latency and for throughput.
The corpus is generated reproducibly (seeded) from the seed and corpus reports in the
shared folder (``../shared/seeds``, ``../shared/corpus``), or from ``examples/`` when
that folder is absent: copies with varied numbers, tab rows turned into pipe rows and
pipe rows into tab rows, some converted to Traditional script, and some saved as
GB18030 with CRLF line endings, as real reports arrive. Every figure is measured side
by side in one run and printed with its ratio to the baseline it is compared with; a
closing table gives each target's verdict.

Beside reportlint it runs ``benchmarks/lower_bound.py`` on the same corpus (plain Python:
read, decode, 30 compiled regex searches per line), and it builds a folder of each input
kind (txt, one-line, html, md, pdf, docx) from the shared files to give each kind's
per-file cost. benchmarks/README.md describes every measure.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
LOWER_BOUND = ROOT / "benchmarks" / "lower_bound.py"
TYPICAL = "shunhe-2020-tabs.txt"
SEED = 2026
NUMBER = re.compile(r"(?<![\d.])\d{1,4}(?![\d.])")
PIPE_ROW = re.compile(r"^.*\|.*\|.*$", re.MULTILINE)
HTML_TEXT = re.compile(r"(?<=>)[^<]+")                          # the text between two tags
HTML_NUMBER = re.compile(r"(?<![\d.#])\d{1,4}(?![\d.;])")        # ... a number there, not an entity (&#39;)

# Targets from the issue.
LATENCY_VS_YAMLLINT = 1.2       # one report ≤ 1.2x yamllint on one small file
RATE_PER_CORE = 500.0           # reports/s per core
SCALING_EFFICIENCY = 0.95       # "close to linear": 2 jobs ≥ 95% of 2x one job, i.e. ≥ 1.9x
LOWER_BOUND_RATIO = 2.0         # reportlint --jobs 1 ≤ 2x lower_bound.py on the same files
RSS_LIMIT_MB = 100.0            # peak RSS ...
RSS_TARGET_FILES = 10_000       # ... on this many files

# Per-file cost by input kind: about this many files beyond the first, by (--quick, PDF): PDFs are slow.
KIND_COPIES = {(False, False): 30, (False, True): 10, (True, False): 4, (True, True): 2}

FORMATS = ("text", "json")      # text: the default output, what the pre-commit hook pays (not a terminal: no colour)
JOBS = (1, 2)


# ---------------------------------------------------------------- corpus


@dataclass
class Corpus:
    files: list[Path] = field(default_factory=list)
    size: int = 0
    variants: Counter[str] = field(default_factory=Counter)


def corpus_sources() -> tuple[list[Path], str]:
    """The reports the corpus is derived from, and a description of where they came from."""
    shared = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    if shared:
        return shared, f"{SHARED}/seeds + {SHARED}/corpus"
    return sorted(EXAMPLES.glob("*.txt")), f"{EXAMPLES} (no shared folder at {SHARED})"


def vary_numbers(text: str, rng: random.Random, number: re.Pattern[str] = NUMBER) -> str:
    return number.sub(lambda m: str(rng.randrange(0, 200)) if rng.random() < 0.3 else m.group(), text)


def tabs_to_pipes(text: str) -> str:
    return text.replace("\t", " | ")


def pipes_to_tabs(text: str) -> str:
    """``a | b | c |`` rows become ``a<TAB>b<TAB>c`` rows (the trailing pipe closes the row)."""
    def row(m: re.Match[str]) -> str:
        line = m.group().rstrip()
        line = line[:-1] if line.endswith("|") else line
        return "\t".join(cell.strip() for cell in line.split("|"))

    return PIPE_ROW.sub(row, text)


@functools.lru_cache(maxsize=1)
def _s2t() -> Any:
    from opencc import OpenCC  # a reportlint dependency

    return OpenCC("s2t")


@functools.lru_cache(maxsize=None)
def traditional(text: str) -> str:
    """Simplified → Traditional, cached per source (numbers are varied afterwards)."""
    return str(_s2t().convert(text))


def make_copy(text: str, rng: random.Random) -> tuple[bytes, list[str]]:
    """One corpus file's bytes and the names of the variants applied to it."""
    applied = []
    if rng.random() < 0.1:
        converted = traditional(text)
        if converted != text:
            text, applied = converted, ["traditional"]
    text = vary_numbers(text, rng)
    if rng.random() < 0.3:
        if "\t" in text:
            text, applied = tabs_to_pipes(text), [*applied, "tabs→pipes"]
        elif PIPE_ROW.search(text):
            text, applied = pipes_to_tabs(text), [*applied, "pipes→tabs"]
    if rng.random() < 0.15:
        return text.replace("\n", "\r\n").encode("gb18030"), [*applied, "gb18030+crlf"]
    return text.encode("utf-8"), applied


def build_corpus(target: Path, sources: list[Path], count: int, seed: int = SEED) -> Corpus:
    """``count`` report files derived from ``sources``; file ``i`` depends only on ``seed`` and ``i``."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    corpus = Corpus()
    for i in range(count):
        k = i % len(texts)
        data, applied = make_copy(texts[k], random.Random(seed * 1_000_003 + i))
        path = target / f"{i:05d}-{sources[k].stem}.txt"
        path.write_bytes(data)
        corpus.files.append(path)
        corpus.size += len(data)
        corpus.variants.update(applied or ["as is"])
    return corpus


def make_corpus(parent: Path, name: str, sources: list[Path], count: int) -> tuple[Path, Corpus]:
    directory = parent / name
    directory.mkdir()
    started = time.perf_counter()
    corpus = build_corpus(directory, sources, count)
    mix = ", ".join(f"{v} {n}" for v, n in sorted(corpus.variants.items()))
    print(f"{name}: {len(corpus.files)} reports ({corpus.size / 1e6:.1f} MB) generated in "
          f"{time.perf_counter() - started:.1f} s; variants: {mix}")
    return directory, corpus


# ---------------------------------------------------------------- input kinds

Maker = Callable[[Path, random.Random], bytes]       # a source file and a copy's generator -> the copy's bytes


def as_text(src: Path, rng: random.Random) -> bytes:
    return vary_numbers(src.read_text(encoding="utf-8"), rng).encode("utf-8")


def flattened(src: Path, rng: random.Random) -> bytes:
    """A report run together onto one line, as a crawler saves a page's text: lines (and tab cells)
    joined with a space or with nothing (as tests/test_real_layouts.py flattens a seed, with a space)."""
    sep = rng.choice((" ", ""))
    text = vary_numbers(src.read_text(encoding="utf-8"), rng)
    return (sep.join(ln.strip().replace("\t", sep) for ln in text.split("\n") if ln.strip()) + "\n").encode("utf-8")


def html_page(src: Path, rng: random.Random) -> bytes:
    """The web page with numbers varied in its text only (never in tags, attributes or entities)."""
    text = src.read_text(encoding="utf-8")
    return HTML_TEXT.sub(lambda m: vary_numbers(m.group(), rng, HTML_NUMBER), text).encode("utf-8")


def copied(src: Path, rng: random.Random) -> bytes:
    """The file as it is (numbers cannot be varied in a PDF; copies are fine with --no-cache)."""
    return src.read_bytes()


def word(text: str) -> bytes:
    """A real .docx from a report text: each line a paragraph, each run of tab rows one Word table.

    (tests/test_documents.py's ``_word``, copied rather than imported, without cell merging and
    filled row by row; the zip entries get a fixed date so that the same text gives the same bytes.)
    """
    import docx  # a reportlint dependency

    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            document.add_paragraph(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        table = document.add_table(rows=len(rows), cols=width)
        for row, cells in zip(table.rows, rows):      # row by row: table.cell(r, c) walks the whole grid
            for cell, value in zip(row.cells, cells):
                cell.text = value
        i = j
    saved = io.BytesIO()
    document.save(saved)
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def as_word(src: Path, rng: random.Random) -> bytes:
    """A Word document of the seed, its pipe rows made tab rows first so that they become Word tables."""
    return word(pipes_to_tabs(vary_numbers(src.read_text(encoding="utf-8"), rng)))


KIND_SUFFIX = {"txt": ".txt", "one-line": ".txt", "html": ".html", "md": ".md", "pdf": ".pdf", "docx": ".docx"}


def input_kinds() -> dict[str, list[tuple[Path, Maker]]]:
    """Each input kind's sources and how a copy is made from each (empty when the shared folder is absent)."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) or sorted(EXAMPLES.glob("*-20??-*.txt"))
    corpus = SHARED / "corpus"
    return {
        "txt": [(s, as_text) for s in seeds],            # tab rows, pipe rows, cells one per line
        "one-line": [(s, flattened) for s in seeds] + [(p, as_text) for p in sorted(corpus.glob("pingtan-2021.txt"))],
        "html": [(p, html_page) for p in sorted(corpus.glob("*.html"))],
        "md": [(p, as_text) for p in sorted(corpus.glob("*.md")) if p.name != "MANIFEST.md"],
        "pdf": [(p, copied) for p in sorted(corpus.glob("*.pdf"))],
        "docx": [(s, as_word) for s in seeds],
    }


def build_kind(kind: str, target: Path, count: int, seed: int = SEED) -> list[Path]:
    """``count`` files of one input kind, cycling through its sources; file ``i`` depends only on ``seed``, ``kind`` and ``i``."""
    sources = input_kinds()[kind]
    files = []
    for i in range(count if sources else 0):
        src, make = sources[i % len(sources)]
        path = target / f"{i:03d}-{src.stem}{KIND_SUFFIX[kind]}"
        path.write_bytes(make(src, random.Random(f"{seed}-{kind}-{i}")))
        files.append(path)
    return files


# ---------------------------------------------------------------- measuring


def precompile(py: str) -> None:
    """Byte-compile reportlint as an installed package would be (PYTHONDONTWRITEBYTECODE may be set)."""
    spec = importlib.util.find_spec("reportlint")
    if spec is None or not spec.submodule_search_locations:
        print("bytecode: reportlint not found; cold runs will compile it every time")
        return
    package = list(spec.submodule_search_locations)[0]
    done = subprocess.run([py, "-m", "compileall", "-q", package], stdout=subprocess.DEVNULL)
    status = "" if done.returncode == 0 else f" (compileall exited {done.returncode}: some module did not compile)"
    print(f"bytecode: compiled {package} with compileall, as an installed package is{status}")


@dataclass(frozen=True)
class Run:
    wall: float          # seconds, whole process
    rss_mb: float        # peak RSS of the largest process in the command's tree
    out: str = ""        # standard output, when asked for


def run(cmd: list[str], *, capture: bool = False) -> Run:
    """Run ``cmd`` once: wall time and peak RSS; output discarded unless ``capture``. Warns on exit ≥ 2.

    ``os.wait4`` gives this child's own usage, in which ru_maxrss is the maximum over the
    child and every descendant it waited for (e.g. --jobs workers): the largest single process.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, text=capture)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code >= 2 or code < 0:
        print(f"   WARNING: exit {code} from {' '.join(cmd[-3:])}: figure not trustworthy")
    return Run(elapsed, usage.ru_maxrss / 1024, out)  # ru_maxrss is in KiB on Linux


def timed(cmd: list[str], repeat: int, *, capture: bool = False, warm_up: bool = True) -> Run:
    """The median run of ``cmd`` over ``repeat`` (the lower middle one for an even count), after one
    warm-up (file and rule caches): its wall time and output, with the largest RSS of all."""
    if warm_up:
        run(cmd)
    runs = sorted((run(cmd, capture=capture) for _ in range(repeat)), key=lambda r: r.wall)
    middle = runs[(len(runs) - 1) // 2]
    return Run(middle.wall, max(r.rss_mb for r in runs), middle.out)


def number(x: float) -> str:
    """Three significant figures, no exponent: 248, 16.0, 2.65, 0.123."""
    return f"{x:.0f}" if abs(x) >= 99.95 else f"{x:#.3g}"


def ratio_line(label: str, value: float, unit: str, base_label: str, base: float) -> float:
    """Print one measure beside its baseline from the same run, as ``value / base``; return that ratio."""
    ratio = value / base if base > 0 else float("inf")
    print(f"   {label:<40} {number(value):>7} {unit:<10} {ratio:6.2f}x  {base_label} ({number(base)} {unit})")
    return ratio


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


# ---------------------------------------------------------------- the sections


@dataclass
class Verdict:
    measure: str
    result: str
    target: str
    verdict: str


Lint = Callable[[str], list[str]]          # output format -> the reportlint command
Grid = dict[tuple[str, int], Run]          # (format, jobs) -> one run over a corpus


def lint_command(py: str) -> Lint:
    """reportlint in a fresh interpreter; ``text`` is the default output (no --format), as the pre-commit hook runs it."""
    def command(fmt: str) -> list[str]:
        return [py, "-m", "reportlint"] if fmt == "text" else [py, "-m", "reportlint", "--format", fmt]

    return command


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def measure_latency(py: str, lint: Lint, typical: Path, tmp: Path, repeat: int) -> tuple[list[Verdict], dict[str, Run]]:
    yaml_file = tmp / "small.yaml"
    yaml_file.write_text("key: value\nlist: [1, 2, 3]\n", encoding="utf-8")
    baselines = {
        "python -c pass": timed([py, "-c", "pass"], repeat),
        "python -c 'import rich, ruamel.yaml'": timed([py, "-c", "import rich, ruamel.yaml"], repeat),
    }
    yl = yamllint_command()
    if yl:
        baselines["yamllint, one small file"] = timed([*yl, str(yaml_file)], repeat)
    ones = {fmt: timed([*lint(fmt), "--no-cache", str(typical)], repeat) for fmt in FORMATS}
    print(f"\n1. one report from a cold process (median wall time of {repeat}; {typical.name}; output to /dev/null)")
    ratios = {fmt: {name: ratio_line(f"reportlint, {fmt} output", one.wall * 1000, "ms", name, base.wall * 1000)
                    for name, base in baselines.items()} for fmt, one in ones.items()}
    target = f"≤ {LATENCY_VS_YAMLLINT}x yamllint"
    if not yl:
        print("   yamllint: not available (could not install it into a throwaway venv)")
    verdicts = []
    for fmt, one in ones.items():
        ratio = ratios[fmt].get("yamllint, one small file")
        result = verdict(ratio <= LATENCY_VS_YAMLLINT) if ratio is not None else "not measured"
        shown = f"{ratio:.2f}x ({one.wall * 1000:.0f} ms)" if ratio is not None else f"{one.wall * 1000:.0f} ms"
        verdicts.append(Verdict(f"one report vs yamllint, cold, {fmt}", shown, target, result))
    return verdicts, ones


def lint_grid(lint: Lint, directory: Path) -> Grid:
    """One run of every output format at every --jobs over ``directory``, result cache off."""
    return {(fmt, jobs): run([*lint(fmt), "--no-cache", "--jobs", str(jobs), str(directory)])
            for fmt in FORMATS for jobs in JOBS}


def measure_throughput(lint: Lint, corpus_dir: Path, count: int, tmp: Path) -> tuple[list[Verdict], Grid]:
    print(f"\n2. throughput on the corpus ({count:,} reports, result cache off; whole process, start-up included)")
    grid = lint_grid(lint, corpus_dir)
    cores = os.cpu_count() or 1
    linear = 2 * SCALING_EFFICIENCY
    verdicts = []
    for fmt in FORMATS:
        one, two = grid[fmt, 1], grid[fmt, 2]
        rate1 = ratio_line(f"{fmt}, --jobs 1 ({one.wall:.2f} s)", count / one.wall, "reports/s",
                           "the target", RATE_PER_CORE) * RATE_PER_CORE
        scaling = ratio_line(f"{fmt}, --jobs 2 ({two.wall:.2f} s)", count / two.wall, "reports/s", "--jobs 1", rate1)
        judged = verdict(scaling >= linear) if cores >= 2 else f"not judged ({cores} core)"
        verdicts += [
            Verdict(f"throughput, --jobs 1, {fmt}", f"{rate1:.0f} reports/s", f"≥ {RATE_PER_CORE:.0f}/s",
                    verdict(rate1 >= RATE_PER_CORE)),
            Verdict(f"scaling, --jobs 2 / --jobs 1, {fmt}", f"{scaling:.2f}x ({count / two.wall:.0f} reports/s)",
                    f"≥ {linear:.2f}x", judged),
        ]
    ratio_line("text output, --jobs 1", grid["text", 1].wall, "s", "json output", grid["json", 1].wall)
    if count < 500:
        print(f"   (small corpus: start-up and the pool weigh on these figures; {cores} cores)")
    cache = ["--cache-dir", str(tmp / "cache"), "--jobs", "1", str(corpus_dir)]
    fill = run([*lint("text"), *cache])
    ratio_line("re-lint unchanged, cache warm, text", run([*lint("text"), *cache]).wall, "s", "filling it", fill.wall)
    return verdicts, grid


def measure_lower_bound(py: str, corpus_dir: Path, count: int, grid: Grid, repeat: int) -> list[Verdict]:
    """reportlint's --jobs 1 wall time as a ratio of lower_bound.py's on the same files, both whole cold processes."""
    bound = timed([py, str(LOWER_BOUND), str(corpus_dir)], repeat, capture=True)
    print(f"\n3. lower bound: {LOWER_BOUND.name} on the same {count:,} reports (read, decode, 30 regex searches "
          f"per line; whole process, median of {repeat})")
    print(f"   it says: {bound.out.strip()}")
    ratio_line(f"lower bound ({bound.wall:.2f} s)", count / bound.wall, "reports/s", "the target", RATE_PER_CORE)
    target = f"≤ {LOWER_BOUND_RATIO:.0f}x the lower bound"
    verdicts = []
    for fmt in FORMATS:
        ratio = ratio_line(f"reportlint, {fmt}, --jobs 1", grid[fmt, 1].wall, "s", "lower bound", bound.wall)
        verdicts.append(Verdict(f"--jobs 1 vs lower bound, {fmt}", f"{ratio:.2f}x ({bound.wall:.2f} s)", target,
                                verdict(ratio <= LOWER_BOUND_RATIO)))
    return verdicts


def kind_count(kind: str, sources: int, quick: bool) -> int:
    """1 + a whole number of copies of each source, so the N - 1 files beyond the first weigh every source alike."""
    wanted = KIND_COPIES[quick, kind == "pdf"]
    return 1 + max(1, round(wanted / sources)) * sources


def measure_kinds(lint: Lint, tmp: Path, quick: bool, repeat: int, corpus: Corpus, grid: Grid) -> None:
    print(f"\n4. per-file cost by input kind (text output, --no-cache --jobs 1; per file = (wall of N files "
          f"- wall of the first alone) / (N - 1); each wall the median of {repeat})\n")
    measured: dict[str, tuple[int, float, float]] = {}     # kind -> (N, wall of the first file, wall of all N)
    sources = input_kinds()
    for kind, made in sources.items():
        if not made:
            print(f"   {kind}: no source files (the shared folder is absent)")
            continue
        directory = tmp / "kinds" / kind
        directory.mkdir(parents=True)
        files = build_kind(kind, directory, kind_count(kind, len(made), quick))
        command = [*lint("text"), "--no-cache", "--jobs", "1"]
        first = timed([*command, str(files[0])], repeat)                 # warmed up: the kind's imports, read once
        whole = timed([*command, str(directory)], repeat, warm_up=False)
        measured[kind] = (len(files), first.wall, whole.wall)
    first = timed([*lint("text"), "--no-cache", "--jobs", "1", str(corpus.files[0])], repeat)
    measured["corpus mix (section 2)"] = (len(corpus.files), first.wall, grid["text", 1].wall)
    costs = {kind: (whole - one) / (n - 1) if n > 1 else float("nan") for kind, (n, one, whole) in measured.items()}
    base = costs.get("txt", float("nan"))
    print("| kind | N | first file alone | N files | per file | vs txt |")
    print("|---|---|---|---|---|---|")
    for kind, (n, one, whole) in measured.items():
        print(f"| {kind} | {n:,} | {one:.2f} s | {whole:.2f} s | {number(costs[kind] * 1000)} ms | {costs[kind] / base:.2f}x |")


def measure_memory(lint: Lint, grid: Grid, count: int, one: Run, large: tuple[Path, int] | None) -> list[Verdict]:
    """Peak RSS of the throughput runs, and of text runs on ``large`` (a 10,000-report corpus) when given."""
    print("\n5. peak memory (RSS of the largest process, parent or worker; result cache off)")
    for (fmt, jobs), r in grid.items():
        ratio_line(f"{fmt}, --jobs {jobs}, {count:,} reports", r.rss_mb, "MB", "one report, text", one.rss_mb)
    peaks = {fmt: (grid[fmt, 1].rss_mb, count) for fmt in FORMATS}
    if large:
        directory, many = large
        for jobs in JOBS:
            r = run([*lint("text"), "--no-cache", "--jobs", str(jobs), str(directory)])
            ratio_line(f"text, --jobs {jobs}, {many:,} reports ({many / r.wall:.0f}/s)", r.rss_mb, "MB",
                       f"{count:,} reports", grid["text", jobs].rss_mb)
            if jobs == 1:
                peaks["text"] = (r.rss_mb, many)
    target = f"≤ {RSS_LIMIT_MB:.0f} MB on {RSS_TARGET_FILES:,} files"
    verdicts = []
    for fmt, (peak, files) in peaks.items():
        result = verdict(peak <= RSS_LIMIT_MB) if files >= RSS_TARGET_FILES else f"not judged: {files:,} files"
        verdicts.append(Verdict(f"peak RSS, --jobs 1, {fmt}", f"{peak:.0f} MB on {files:,} files", target, result))
    return verdicts


def print_summary(verdicts: list[Verdict]) -> None:
    print("\nsummary\n")
    print("| measure | result | target | verdict |")
    print("|---|---|---|---|")
    for v in verdicts:
        print(f"| {v.measure} | {v.result} | {v.target} | {v.verdict} |")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="100 reports, fewer copies per input kind, fewer repetitions, no 10,000-report memory run")
    p.add_argument("--files", type=int, help="corpus size for throughput (default 1000, or 100 with --quick)")
    p.add_argument("--memory-files", type=int,
                   help=f"corpus size for the peak-memory runs (default {RSS_TARGET_FILES:,}; with --quick none: "
                        "memory is read from the throughput runs)")
    args = p.parse_args(argv)
    if args.files is None:
        args.files = 100 if args.quick else 1000
    if args.memory_files is None:
        args.memory_files = 0 if args.quick else RSS_TARGET_FILES
    if args.files < 2 or args.memory_files < 0:
        p.error("--files must be at least 2 and --memory-files not negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    repeat = 5 if args.quick else 15
    py = sys.executable
    lint = lint_command(py)
    sources, origin = corpus_sources()
    if not sources:
        print(f"no source reports found in {SHARED} or {EXAMPLES}", file=sys.stderr)
        return 2
    typical = next((s for s in sources if s.name == TYPICAL), sources[0])
    print(f"sources: {len(sources)} reports from {origin}")
    precompile(py)

    with tempfile.TemporaryDirectory(prefix="reportlint-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus_dir, corpus = make_corpus(tmp_path, "corpus", sources, args.files)
        verdicts, ones = measure_latency(py, lint, typical, tmp_path, repeat)
        found, grid = measure_throughput(lint, corpus_dir, len(corpus.files), tmp_path)
        verdicts += found
        verdicts += measure_lower_bound(py, corpus_dir, len(corpus.files), grid, 1 if args.quick else 3)
        measure_kinds(lint, tmp_path, args.quick, 1 if args.quick else 3, corpus, grid)
        large = None
        if args.memory_files > args.files:    # a corpus of its own (10,000 reports by default; none with --quick)
            memory_dir, memory = make_corpus(tmp_path, "memory-corpus", sources, args.memory_files)
            large = memory_dir, len(memory.files)
        verdicts += measure_memory(lint, grid, len(corpus.files), ones["text"], large)
    print_summary(verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
