"""Command line: ``reportlint [check] [options] PATH...`` and the subcommands.

This module parses arguments and prints; ``reportlint.runner`` plans and runs.
Exit codes (as ruff): 0 nothing at or above ``--fail-on``; 1 findings; 2 usage,
rule-file, configuration, I/O or internal errors (one ``reportlint: error:`` line).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from reportlint import __version__

if TYPE_CHECKING:
    from reportlint.runner import RunOptions


def _columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` gives it (without importing shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width: argparse builds one for every ``add_argument``, and
    without a width each one imports shutil (with bz2 and lzma) to ask the terminal."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _csv(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for item in values or [] for v in item.split(",") if v.strip())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportlint",
        description="Lint government information-disclosure annual reports (政府信息公开工作年度报告).",
        epilog="subcommands (they come first, before any option):\n"
               + "\n".join(f"  {name:<11} {text}" for name, (_, text) in SUBCOMMANDS.items()),
        formatter_class=_Formatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint (.txt, .md, .html, .pdf, .docx)")
    p.add_argument("--select", action="append", metavar="IDS", help="only these rules (comma-separated ids, short names or prefixes)")
    p.add_argument("--ignore", action="append", metavar="IDS", help="skip these rules")
    p.add_argument("--format", dest="output_format", choices=("text", "concise", "json", "sarif", "github", "junit"), default="text",
                   help="output format (default: text)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the output to FILE instead of stdout")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings (--format json: as JSON)")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not in FILE (which must exist; see --write-baseline)")
    p.add_argument("--write-baseline", action="store_true", help="with --baseline FILE: write the current findings to FILE and exit 0")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: error, or the configuration's)")
    p.add_argument("--fail-on-empty", action="store_true", help="exit 2 when the paths hold no file to lint (default: a note, exit 0)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what is left")
    p.add_argument("--force", action="store_true", help="with --fix: also rewrite read-only files (and files in read-only folders)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a patch (patch -p0, git apply -p0); write nothing")
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


def _options(args: argparse.Namespace) -> RunOptions:
    from reportlint.runner import RunOptions

    return RunOptions(
        rules=tuple(args.rules), select=_csv(args.select), ignore=_csv(args.ignore), config=args.config,
        encoding=args.encoding, max_file_size=args.max_file_size, report_format=args.report_format, year=args.year,
        previous=args.previous, fix=args.fix, diff=args.diff, force=args.force, jobs=args.jobs, executor=args.executor,
        dask_scheduler=args.dask_scheduler, no_cache=args.no_cache, cache_dir=args.cache_dir,
    )


class _Fail(Exception):
    """A run that stops with ``reportlint: error: message`` and exit code 2."""


def _error(message: str) -> int:
    print(f"reportlint: error: {message}", file=sys.stderr)
    return 2


def _note(message: str) -> None:
    print(f"reportlint: note: {message}", file=sys.stderr)


def _load(extra_dirs: list[str]):
    from reportlint.ruleset import load_ruleset
    from reportlint.yamlio import DataError

    try:
        return load_ruleset(extra_dirs)
    except DataError as exc:
        _error(f"bad rule file: {exc}")
        return None


def _files(args: argparse.Namespace, example: str) -> list[str]:
    """The files under ``args.paths``; notes on what was skipped; _Fail for missing paths (or none, with --fail-on-empty)."""
    from reportlint.runner import collect

    if not args.paths:
        raise _Fail(f"no paths given (try: {example})")
    found = collect(args.paths)
    if found.missing:
        raise _Fail(f"no such file or directory: {', '.join(found.missing)}")
    for note in found.notes:
        _note(note)
    if not found.files:
        if args.fail_on_empty:
            raise _Fail(f"no file to lint in {', '.join(args.paths)} (--fail-on-empty)")
        _note(f"no file to lint in {', '.join(args.paths)}")
    return found.files


def _writable(path: str, what: str) -> None:
    """Fail before the run if ``path`` cannot be written (rather than after minutes of linting)."""
    existed = os.path.exists(path)
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise _Fail(f"cannot write {what} {path}: {exc.strerror or exc}") from None
    if not existed:
        os.unlink(path)


def _check(argv: list[str], *, explicit: bool = False) -> int:
    args = _parser().parse_args(argv)
    if not explicit and args.paths and args.paths[0] in SUBCOMMANDS:
        raise _Fail(f"'{args.paths[0]}' is a subcommand and comes first: reportlint {args.paths[0]} [options]; "
                    f"to lint a folder named {args.paths[0]}, write ./{args.paths[0]}")
    if args.write_baseline and not args.baseline:
        raise _Fail("--write-baseline needs --baseline FILE")
    if args.baseline and not args.write_baseline and not os.path.isfile(args.baseline):
        raise _Fail(f"baseline {args.baseline} does not exist; create it with --baseline {args.baseline} --write-baseline")
    if args.baseline and args.write_baseline:
        _writable(args.baseline, "the baseline")
    if args.output_file:
        _writable(args.output_file, "the output file")
    options = _options(args)
    from reportlint.runner import diff, plan_all, run_all

    from reportlint.views import is_binary_document

    files = _files(args, "reportlint examples/")
    planner, plans = plan_all(options, files)
    if args.fix and any(is_binary_document(f) for f, _ in plans):
        _note("--fix never rewrites PDF or Word (.docx) files; they are only linted")
    if args.diff:
        changed, notes = diff(plans, sys.stdout)
        for note in notes:
            _note(note)
        print(f"{changed} file{'s' if changed != 1 else ''} would be changed by --fix", file=sys.stderr)
        return 1 if changed else 0
    outcome = _Outcome(args.fail_on or planner.default_config().fail_on or "error")
    results: Iterable = outcome.watch(run_all(options, plans))
    notes = []
    if args.baseline:
        from reportlint import baseline

        results = list(results)   # a baseline compares the whole run
        diagnostics = [d for r in results for d in r.diagnostics]
        sources = {r.path: r.source for r in results if r.source is not None}
        if args.write_baseline:
            try:
                count = baseline.write(args.baseline, diagnostics, sources)
            except OSError as exc:
                raise _Fail(f"cannot write the baseline {args.baseline}: {exc.strerror or exc}") from None
            outcome.report()
            print(f"reportlint: wrote {count} finding(s) to the baseline {args.baseline}", file=sys.stderr)
            return 2 if outcome.exit_code == 2 else 0
        try:
            filtered = baseline.apply(args.baseline, diagnostics, sources, set(f for f, _ in plans))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise _Fail(f"cannot use baseline {args.baseline}: {exc}") from None
        kept = {id(d) for d in filtered.diagnostics}
        results = [replace(r, diagnostics=[d for d in r.diagnostics if id(d) in kept]) for r in results]
        outcome.failed = any(d.severity in outcome.failing for r in results for d in r.diagnostics)
        notes.append(f"{filtered.suppressed} finding(s) in the baseline; {filtered.stale} stale baseline entr{'y' if filtered.stale == 1 else 'ies'}")

    from reportlint.render import Report, render

    ran = list({id(r): r for _, plan in plans for r in plan[1]}.values())
    # Results stream from linting through rendering: each file's output is written as it
    # arrives, and nothing of a file is kept once it is written.
    report = Report(results, ran, notes)
    out = open(args.output_file, "w", encoding="utf-8", newline="\n") if args.output_file else sys.stdout
    try:
        if args.statistics:
            _statistics(report.results, out, as_json=args.output_format == "json")
        else:
            color = args.color == "always" or (args.color == "auto" and out.isatty() and "NO_COLOR" not in os.environ)
            render(args.output_format, report, out, color=color, show_source=not args.no_source)
    finally:
        if out is not sys.stdout:
            out.close()
    outcome.report(fixing=args.fix)
    return outcome.exit_code


class _Outcome:
    """The exit code, worked out while results stream past: 2 if a rule crashed or a fix failed, 1 if a finding is at or above the threshold."""

    def __init__(self, fail_on: str) -> None:
        from reportlint.diagnostics import SEVERITIES, severity_rank

        self.failing = frozenset(s for s in SEVERITIES if severity_rank(s) >= severity_rank(fail_on))
        self.crashed = self.failed = False
        self.notes: list[str] = []
        self.errors: list[str] = []
        self.fixes = self.fixed_files = 0

    def watch(self, results: Iterable) -> Iterator:
        for r in results:
            self.crashed = self.crashed or r.internal_error or r.error is not None
            self.failed = self.failed or any(d.severity in self.failing for d in r.diagnostics)
            if r.note:
                self.notes.append(f"{r.path}: {r.note}")
            if r.error:
                self.errors.append(r.error)
            self.fixes += r.fixes_applied
            self.fixed_files += r.fixes_applied > 0
            yield r

    def report(self, *, fixing: bool = False) -> None:
        """Notes, errors and the fix count, on stderr (stdout holds only the chosen format)."""
        for note in self.notes:
            _note(note)
        for message in self.errors:
            _error(message)
        if fixing:
            files = f"{self.fixed_files} file{'s' if self.fixed_files != 1 else ''}"
            print(f"reportlint: applied {self.fixes} fix{'es' if self.fixes != 1 else ''} in {files}", file=sys.stderr)

    @property
    def exit_code(self) -> int:
        return 2 if self.crashed else 1 if self.failed else 0


def _audit(argv: list[str]) -> int:
    p = _parser()
    p.prog = "reportlint audit"
    p.description = "Lint every report under the paths and summarise: findings per rule, worst files, reports by format and year."
    p.epilog = None
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report for circulating")
    args = p.parse_args(argv)
    if args.html:
        _writable(args.html, "the HTML report")
    from reportlint.audit import print_summary, summarize, summary_json, write_html
    from reportlint.runner import plan_all, run_all

    options = replace(_options(args), fix=False, diff=False)
    files = _files(args, "reportlint audit reports/")
    planner, plans = plan_all(options, files)
    outcome = _Outcome(args.fail_on or planner.default_config().fail_on or "error")
    results = list(outcome.watch(run_all(options, plans, progress=True)))
    summary = summarize(results)
    if args.output_format == "json":
        import json

        json.dump(summary_json(summary), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        print_summary(summary, sys.stdout, color=color)
    if args.html:
        try:
            write_html(summary, results, args.html)
        except OSError as exc:
            raise _Fail(f"cannot write the HTML report {args.html}: {exc.strerror or exc}") from None
        print(f"HTML report: {args.html}", file=sys.stderr if args.output_format == "json" else sys.stdout)
    outcome.report()
    return outcome.exit_code


def _statistics(results: Iterable, out, *, as_json: bool = False) -> None:
    from collections import Counter

    counts: Counter = Counter()
    fixable: Counter = Counter()
    for r in results:
        counts.update((d.rule, d.severity) for d in r.diagnostics)
        fixable.update(d.rule for d in r.diagnostics if d.fixable)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        import json

        json.dump([{"rule": rule, "severity": severity, "count": n, "fixable": bool(fixable[rule])} for (rule, severity), n in rows],
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for (rule, severity), n in rows:
        mark = "[*]" if fixable[rule] else "   "
        out.write(f"{n:>6}  {rule:<28} {mark} {severity}\n")
    out.write(f"{sum(counts.values()):>6}  total\n")


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


# name -> (function, help); the first argument picks one, anything else is 'check'.
SUBCOMMANDS: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "check": (partial(_check, explicit=True), "lint files or folders (the default: 'reportlint PATH...' is 'reportlint check PATH...')"),
    "audit": (_audit, "lint a whole archive and summarise it: 'reportlint audit DIR [--html FILE]'"),
    "rules": (_rules, "list the rules"),
    "explain": (_explain, "explain one rule: 'reportlint explain RULE'"),
    "config": (_config, "print the configuration that applies to a path: 'reportlint config [PATH]'"),
    "test-rules": (_test_rules, "run rule files' own test cases: 'reportlint test-rules [DIR...]'"),
    "show": (_show, "print what reportlint understood of a report: 'reportlint show FILE [--text]'"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = SUBCOMMANDS.get(args[0]) if args else None
    try:
        return command[0](args[1:]) if command else _check(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except _Fail as exc:
        return _error(str(exc))
    except Exception as exc:  # noqa: BLE001 - exit 2 with one line, never a traceback
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        from reportlint.distributed import DaskError
        from reportlint.runner import UsageError

        if isinstance(exc, (UsageError, DaskError)):
            return _error(str(exc))
        return _error(f"internal error: {type(exc).__name__}: {exc} (please report this; REPORTLINT_DEBUG=1 shows the traceback)")


if __name__ == "__main__":
    raise SystemExit(main())
