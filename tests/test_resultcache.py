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
    assert list((tmp_path / "cache").rglob("*.json"))
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
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_bytes(b"garbage")
    again = _run(tmp_path, str(tmp_path / "x.txt"))
    assert again.stdout == first.stdout and "Traceback" not in again.stderr


def test_a_planted_pickle_never_runs_and_a_forged_entry_cannot_hide_findings(tmp_path):
    """A cache from a repository or a shared CI path is data: no pickle is loaded, entries are bound to the bytes."""
    import json
    import pickle

    report = tmp_path / "r.txt"
    shutil.copy(EXAMPLES / "jili-2020-cells.txt", report)
    first = _run(tmp_path, "--format", "json", str(report))
    assert first.returncode == 1 and json.loads(first.stdout)
    (entry,) = (tmp_path / "cache").rglob("*.json")

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    # A pickle beside (or instead of) the entry is never loaded.
    entry.with_suffix(".pickle").write_bytes(pickle.dumps(Boom()))
    assert _run(tmp_path, "--format", "json", str(report)).stdout == first.stdout and not (tmp_path / "pwned").exists()

    # An entry that says "no findings" is ignored unless it is for exactly these bytes...
    forged = json.loads(entry.read_text(encoding="utf-8"))
    forged["diagnostics"] = []
    forged["sha256"] = "0" * 64
    entry.write_text(json.dumps(forged), encoding="utf-8")
    assert _run(tmp_path, "--format", "json", str(report)).stdout == first.stdout
    # ... and well-formed: a wrong type anywhere means lint again.
    forged = json.loads(entry.read_text(encoding="utf-8"))
    forged["diagnostics"][0][5] = "fine"
    entry.write_text(json.dumps(forged), encoding="utf-8")
    again = _run(tmp_path, "--format", "json", str(report))
    assert again.stdout == first.stdout and "Traceback" not in again.stderr
