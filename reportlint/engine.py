"""Run the pipeline on one file: read -> normalise -> structure -> checks -> diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlint.checks import REGISTRY, load_builtin
from reportlint.diagnostics import Diagnostic, Fix
from reportlint.read import DEFAULT_MAX_BYTES, EmptyFile, ReadError, Source, read_source
from reportlint.ruleset import Rule, RuleSet
from reportlint.structure.document import Document
from reportlint.suppress import Suppressions

HTML_EXTENSIONS = (".html", ".htm")   # saved web pages, read through reportlint.htmlview
READ_ERROR = "read-error"
INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True)
class Options:
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    format: str | None = None
    year: int | None = None
    previous: str | None = None
    fixes: bool = True          # build each diagnostic's fixes (else only mark it fixable)
    read_errors: bool = True    # report an unreadable file as read-error (else skip it with a note)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: Source | None = None
    internal_error: bool = False
    skipped: bool = False          # not recognised as a report of any pack's kind
    facts: dict = field(default_factory=dict)   # what the document is: format, year (for audits)
    note: str | None = None        # why a file was skipped, when it is worth saying (empty, unreadable)
    error: str | None = None       # a failure that makes the run exit 2 (a fix that could not be written)
    fixes_applied: int = 0


def lint_source(source: Source, ruleset: RuleSet, rules: list[Rule], options: Options = Options(), *, only_reports: bool = True) -> FileResult:
    """Lint one source with each pack whose kind of report it is (``only_reports``), or with every pack."""
    load_builtin()
    result = FileResult(source.path, source=source)
    matched = False
    for pack in ruleset.packs:
        pack_rules = [r for r in rules if r.pack == pack.name]
        if not pack_rules:
            continue
        doc = Document(source, pack.format, pack.chrome, format_override=options.format, year_override=options.year, previous=options.previous)
        if only_reports and not doc.is_report:
            continue
        matched = True
        if not result.facts:
            result.facts = {"pack": pack.name, "format": doc.format.value, "year": doc.year.value}
        _run(doc, pack_rules, result, fixes=options.fixes)
    if not matched:
        result.skipped = True
        return result
    _apply_suppressions(source, rules, result, ruleset.rules)
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _run(doc: Document, rules: list[Rule], result: FileResult, *, fixes: bool) -> None:
    for rule in rules:
        check = REGISTRY[rule.kind].fn
        try:
            for f in check(doc, rule):
                lazy = callable(f.fixes)
                result.diagnostics.append(Diagnostic(
                    path=doc.path,
                    line=f.line,
                    column=f.col + 1,
                    end_line=f.end_line or f.line,
                    end_column=max(f.end_col, f.col) + 1,
                    rule=rule.id,
                    severity=f.severity or rule.severity,
                    message=rule.render(f.fields),
                    fixes=(f.fixes() if lazy else f.fixes) if fixes else (),
                    fixable=lazy or bool(f.fixes),
                ))
        except Exception as exc:  # a broken check must never hide the others, nor pass silently
            import traceback

            result.internal_error = True
            where = traceback.extract_tb(exc.__traceback__)[-1]
            result.diagnostics.append(Diagnostic(
                doc.path, 1, 1, 1, 1, INTERNAL_ERROR, "error",
                f"rule {rule.id} crashed ({type(exc).__name__}: {exc} at {where.filename}:{where.lineno}); please report this",
            ))


def _apply_suppressions(source: Source, rules: list[Rule], result: FileResult, known: list[Rule]) -> None:
    """Drop suppressed diagnostics; report suppressions that suppressed nothing, and names that name no rule (an error)."""
    suppressions = Suppressions.parse(source.lines)
    if not suppressions.items:
        return
    unknown = suppressions.unknown(known)
    if unknown:
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        result.error = f"{source.path}:{unknown[0]}{more}"
    result.diagnostics = suppressions.filter(result.diagnostics)
    unused_rule = next((r for r in rules if r.kind == "unused-suppression"), None)
    if unused_rule is None:
        return
    for s in suppressions.unused({r.id for r in rules}):
        what = ", ".join(s.rules) if s.rules else "all rules"
        result.diagnostics.append(Diagnostic(
            source.path, s.line, s.col + 1, s.line, s.end_col + 1, unused_rule.id, unused_rule.severity,
            unused_rule.render({"directive": s.action, "rules": what}),
            fixes=(Fix(s.line, 0, len(source.lines[s.line - 1]), "", line_delete=True),)))


def lint_path(path: str, ruleset: RuleSet, rules: list[Rule], options: Options = Options()) -> FileResult:
    try:
        source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
    except EmptyFile as exc:
        return FileResult(path, skipped=True, note=f"{exc}, skipped")
    except ReadError as exc:
        if not options.read_errors:
            return FileResult(path, skipped=True, note=f"not read ({exc}); read-error is ignored for it")
        return FileResult(path, [Diagnostic(path, 1, 1, 1, 1, READ_ERROR, "error", str(exc))])
    if is_html(path):
        return _lint_html(source, ruleset, rules, options)
    return lint_source(source, ruleset, rules, options)


def is_html(path: str) -> bool:
    return path.lower().endswith(HTML_EXTENSIONS)


def _lint_html(source: Source, ruleset: RuleSet, rules: list[Rule], options: Options) -> FileResult:
    """Lint a web page's text; diagnostics point into the HTML source (and carry no fixes)."""
    from reportlint.htmlview import html_view

    view = html_view(source)
    result = lint_source(view.text, ruleset, rules, options)
    result.diagnostics = sorted((view.map(d) for d in result.diagnostics), key=lambda d: d.sort_key)
    result.source = source
    return result
