"""Command line: ``reportlint [check] [options] PATH...``.

Exit codes (as ruff): 0 nothing at or above ``--fail-on``; 1 findings; 2 usage,
rule-file or internal errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from reportlint import __version__

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
SUBCOMMANDS = ("check", "audit", "rules", "explain", "config", "test-rules", "show")
_SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


def _csv(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportlint",
        description="Lint government information-disclosure annual reports (政府信息公开工作年度报告).",
        epilog="Subcommands: 'reportlint audit DIR [--html FILE]' summarises a whole archive; "
               "'reportlint rules' lists the rules; 'reportlint explain RULE' explains one; "
               "'reportlint test-rules [DIR...]' runs rule files' own test cases.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint (.txt, .md, .html, .pdf, .docx)")
    p.add_argument("--select", action="append", metavar="IDS", help="only these rules (comma-separated ids, short names or prefixes)")
    p.add_argument("--ignore", action="append", metavar="IDS", help="skip these rules")
    p.add_argument("--format", dest="output_format", choices=("text", "concise", "json", "sarif", "github", "junit"), default="text",
                   help="output format (default: text)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the output to FILE instead of stdout")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not in FILE; if FILE does not exist, write the current findings to it")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: error, or the configuration's)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what is left")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--rules", action="append", metavar="DIR", default=[], help="add the YAML rules in DIR (repeatable)")
    p.add_argument("--config", metavar="FILE", help="use this .reportlint.yaml or pyproject.toml instead of discovering one per file")
    p.add_argument("--encoding", help="read files in this encoding instead of detecting it")
    p.add_argument("--max-file-size", type=float, metavar="MB", help="refuse files larger than this, with an error (default: 20)")
    p.add_argument("--report-format", choices=("2019", "2021"), help="assume this national format instead of detecting it")
    p.add_argument("--year", type=int, help="assume this report year instead of reading it from the title")
    p.add_argument("--previous", metavar="FILE", help="last year's report of the same body, for gov.cross-year (default: found by year in the file or folder name)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (default: auto, only on a terminal)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="lint files in N processes (default 0: one per core; small batches run in-process)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local: the embedded process pool (default); dask: a dask.distributed cluster (pip install 'reportlint[dask]')")
    p.add_argument("--dask-scheduler", metavar="ADDRESS", help="with --executor dask: the scheduler to use (default: a local cluster)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--cache-dir", metavar="DIR", default=".reportlint_cache", help="where results are cached, keyed on content (default: .reportlint_cache)")
    p.add_argument("--no-source", action="store_true", help="text output: do not show the source line under each diagnostic")
    p.add_argument("--version", action="version", version=f"reportlint {__version__}")
    return p


def _collect(paths: list[str]) -> tuple[list[str], list[str]]:
    files, missing = [], []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                files.extend(os.path.join(root, n) for n in sorted(names) if n.lower().endswith(EXTENSIONS))
        elif os.path.exists(path):
            files.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(files)), missing


def _error(message: str) -> int:
    print(f"reportlint: error: {message}", file=sys.stderr)
    return 2


def _load(extra_dirs: list[str]):
    from reportlint.ruleset import load_ruleset
    from reportlint.yamlio import DataError

    try:
        return load_ruleset(extra_dirs)
    except DataError as exc:
        _error(f"bad rule file: {exc}")
        return None


def _check(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if not args.paths:
        return _error("no paths given (try: reportlint examples/)")
    from reportlint.yamlio import DataError

    from reportlint.views import is_binary_document

    files, missing = _collect(args.paths)
    if missing:
        return _error(f"no such file or directory: {', '.join(missing)}")
    try:
        planner = _Planner(args)
        plans = [(f, planner.plan(f)) for f in files]
    except DataError as exc:
        return _error(f"bad configuration or rule file: {exc}")
    except _UsageError as exc:
        return _error(str(exc))
    plans = [(f, plan) for f, plan in plans if plan is not None]  # excluded by configuration
    files = [f for f, _ in plans]
    if args.fix and any(is_binary_document(f) for f in files):
        print("reportlint: --fix never rewrites PDF or Word (.docx) files; they are only linted", file=sys.stderr)
    if args.diff:
        return _diff(plans)
    results: Iterable = _run_all(args, plans)
    notes = []
    if args.baseline:
        from reportlint import baseline

        results = list(results)   # a baseline compares the whole run
        diagnostics = [d for r in results for d in r.diagnostics]
        sources = {r.path: r.source for r in results if r.source is not None}
        if not os.path.exists(args.baseline):
            count = baseline.write(args.baseline, diagnostics, sources)
            print(f"reportlint: wrote {count} finding(s) to the baseline {args.baseline}", file=sys.stderr)
            return 0
        try:
            filtered = baseline.apply(args.baseline, diagnostics, sources, set(files))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return _error(f"cannot use baseline {args.baseline}: {exc}")
        kept = {id(d) for d in filtered.diagnostics}
        results = [replace(r, diagnostics=[d for d in r.diagnostics if id(d) in kept]) for r in results]
        notes.append(f"{filtered.suppressed} finding(s) in the baseline; {filtered.stale} stale baseline entr{'y' if filtered.stale == 1 else 'ies'}")

    from reportlint.render import Report, render

    ran = list({id(r): r for _, plan in plans for r in plan[1]}.values())
    outcome = _Outcome(args.fail_on or planner.default_config().fail_on or "error")
    # Results stream from linting through rendering: each file's output is written as it
    # arrives, and nothing of a file is kept once it is written.
    report = Report(outcome.watch(results), ran, notes)
    try:
        out = open(args.output_file, "w", encoding="utf-8", newline="\n") if args.output_file else sys.stdout
    except OSError as exc:
        return _error(f"cannot write {args.output_file}: {exc.strerror or exc}")
    try:
        if args.statistics:
            _statistics(report.results, out)
        else:
            color = args.color == "always" or (args.color == "auto" and out.isatty() and "NO_COLOR" not in os.environ)
            render(args.output_format, report, out, color=color, show_source=not args.no_source)
    finally:
        if out is not sys.stdout:
            out.close()
    return outcome.exit_code


class _Outcome:
    """The exit code, worked out while results stream past: 2 if a rule crashed, 1 if a finding is at or above the threshold."""

    def __init__(self, fail_on: str) -> None:
        from reportlint.diagnostics import SEVERITIES, severity_rank

        self.failing = frozenset(s for s in SEVERITIES if severity_rank(s) >= severity_rank(fail_on))
        self.crashed = self.failed = False

    def watch(self, results: Iterable) -> Iterator:
        for r in results:
            self.crashed = self.crashed or r.internal_error
            self.failed = self.failed or any(d.severity in self.failing for d in r.diagnostics)
            yield r

    @property
    def exit_code(self) -> int:
        return 2 if self.crashed else 1 if self.failed else 0


class _UsageError(Exception):
    pass


# Below this many files a process pool costs more than it saves (pre-commit usually passes a few).
_PARALLEL_THRESHOLD = 8


def _run_all(args: argparse.Namespace, plans: list, *, progress: bool = False) -> Iterator:
    """Lint (or fix) every planned file, lazily; results come in the order of ``plans`` whatever N is."""
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    if args.executor == "dask":
        from reportlint.distributed import run_on_dask

        return iter(run_on_dask(args, [f for f, _ in plans], jobs))
    if jobs <= 1 or len(plans) < _PARALLEL_THRESHOLD:
        return _progress((_lint_one(args, f, plan) for f, plan in plans), len(plans), progress)
    return _run_pool(args, [f for f, _ in plans], jobs, progress)


def _run_pool(args: argparse.Namespace, paths: list[str], jobs: int, progress: bool) -> Iterator:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_worker_init, initargs=(args,)) as pool:
        results = pool.map(_worker_lint, paths, chunksize=max(1, min(64, len(paths) // (jobs * 4))))
        yield from _progress(results, len(paths), progress)


def _progress(results, total: int, show: bool):
    """A rich progress bar on a terminal (stderr), nothing otherwise."""
    if not show or not sys.stderr.isatty():
        return results
    from rich.console import Console
    from rich.progress import track

    return track(results, total=total, description="Linting", console=Console(stderr=True), transient=True)


_WORKER: dict = {}


def _worker_init(args: argparse.Namespace) -> None:
    _WORKER["args"] = args
    _WORKER["planner"] = _Planner(args)


def _worker_lint(path: str):
    return _lint_one(_WORKER["args"], path, _WORKER["planner"].plan(path))


def lint_batch(args: argparse.Namespace, paths: list[str]) -> list:
    """Lint a batch of files with one planner (a task for a remote worker)."""
    planner = _Planner(args)
    return [_lint_one(args, path, planner.plan(path)) for path in paths]


def _lint_one(args: argparse.Namespace, path: str, plan):
    """Lint (or fix) one file, keeping only the source lines that the output will show."""
    from reportlint.read import Excerpt

    result = _lint_or_fix(args, path, plan)
    if result.source is not None:
        # every line a finding spans: a block's baseline key reads them all
        result.source = Excerpt.of(result.source, (n for d in result.diagnostics for n in range(d.line, max(d.end_line, d.line) + 1)))
    return result


def _lint_or_fix(args: argparse.Namespace, path: str, plan):
    """Lint (or fix) one file, through the result cache unless fixing or told not to."""
    from reportlint.engine import lint_path

    if args.fix:
        return _fix_path(path, *plan)
    if args.no_cache:
        return lint_path(path, *plan)
    from reportlint.engine import shown_source
    from reportlint.resultcache import ResultCache, key

    ruleset, rules, options = plan
    try:
        with open(path, "rb") as fh:
            data = fh.read(options.max_bytes + 1)
    except OSError:
        return lint_path(path, *plan)
    cache = ResultCache(args.cache_dir)
    cache_key = key(path, data, ruleset.key, rules, options)
    hit = cache.get(cache_key)
    if hit is None:
        result = lint_path(path, *plan)
        cache.put(cache_key, result)
        return result
    hit.source = shown_source(path, options)  # for showing lines
    return hit


class _Planner:
    """Which pack, rules and options apply to each file: command line over the file's configuration."""

    def __init__(self, args: argparse.Namespace) -> None:
        from reportlint.config import load

        self.args = args
        self.select, self.ignore = _csv(args.select), _csv(args.ignore)
        self.fixed = load(args.config) if args.config else None
        if args.config and self.fixed is None:
            raise _UsageError(f"{args.config} has no [tool.reportlint] section")
        self.packs: dict[tuple[str, ...], object] = {}

    def default_config(self):
        from reportlint.config import discover

        return self.fixed or discover(os.getcwd())

    def pack(self, dirs: tuple[str, ...]):
        from reportlint.ruleset import load_ruleset, unknown_selectors

        if dirs not in self.packs:
            pack = load_ruleset(list(dirs))
            unknown = unknown_selectors(pack.rules, self.select + self.ignore)
            if unknown:
                raise _UsageError(f"unknown rule(s): {', '.join(unknown)} (see 'reportlint rules')")
            self.packs[dirs] = pack
        return self.packs[dirs]

    def plan(self, path: str):
        from reportlint.config import apply, discover
        from reportlint.engine import Options

        config = self.fixed or discover(path)
        if config.excluded(path):
            return None
        pack = self.pack(tuple(self.args.rules) + config.rule_dirs)
        rules = apply(config, pack.rules, path, self.select, self.ignore)
        size = self.args.max_file_size if self.args.max_file_size is not None else (config.max_file_size or 20)
        options = Options(encoding=self.args.encoding or config.encoding, max_bytes=int(size * 1024 * 1024),
                          format=self.args.report_format or config.report_format, year=self.args.year or config.year,
                          previous=self.args.previous, fixes=bool(self.args.fix or self.args.diff))
        return pack, rules, options


def _audit(argv: list[str]) -> int:
    p = _parser()
    p.prog = "reportlint audit"
    p.description = "Lint every report under the paths and summarise: findings per rule, worst files, reports by format and year."
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report for circulating")
    args = p.parse_args(argv)
    if not args.paths:
        return _error("no paths given (try: reportlint audit reports/)")
    from reportlint.audit import print_summary, summarize, write_html
    from reportlint.diagnostics import severity_rank
    from reportlint.yamlio import DataError

    files, missing = _collect(args.paths)
    if missing:
        return _error(f"no such file or directory: {', '.join(missing)}")
    try:
        planner = _Planner(args)
        plans = [(f, plan) for f in files if (plan := planner.plan(f)) is not None]
    except DataError as exc:
        return _error(f"bad configuration or rule file: {exc}")
    except _UsageError as exc:
        return _error(str(exc))
    args.fix = False
    results = list(_run_all(args, plans, progress=True))
    summary = summarize(results)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    print_summary(summary, sys.stdout, color=color)
    if args.html:
        write_html(summary, results, args.html)
        print(f"HTML report: {args.html}")
    if any(r.internal_error for r in results):
        return 2
    threshold = severity_rank(args.fail_on or planner.default_config().fail_on or "error")
    return 1 if any(severity_rank(d.severity) >= threshold for r in results for d in r.diagnostics) else 0


def _statistics(results: Iterable, out) -> None:
    from collections import Counter

    counts: Counter = Counter()
    fixable: Counter = Counter()
    for r in results:
        counts.update((d.rule, d.severity) for d in r.diagnostics)
        fixable.update(d.rule for d in r.diagnostics if d.fixable)
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if fixable[rule] else "   "
        out.write(f"{n:>6}  {rule:<28} {mark} {severity}\n")
    out.write(f"{sum(counts.values()):>6}  total\n")


def _fix_path(path: str, pack, rules, options):
    """Fix one file in place and return what is left to report (web pages, PDF and Word files are only linted)."""
    from reportlint.diagnostics import Diagnostic
    from reportlint.engine import lint_path, lint_source
    from reportlint.views import has_view

    if has_view(path):
        return lint_path(path, pack, rules, options)
    from reportlint.fix import FixError, fix_source, write_atomically
    from reportlint.read import ReadError, Source, read_source

    try:
        source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
    except ReadError:
        return lint_path(path, pack, rules, options)
    outcome = fix_source(source, lambda src: lint_source(src, pack, rules, options).diagnostics)
    if not outcome.changed:
        return lint_source(source, pack, rules, options)
    try:
        write_atomically(source, outcome.text)
    except FixError as exc:
        result = lint_source(source, pack, rules, options)
        result.diagnostics.insert(0, Diagnostic(path, 1, 1, 1, 1, "fix-error", "error", str(exc)))
        return result
    fixed = Source.from_text(path, outcome.text, source.encoding, bom=source.bom)
    return lint_source(fixed, pack, rules, options)


def _diff(plans) -> int:
    """Print what --fix would change as a unified diff; exit 1 if anything would change."""
    import difflib

    from reportlint.engine import lint_source
    from reportlint.fix import fix_source
    from reportlint.read import ReadError, read_source

    from reportlint.views import has_view

    changed = 0
    for path, (pack, rules, options) in plans:
        if has_view(path):
            continue
        try:
            source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
        except ReadError as exc:
            print(f"reportlint: {path}: {exc}", file=sys.stderr)
            continue
        outcome = fix_source(source, lambda src: lint_source(src, pack, rules, options).diagnostics)
        if outcome.changed:
            changed += 1
            label = os.path.normpath(path)
            sys.stdout.writelines(difflib.unified_diff(
                source.text.splitlines(keepends=True), outcome.text.splitlines(keepends=True), fromfile=label if os.path.isabs(label) else f"a/{label}", tofile=label if os.path.isabs(label) else f"b/{label}"))
            sys.stdout.flush()
    print(f"{changed} file{'s' if changed != 1 else ''} would be changed by --fix", file=sys.stderr)
    return 1 if changed else 0


def _rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="reportlint rules", description="List the rules.")
    p.add_argument("--rules", action="append", metavar="DIR", default=[])
    args = p.parse_args(argv)
    pack = _load(args.rules)
    if pack is None:
        return 2
    width = max(len(r.id) for r in pack.rules)
    for r in sorted(pack.rules, key=lambda r: r.id):
        fix = "fix" if r.fixable else "   "
        print(f"{r.id:<{width}}  {r.kind:<16}  {r.severity:<7}  {fix}  {r.summary}")
    return 0


def _config(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="reportlint config", description="Print the effective configuration for a path.")
    p.add_argument("path", nargs="?", default=".", help="file or directory (default: .)")
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    import json

    from reportlint.config import discover, load
    from reportlint.yamlio import DataError

    try:
        config = load(args.config) if args.config else discover(args.path)
    except DataError as exc:
        return _error(f"bad configuration: {exc}")
    if config is None:
        return _error(f"{args.config} has no [tool.reportlint] section")
    data = config.as_dict()
    data["excluded"] = config.excluded(args.path) if os.path.isfile(args.path) else None
    data["per-file-ignores-applied"] = list(config.ignored_for(args.path)) if os.path.isfile(args.path) else None
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _explain(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="reportlint explain", description="Explain a rule: what it checks, why, examples, options.")
    p.add_argument("rule", help="rule id or short name, e.g. row-sum")
    p.add_argument("--rules", action="append", metavar="DIR", default=[])
    args = p.parse_args(argv)
    pack = _load(args.rules)
    if pack is None:
        return 2
    from reportlint.ruleset import select_rules

    matches = [r for r in select_rules(pack.rules, [args.rule], None) if args.rule in (r.id, r.short_name)]
    if not matches:
        return _error(f"unknown rule: {args.rule} (see 'reportlint rules')")
    from reportlint.explain import explain

    sys.stdout.write(explain(matches[0]))
    return 0


def _test_rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="reportlint test-rules", description="Run the test cases in rule files.")
    p.add_argument("dirs", nargs="*", metavar="DIR", help="extra rule directories (the built-in rules are always tested)")
    args = p.parse_args(argv)
    pack = _load(args.dirs)
    if pack is None:
        return 2
    from reportlint.testing import run_rule_tests

    results = run_rule_tests(pack, pack.rules)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"FAIL {r.rule.id} ({r.rule.path}): {r.case.name}")
        for problem in r.problems:
            print(f"    {problem}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _show(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="reportlint show", description="Print what reportlint understood of a report: "
                                "format and year, sections, every table cell with its line:col, and the page chrome.")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add your own YAML rules or rule packs")
    p.add_argument("--encoding", help="read files in this encoding instead of detecting it")
    p.add_argument("--report-format", dest="report_format", choices=("2019", "2021"), help="override format detection")
    p.add_argument("--year", type=int, help="override year detection")
    p.add_argument("--format", dest="output_format", choices=("text", "json"), default="text", help="text (default) or json")
    p.add_argument("--text", action="store_true", help="print the text that is linted, numbered as diagnostics number it "
                   "(a web page's, PDF's or Word document's text view, with where each line comes from)")
    args = p.parse_args(argv)
    if args.text:
        from reportlint.views.base import print_text_view

        return max(print_text_view(path, sys.stdout, encoding=args.encoding) for path in args.paths)
    ruleset = _load(args.rules)
    if ruleset is None:
        return 2
    from reportlint.engine import Options
    from reportlint.show import show

    options = Options(encoding=args.encoding, format=args.report_format, year=args.year, fixes=False)
    if args.output_format == "json":
        from reportlint.show import understood
        from reportlint.read import ReadError

        import json
        try:
            facts = [item for path in args.paths for item in understood(path, ruleset, options)]
        except ReadError as exc:
            return _error(str(exc))
        json.dump(facts, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0 if facts else 1
    codes = [show(path, ruleset, sys.stdout, options) for path in args.paths]
    return max(codes)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "rules":
            return _rules(args[1:])
        if args and args[0] == "test-rules":
            return _test_rules(args[1:])
        if args and args[0] == "explain":
            return _explain(args[1:])
        if args and args[0] == "config":
            return _config(args[1:])
        if args and args[0] == "audit":
            return _audit(args[1:])
        if args and args[0] == "show":
            return _show(args[1:])
        if args and args[0] == "check":
            args = args[1:]
        return _check(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
