"""Benchmarks (not tests): data check, large inputs, and a full strict build. Prints numbers only."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from reviewkb.errors import KBError  # noqa: E402
from reviewkb.load import check_file, load  # noqa: E402
from reviewkb.render import render_downloads, render_pages  # noqa: E402


def timed(label: str, fn, repeat: int = 1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best:8.3f} s")
    return result


def entry(i: int, body: str) -> str:
    return (f"  - id: bench-{i:05d}\n    title: 基准测试示例标题第{i}条\n    body: {body}\n"
            f"    cases:\n      - 比如，第{i}个事例。\n    themes: [work-style]\n    perspective: 个人\n"
            f"    roles: [office]\n    source: 基准测试\n")


def main() -> None:
    kb = timed("load + validate real data (best of 3)", lambda: load(ROOT / "data"), repeat=3)
    print(f"  problems {len(kb.problems)}, aspects {len(kb.aspects)}, causes {len(kb.causes)}, measures {len(kb.measures)}")
    pages = timed("render all pages (pure functions)", lambda: render_pages(kb))
    timed("render all templates", lambda: render_downloads(kb))
    print(f"  pages {len(pages)}, markdown {sum(len(p) for p in pages.values()) / 1e6:.1f} M characters")

    big_body = "这是一段用于测试的长正文。" * (1_000_000 // 39 + 1)  # 39 bytes of UTF-8 each
    raw = ("problems:\n" + entry(1, big_body)).encode("utf-8")
    timed(f"check one file with a {len(raw) / 1e6:.1f} MB body", lambda: check_file("problems", raw, "big.yaml"))
    many = ("problems:\n" + "".join(entry(i, f"正文第{i}条。") for i in range(5000))).encode("utf-8")
    timed(f"check one file with 5,000 examples ({len(many) / 1e6:.1f} MB)",
          lambda: check_file("problems", many, "many.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        (data / "problems" / "many.yaml").write_bytes(many)
        kb_many = timed("load + validate real data + 5,000 examples", lambda: load(data))
        print(f"  problems {len(kb_many.problems)}")
        (data / "problems" / "many.yaml").write_bytes(many.replace(b"perspective: \xe4\xb8\xaa\xe4\xba\xba", b"perspective: x"))
        start = time.perf_counter()
        try:
            load(data)
        except KBError as exc:
            print(f"{'same, every one of them invalid':<48} {time.perf_counter() - start:8.3f} s")
            print(f"  findings reported: {len(exc.findings)}")

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       check=True, capture_output=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        print(f"{'mkdocs build --strict (real site)':<48} {time.perf_counter() - start:8.3f} s")
        files = [f for f in site.rglob("*") if f.is_file()]
        size = sum(f.stat().st_size for f in files)
        index = (site / "search" / "search_index.json").stat().st_size
        print(f"  site: {len(files)} files, {size / 1e6:.1f} MB; search index {index / 1e6:.2f} MB; "
              f"kb.json {(site / 'kb.json').stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
