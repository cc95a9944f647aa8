"""PDF and Word (.docx) reports: read through a view, findings as on their text, places in the document."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, run_cli, run_json

CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "shunhe-2020-tabs.txt"
if not SEED.exists():
    SEED = ROOT / "examples" / "shunhe-2020-tabs.txt"
HONGZE = [CORPUS / "hongze-2023.pdf", CORPUS / "hongze-2024.pdf"]
needs_corpus = pytest.mark.skipif(not all(p.exists() for p in HONGZE), reason="../shared/corpus is not beside the repository")


def _key(d: dict) -> tuple:
    return d["rule"], d["line"], d["column"], d["end_line"], d["end_column"], d["message"]


def _lint(path: Path) -> list[dict]:
    """JSON items of a file or folder, linted in-process with every rule (the CLI is tested separately below)."""
    if path.is_dir():
        return run_json("--no-cache", str(path))[1]
    return _lint_in_process(path)


@cache
def _pack():
    from reportlint.ruleset import load_ruleset

    return load_ruleset()


def _lint_in_process(path: Path) -> list[dict]:
    from reportlint.engine import lint_path

    return [d.as_json() for d in lint_path(str(path), _pack(), _pack().rules).diagnostics]


# -- PDF -------------------------------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize("pdf", HONGZE, ids=lambda p: p.name)
def test_pdf_gives_the_findings_of_its_text_layer_with_pages(pdf):
    from reportlint.views import open_view

    found, expected = _lint(pdf), _lint(pdf.with_suffix(".txt"))
    assert [_key(d) for d in found] == [_key(d) for d in expected]
    assert {d["rule"] for d in found} >= {"gov.stray-text", "gov.cjk-space"}
    # every finding names the page its line is on: the text layer's "- N -" page numbers say which
    lines = open_view(str(pdf)).text.lines
    for d in found:
        number = next(int(m.group(1)) for line in reversed(lines[:d["line"]]) if (m := re.fullmatch(r"- (\d+) -", line)))
        assert d["page"] == number, d


@needs_corpus
def test_pdf_table_cells_and_values_are_those_of_the_text_layer(pack):
    from reportlint.read import read_source
    from reportlint.structure.document import Document
    from reportlint.views import open_view

    for pdf in HONGZE:
        ours = Document(open_view(str(pdf)).text, pack.format, pack.chrome)
        theirs = Document(read_source(str(pdf.with_suffix(".txt"))), pack.format, pack.chrome)
        assert ours.tables.keys() == theirs.tables.keys()
        for name, table in theirs.tables.items():
            def cells(t):
                return {rid: [(c.line, c.col, c.number.value if c.number else None) if c else None for c in r.cells] for rid, r in t.rows.items()}
            assert cells(ours.tables[name]) == cells(table), (pdf.name, name)


@needs_corpus
def test_text_output_and_show_text_name_the_page():
    pdf = HONGZE[0]
    proc = run_cli("--no-cache", "--select", "row-sum", str(pdf))
    assert f"{pdf}:page 4:line 131:col 10: error gov.row-sum" in proc.stdout
    assert "131 │ 10 1 0 0 0 0 0 0 0 0 5 0 0 0 0" in proc.stdout     # the text-view line under it
    shown = run_cli("show", "--text", str(pdf))
    assert shown.returncode == 0
    text = pdf.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
    rows = shown.stdout.splitlines()
    assert len(rows) == len(text)
    assert rows[130] == "page 4  131 │ " + text[130]
    assert rows[0] == "page 1    1 │ - 1 -"


@needs_corpus
def test_sarif_github_and_junit_of_a_pdf(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    proc = run_cli("--no-cache", "--format", "sarif", "--select", "row-sum", str(HONGZE[0]))
    log = json.loads(proc.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 131
    assert result["properties"] == {"page": 4, "where": "page 4"}
    github = run_cli("--no-cache", "--format", "github", "--select", "row-sum", str(HONGZE[0])).stdout
    assert "line=131,col=10,endLine=131,endColumn=11,title=gov.row-sum (page 4)::表四 行政复议" in github
    junit = run_cli("--no-cache", "--format", "junit", "--select", "row-sum", str(HONGZE[0])).stdout
    assert f"{HONGZE[0]}:page 4:line 131:col 10: error 表四 行政复议" in junit


def _pdf_bytes(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _latin1_text_layer_pdf() -> bytes:
    """Hanzi written as their UTF-8 bytes through a WinAnsi font: the text layer reads ``æ”¿åºœ…``."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    lines = ["2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    shown = b" ".join(b"(" + line.encode("utf-8").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '" for line in lines)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 800 Td 14 TL " + shown + b" ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    return _pdf_bytes(writer)


@needs_corpus
def test_unreadable_pdfs_get_one_clear_diagnostic_each(tmp_path):
    from pypdf import PdfWriter

    original = HONGZE[0].read_bytes()
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.add_blank_page(595, 842)
    locked = PdfWriter(clone_from=str(HONGZE[0]))
    locked.encrypt("secret", algorithm="RC4-128")
    cases = {
        "scanned.pdf": (_pdf_bytes(blank), "no text layer on any of its 2 page(s): this looks like a scanned PDF; OCR it first"),
        "encrypted.pdf": (_pdf_bytes(locked), "encrypted PDF: it needs a password to open"),
        "truncated.pdf": (original[: len(original) // 2], "damaged PDF, cannot be read"),
        "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "damaged PDF, cannot be read"),
        "mojibake.pdf": (_latin1_text_layer_pdf(), "the text layer does not decode to readable text"),
        "empty.pdf": (b"", "file is empty"),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    proc = run_cli("--format", "json", "--no-cache", str(tmp_path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    found = json.loads(proc.stdout)
    assert Counter(Path(d["path"]).name for d in found) == Counter(cases.keys())     # one each, nothing else
    for d in found:
        assert d["rule"] == "read-error" and d["message"].startswith(cases[Path(d["path"]).name][1]), d


@needs_corpus
def test_a_pdf_locked_only_against_editing_is_read(tmp_path):
    from pypdf import PdfWriter

    locked = PdfWriter(clone_from=str(HONGZE[0]))
    locked.encrypt("", "owner-secret", algorithm="RC4-128")     # opens without a password, as many published PDFs
    path = tmp_path / "hongze-2023.pdf"
    path.write_bytes(_pdf_bytes(locked))
    assert [_key(d) for d in _lint(path)] == [_key(d) for d in _lint(HONGZE[0])]


@needs_corpus
def test_fix_never_writes_a_pdf_and_says_so_once(tmp_path):
    for pdf in HONGZE:
        shutil.copy(pdf, tmp_path / pdf.name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    proc = run_cli("--fix", "--no-cache", "--format", "json", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert proc.stderr.count("--fix never rewrites PDF or Word (.docx) files") == 1
    found = json.loads(proc.stdout)
    assert found and not any(d["fixable"] for d in found)
    diff = run_cli("--diff", str(tmp_path))
    assert diff.returncode == 0 and diff.stdout == ""


# -- Word ------------------------------------------------------------------------------------

def _word(text: str, path: Path, *, merge: bool = False) -> Path:
    """A real .docx from a report text: each line a paragraph, each run of tab rows one Word table.

    With ``merge``, cells are merged as Word merges them: in a header row (no numbers) a blank cell
    joins the label to its left (gridSpan); in column 1 a blank cell under a row label joins it
    (vMerge), as 三、本年度办理结果 spans its result rows.
    """
    import docx

    document = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            document.add_paragraph(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        if merge:
            _merge_like_word(table, rows)
        i = j
    document.save(path)
    return path


def _merge_like_word(table, rows: list[list[str]]) -> None:
    spanned_down = [False] * len(rows)
    for r, cells in enumerate(rows):
        if not any(re.fullmatch(r"-?\d+", v) for v in cells):      # a header row
            for c, value in enumerate(cells):
                if value and c + 1 < len(cells) and cells[c + 1] == "":
                    end = c + 1
                    while end + 1 < len(cells) and cells[end + 1] == "":
                        end += 1
                    if any(cells[end + 1:]) or c > 0:
                        table.cell(r, c).merge(table.cell(r, end))
        elif r and cells[0] == "" and cells[1] and (rows[r - 1][0] or spanned_down[r - 1]):
            table.cell(r - 1, 0).merge(table.cell(r, 0))
            spanned_down[r] = True


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _text_findings(text: str, tmp_path: Path) -> list[tuple]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return [_key(d) for d in _lint(path)]


def test_word_tables_as_grids_give_the_findings_of_the_seed(seed_text, tmp_path):
    plain = _lint(_word(seed_text, tmp_path / "plain.docx"))
    merged_path = _word(seed_text, tmp_path / "merged.docx", merge=True)
    merged = _lint(merged_path)
    expected = _text_findings(seed_text, tmp_path)
    assert [_key(d) for d in plain] == expected
    assert [_key(d) for d in merged] == expected
    import docx

    xml = docx.Document(str(merged_path)).element.xml
    assert 'w:gridSpan w:val="5"' in xml and "w:vMerge" in xml     # Word's merges really are there
    assert all(d["where"].startswith("paragraph ") for d in plain if d["rule"] == "gov.cjk-space")


def test_word_wrong_total_points_at_the_table_cell(seed_text, tmp_path):
    wrong = seed_text.replace("一、本年新收政府信息公开申请数量\t\t23\t0\t0\t0\t0\t0\t23", "一、本年新收政府信息公开申请数量\t\t23\t0\t0\t0\t0\t0\t24")
    assert wrong != seed_text
    found = _lint(_word(wrong, tmp_path / "wrong.docx", merge=True))
    assert [_key(d) for d in found] == _text_findings(wrong, tmp_path)
    row_sum = next(d for d in found if d["rule"] == "gov.row-sum")
    # the table 三 row of 一、本年新收: 3rd Word table, 4th row, the 总计 cell in grid column 9
    assert row_sum["where"] == "table 3, row 4, column 9"
    proc = run_cli("--no-cache", "--select", "row-sum", str(tmp_path / "wrong.docx"))
    assert f"wrong.docx:table 3, row 4, column 9:line {row_sum['line']}:col {row_sum['column']}: error gov.row-sum" in proc.stdout


def test_word_missing_section_is_reported_as_on_the_text(seed_text, tmp_path):
    heading = next(line for line in seed_text.split("\n") if line.startswith("五、"))
    missing = seed_text.replace(heading + "\n", "", 1)
    found = _lint(_word(missing, tmp_path / "missing.docx"))
    assert [_key(d) for d in found] == _text_findings(missing, tmp_path)
    assert [d["rule"] for d in found].count("gov.required-section") == 1


def test_word_show_text_labels_paragraphs_and_rows(seed_text, tmp_path):
    path = _word(seed_text, tmp_path / "r.docx", merge=True)
    shown = run_cli("show", "--text", str(path))
    assert shown.returncode == 0
    rows = shown.stdout.splitlines()
    assert len(rows) == len(seed_text.rstrip("\n").split("\n"))
    assert rows[49] == "table 3, row 4   50 │ 一、本年新收政府信息公开申请数量\t\t23\t0\t0\t0\t0\t0\t23\t"   # blank cells keep their place
    assert rows[1].startswith("paragraph 2 ")


def test_damaged_and_fake_word_files_get_one_read_error(tmp_path, seed_text):
    good = _word(seed_text, tmp_path / "good.docx").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(good[: len(good) // 2])
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)   # a .doc renamed
    import zipfile

    with zipfile.ZipFile(tmp_path / "notword.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    with zipfile.ZipFile(tmp_path / "good.docx") as z:    # a vertical merge that continues from nothing
        parts = {name: z.read(name) for name in z.namelist()}
    import docx

    merged = docx.Document()
    table = merged.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0))
    merged.save(str(tmp_path / "m.docx"))
    with zipfile.ZipFile(tmp_path / "m.docx") as z:
        parts["word/document.xml"] = z.read("word/document.xml").replace(b'<w:vMerge w:val="restart"/>', b"<w:vMerge/>", 1)
    with zipfile.ZipFile(tmp_path / "badmerge.docx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    (tmp_path / "good.docx").unlink()
    (tmp_path / "m.docx").unlink()
    proc = run_cli("--format", "json", "--no-cache", str(tmp_path))
    assert "Traceback" not in proc.stderr
    found = json.loads(proc.stdout)
    assert sorted(Path(d["path"]).name for d in found) == ["badmerge.docx", "notword.docx", "old.docx", "truncated.docx"]
    assert all(d["rule"] == "read-error" for d in found)
    assert any("not a ZIP package" in d["message"] for d in found)


def test_fix_never_writes_a_word_file(seed_text, tmp_path):
    path = _word(seed_text, tmp_path / "r.docx")
    before = path.read_bytes()
    proc = run_cli("--fix", "--no-cache", str(path))
    assert path.read_bytes() == before and "never rewrites PDF or Word" in proc.stderr


# -- everywhere ------------------------------------------------------------------------------

@needs_corpus
def test_walks_cache_jobs_and_audit_take_pdf_and_word(seed_text, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):   # 8 files: enough for the process pool
        shutil.copy(HONGZE[i % 2], docs / f"{i}-{HONGZE[i % 2].name}")
        _word(seed_text, docs / f"{i}-shunhe.docx", merge=bool(i % 2))
    serial = run_cli("--format", "json", "--no-cache", "--jobs", "1", str(docs))
    pooled = run_cli("--format", "json", "--no-cache", "--jobs", "2", str(docs))
    assert serial.returncode == pooled.returncode == 1 and serial.stdout == pooled.stdout
    assert {Path(d["path"]).suffix for d in json.loads(serial.stdout)} == {".pdf", ".docx"}

    cache = tmp_path / "cache"
    cold = run_cli("--cache-dir", str(cache), "--select", "row-sum", str(docs))
    warm = run_cli("--cache-dir", str(cache), "--select", "row-sum", str(docs))
    assert list(cache.glob("*/*.json")) and warm.stdout == cold.stdout
    assert "131 │ 10 1 0 0 0 0 0 0 0 0 5 0 0 0 0" in warm.stdout     # the text-view line, shown from the cache too

    report = tmp_path / "audit.html"
    audit = run_cli("audit", "--no-cache", "--html", str(report), str(docs))
    assert audit.returncode == 1 and "Audited 8 files" in audit.stdout, audit.stdout
    assert "page 4 131:10" in report.read_text(encoding="utf-8")


@needs_corpus
def test_dask_executor_reads_pdf_and_word(seed_text, tmp_path):
    pytest.importorskip("distributed")
    shutil.copy(HONGZE[0], tmp_path / HONGZE[0].name)
    _word(seed_text, tmp_path / "shunhe.docx", merge=True)
    local = run_cli("--format", "json", "--no-cache", "--jobs", "1", str(tmp_path))
    dask = run_cli("--format", "json", "--no-cache", "--executor", "dask", "--jobs", "1", str(tmp_path))
    assert dask.returncode == local.returncode == 1, dask.stderr[-2000:]
    assert dask.stdout == local.stdout


def test_walks_can_leave_pdf_and_word_out_by_configuration(seed_text, tmp_path):
    _word(seed_text, tmp_path / "r.docx")
    (tmp_path / "r.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text('exclude: ["*.docx", "*.pdf"]\n', encoding="utf-8")
    assert {Path(d["path"]).suffix for d in _lint(tmp_path)} == {".txt"}


def test_pre_commit_hooks_take_pdf_and_word():
    from ruamel.yaml import YAML

    for hook in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f"reports/a{ext}") for ext in (".txt", ".md", ".html", ".htm", ".pdf", ".PDF", ".docx"))
        assert not pattern.search("a.doc") and not pattern.search("a.py")


def test_linting_text_imports_no_document_library(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import contextlib, io, sys\nfrom reportlint.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['--format', 'json', '--no-cache', {str(SEED)!r}])\n"
            "print(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path)})
    loaded = set(out.stdout.split())
    assert not {m for m in loaded if m.split(".")[0] in ("pypdf", "docx", "lxml")}


@needs_corpus
def test_an_aes_pdf_without_cryptography_says_what_to_install(tmp_path):
    import subprocess
    import sys

    pytest.importorskip("cryptography")     # to write the AES copy
    from pypdf import PdfWriter

    locked = PdfWriter(clone_from=str(HONGZE[0]))
    locked.encrypt("", "owner-secret", algorithm="AES-128")
    path = tmp_path / "aes.pdf"
    path.write_bytes(_pdf_bytes(locked))
    assert [_key(d) for d in _lint(path)] == [_key(d) for d in _lint(HONGZE[0])]     # with cryptography: read
    code = ("import sys; sys.modules['cryptography'] = None\nfrom reportlint.cli import main\n"
            f"raise SystemExit(main(['--format', 'json', '--no-cache', {str(path)!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    found = json.loads(proc.stdout)
    assert proc.returncode == 1 and len(found) == 1 and "Traceback" not in proc.stderr
    assert found[0]["rule"] == "read-error" and "pip install 'reportlint[crypto]'" in found[0]["message"]


@needs_corpus
def test_damaged_documents_never_raise_nor_print(seed_text, tmp_path, capfd):
    """Bytes flipped at random in a real PDF and a real .docx: a view or a ReadError, and nothing on stderr."""
    import random

    from reportlint.read import ReadError
    from reportlint.views.docx import docx_view
    from reportlint.views.pdf import pdf_view

    word = _word(seed_text, tmp_path / "r.docx", merge=True).read_bytes()
    rng = random.Random(12)
    for data, read in ((HONGZE[0].read_bytes(), pdf_view), (word, docx_view)):
        for _ in range(8):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 30)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            try:
                view = read("x", bytes(damaged))
            except ReadError as exc:
                assert str(exc)
            else:
                assert view.text.lines
    assert capfd.readouterr().err == ""
