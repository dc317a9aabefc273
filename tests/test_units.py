"""Unit tests of the pure core: YAML reading, escaping, rendering, templates, export."""

from __future__ import annotations

import dataclasses
import json
import re

import markdown

from reviewkb import contrib
from reviewkb.errors import CODES
from reviewkb.export import render_kb_json
from dataclasses import replace

from reviewkb.model import Problem
from reviewkb.pages.common import (LIBRARY_PAGE_SIZE, aspect_path, html_href, item_path, item_url, library_pages, library_path,
                                   page_url)
from reviewkb.pages.meetings import ASPECT_LIST_MAX
from reviewkb.render import link, nav, render_pages, render_problem
from reviewkb.templates import aspect_heading, render_markdown, render_template, runs, template_blocks, template_files
from reviewkb.text import anchor, cn_number, comment, md, md_inline, ordinal, plain_title, stash, unstash
from reviewkb.yamlio import parse

MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition"])


def html(text: str) -> str:
    """Markdown of a generated page to HTML, as the adapter converts it (raw fragments stashed)."""
    MD.reset()
    text, blocks = stash(text)
    return unstash(MD.convert(text), blocks)


def test_parse_keeps_lines_of_keys_and_items():
    doc, findings = parse("problems:\n  - id: a\n    title: 甲\n  - id: b\n".encode(), "x.yaml")
    assert not findings
    items = doc["problems"]
    assert items.line_of(0) == 2 and items.line_of(1) == 4
    assert items[0].line_of("title") == 3


def test_parse_reports_control_characters_with_their_line():
    _, findings = parse("a: 1\nb: x\x00y\n".encode(), "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("KB001", 2)]


def test_parse_reports_every_tab_line():
    _, findings = parse(b"a:\n\t- 1\n\t- 2\n", "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("KB002", 2), ("KB002", 3)]


def test_escaping_keeps_markdown_but_not_html():
    out = html(md("**重点** <script>alert(1)</script> & 1 < 2"))
    assert "<strong>重点</strong>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out


def test_inline_escaping_cannot_start_attributes_or_links():
    out = html(f"### {md_inline('标题 {{ #evil onclick=x }} [链接](http://x)')} {{ #ok }}")
    assert 'id="ok"' in out and "onclick" not in out.split(">")[0] and "<a " not in out


def test_comment_text_cannot_close_the_comment():
    assert "-->" not in comment("提示 --> <!-- 结束 -->")


def test_plain_title_has_no_markup_characters():
    assert not set("<>&") & set(plain_title("<b>甲</b> & 乙"))


def test_chinese_numbers():
    assert [cn_number(n) for n in (1, 5, 10, 11, 20, 23)] == ["一", "五", "十", "十一", "二十", "二十三"]
    assert ordinal(3) == "三是"


def test_relative_links_between_generated_pages():
    assert link("aspects/2025-mzsh-1.md", "examples/work-style.md", "x-1") == "../examples/work-style.md#x-1"
    assert link("index.md", "causes.md") == "causes.md"


def test_render_problem_escapes_and_anchors(kb):
    p = Problem(id="t-1", title="<i>甲</i>标题", body="正文<b>x</b>", perspective="个人", roles=("office",),
                source="测试", cases=("比如，<img src=x>",), themes=("work-style",))
    out = html(render_problem(kb, "examples/work-style.md", p))
    assert 'id="t-1"' in out and 'data-kb-id="t-1"' in out and 'data-kb-kind="problem"' in out
    assert "<i>" not in out and "<b>x" not in out and "<img" not in out
    assert "复制示例文本" in out
    assert 'aria-label="复制示例：&lt;i&gt;甲&lt;/i&gt;标题"' in out, "the copy button names its example"


def test_item_urls_come_from_one_function(kb):
    p = kb.problems[0]
    home = library_path(kb.problem_themes(p)[0])
    assert item_path(kb, "problem", p.id) == home
    assert item_url(kb, "problem", p.id) == home[:-3] + "/#" + p.id
    assert item_url(kb, "cause", kb.causes[0].id) == "causes/#" + kb.causes[0].id
    assert html_href("aspects/2025-mzsh-1.md", home, p.id) == "../../" + home[:-3] + "/#" + p.id
    assert html_href("index.md", "causes.md") == "causes/"
    assert page_url("examples/index.md") == "examples/" and page_url("index.md") == ""


def test_large_themes_are_split_into_bounded_library_pages(kb):
    many = tuple(replace(kb.problems[0], id=f"many-{i:04d}", title=f"标题{i}") for i in range(450))
    big = replace(kb, problems=kb.problems + many)
    pages = library_pages(big)
    theme = kb.problem_themes(kb.problems[0])[0]
    assert len(pages[theme]) >= 3 and all(len(g) == LIBRARY_PAGE_SIZE for g in pages[theme][:-1])
    assert all(len(g) <= LIBRARY_PAGE_SIZE for groups in pages.values() for g in groups)
    assert item_path(big, "problem", "many-0449") == library_path(theme, len(pages[theme]))
    rendered = render_pages(big)
    assert library_path(theme, 2) in rendered
    assert rendered[library_path(theme, 2)].count('data-kb-kind="problem"') == 200
    tags = {t for p in big.problems for t in p.tags}
    # the tags page names each tag once, with no example under it: its size follows the tags, not the examples
    assert 'class="kb-entry"' not in rendered["tags.md"]
    assert all(rendered["tags.md"].count(f'id="{anchor("tag", t)}"') == 1 for t in tags)
    assert len(rendered["tags.md"].encode()) < 200 * len(tags) + 2000
    for a in big.aspects:   # aspect pages list at most ASPECT_LIST_MAX compact entries
        assert rendered[aspect_path(a)].count('class="kb-entry"') <= ASPECT_LIST_MAX
        assert 'class="kb-item' not in rendered[aspect_path(a)]


def _placed(kb, **fields):
    """Where one extra example lands: the ids of the aspects whose pages list it."""
    p = Problem(id="t-level", title="测试层级", body="正文", perspective="个人", source="测试",
                **{"roles": ("office",), "themes": ("work-style",), **fields})
    extended = dataclasses.replace(kb, problems=kb.problems + (p,))
    return {a.id for a in extended.aspects if p in extended.problems_for_aspect(a)}


def _kinds(kb, aspect_ids):
    meetings = kb.by_id("meetings")
    return {meetings[kb.by_id("aspects")[a].meeting].kind for a in aspect_ids}


def test_leader_examples_reach_only_democratic_life_meetings(kb):
    placed = _placed(kb)  # level left at its default, 领导班子成员
    assert placed and _kinds(kb, placed) == {"民主生活会"}
    assert placed == _placed(kb, level="领导班子成员")
    assert "2025-mzsh-5" in placed and "2025-zzsh-5" not in placed


def test_middle_and_member_examples_reach_only_organisation_life_meetings(kb):
    for level in ("中层干部", "普通党员"):
        placed = _placed(kb, level=level)
        assert placed and _kinds(kb, placed) == {"组织生活会"}, level
        assert "2025-zzsh-5" in placed and "2025-mzsh-5" not in placed


def test_branch_examples_count_as_ordinary_members(kb):
    placed = _placed(kb, roles=("branch",))
    assert _kinds(kb, placed) == {"组织生活会"}
    p = Problem(id="x", title="x", body="x", perspective="个人", roles=("branch",), source="x")
    assert p.level == "普通党员"
    assert dataclasses.replace(p, level="中层干部").level == "中层干部"
    assert Problem(id="y", title="y", body="y", perspective="个人", roles=("office",), source="y").level == "领导班子成员"
    assert {q.level for q in kb.problems if "branch" in q.roles} <= {"普通党员", "中层干部"}


def test_a_direct_link_places_an_example_whatever_its_level(kb):
    placed = _placed(kb, level="普通党员", aspects=("2024-mzsh-2",))
    assert "2024-mzsh-2" in placed
    assert _kinds(kb, placed - {"2024-mzsh-2"}) == {"组织生活会"}
    leader = _placed(kb, aspects=("2024-zzsh-5",))
    assert "2024-zzsh-5" in leader and "2025-zzsh-5" not in leader


def test_example_labels_show_the_level(kb):
    p = Problem(id="t-2", title="标题", body="正文", perspective="个人", roles=("office",), source="测试",
                themes=("work-style",), level="中层干部")
    out = html(render_problem(kb, "examples/work-style.md", p))
    assert 'class="kb-badge kb-level"' in out and ">中层干部<" in out
    branch = dataclasses.replace(p, level="领导班子成员", roles=("branch",))
    assert ">普通党员<" in html(render_problem(kb, "examples/work-style.md", branch))


def test_thesaurus_page_lists_every_group_and_stays_out_of_search(kb):
    text = render_pages(kb)["thesaurus.md"]
    assert "search:\n  exclude: true" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == len(kb.thesaurus)
    four_winds = next(r for r in rows if r.startswith("| 四风 |"))  # items of a cell are separated by ；
    assert "形式主义；官僚主义；享乐主义；奢靡之风" in four_winds
    assert '"检索词表": "thesaurus.md"' in json.dumps(nav(kb), ensure_ascii=False)


def test_every_page_renders_to_html(kb):
    pages = render_pages(kb)
    assert len(pages) == 15 + len(kb.meetings) + len(kb.aspects) + len(kb.themes) + len(kb.sections) \
        + len(kb.samples) + len(kb.roles) + 2 + sum(g.id != "criticism" for g in kb.guides) + len(kb.forms)
    for path, text in pages.items():
        assert text.strip(), path
        body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        assert html(body).startswith("<h1"), path


def test_nav_titles_carry_no_markup(kb):
    def titles(items):
        for item in items:
            for title, value in item.items():
                yield title
                if isinstance(value, list):
                    yield from titles(value)
    assert all(not set("<>&") & set(t) for t in titles(nav(kb)))


def test_template_numbers_parts_and_repeats_slots(kb):
    meeting = kb.by_id("meetings")["2024-mzsh"]
    text = render_template(kb, meeting, "班子")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0].startswith("一、") and [h.split("、")[0] for h in headings] == \
        ["一", "二", "三", "四", "五"][:len(headings)]
    assert text.count("一是【请填写：") >= len(meeting.aspects)
    assert "需要说明的个人事项" not in text  # 班子 materials have no personal matters
    assert len(template_files(kb)) == 4 * len(kb.meetings)  # .md and .docx for 个人 and 班子


def _visible(text):
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def test_template_text_fits_the_kind_of_material(kb):
    """Perspective and meeting kind substituted; 在……方面 headings; feedback, measures, closing, signature."""
    for m in kb.meetings:
        other = "组织生活会" if m.kind == "民主生活会" else "民主生活会"
        for perspective in ("个人", "班子"):
            blocks = template_blocks(kb, m, perspective)
            text = render_markdown(blocks)
            assert text.startswith("\ufeff")
            assert other not in text, (m.id, perspective)
            assert "党员党员" not in text and "（班子）" not in _visible(text) and "我（" not in text
            h2 = [b.text for b in blocks if b.style == "KbH2"]
            assert h2 == [f"（{cn_number(i)}）{aspect_heading(a)}" for i, a in enumerate(m.aspects, 1)]
            assert all(h.startswith(f"（{cn_number(i)}）在") and h.endswith("方面") for i, h in enumerate(h2, 1))
            measures = [b for b in blocks if b.slot == "measure"]
            problems = [b for b in blocks if b.slot == "problem"]
            assert len(measures) >= len(problems) / 2 and len(measures) >= 4
            assert all("时限" in b.text and "检验标准" in b.text for b in measures)
            assert any("回应" in b.text or "检视" in b.text for b in blocks
                       if b.section == "problems" and b.slot is None and b.style == "KbBody")
            assert blocks[-3].style == "KbClosing" and "批评指正" in blocks[-3].text
            assert [b.style for b in blocks[-2:]] == ["KbSignature", "KbSignature"]
            signature = blocks[-2].text + blocks[-1].text
            assert "日期" in signature and ("姓名" in signature if perspective == "个人" else "单位名称" in signature)
            assert all("篇幅" in b.comment and "经验值" in b.comment and "以通知为准" in b.comment
                       for b in blocks if b.style == "KbH1")
            body = _visible(text)
            if perspective == "班子":
                team = "支委会" if m.kind == "组织生活会" else "班子"
                assert team in body and "本人" not in body.replace("本人的", "")
                assert "中心组" not in body or m.kind == "民主生活会"
            member = perspective == "个人" and m.kind == "组织生活会"
            opening = blocks[2].text
            if member:
                assert "谈心谈话" in opening and "群众" in opening and "征求意见" not in opening
            elif perspective == "个人":
                assert "我" in opening


def test_placeholders_are_runs_of_their_own():
    got = runs("甲【请填写：乙】丙【请填写：丁】", "一是")
    assert [(r.text, r.style) for r in got] == [("一是", None), ("甲", None), ("【请填写：乙】", "KbPlaceholder"),
                                                ("丙", None), ("【请填写：丁】", "KbPlaceholder")]


def test_kb_json_escapes_markup_but_round_trips(kb):
    raw = render_kb_json(kb)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    doc = json.loads(raw)
    assert doc["problems"][0]["title"] == kb.problems[0].title
    assert "loc" not in doc["problems"][0]


def test_contributor_tables_cover_every_code_and_field():
    table = contrib.codes_table()
    assert all(f"`{code}`" in table for code in CODES)
    filled = contrib.fill_markers("<!-- kb:fields:problems -->\n<!-- kb:codes -->")
    assert "`title`" in filled and "`KB001`" in filled and "<!--" not in filled


def test_serve_banner_lists_findings_as_text():
    out = html(contrib.findings_banner("data/problems/x.yaml:3: KB007 有未知字段“<script>”。\n数据检查未通过：共 1 处错误。"))
    assert 'class="admonition failure"' in out
    assert "<li>data/problems/x.yaml:3: KB007" in out and "&lt;script&gt;" in out and "<script>" not in out


def test_templates_handle_any_section_generically(kb):
    """A section added by another data file: numbered heading, its own text, perspective and kind substituted."""
    import dataclasses

    from reviewkb.model import Section

    extra = Section(id="extra-part", name="新增部分", heading="民主生活会新增部分情况", purpose="写什么。",
                    must_include=("要素",), perspectives=("个人", "班子"),
                    template="我（班子）在本次民主生活会（组织生活会）前【请填写：做了什么】。\n第二段【请填写：结果】。")
    meeting = kb.by_id("meetings")["2023-zzsh"]
    meeting = dataclasses.replace(meeting, structure=meeting.structure[:1] + ("extra-part",) + meeting.structure[1:])
    new_kb = dataclasses.replace(kb, sections=kb.sections + (extra,),
                                 meetings=tuple(meeting if m.id == meeting.id else m for m in kb.meetings))
    for perspective, who in (("个人", "我"), ("班子", "支委会")):
        blocks = template_blocks(new_kb, meeting, perspective)
        h1 = [b for b in blocks if b.style == "KbH1"]
        assert h1[0].text == "一、组织生活会新增部分情况" and h1[0].comment and h1[0].section == "extra-part"
        own = [b.text for b in blocks if b.section == "extra-part" and b.style == "KbBody"]
        assert own == [f"{who}在本次组织生活会前【请填写：做了什么】。", "第二段【请填写：结果】。"]
        assert [b.text.split("、")[0] for b in h1] == [cn_number(i) for i in range(1, len(h1) + 1)]
        assert len(h1) == sum(1 for sid in meeting.structure if new_kb.by_id("sections")[sid].heading
                                  and perspective in new_kb.by_id("sections")[sid].perspectives)


def test_sample_problems_stay_in_their_own_year(kb):
    """The 2021 sample speaks of 新冠 and 党史学习教育: its problems reach no later meeting's aspects."""
    sample = {pid for x in kb.samples for g in x.groups for pid in g.problems}
    for a in kb.aspects:
        shown = {p.id for p in kb.problems_for_aspect(a)} & sample
        if a.meeting != "2021-mzsh":
            assert not shown, (a.id, shown)
    assert sample <= {p.id for a in kb.aspects if a.meeting == "2021-mzsh" for p in kb.problems_for_aspect(a)}
