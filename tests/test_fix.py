"""Text hygiene on the real reports, and ``--fix`` / ``--diff`` through the real CLI."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli, run_json
from reportlint.fix import FixError, write_atomically
from reportlint.read import read_source
from reportlint.structure.document import Document

SEEDS = sorted(EXAMPLES.glob("*.txt"))
TITLE = "某区2020年政府信息公开工作年度报告\n"
FIXABLE = {"gov.stray-text", "gov.mixed-script", "gov.cjk-space", "gov.number-format"}
HYGIENE = FIXABLE | {"gov.bracket-pair", "gov.control-char"}


@pytest.fixture(scope="module")
def hygiene() -> dict[str, list[dict]]:
    _, diagnostics = run_json("--select", ",".join(sorted(HYGIENE)), *map(str, SEEDS))
    out: dict[str, list[dict]] = {}
    for d in diagnostics:
        out.setdefault(Path(d["path"]).name, []).append(d)
    return out


def _at(hygiene, name, rule):
    return [(d["line"], d["column"]) for d in hygiene.get(name, []) if d["rule"] == rule]


def test_reference_defects_in_the_seeds_are_reported_at_their_lines(hygiene):
    # "渝府办发〔202070)" and "《…的通知和《…" (changshou), spaces and a stray page number (jili)
    assert (21, 210) in _at(hygiene, "changshou-2020-cells.txt", "gov.bracket-pair")
    assert (7, 194) in _at(hygiene, "changshou-2020-cells.txt", "gov.bracket-pair")
    jili = _at(hygiene, "jili-2020-cells.txt", "gov.cjk-space")
    assert (11, 28) in jili            # 以建设 服务政府 … 行政权 力运行
    assert (15, 34) in jili            # 目标管理和 2 考核
    assert _at(hygiene, "xinle-2019-traditional-pipes.txt", "gov.number-format") == [(17, 16), (21, 12), (22, 13)]  # 減5711 增1 增3
    assert _at(hygiene, "xinle-2019-traditional-pipes.txt", "gov.mixed-script") == [(1, 1)]
    assert _at(hygiene, "fancheng-2020-traditional-cells.txt", "gov.mixed-script") == [(1, 1)]
    hongze = _at(hygiene, "hongze-2023.txt", "gov.cjk-space")
    assert (3, 5) in hongze and (21, 14) in hongze   # "2023 年", "申请 21 件"


def test_clean_text_stays_clean(hygiene):
    # Simplified reports have no mixed-script finding; Traditional copies have no spacing noise;
    # table rows and headers are never prose.
    for name in ("changshou-2020-cells.txt", "jili-2020-cells.txt", "shunhe-2020-tabs.txt", "hongze-2023.txt"):
        assert not _at(hygiene, name, "gov.mixed-script"), name
    for name in ("fancheng-2020-traditional-cells.txt", "xinle-2019-traditional-pipes.txt"):
        assert not _at(hygiene, name, "gov.cjk-space"), name
    doc_lines = {42, 74, 130, 131}  # hongze-2023 table header and rows
    assert not doc_lines & {line for line, _ in _at(hygiene, "hongze-2023.txt", "gov.cjk-space")}
    assert not any(d["rule"] == "gov.control-char" for ds in hygiene.values() for d in ds)


def _facts(path: Path, pack):
    doc = Document(read_source(str(path)), pack.format, pack.chrome)
    tables = {tid: {rid: [None if c is None or c.number is None else c.number.value for c in row.cells] for rid, row in t.rows.items()}
              for tid, t in doc.tables.items()}
    return tables, [h.spec.id for h in doc.headings]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_fix_cleans_each_seed_and_keeps_tables_and_sections(seed, tmp_path, pack):
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)
    before = _facts(copy, pack)
    _, diagnostics = run_json("--select", ",".join(sorted(HYGIENE)), str(copy))
    unfixable = sorted((d["rule"], d["message"]) for d in diagnostics if not d["fixable"])

    proc = run_cli("--fix", "--format", "json", "--select", ",".join(sorted(HYGIENE)), str(copy))
    assert proc.returncode in (0, 1), proc.stderr
    import json

    remaining = json.loads(proc.stdout)
    assert not [d for d in remaining if d["rule"] in FIXABLE and d["fixable"]], remaining
    # What is left is exactly what had no fix (messages compared; lines may move after deletions).
    assert sorted((d["rule"], d["message"]) for d in remaining) == unfixable
    assert _facts(copy, pack) == before

    once = copy.read_bytes()
    again = run_cli("--fix", "--select", ",".join(sorted(HYGIENE)), str(copy))
    assert again.returncode in (0, 1)
    assert copy.read_bytes() == once, "a second --fix changed the file"


def test_diff_shows_the_fix_and_writes_nothing(tmp_path):
    copy = tmp_path / "jili.txt"
    shutil.copy(EXAMPLES / "jili-2020-cells.txt", copy)
    original = copy.read_bytes()
    proc = run_cli("--diff", str(copy))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert any(line.startswith("-首页") for line in lines)          # the breadcrumb goes (it has NBSPs)
    assert any(line.startswith("+2020年,集里街道") and "以建设服务政府" in line for line in lines)
    assert copy.read_bytes() == original


def test_fix_keeps_encoding_bom_line_endings_and_mode(tmp_path):
    text = (EXAMPLES / "jili-2020-cells.txt").read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    os.chmod(gbk, 0o640)
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run_cli("--fix", str(gbk), str(bom))
    fixed_gbk = gbk.read_bytes()
    decoded = fixed_gbk.decode("gb18030")
    assert "首页 > 浏阳市政府" not in decoded and "\r\n" in decoded and "\n" not in decoded.replace("\r\n", "")
    assert stat.S_IMODE(os.stat(gbk).st_mode) == 0o640
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.glob(".reportlint-*")) and not list(tmp_path.glob("*.tmp"))  # no temp files left behind


def test_fix_changes_only_the_reported_spans(tmp_path):
    path = tmp_path / "r.txt"
    original = f"{TITLE}一、总体情况\n首页 > 政务公开 > 年报\n2020 年，工作  Good  work 有序。\n"
    path.write_text(original, encoding="utf-8")
    run_cli("--fix", "--select", "stray-text,cjk-space", str(path))
    assert path.read_text(encoding="utf-8") == f"{TITLE}一、总体情况\n2020年，工作  Good  work 有序。\n"


def test_fix_refuses_when_the_file_changed_on_disk(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n打印本页\n", encoding="utf-8")
    source = read_source(str(path))
    path.write_text("一、总体情况\n打印本页\n新的一行\n", encoding="utf-8")  # edited meanwhile
    with pytest.raises(FixError, match="changed on disk"):
        write_atomically(source, "一、总体情况\n")
    assert path.read_text(encoding="utf-8").endswith("新的一行\n")


def test_traditional_fix_avoids_the_tw2sp_traps(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("某區2020年政府信息公開工作年度報告\n一、總體情況\n規範性檔案 | 1 | 1 | 1\n建立健全檔案館制度，推進智慧城市和對口支援，加強網路資訊最佳化設定。\n", encoding="utf-8")
    run_cli("--fix", "--select", "mixed-script", str(path))
    assert path.read_text(encoding="utf-8") == "某区2020年政府信息公开工作年度报告\n一、总体情况\n规范性文件 | 1 | 1 | 1\n建立健全档案馆制度，推进智慧城市和对口支援，加强网络信息优化设置。\n"


def test_fixes_are_built_only_when_wanted():
    """Without --fix or --diff a lint marks diagnostics fixable but builds no fixes (a
    Traditional report's conversion is the costliest thing a lint could do)."""
    from reportlint.engine import Options, lint_source
    from reportlint.ruleset import load_ruleset

    pack = load_ruleset([])
    source = read_source(str(EXAMPLES / "xinle-2019-traditional-pipes.txt"))
    lazy = lint_source(source, pack, pack.rules, Options(fixes=False)).diagnostics
    full = lint_source(source, pack, pack.rules, Options(fixes=True)).diagnostics
    assert lazy == full
    assert [d.fixable for d in lazy] == [bool(d.fixes) for d in full]
    assert any(d.rule == "gov.mixed-script" and d.fixable for d in lazy)
    assert not any(d.fixes for d in lazy)


def test_atomic_write_replaces_whole_and_leaves_nothing_on_failure(tmp_path):
    from reportlint.atomic import write_atomic

    target = tmp_path / "r.txt"
    target.write_bytes(b"old")
    write_atomic(target, b"new", mode=0o640, sync=True)
    assert target.read_bytes() == b"new" and stat.S_IMODE(os.stat(target).st_mode) == 0o640
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "folder", b"x")          # a folder cannot be replaced by a file
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "r.txt", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "r.txt"]
