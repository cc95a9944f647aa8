#!/usr/bin/env python3
"""A lower bound for linting a corpus in plain Python: read every file, decode it, and run
30 compiled regular-expression searches on every line.

    python benchmarks/lower_bound.py PATH...     # files, or folders (every file under them)

Each file's bytes are decoded as reportlint decodes them (UTF-8, else GB18030) and split
into lines; each line is searched with the 30 patterns below, compiled once at start-up.
The patterns are the kind a linter of these reports needs: hanzi classes, numbers, heading
numerals, table labels, chrome words, punctuation and spacing. It does nothing with the
matches but count them. Prints the files, lines, searches and matches, and the wall time
from the start of the process's own code to the end (``benchmarks/run.py`` times the whole
process, start-up included, as it times reportlint).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import re  # noqa: E402  (imports are part of what is timed)
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

HANZI = "\u4e00-\u9fff"
NUMERALS = "一二三四五六七八九十"

PATTERNS = [
    rf"^[{NUMERALS}]+、",                                   # section heading: 一、
    rf"^（[{NUMERALS}]+）",                                  # sub-heading: （一）
    rf"^第[{NUMERALS}百]+[章节条部分]",                       # 第一部分
    r"首页|打印|关闭|返回顶部|分享到|字号|当前位置|附件下载",  # page chrome
    r"\d+(?:\.\d+)?",                                       # a number
    rf"[{HANZI}]+",                                         # a run of hanzi
    rf"[{HANZI}][ \u3000\u00a0]+[{HANZI}]",                 # spaces between hanzi
    rf"[{HANZI}] *\d",                                      # hanzi then a digit
    rf"\d *[{HANZI}]",                                      # a digit then hanzi
    r"(?:19|20)\d{2}\s*年",                                  # a year
    r"政府信息公开(?:工作)?年度报告",                          # the title
    r"主动公开|依申请公开|收到和处理",                         # table labels
    r"行政复议|行政诉讼|维持|纠正|尚未审结",                    # table 四's labels
    r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理",      # table 三's results
    r"(?:总计|合计|小计)\s*\d+",                              # totals
    r"\d+\s*(?:件|条|个|次|人次|万元|篇)",                      # counts with a unit
    r"[，。；：！？、]{2,}",                                  # doubled punctuation
    rf"[,;:!?](?=[{HANZI}])",                               # half-width punctuation before hanzi
    r"[０-９]",                                              # full-width digits
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",                    # control characters
    r"[ \t\u3000]+$",                                       # trailing spaces
    r"\t|\|",                                               # cell separators
    r"[臺灣國們這個來會為發與對開關實學體點]",                 # Traditional characters
    r"[\u3400-\u4dbf\uf900-\ufaff]",                        # rare and compatibility hanzi
    r"本机关|本单位|本部门|本委|本局",                          # the reporting body
    r"-\s*\d+\s*-|第\s*\d+\s*页",                            # page numbers
    r"https?://\S+|www\.\S+",                               # links
    r"[（(][^）)]{0,40}[）)]",                                # a bracketed note
    r"(?<!\d)0+\d|\d,\d{3}",                                # leading zeros, thousands separators
    rf"[{HANZI}]{{2,8}}(?:局|委|办|厅|区|县|市|政府)",          # a body's name
]


def decode(data: bytes) -> str:
    """As reportlint reads a file without a byte-order mark: UTF-8, else GB18030."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def files_under(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    searches = [re.compile(p).search for p in PATTERNS]
    assert len(searches) == 30
    files = files_under(argv)
    lines = matches = 0
    for path in files:
        for line in decode(path.read_bytes()).splitlines():
            lines += 1
            for search in searches:
                if search(line):
                    matches += 1
    elapsed = time.perf_counter() - START
    print(f"files {len(files)} lines {lines} searches {lines * len(searches)} matches {matches} seconds {elapsed:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
