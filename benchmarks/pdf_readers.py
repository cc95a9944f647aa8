"""Compare PDF text-layer readers on the real PDFs in ../shared/corpus (issue 12).

For each installed candidate (pypdf, pdfminer.six, pypdfium2, PyMuPDF) it measures
the import time in a fresh interpreter, the extraction time (median of several runs)
of every page of hongze-2023.pdf and hongze-2024.pdf, whether the text equals the
pypdf text layer kept beside each PDF (``*.txt``), and whether reportlint finds the
same things (rule and message) in that text as in the ``.txt``: the test of reading
order and table rows that matters here. Licences and wheels are stated, not
measured. Candidates that are not installed are skipped; install them with
``pip install pypdf pdfminer.six pypdfium2 pymupdf`` (a throwaway venv is best: only
pypdf is a dependency of reportlint).

    python benchmarks/pdf_readers.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PDFS = ("hongze-2023.pdf", "hongze-2024.pdf")


def _pypdf(path: str) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _pdfminer(path: str) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return ["".join(el.get_text() for el in page if isinstance(el, LTTextContainer)) for page in extract_pages(path)]


def _pdfium(path: str) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


def _pymupdf(path: str) -> list[str]:
    import pymupdf

    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


# name: (import name, distribution, extractor, licence, wheels)
CANDIDATES: dict[str, tuple[str, str, Callable[[str], list[str]], str, str]] = {
    "pypdf": ("pypdf", "pypdf", _pypdf, "BSD-3-Clause", "pure Python (one wheel for every platform)"),
    "pdfminer.six": ("pdfminer", "pdfminer.six", _pdfminer, "MIT", "pure Python (needs charset-normalizer, cryptography)"),
    "pypdfium2": ("pypdfium2", "pypdfium2", _pdfium, "Apache-2.0 / BSD-3 (PDFium)", "binary wheels (Linux, macOS, Windows; ~3 MB)"),
    "PyMuPDF": ("pymupdf", "pymupdf", _pymupdf, "AGPL-3.0 or commercial", "binary wheels (Linux, macOS, Windows; ~20 MB)"),
}


def _import_ms(module: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
                             for _ in range(runs)) * 1000


def _findings(text: str, name: str) -> list[tuple[str, str]]:
    from reportlint.engine import lint_source
    from reportlint.read import Source
    from reportlint.ruleset import load_ruleset

    pack = load_ruleset()
    result = lint_source(Source.from_text(name, text), pack, pack.rules)
    return sorted((d.rule, d.message) for d in result.diagnostics)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    print(f"{'reader':<13} {'import':>8} " + " ".join(f"{n:>22}" for n in PDFS) + "  licence; wheels")
    for name, (module, dist, extract, licence, wheels) in CANDIDATES.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:<13} not installed (pip install {dist})")
            continue
        cells = []
        for pdf in PDFS:
            path = str(CORPUS / pdf)
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                pages = extract(path)
                times.append(time.perf_counter() - t)
            text = "\n".join(pages)
            reference = (CORPUS / pdf).with_suffix(".txt").read_text(encoding="utf-8")
            same_text = text.rstrip("\n") == reference.rstrip("\n")
            ours, theirs = _findings(text, pdf), _findings(reference, pdf)
            differ = sum(((Counter(ours) - Counter(theirs)) + (Counter(theirs) - Counter(ours))).values())
            verdict = "text =" if same_text else ("findings =" if not differ else f"{differ} findings ≠")
            cells.append(f"{statistics.median(times) * 1000:7.1f} ms {verdict:>11}")
        print(f"{name:<13} {_import_ms(module, args.runs):6.0f} ms " + " ".join(f"{c:>22}" for c in cells) + f"  {licence}; {wheels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
