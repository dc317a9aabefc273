"""Benchmark (not a test; `make bench`): this project against plain MkDocs + Material on the same examples.

For today's data and for synthetic knowledge bases of 1,000, 3,000 and 10,000 examples, in one run:
build time (median of 3 runs), the ratio to a plain MkDocs + Material site holding the
same examples as Markdown (search plugin on, Chinese segmented by jieba as Material documents; the
same build without jieba is shown beside it), site size, largest page, search index size, and the time
to the first search result after opening a page in headless Chromium (median of the queries below)
with the bytes the first query transferred. Prints a Markdown table; exits non-zero when a target is
missed (build ≤ 1.3× plain at 10,000; first result ≤ 0.3 s today and ≤ 0.5 s at 10,000 with ≤ 1 MB).

    python tests/bench.py [--sizes 1000,3000,10000] [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import http.server
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from reviewkb.load import load  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = ["政治判断力存有偏差", "理论学习转化效果不彻底", "轻党务重行政", "以文件落实文件", "调研走马观花",
           "为群众办实事", "国企 投资决策", "形式主义", "一岗双责落实不到位", "好人主义", "信访积案", "意识形态"]
# Parts of real titles that synthetic titles are built from: varied text, unique titles.
VARIANTS = ["在【某项工作】中", "在推进重点任务时", "在日常管理中", "在分管领域", "在基层一线", "在专项整治中",
            "在年度考核中", "在服务群众时", "在项目建设中", "在制度执行中"]
THEME_PAGE = 200


def synthetic_problems(kb, count: int) -> list[dict]:
    """`count` examples made from the real ones: same fields, a varied title and a new id."""
    out = []
    real = kb.problems
    for i in range(count):
        p = real[i % len(real)]
        v = VARIANTS[(i // len(real)) % len(VARIANTS)]
        entry = {"id": f"syn-{i:05d}", "title": f"{v}{p.title}（第{i + 1}例）", "body": p.body, "cases": list(p.cases),
                 "themes": list(kb.problem_themes(p)), "perspective": p.perspective, "roles": list(p.roles),
                 "level": p.level, "tags": list(p.tags), "source": "基准测试合成示例"}
        if not entry["cases"]:
            del entry["cases"]
        if not entry["tags"]:
            del entry["tags"]
        out.append(entry)
    return out


def project_copy(dest: Path, extra: list[dict]) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "hooks", "data"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    if extra:
        for n in range(0, len(extra), 1000):
            (dest / "data" / "problems" / f"zz-bench-{n // 1000:02d}.yaml").write_text(
                yaml.safe_dump({"problems": extra[n:n + 1000]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def plain_copy(dest: Path, kb, extra: list[dict]) -> Path:
    """Plain MkDocs + Material: every example as Markdown, one page per 200 examples of a theme."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    items = [{"id": p.id, "title": p.title, "body": p.body, "cases": list(p.cases), "themes": list(kb.problem_themes(p)),
              "perspective": p.perspective, "roles": list(p.roles)} for p in kb.problems] + extra
    by_theme: dict[str, list] = {}
    for it in items:
        by_theme.setdefault(it["themes"][0], []).append(it)
    names = {t.id: t.name for t in kb.themes}
    index = ["# 示例库", ""]
    for theme, group in by_theme.items():
        for n in range(0, len(group), THEME_PAGE):
            name = f"{theme}-{n // THEME_PAGE + 1}.md"
            index.append(f"- [{names[theme]}（{n // THEME_PAGE + 1}）]({name})")
            lines = [f"# {names[theme]}（{n // THEME_PAGE + 1}）", ""]
            for it in group[n:n + THEME_PAGE]:
                lines += [f"## {it['title']} {{ #{it['id']} }}", "", f"{it['perspective']} · {'、'.join(it['roles'])}", "",
                          it["body"], ""] + [c + "\n" for c in it.get("cases", [])]
            (docs / name).write_text("\n".join(lines), encoding="utf-8")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: 对照检查材料（对照组）\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n",
        encoding="utf-8")
    return dest


# Runs MkDocs as if jieba were not installed (Material then indexes Chinese without segmenting it).
WITHOUT_JIEBA = "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; cli()"


def build(project: Path, site: Path, jieba: bool = True) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"), PYTHONDONTWRITEBYTECODE="1")
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    command = ["-m", "mkdocs"] if jieba else ["-c", WITHOUT_JIEBA]
    result = subprocess.run([sys.executable, *command, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=project)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build of {project} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed


def site_stats(site: Path) -> dict:
    files = [f for f in site.rglob("*") if f.is_file()]
    pages = [f for f in files if f.suffix == ".html"]
    largest = max(pages, key=lambda f: f.stat().st_size)
    index = [f for f in files if f.parent.name == "search" and f.name == "search_index.json"] \
        + [f for f in files if "assets/search/" in f.as_posix()]
    aspects = [f.stat().st_size for f in pages if f.parent.parent.name == "aspects"]
    return {"size": sum(f.stat().st_size for f in files), "largest": largest.stat().st_size,
            "largest_aspect": max(aspects, default=0),
            "largest_name": largest.relative_to(site).parent.as_posix(), "index": sum(f.stat().st_size for f in index)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def first_results(browser, site: Path, own: bool, start_page: str) -> tuple[float, int, list[str]]:
    """Median seconds from typing a query (on a freshly opened page) to the first result, and median bytes
    of the search files that query loaded; also any request that left 127.0.0.1."""
    server, url = serve(site)
    times, sizes, outside = [], [], []
    try:
        for q in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            requested: list[str] = []
            context.on("request", lambda r: requested.append(r.url))
            page.goto(url + start_page, wait_until="load")
            if own:
                box = page.locator(".kb-search-input")
                hit = ".kb-search-results a"
            else:
                page.locator(".md-search__input").click()
                box = page.locator(".md-search__input")
                hit = ".md-search-result__item"
            start = time.perf_counter()
            box.fill(q)
            if not own:
                box.press("End")
            page.locator(hit).first.wait_for(timeout=60000)
            times.append(time.perf_counter() - start)
            search_files = [u for u in requested if "/search/" in u]
            sizes.append(sum((site / unquote(urlparse(u).path).lstrip("/")).stat().st_size
                             for u in set(search_files) if (site / unquote(urlparse(u).path).lstrip("/")).is_file()))
            outside += [u for u in requested if urlparse(u).netloc not in (urlparse(url).netloc, "")]
            context.close()
    finally:
        server.shutdown()
    return statistics.median(times), int(statistics.median(sizes)), outside


def profile_build(project: Path, site: Path) -> str:
    """Where the time of one build goes (cProfile, in-process)."""
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        prof = cProfile.Profile()
        prof.enable()
        mk_build(config)
        prof.disable()
    finally:
        os.chdir(cwd)
    stats = pstats.Stats(prof)

    def cum(file_part: str, func: str) -> float:
        return max((v[3] for k, v in stats.stats.items() if file_part in k[0] and k[2] == func), default=0.0)
    total = cum("mkdocs/commands/build.py", "build") or 1.0
    phases = {
        "load + validate data (on_config)": cum("mkdocs_hooks.py", "on_config"),
        "generate pages, data, index (on_files)": cum("mkdocs_hooks.py", "on_files"),
        "  of which the search index": cum("reviewkb/search.py", "render_search_assets"),
        "  of which page Markdown (render_pages)": cum("reviewkb/render.py", "render_pages"),
        "python-markdown (all pages)": cum("markdown/core.py", "convert"),
        "Material templates (Jinja)": cum("mkdocs/commands/build.py", "_build_page"),
        "after the build (offline zip …)": cum("mkdocs_hooks.py", "on_post_build"),
    }
    out = io.StringIO()
    for label, t in phases.items():
        out.write(f"  {label:<42} {t / total:5.0%}\n")
    return out.getvalue()


def fmt_mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    kb = load(ROOT / "data")
    sizes = [0] + [int(s) for s in args.sizes.split(",") if s]
    rows, failures = [], []
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for size in sizes:
            extra = synthetic_problems(kb, max(0, size - len(kb.problems))) if size else []
            total = len(kb.problems) + len(extra)
            base = Path(tmp) / f"n{total}"
            ours = project_copy(base / "ours", extra)
            plain = plain_copy(base / "plain", kb, extra)
            runs = args.runs
            t_ours = statistics.median(build(ours, base / "site-ours") for _ in range(runs))
            t_plain = statistics.median(build(plain, base / "site-plain") for _ in range(runs))
            t_bare = statistics.median(build(plain, base / "site-bare", jieba=False) for _ in range(runs))
            shutil.rmtree(base / "site-bare")
            s_ours, s_plain = site_stats(base / "site-ours"), site_stats(base / "site-plain")
            q_ours, b_ours, out_ours = first_results(browser, base / "site-ours", True, "/examples/work-style/")
            q_plain, b_plain, _ = first_results(browser, base / "site-plain", False, "/")
            rows.append((total, runs, t_ours, t_plain, s_ours, s_plain, q_ours, b_ours, q_plain, b_plain, t_bare))
            print(f"  measured {total} examples: build {t_ours:.1f} s vs {t_plain:.1f} s ({t_bare:.1f} s without jieba); first result "
                  f"{q_ours:.2f} s ({fmt_mb(b_ours)}) vs {q_plain:.2f} s ({fmt_mb(b_plain)})", flush=True)
            if out_ours:
                failures.append(f"{total}: requests left 127.0.0.1: {out_ours[:3]}")
            if size == 0 and q_ours > 0.3:
                failures.append(f"today: first result {q_ours:.2f} s > 0.3 s")
            if s_ours["largest_aspect"] > 300_000:
                failures.append(f"{total}: an aspect page has {fmt_mb(s_ours['largest_aspect'])} (target < 300 KB)")
            if total >= 10000:
                if t_ours > 1.3 * t_plain:
                    failures.append(f"{total}: build {t_ours / t_plain:.2f}× plain > 1.3×")
                if q_ours > 0.5 or b_ours > 1_000_000:
                    failures.append(f"{total}: first result {q_ours:.2f} s / {fmt_mb(b_ours)} (target ≤ 0.5 s, ≤ 1 MB)")
            if args.profile and size == sizes[-1]:
                print(profile_build(ours, base / "site-profile"))
            shutil.rmtree(base)
        browser.close()
    print()
    import importlib.util
    if importlib.util.find_spec("jieba") is None:
        print("\n注意：未安装 jieba（`make bench` 会安装），“普通站点”一列与“不用 jieba”一列相同。")
    print()
    print("| examples | build: this project (median of runs) | plain MkDocs + Material | ratio | plain without jieba (ratio) "
          "| site size (ours / plain) "
          "| largest page (ours / plain) | search index (ours / plain) | first result, cold (ours / plain) "
          "| transferred for the first query (ours / plain) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for total, runs, t_o, t_p, s_o, s_p, q_o, b_o, q_p, b_p, t_b in rows:
        print(f"| {total:,}{' (today)' if total == len(kb.problems) else ''} | {t_o:.1f} s ({runs}) | {t_p:.1f} s | "
              f"{t_o / t_p:.2f}× | {t_b:.1f} s ({t_o / t_b:.2f}×) | {fmt_mb(s_o['size'])} / {fmt_mb(s_p['size'])} | "
              f"{fmt_mb(s_o['largest'])} (`{s_o['largest_name']}`) / {fmt_mb(s_p['largest'])} | "
              f"{fmt_mb(s_o['index'])} / {fmt_mb(s_p['index'])} | {q_o:.2f} s / {q_p:.2f} s | {fmt_mb(b_o)} / {fmt_mb(b_p)} |")
    print("\nlargest aspect page (ours): " + ", ".join(f"{r[0]:,}: {fmt_mb(r[4]['largest_aspect'])}" for r in rows))
    print(f"queries: {', '.join(QUERIES)}")
    if failures:
        print("\n目标未达到：\n" + "\n".join(failures))
        return 1
    print("\n全部目标达到。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
