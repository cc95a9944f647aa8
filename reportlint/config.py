"""Configuration: ``.reportlint.yaml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

The closest configuration walking up from each linted file applies (ruff's
model: no implicit merging); ``--config FILE`` applies one file to all.
Command-line options win over the configuration.

    select: [gov]                      # rule ids, short names or prefixes
    ignore: [cjk-space]
    severity: {stray-text: error}      # per-rule severity
    rules:                             # per-rule options, merged into the rule's params
      missing-value: {blank_table_ratio: 0.8}
    rule-dirs: [lint/rules]            # extra YAML rules, relative to this file
    exclude: ["drafts/**", "*.bak.txt"]
    per-file-ignores: {"archive/**": [template-mismatch]}
    report-format: "2021"              # override detection
    year: 2024
    fail-on: warning
    encoding: gb18030                  # instead of detecting it
    max-file-size: 50                  # MB
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint.diagnostics import SEVERITIES
from reportlint.yamlio import DataError, Node, line_of, load_yaml

KEYS = {"select", "ignore", "severity", "rules", "rule-dirs", "exclude", "per-file-ignores", "report-format", "year", "fail-on", "encoding", "max-file-size"}
NAMES = (".reportlint.yaml", ".reportlint.yml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    path: str | None = None                      # None: defaults, no file
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_dirs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    report_format: str | None = None
    year: int | None = None
    fail_on: str | None = None
    encoding: str | None = None
    max_file_size: float | None = None      # MB
    names: tuple[tuple[str, str], ...] = ()  # (where it is written, rule name) for every rule the file names

    def rule_names(self) -> list[tuple[str, str]]:
        """Every rule name in this configuration with where it is written (``file:line: key``), to check they exist."""
        return list(self.names)

    @property
    def root(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def _relative(self, path: str) -> str:
        try:
            return Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def excluded(self, path: str) -> bool:
        rel = self._relative(path)
        return any(fnmatch(rel, g) or fnmatch(Path(rel).name, g) for g in self.exclude)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        rel = self._relative(path)
        return tuple(r for glob, rules in self.per_file_ignores.items() if fnmatch(rel, glob) for r in rules)

    def as_dict(self) -> dict[str, Any]:
        return {
            "config-file": self.path, "select": list(self.select), "ignore": list(self.ignore), "severity": self.severity,
            "rules": self.rule_options, "rule-dirs": list(self.rule_dirs), "exclude": list(self.exclude),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
            "report-format": self.report_format, "year": self.year, "fail-on": self.fail_on,
            "encoding": self.encoding, "max-file-size": self.max_file_size,
        }


def _strings(node: Node, key: str) -> tuple[str, ...]:
    value = node.get(key, (list, str), [])
    items = [value] if isinstance(value, str) else value
    if not all(isinstance(v, str) for v in items):
        raise node.error(f"config: '{key}' must be a list of strings", key)
    return tuple(items)


def parse(path: str, data: Any) -> Config:
    node = Node(path, data if data is not None else {}, "config")
    node.check_keys(KEYS)
    severity = {}
    for rule, level in node.get("severity", dict, {}).items():
        if level not in SEVERITIES:
            raise node.error(f"config: severity of '{rule}' must be one of {', '.join(SEVERITIES)}", "severity")
        severity[str(rule)] = str(level)
    options = {}
    for rule, params in node.get("rules", dict, {}).items():
        if not isinstance(params, dict):
            raise node.error(f"config: options for '{rule}' must be a mapping", "rules")
        options[str(rule)] = params
    per_file = {}
    for glob, rules in node.get("per-file-ignores", dict, {}).items():
        per_file[str(glob)] = tuple([rules] if isinstance(rules, str) else rules)
    fmt = node.get("report-format", (str, int))
    if fmt is not None and str(fmt) not in ("2019", "2021"):
        raise node.error("config: 'report-format' must be 2019 or 2021", "report-format")
    fail_on = node.get("fail-on", str)
    if fail_on is not None and fail_on not in SEVERITIES:
        raise node.error(f"config: 'fail-on' must be one of {', '.join(SEVERITIES)}", "fail-on")
    encoding = node.get("encoding", str)
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise node.error(f"config: unknown encoding '{encoding}'", "encoding") from None
    base = Path(path).parent
    return Config(names=tuple(_names(node)),
        path=str(path), select=_strings(node, "select"), ignore=_strings(node, "ignore"), severity=severity,
        rule_options=options, rule_dirs=tuple(str(base / d) for d in _strings(node, "rule-dirs")),
        exclude=_strings(node, "exclude"), per_file_ignores=per_file,
        report_format=str(fmt) if fmt is not None else None, year=node.get("year", int), fail_on=fail_on,
        encoding=encoding, max_file_size=node.get("max-file-size", (int, float)),
    )


def _names(node: Node) -> list[tuple[str, str]]:
    """(``file:line: key``, name) for each rule named in select, ignore, per-file-ignores, severity and rules."""
    out = []
    for key in ("select", "ignore"):
        value = node.data.get(key)
        for i, name in enumerate([value] if isinstance(value, str) else value or []):
            out.append((f"{node.path}:{line_of(value, i) or line_of(node.data, key)}: {key}", str(name)))
    for key in ("severity", "rules"):
        mapping = node.data.get(key) or {}
        out += [(f"{node.path}:{line_of(mapping, name)}: {key}", str(name)) for name in mapping]
    for glob, rules in (node.data.get("per-file-ignores") or {}).items():
        for i, name in enumerate([rules] if isinstance(rules, str) else rules):
            where = line_of(rules, i) if not isinstance(rules, str) else None
            out.append((f"{node.path}:{where or line_of(node.data['per-file-ignores'], glob)}: per-file-ignores", str(name)))
    return [(where.replace(":None:", ":"), name) for where, name in out]


def load(path: str) -> Config | None:
    """The configuration in ``path``; None for a pyproject.toml without [tool.reportlint]."""
    if path.endswith(".toml"):
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise DataError(path, None, f"cannot read: {exc}") from None
        if b"reportlint" not in raw:
            return None   # no [tool.reportlint] can be in it: skip parsing (most projects' pyproject.toml)
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise DataError(path, None, f"cannot read: {exc}") from None
        section = data.get("tool", {}).get("reportlint")
        return None if section is None else parse(path, section)
    return parse(path, load_yaml(path))


@lru_cache(maxsize=None)
def _for_directory(directory: str) -> Config:
    current = Path(directory)
    while True:
        for name in NAMES:
            candidate = current / name
            if candidate.is_file():
                found = load(str(candidate))
                if found is not None:
                    return found
        if current.parent == current:
            return Config()
        current = current.parent


def discover(path: str) -> Config:
    """The closest configuration above ``path`` (a file or directory), or the defaults."""
    directory = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    return _for_directory(os.path.abspath(directory))


def apply(config: Config, rules: list, path: str, select: list[str] | None, ignore: list[str] | None) -> list:
    """The rules for one file: selection (command line over config), per-file ignores, severities, options."""
    from reportlint.ruleset import select_rules

    if select:  # an explicit --select replaces the configuration's selection
        chosen = select_rules(rules, select, list(ignore or []) + list(config.ignored_for(path)))
    else:
        chosen = select_rules(rules, list(config.select) or None, list(ignore or []) + list(config.ignore) + list(config.ignored_for(path)))
    return [_configured(config, rule) for rule in chosen]


_CONFIGURED: dict[tuple[str | None, int], Any] = {}


def _configured(config: Config, rule):
    """The rule with the config's severity and options; one object per config and rule (checks cache on it)."""
    from reportlint.ruleset import validate_params

    key = (config.path, id(rule))
    if key not in _CONFIGURED:
        level = next((v for k, v in config.severity.items() if k in (rule.id, rule.short_name)), None)
        options = next((v for k, v in config.rule_options.items() if k in (rule.id, rule.short_name)), None)
        if options:
            validate_params(rule, {**rule.params, **options}, config.path or "config")
        _CONFIGURED[key] = replace(rule, severity=level or rule.severity, params={**rule.params, **(options or {})}) if level or options else rule
    return _CONFIGURED[key]
