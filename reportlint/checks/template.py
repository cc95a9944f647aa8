"""template-mismatch: the table format does not fit the report year."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.checks import Finding, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.document import Document


@check_kind("template-mismatch", fields={"detail"}, params={})
def template_mismatch(doc: Document, rule: Rule) -> Iterator[Finding]:
    """The table format does not fit the report year; a 2021-format report keeps the 2019 （六） row."""
    fmt, year = doc.format, doc.year.value
    if not isinstance(fmt.value, str) or not fmt.how.startswith("table labels"):
        return
    variant = next(v for v in doc.spec.variants if v.id == fmt.value)
    if isinstance(year, int) and not variant.first_year <= year <= variant.last_year:
        expected = doc.spec.variant_for_year(year)
        anchor = _first_marker(doc, variant.markers)
        if anchor is not None and expected:
            line, col, end, marker = anchor
            yield Finding(line, col, end, {"detail": f"the {year} report uses the {fmt.value} format (“{marker}”); reports for {year} use the {expected} format"})
    t3 = doc.tables.get("t3")
    if fmt.value == "2021" and t3 is not None and "results.other" in t3.rows:
        row = t3.rows["results.other"]
        yield Finding(row.label.line, row.label.col, row.label.end_col,
                      {"detail": "the 2021 format splits （六）其他处理 into three rows (1.逾期不补正, 2.逾期未缴费, 3.其他); this report keeps the single 2019 row"},
                      severity="warning")


def _first_marker(doc: Document, markers: tuple[str, ...]) -> tuple[int, int, int, str] | None:
    for ln in doc.lines:
        compact = ln.norm.compact()
        for marker in markers:
            i = compact.text.find(marker)
            if i >= 0:
                col, end = compact.span(i, i + len(marker))
                return ln.number, col, end, marker
    return None
