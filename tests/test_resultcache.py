"""The result cache: identical output, and every input that matters invalidates it."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES, run_cli


def _run(tmp_path, *args):
    return run_cli("--cache-dir", str(tmp_path / "cache"), *args, cwd=tmp_path)


def test_cached_runs_are_identical_and_follow_every_input(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("hongze-2023.txt", "hongze-2024.txt", "jili-2020-cells.txt"):
        shutil.copy(EXAMPLES / name, docs / name)
    first = _run(tmp_path, str(docs))
    assert list((tmp_path / "cache").rglob("*.pickle"))
    again = _run(tmp_path, str(docs))
    assert again.stdout == first.stdout and again.returncode == first.returncode   # text output, source lines included

    # the file changes
    jili = docs / "jili-2020-cells.txt"
    jili.write_text(jili.read_text(encoding="utf-8").replace("相关文档:", "无"), encoding="utf-8")
    assert "gov.empty-section" not in _run(tmp_path, "--format", "concise", str(jili)).stdout

    # the configuration changes
    (docs / ".reportlint.yaml").write_text("ignore: [stray-text]\n", encoding="utf-8")
    assert "gov.stray-text" not in _run(tmp_path, "--format", "concise", str(docs)).stdout
    (docs / ".reportlint.yaml").unlink()

    # last year's report changes: this year's cross-year result must follow
    last = docs / "hongze-2023.txt"
    last.write_text(last.read_text(encoding="utf-8").replace("四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 2 0 0 0 0 0 2"), encoding="utf-8")
    assert "gov.cross-year" in _run(tmp_path, "--format", "concise", str(docs / "hongze-2024.txt")).stdout


def test_no_cache_and_corrupt_entries(tmp_path):
    shutil.copy(EXAMPLES / "xinle-2019-traditional-pipes.txt", tmp_path / "x.txt")
    _run(tmp_path, "--no-cache", str(tmp_path / "x.txt"))
    assert not (tmp_path / "cache").exists()
    first = _run(tmp_path, str(tmp_path / "x.txt"))
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"garbage")
    again = _run(tmp_path, str(tmp_path / "x.txt"))
    assert again.stdout == first.stdout and "Traceback" not in again.stderr
