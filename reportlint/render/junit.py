"""JUnit XML: one test suite, one test case per file and rule; findings are failures.

XML 1.0 cannot hold most control characters, even escaped; scraped reports can
contain them, so they are written as ``\\x1b``-style text and the document stays valid.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold written as an escape."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def render(report, out: TextIO, **_options) -> None:
    suite = ET.Element("testsuite", name="reportlint")
    tests = failures = 0
    for result in report.results:
        path = _xml(result.path)
        rules: dict[str, list] = defaultdict(list)
        for d in result.diagnostics:
            rules[d.rule].append(d)
        if not rules:
            ET.SubElement(suite, "testcase", classname=path, name="reportlint")
            tests += 1
            continue
        for rule, found in sorted(rules.items()):
            case = ET.SubElement(suite, "testcase", classname=path, name=_xml(rule))
            failure = ET.SubElement(case, "failure", message=f"{len(found)} finding(s)", type=found[0].severity)
            failure.text = "\n".join(f"{_xml(d.location)}: {d.severity} {_xml(d.message)}" for d in found)
            tests += 1
            failures += 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    root = ET.Element("testsuites", tests=str(tests), failures=str(failures))
    root.append(suite)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
