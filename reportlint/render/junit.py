"""JUnit XML: one test suite, one test case per file and rule; findings are failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO


def render(report, out: TextIO, **_options) -> None:
    suite = ET.Element("testsuite", name="reportlint")
    tests = failures = 0
    for result in report.results:
        path = result.path
        rules: dict[str, list] = defaultdict(list)
        for d in result.diagnostics:
            rules[d.rule].append(d)
        if not rules:
            ET.SubElement(suite, "testcase", classname=path, name="reportlint")
            tests += 1
            continue
        for rule, found in sorted(rules.items()):
            case = ET.SubElement(suite, "testcase", classname=path, name=rule)
            failure = ET.SubElement(case, "failure", message=f"{len(found)} finding(s)", type=found[0].severity)
            failure.text = "\n".join(f"{d.location}: {d.severity} {d.message}" for d in found)
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
