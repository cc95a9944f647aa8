"""Page chrome by grammar: navigation tokens in any combination, glued spans, and fixes that only
delete what is chrome with confidence."""

from __future__ import annotations

import pytest

from conftest import run_cli, run_json
from reportlint.normalise import fold_line, normalise_line


@pytest.fixture(scope="module")
def preset(pack):
    return pack.chrome


def _classify(preset, text: str) -> str | None:
    return preset.classify(normalise_line(text).text.strip(), fold_line(text).text)


@pytest.mark.parametrize("line", ["【打印本页】【关闭窗口】", "网站地图 | 联系我们 | 隐私声明", "繁體版 无障碍 适老化",
                                  "[ 打印 ] [ 关闭 ]", "上一篇 下一篇", "首页 > 政务公开 > 政府信息公开年报"])
def test_any_combination_of_navigation_is_chrome(preset, line):
    assert _classify(preset, line) not in (None, "weak")


@pytest.mark.parametrize("line", ["请点击网站地图查看联系我们的方式。", "我区开通了无障碍浏览和适老化服务。", "首页改版工作已完成",
                                  "通过政府网站、微信公众号发布信息1136条。", "大 中 小"])
def test_a_sentence_that_mentions_navigation_is_not(preset, line):
    assert _classify(preset, line) is None


def test_channel_names_alone_are_weak(preset):
    assert _classify(preset, "微信") == "weak" and _classify(preset, "政务新媒体") == "weak"


def test_glued_navigation_is_a_span_at_either_end(preset):
    nav = preset.navigation
    body = "根据《条例》编制本报告。"
    head = "当前位置： 首页 > 信息公开 来源：某区人民政府 时间：2022-02-08 16:34 打印本页 -->"
    text = fold_line(head + body + " 附件下载").text
    assert text[:nav.prefix(text)].strip() == fold_line(head).text.strip()
    assert text[nav.suffix(text):] == "附件下载"
    assert nav.prefix(fold_line(body).text) == 0 and nav.suffix(fold_line(body).text) == len(fold_line(body).text)


def _user_rule(tmp_path, fixable: str) -> str:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "todo.yaml").write_text(
        "id: office.todo\nkind: stray-text\nseverity: warning\nmessage: \"leftover {kind}: {text}\"\n" + fixable +
        "params:\n  patterns:\n    - {name: todo, match: 'TODO.*'}\n", encoding="utf-8")
    return str(rules)


@pytest.mark.parametrize("fixable, deleted", [("", False), ("fixable: false\n", False), ("fixable: true\n", True)])
def test_a_user_stray_text_rule_deletes_only_when_it_says_it_is_fixable(tmp_path, fixable, deleted):
    report = tmp_path / "r.txt"
    report.write_text("某区2021年政府信息公开工作年度报告\n一、总体情况\nTODO 补充数据\n正文。\n二、主动公开政府信息情况\n正文。\n", encoding="utf-8")
    rules = _user_rule(tmp_path, fixable)
    _, found = run_json("--no-cache", "--rules", rules, "--select", "office", str(report))
    assert [(d["rule"], d["line"], d["fixable"]) for d in found] == [("office.todo", 3, deleted)]
    run_cli("--no-cache", "--rules", rules, "--select", "office", "--fix", str(report))
    assert ("TODO 补充数据" not in report.read_text(encoding="utf-8")) is deleted
