"""Running a lint: which files, which rules and options for each, the process pool, the cache, fixes.

``cli`` turns arguments into a ``RunOptions`` and renders what comes back;
``distributed`` (dask) and ``audit`` run through here too. Nothing here parses
arguments or prints findings.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
_SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}
# Findings that are not rules but can be ignored like one (per path, in configuration or --ignore).
IGNORABLE_PSEUDO_RULES = ("read-error",)
# Below this many files a process pool costs more than it saves (pre-commit usually passes a few).
_PARALLEL_THRESHOLD = 8


class UsageError(Exception):
    """A run that cannot start: the message is shown as ``reportlint: error: ...`` (exit 2)."""


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs from the command line (the configuration files add the rest per file)."""

    rules: tuple[str, ...] = ()          # extra rule directories
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: str | None = None            # one configuration for every file, instead of discovering
    encoding: str | None = None
    max_file_size: float | None = None   # MB
    report_format: str | None = None
    year: int | None = None
    previous: str | None = None
    fix: bool = False
    diff: bool = False
    force: bool = False                  # --fix also rewrites read-only files
    jobs: int = 0
    executor: str = "local"
    dask_scheduler: str | None = None
    no_cache: bool = False
    cache_dir: str = ".reportlint_cache"


@dataclass
class Collected:
    files: list[str]
    missing: list[str]
    notes: list[str]


def _special(mode: int) -> str | None:
    """What a non-regular file is (never opened: a FIFO would block, a device would never end)."""
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def collect(paths: Iterable[str]) -> Collected:
    """The files to lint under ``paths``, the paths that do not exist, and notes on what was skipped."""
    files: list[str] = []
    missing: list[str] = []
    notes: list[str] = []

    def add(path: str) -> None:
        try:
            kind = _special(os.stat(path).st_mode)
        except OSError as exc:
            notes.append(f"{path}: skipped: {exc.strerror or exc}")
            return
        if kind is None:
            files.append(path)
        else:
            notes.append(f"{path}: skipped: {kind}, not read")

    for path in paths:
        if os.path.isdir(path):
            found = 0
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(names):
                    if name.lower().endswith(EXTENSIONS):
                        found += 1
                        add(os.path.join(root, name))
            if not found:
                notes.append(f"{path}: no .txt, .md, .html, .pdf or .docx files in this directory")
        elif os.path.lexists(path) and not os.path.exists(path):
            notes.append(f"{path}: skipped: a broken symbolic link")
        elif os.path.exists(path):
            add(path)
        else:
            missing.append(path)
    return Collected(list(dict.fromkeys(files)), missing, notes)


def check_max_file_size(value: float | None) -> None:
    import math

    if value is not None and (not math.isfinite(value) or value <= 0 or value > 1024 * 1024):
        raise UsageError(f"--max-file-size must be a number of megabytes above 0 and at most 1048576, not {value}")


class Planner:
    """Which pack, rules and options apply to each file: command line over the file's configuration."""

    def __init__(self, options: RunOptions) -> None:
        from reportlint.config import load

        check_max_file_size(options.max_file_size)
        self.options = options
        self.fixed = load(options.config) if options.config else None
        if options.config and self.fixed is None:
            raise UsageError(f"{options.config} has no [tool.reportlint] section")
        self.packs: dict[tuple[str, ...], object] = {}
        self.checked: set[str | None] = set()   # configurations whose rule names were checked

    def default_config(self):
        from reportlint.config import discover

        return self.fixed or discover(os.getcwd())

    def pack(self, dirs: tuple[str, ...]):
        from reportlint.ruleset import load_ruleset

        if dirs not in self.packs:
            pack = load_ruleset(list(dirs))
            self._check_names(pack.rules, [("--select", k) for k in self.options.select] + [("--ignore", k) for k in self.options.ignore])
            self.packs[dirs] = pack
        return self.packs[dirs]

    def _check_names(self, rules: list, names: list[tuple[str, str]]) -> None:
        """Every rule name given must name a rule: a misspelt one would silently check nothing."""
        from reportlint.ruleset import closest_rule, unknown_selectors

        for where, name in names:
            if name in IGNORABLE_PSEUDO_RULES or not unknown_selectors(rules, [name]):
                continue
            hint = closest_rule(rules, name, IGNORABLE_PSEUDO_RULES)
            raise UsageError(f"{where}: unknown rule '{name}'" + (f" (did you mean '{hint}'?)" if hint else "") + "; see 'reportlint rules'")

    def plan(self, path: str):
        from reportlint.config import apply, discover
        from reportlint.engine import Options

        o = self.options
        config = self.fixed or discover(path)
        if config.excluded(path):
            return None
        pack = self.pack(tuple(o.rules) + config.rule_dirs)
        if config.path not in self.checked:
            self.checked.add(config.path)
            self._check_names(pack.rules, config.rule_names())
        ignored = [*o.ignore, *config.ignore, *config.ignored_for(path)]
        rules = apply(config, pack.rules, path, list(o.select), list(o.ignore))
        size = o.max_file_size if o.max_file_size is not None else (config.max_file_size or 20)
        check_max_file_size(size)
        options = Options(encoding=o.encoding or config.encoding, max_bytes=int(size * 1024 * 1024),
                          format=o.report_format or config.report_format, year=o.year or config.year,
                          previous=o.previous, fixes=bool(o.fix or o.diff), read_errors="read-error" not in ignored)
        return pack, rules, options


def plan_all(options: RunOptions, files: list[str]) -> tuple[Planner, list]:
    """The planner and ``(path, plan)`` for every file not excluded by its configuration; raises UsageError."""
    from reportlint.yamlio import DataError

    try:
        planner = Planner(options)
        return planner, [(f, plan) for f in files if (plan := planner.plan(f)) is not None]
    except DataError as exc:
        raise UsageError(f"bad configuration or rule file: {exc}") from None


def run_all(options: RunOptions, plans: list, *, progress: bool = False) -> Iterator:
    """Lint (or fix) every planned file, lazily; results come in the order of ``plans`` whatever N is."""
    jobs = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    if options.executor == "dask":
        from reportlint.distributed import run_on_dask

        return iter(run_on_dask(lint_batch, options, [f for f, _ in plans], jobs))
    if jobs <= 1 or len(plans) < _PARALLEL_THRESHOLD:
        return _progress((_lint_one(options, f, plan) for f, plan in plans), len(plans), progress)
    return _run_pool(options, [f for f, _ in plans], jobs, progress)


def _run_pool(options: RunOptions, paths: list[str], jobs: int, progress: bool) -> Iterator:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_worker_init, initargs=(options,)) as pool:
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


def _worker_init(options: RunOptions) -> None:
    _WORKER["options"] = options
    _WORKER["planner"] = Planner(options)


def _worker_lint(path: str):
    return _lint_one(_WORKER["options"], path, _WORKER["planner"].plan(path))


def lint_batch(options: RunOptions, paths: list[str]) -> list:
    """Lint a batch of files with one planner (a task for a remote worker)."""
    planner = Planner(options)
    return [_lint_one(options, path, planner.plan(path)) for path in paths]


def _lint_one(options: RunOptions, path: str, plan):
    """Lint (or fix) one file, keeping only the source lines that the output will show."""
    from reportlint.read import Excerpt

    result = _lint_or_fix(options, path, plan)
    if result.source is not None:
        # every line a finding spans: a block's baseline key reads them all
        result.source = Excerpt.of(result.source, (n for d in result.diagnostics for n in range(d.line, max(d.end_line, d.line) + 1)))
    return result


def _lint_or_fix(options: RunOptions, path: str, plan):
    """Lint (or fix) one file, through the result cache unless fixing or told not to."""
    from reportlint.engine import lint_path, shown_source

    if options.fix:
        return fix_path(path, *plan, force=options.force)
    if options.no_cache:
        return lint_path(path, *plan)
    from reportlint.resultcache import ResultCache, key

    ruleset, rules, file_options = plan
    try:
        with open(path, "rb") as fh:
            data = fh.read(file_options.max_bytes + 1)
    except OSError:
        return lint_path(path, *plan)
    cache = ResultCache(options.cache_dir)
    cache_key = key(path, data, ruleset.key, rules, file_options)
    hit = cache.get(cache_key, path, data)
    if hit is None:
        result = lint_path(path, *plan)
        cache.put(cache_key, result, data)
        return result
    hit.source = shown_source(path, file_options)  # for showing lines
    return hit


def fix_path(path: str, pack, rules, options, *, force: bool = False):
    """Fix one file in place and return what is left to report (web pages, PDF and Word files are only linted).

    A fix that cannot be written (a read-only file or folder without ``force``, a
    file changed on disk) leaves the file as it was and sets ``result.error``.
    """
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
        write_atomically(source, outcome.text, force=force)
    except FixError as exc:
        result = lint_source(source, pack, rules, options)
        result.error = f"{path}: not fixed: {exc}"
        return result
    fixed = Source.from_text(path, outcome.text, source.encoding, bom=source.bom)
    result = lint_source(fixed, pack, rules, options)
    result.fixes_applied = outcome.applied
    return result


def diff(plans: list, out) -> tuple[int, list[str]]:
    """Write what --fix would change as a patch (``patch -p0``, ``git apply -p0``); return (files changed, notes on files not read)."""
    from reportlint.engine import lint_source
    from reportlint.fix import fix_source, unified_diff
    from reportlint.read import ReadError, read_source
    from reportlint.views import has_view

    changed, notes = 0, []
    for path, (pack, rules, options) in plans:
        if has_view(path):
            continue
        try:
            source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
        except ReadError as exc:   # nothing --fix could change either (a lint reports it as read-error)
            notes.append(f"{path}: not read: {exc}")
            continue
        outcome = fix_source(source, lambda src: lint_source(src, pack, rules, options).diagnostics)
        if outcome.changed:
            changed += 1
            out.write(unified_diff(source, outcome.text))
            out.flush()
    return changed, notes
