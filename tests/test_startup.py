"""Start-up stays lean: what a pre-commit run imports, the compiled-pattern cache, the plugin pre-scan.

Timings belong in benchmarks/; these tests check the mechanisms that keep start-up fast.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import EXAMPLES


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    import os

    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_linting_a_simplified_report_imports_only_what_the_run_needs(tmp_path, fmt):
    """No OpenCC (no Traditional text), no ruamel (rule cache), no importlib.metadata (no plugin), no rich
    console (text without colour is written as plain text; only rich's width table, for CJK carets),
    no tempfile or shutil (atomic writes need only os; argparse is told the width)."""
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path)}
    lint = ("import contextlib, io\nfrom reportlint.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['--format', {fmt!r}, {str(EXAMPLES / 'shunhe-2020-tabs.txt')!r}])")
    _modules_after(lint, env)   # fills the rule, pattern and result caches
    loaded = _modules_after(lint.replace("'--format'", "'--cache-dir', " + repr(str(tmp_path / "results")) + ", '--format'"), env)
    widths = {"rich", "rich.cells", "rich._extension", "rich._unicode_data"} if fmt == "text" else set()

    def width_table(m: str) -> bool:   # rich's width table: rich.cells and its per-Unicode-version data
        return m in widths or (bool(widths) and m.startswith("rich._unicode_data."))

    heavy = {m for m in loaded if (m.split(".")[0] in ("rich", "opencc", "ruamel") and not width_table(m))
             or m in ("importlib.metadata", "reportlint.htmlview", "tempfile", "shutil", "random", "bz2", "lzma")}
    assert not heavy


def test_cached_patterns_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    from reportlint import regexcache, rulecache

    if regexcache._sre is None:
        pytest.skip("not CPython 3.11+: patterns are compiled with re.compile")

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_store", None)
    patterns = [(r"(?P<year>\d{4})年", 0), (r"[\u4e00-\u9fff]+\s*(?:件|条)", re.IGNORECASE), (r"(a)(?:b|\1)", 0), ("[𠀀-\U0002ffff]", 0)]
    fresh = [regexcache.compile(p, f) for p, f in patterns]
    assert fresh == [re.compile(p, f) for p, f in patterns]
    regexcache._save()
    assert regexcache._decode(rulecache.read(regexcache._name())).keys() >= {(p, int(f)) for p, f in patterns}

    monkeypatch.setattr(regexcache, "_store", None)   # a new process: served from the file
    cached = [regexcache.compile(p, f) for p, f in patterns]
    assert cached == fresh and cached[0].search("2020年").group("year") == "2020"
    assert cached[2].fullmatch("aa") and not cached[2].fullmatch("ac")


def test_a_damaged_pattern_cache_falls_back_to_compiling(tmp_path, monkeypatch):
    from reportlint import regexcache, rulecache

    if regexcache._sre is None:
        pytest.skip("not CPython 3.11+: patterns are compiled with re.compile")

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_store", None)
    rulecache.write(regexcache._name(), '{"code": "AAAAAA==", "rows": [["\\\\d+", 0, 0, 0, 9, "not", "opcodes", []]]}')
    assert regexcache._decode(rulecache.read(regexcache._name()))
    assert regexcache.compile(r"\d+").fullmatch("42")
    (tmp_path / regexcache._name()).write_bytes(b"not json")
    monkeypatch.setattr(regexcache, "_store", None)
    assert regexcache.compile(r"\d+").fullmatch("42")
    monkeypatch.setenv("REPORTLINT_NO_RULE_CACHE", "1")
    monkeypatch.setattr(regexcache, "_store", None)
    assert regexcache.compile(r"\d+").fullmatch("42") and regexcache._store is None


def test_plugin_prescan_reads_entry_points_files(tmp_path, monkeypatch):
    from reportlint import plugins

    site = tmp_path / "site"
    (site / "other-1.0.dist-info").mkdir(parents=True)
    (site / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(site)])
    plugins._declared_groups.cache_clear()
    assert plugins._declared_groups() == frozenset()
    assert plugins.entry_points("reportlint.rules") == []

    (site / "minutes-0.1.dist-info").mkdir()
    (site / "minutes-0.1.dist-info" / "entry_points.txt").write_text("[reportlint.rules]\nminutes = m:pack\n", encoding="utf-8")
    plugins._declared_groups.cache_clear()
    assert plugins._declared_groups() == {"reportlint.rules"}

    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK")
    monkeypatch.setattr(sys, "path", [str(site), str(archive)])
    plugins._declared_groups.cache_clear()
    assert plugins._declared_groups() is None   # an archive: importlib.metadata must look
    plugins._declared_groups.cache_clear()
