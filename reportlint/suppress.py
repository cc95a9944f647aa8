"""Inline suppression comments, in plain text and Markdown alike.

    <!-- reportlint: disable=row-sum,gov.balance -->   until a matching enable (or the end)
    <!-- reportlint: enable=row-sum -->
    <!-- reportlint: disable-next-line=stray-text -->  the next non-blank line
    <!-- reportlint: disable-file=cjk-space -->        the whole file
    <!-- reportlint: disable -->                       every rule (likewise the other forms)

Rules are named as on the command line: full id, short name or prefix. A
directive line is blank to every check (it is not section content, a table
cell or chrome). A suppression that suppressed nothing among the rules that
ran is reported as ``unused-suppression``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlint import regexcache
from reportlint.diagnostics import Diagnostic

DIRECTIVE = regexcache.compile(r"\s*<!--\s*reportlint\s*:\s*(?P<action>disable-next-line|disable-file|disable|enable)\s*(?:=\s*(?P<rules>[^>]*?))?\s*-->\s*")


@dataclass
class Suppression:
    action: str
    rules: tuple[str, ...]      # empty: every rule
    line: int
    first: int                  # lines covered, inclusive
    last: int
    used: bool = False
    col: int = 0
    end_col: int = 0
    columns: tuple[int, ...] = ()   # 0-based column of each name in ``rules``

    def covers(self, rule_id: str) -> bool:
        return not self.rules or any(matches(rule_id, key) for key in self.rules)


def matches(rule_id: str, key: str) -> bool:
    short = rule_id.rsplit(".", 1)[-1].rsplit("/", 1)[-1]
    return key in ("ALL", rule_id, short) or rule_id.startswith(key + ".") or rule_id.startswith(key + "/")


def _names(m) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The rule names of a directive and the column where each starts."""
    if m.group("rules") is None:
        return (), ()
    names, columns, at = [], [], m.start("rules")
    for part in m.group("rules").split(","):
        if part.strip():
            names.append(part.strip())
            columns.append(at + len(part) - len(part.lstrip()))
        at += len(part) + 1
    return tuple(names), tuple(columns)


def is_directive(raw: str) -> bool:
    return "reportlint" in raw and DIRECTIVE.fullmatch(raw) is not None


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    @classmethod
    def parse(cls, lines: tuple[str, ...]) -> Suppressions:
        items: list[Suppression] = []
        open_: list[Suppression] = []
        n = len(lines)
        for number, raw in enumerate(lines, start=1):
            if "reportlint" not in raw:
                continue
            m = DIRECTIVE.fullmatch(raw)
            if m is None:
                continue
            rules, columns = _names(m)
            action = m.group("action")
            start, end = len(raw) - len(raw.lstrip()), len(raw.rstrip())
            if action == "disable-file":
                items.append(Suppression(action, rules, number, 1, n, col=start, end_col=end, columns=columns))
            elif action == "disable-next-line":
                target = next((k for k in range(number + 1, n + 1) if lines[k - 1].strip()), number)
                items.append(Suppression(action, rules, number, target, target, col=start, end_col=end, columns=columns))
            elif action == "disable":
                s = Suppression(action, rules, number, number + 1, n, col=start, end_col=end, columns=columns)
                items.append(s)
                open_.append(s)
            else:  # enable: closes the open disables it names (all of them when it names none)
                for s in open_:
                    if s.last == n and (not rules or set(rules) & set(s.rules) or not s.rules):
                        s.last = number - 1
        return cls(items)

    def unknown(self, rules: list) -> list[str]:
        """``line:col: unknown rule 'x' in a suppression comment (did you mean 'y'?)`` for each name that names no rule."""
        from reportlint.ruleset import closest_rule, unknown_selectors

        out = []
        for s in self.items:
            for name, col in zip(s.rules, s.columns):
                if unknown_selectors(rules, [name]):
                    hint = closest_rule(rules, name)
                    out.append(f"{s.line}:{col + 1}: unknown rule '{name}' in a suppression comment"
                               + (f" (did you mean '{hint}'?)" if hint else ""))
        return out

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        kept = []
        for d in diagnostics:
            hit = next((s for s in self.items if s.first <= d.line <= s.last and s.covers(d.rule)), None)
            if hit is None:
                kept.append(d)
            else:
                hit.used = True
        return kept

    def unused(self, ran: set[str]) -> list[Suppression]:
        """Suppressions that suppressed nothing, among rules that ran (others cannot be judged)."""
        out = []
        for s in self.items:
            if s.used:
                continue
            if not s.rules or any(any(matches(rid, key) for rid in ran) for key in s.rules):
                out.append(s)
        return out
