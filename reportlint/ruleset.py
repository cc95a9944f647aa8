"""Load rule packs: a format, presets and YAML rules, validated with file:line errors.

A pack is a folder::

    pack.yaml        name, description, and where the rest is
    format.yaml      the document format (sections, tables) as data
    chrome.yaml      a page-chrome preset
    rules/*.yaml     one rule per file

The built-in pack lives in the top-level ``rules/`` folder of the repository
and ships inside the wheel as ``reportlint/_rules``. Users add rule files with
``--rules DIR``; those rules use the built-in pack's format and presets.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reportlint.checks import CheckKind, load_builtin
from reportlint.diagnostics import SEVERITIES
from reportlint.structure.chrome import Preset, load_preset
from reportlint.structure.spec import FormatSpec, load_format
from reportlint.yamlio import DataError, Node, line_of, load_yaml, plain

RULE_KEYS = {"id", "kind", "severity", "summary", "message", "description", "link", "params", "tests", "fixable"}


@dataclass(frozen=True)
class RuleTest:
    name: str
    text: str
    expect: tuple[str, ...]
    fixed: str | None
    line: int | None
    previous: str | None = None   # text of last year's report, for cross-document rules


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    summary: str
    description: str
    link: str
    params: dict[str, Any]
    tests: tuple[RuleTest, ...]
    path: str
    line: int | None = None
    fixable: bool = False
    pack: str = "gov"            # the pack whose documents this rule checks

    @property
    def short_name(self) -> str:
        return self.id.rsplit(".", 1)[-1].rsplit("/", 1)[-1]

    def render(self, fields: dict[str, Any]) -> str:
        return self.message.format_map(fields)


@dataclass
class Pack:
    name: str
    root: Path
    format: FormatSpec
    presets: dict[str, Preset]
    rules: list[Rule] = field(default_factory=list)

    @cached_property
    def chrome(self) -> Preset:
        return self.presets.get("chrome", Preset(()))


def builtin_root() -> Path:
    """The built-in pack: inside the installed package, or the repository's rules/ folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules" / "gov", here.parent / "rules" / "gov"):
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise DataError(here / "_rules", None, "built-in rule pack not found; is reportlint installed correctly?")


def _message_fields(template: str) -> set[str]:
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(name.split(".", 1)[0].split("[", 1)[0])
    return names


def _tests(node: Node) -> tuple[RuleTest, ...]:
    out = []
    for i, item in enumerate(node.get("tests", list, [])):
        t = Node(node.path, item, f"tests[{i}]")
        t.check_keys({"name", "text", "expect", "fixed", "previous"})
        expect = t.get("expect", list, [])
        if not all(isinstance(e, str) for e in expect):
            raise t.error("tests: 'expect' must be a list of strings like '12:5' or '12:5 message text'", "expect")
        out.append(RuleTest(t.get("name", str, f"case {i + 1}"), t.get("text", str, required=True), tuple(plain(expect)),
                            t.get("fixed", str), line_of(item), t.get("previous", str)))
    return tuple(out)


def load_rule(path: Path, kinds: dict[str, CheckKind], pack: str = "gov") -> Rule:
    node = Node(path, load_yaml(path), "rule")
    node.check_keys(RULE_KEYS)
    rule_id = node.get("id", str, required=True)
    kind_name = node.get("kind", str, required=True)
    kind = kinds.get(kind_name)
    if kind is None:
        raise node.error(f"rule {rule_id}: unknown kind '{kind_name}' (known: {', '.join(sorted(kinds))})", "kind")
    severity = node.get("severity", str, required=True)
    if severity not in SEVERITIES:
        raise node.error(f"rule {rule_id}: severity must be one of {', '.join(SEVERITIES)}", "severity")
    message = node.get("message", str, required=True)
    try:
        used = _message_fields(message)
    except ValueError as exc:
        raise node.error(f"rule {rule_id}: bad message template: {exc}", "message") from None
    unknown = used - kind.fields
    if unknown:
        raise node.error(
            f"rule {rule_id}: message uses unknown field(s) {', '.join(sorted(unknown))}; kind '{kind_name}' provides {', '.join(sorted(kind.fields))}",
            "message",
        )
    params = Node(path, node.get("params", dict, {}), f"rule {rule_id} params")
    _check_params(kind, params)
    return Rule(
        id=rule_id,
        kind=kind_name,
        severity=severity,
        message=message,
        summary=node.get("summary", str, kind.summary),
        description=node.get("description", str, ""),
        link=node.get("link", str, ""),
        params=plain(params.data),
        tests=_tests(node),
        path=str(path),
        line=line_of(node.data),
        fixable=node.get("fixable", bool, False),
        pack=pack,
    )


def _check_params(kind: CheckKind, params: Node) -> None:
    params.check_keys(set(kind.params))
    for key, typ in kind.params.items():
        params.get(key, typ, required=key in kind.required)
    if kind.validate is not None:
        kind.validate(params)


def validate_params(rule: Rule, params: dict[str, Any], where: str) -> None:
    """Check options given for a rule elsewhere (a config file) as its own file's params are checked."""
    _check_params(load_builtin()[rule.kind], Node(where, params, f"options for {rule.id}"))


def load_rules_dir(directory: Path, kinds: dict[str, CheckKind], pack: str = "gov") -> list[Rule]:
    if not directory.is_dir():
        raise DataError(directory, None, "rule directory not found")
    return [load_rule(p, kinds, pack) for p in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))]


def load_pack(root: Path) -> Pack:
    kinds = load_builtin()
    meta = Node(root / "pack.yaml", load_yaml(root / "pack.yaml"), "pack")
    meta.check_keys({"name", "description", "format", "presets", "rules"})
    fmt = load_format(root / meta.get("format", str, required=True))
    presets = {str(name): load_preset(root / str(file)) for name, file in meta.get("presets", dict, {}).items()}
    pack = Pack(meta.get("name", str, required=True), root, fmt, presets)
    pack.rules = load_rules_dir(root / meta.get("rules", str, "rules"), kinds, pack.name)
    return pack


@dataclass
class RuleSet:
    """The packs in use; the first is the built-in one, which plain rule folders join."""

    packs: list[Pack]
    key: str = ""    # content key of everything the rule set was built from (rule cache, result cache)

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.packs for r in p.rules]

    @property
    def primary(self) -> Pack:
        return self.packs[0]

    @property
    def format(self) -> FormatSpec:
        return self.primary.format

    @property
    def chrome(self) -> Preset:
        return self.primary.chrome

    def pack(self, name: str) -> Pack:
        return next(p for p in self.packs if p.name == name)

    def add(self, directory: Path) -> None:
        """A folder with pack.yaml is a pack of its own; any other folder adds rules to the primary pack."""
        if (directory / "pack.yaml").is_file():
            pack = load_pack(directory)
            if any(p.name == pack.name for p in self.packs):
                raise DataError(directory / "pack.yaml", None, f"a pack named '{pack.name}' is already loaded")
            self.packs.append(pack)
        else:
            self.primary.rules.extend(load_rules_dir(directory, load_builtin(), self.primary.name))


def plugin_rule_dirs() -> list[Path]:
    """Rule packs or rule folders that installed packages declare (entry point group ``reportlint.rules``)."""
    from reportlint.plugins import entry_points

    out = []
    for ep in entry_points(group="reportlint.rules"):
        try:
            target = ep.load()
            out.append(Path(target() if callable(target) else target))
        except Exception as exc:  # a broken plugin must say which one it is
            raise DataError(f"entry point {ep.name} = {ep.value}", None, f"plugin failed to load: {type(exc).__name__}: {exc}") from None
    return out


def load_ruleset(extra_dirs: list[str] | None = None) -> RuleSet:
    """The built-in pack, plugin packs, and ``extra_dirs``; rule ids must be unique across them.

    Parsing YAML is most of reportlint's start-up, so the loaded rule set is cached
    (see ``reportlint.rulecache``), keyed on the content of every file it was built from.
    """
    from reportlint import rulecache

    load_builtin()  # check kinds (and plugins' kinds) are registered in every process
    directories = [builtin_root(), *plugin_rule_dirs(), *(Path(d) for d in extra_dirs or [])]
    key = rulecache.key(directories)
    cached = _from_cache(rulecache.read(f"rules-{key}.json"))
    if cached is not None:
        return cached
    ruleset = RuleSet([load_pack(directories[0])], key)
    for directory in directories[1:]:
        ruleset.add(directory)
    seen: dict[str, Rule] = {}
    for rule in ruleset.rules:
        if rule.id in seen:
            raise DataError(rule.path, rule.line, f"rule id '{rule.id}' is already defined in {seen[rule.id].path}")
        seen[rule.id] = rule
    _to_cache(f"rules-{key}.json", ruleset)
    return ruleset


def _cached_classes() -> dict[str, type]:
    """The records a cached rule set may hold: the dataclasses of the rule, format and chrome modules."""
    import dataclasses

    from reportlint import jsondata
    from reportlint.structure import chrome, spec

    found = [v for m in (chrome, spec) for v in vars(m).values() if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == m.__name__]
    return jsondata.classes(RuleSet, Pack, Rule, RuleTest, *found)


def _from_cache(data: bytes | None) -> RuleSet | None:
    from reportlint import jsondata

    if data is None:
        return None
    try:
        ruleset = jsondata.loads(data, _cached_classes())
    except Exception:  # noqa: BLE001 - corrupt, or records another version's classes reject: rebuild
        return None
    return ruleset if isinstance(ruleset, RuleSet) else None


def _to_cache(name: str, ruleset: RuleSet) -> None:
    from reportlint import jsondata, rulecache

    try:
        rulecache.write(name, jsondata.dumps(ruleset))
    except (TypeError, ValueError):  # holds something that is not data: not cached
        pass


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Filter by id: a full id (``gov.row-sum``), a short name (``row-sum``) or a prefix (``gov``)."""

    def matches(rule: Rule, key: str) -> bool:
        key = key.strip()
        return key in ("ALL", rule.id, rule.short_name) or rule.id.startswith(key + ".") or rule.id.startswith(key + "/")

    out = [r for r in rules if not select or any(matches(r, k) for k in select)]
    return [r for r in out if not ignore or not any(matches(r, k) for k in ignore)]


def unknown_selectors(rules: list[Rule], keys: list[str]) -> list[str]:
    return [k for k in keys if not select_rules(rules, [k], None)]


def closest_rule(rules: list[Rule], name: str, extra: tuple[str, ...] = ()) -> str | None:
    """The known rule id or short name closest to a misspelt ``name``, as a hint; None if nothing is close."""
    import difflib

    known = sorted({r.id for r in rules} | {r.short_name for r in rules} | set(extra))
    found = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return found[0] if found else None
