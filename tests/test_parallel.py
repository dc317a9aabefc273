"""Work split across processes: same results as in one process, failures reported, never silently lost."""

from __future__ import annotations

import datetime
import io
import os
import threading
import zipfile

import pytest

from reviewkb import parallel
from reviewkb.model import LEADER
from reviewkb.offline import build_zip
from reviewkb.pages.common import LaterSizes
from reviewkb.parallel import Background, WorkerError, can_fork, pmap
from reviewkb.render import download_paths, render_downloads, render_pages, sizes_of

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
                                reason="forking needs os.fork and two cores")


@pytest.fixture
def two_jobs(monkeypatch):
    """Two processes allowed. Other tests leave an idle server thread in this process, which makes
    can_fork() say no; the threads these tests fork beside are idle, so they are not counted here."""
    monkeypatch.setenv("REVIEWKB_JOBS", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)


@pytest.fixture
def one_job(monkeypatch):
    monkeypatch.setenv("REVIEWKB_JOBS", "1")


def _fail(message):
    raise ValueError(message)


def _die():
    os._exit(3)


def _pids(chunk):
    return [(x, os.getpid()) for x in chunk]


@needs_fork
def test_background_computes_in_another_process(two_jobs):
    assert can_fork()
    job = Background(os.getpid)
    assert job.result() != os.getpid()
    assert job.result() == job.result()   # a second call returns the same value, without waiting again


@needs_fork
def test_a_child_failure_comes_back_with_its_traceback(two_jobs):
    with pytest.raises(WorkerError) as info:
        Background(_fail, "第 3 行有误").result()
    assert "ValueError: 第 3 行有误" in str(info.value) and "_fail" in str(info.value)


@needs_fork
def test_a_child_that_dies_is_reported_not_taken_for_an_empty_result(two_jobs):
    with pytest.raises(WorkerError, match="异常退出"):
        Background(_die).result()


@needs_fork
def test_a_cancelled_child_is_stopped_and_reaped(two_jobs):
    import time
    job = Background(time.sleep, 60)
    pid = job._pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(WorkerError, match="取消"):
        job.result()


def test_one_job_runs_here_and_raises_the_original_error(one_job):
    assert not can_fork()
    assert Background(os.getpid).result() == os.getpid()
    with pytest.raises(ValueError, match="原样"):
        Background(_fail, "原样").result()


@needs_fork
def test_no_fork_while_another_thread_runs(monkeypatch):
    monkeypatch.setenv("REVIEWKB_JOBS", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert Background(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


@needs_fork
@pytest.mark.parametrize("weight", [None, lambda x: (x * 7919) % 97])
def test_pmap_keeps_the_order_and_uses_both_processes(two_jobs, weight):
    items = list(range(101))
    out = pmap(_pids, items, weight=weight)
    assert [x for x, _ in out] == items
    assert len({pid for _, pid in out}) == 2


@needs_fork
def test_pmap_refuses_a_chunk_function_that_loses_items(two_jobs):
    with pytest.raises(ValueError, match="returned"):
        pmap(lambda chunk: chunk[:-1], list(range(10)))


@needs_fork
def test_the_offline_zip_is_the_same_however_many_processes_pack_it(monkeypatch):
    files = {f"p{i}/index.html": f'<html lang="zh"><a href="../p{i + 1}/">下一页</a>{"正文" * i}</html>'.encode()
             for i in range(40)} | {"assets/a.js": bytes(range(256)) * 50}
    day = datetime.date(2026, 11, 28)
    monkeypatch.setenv("REVIEWKB_JOBS", "1")
    one = build_zip(files, day)
    monkeypatch.setenv("REVIEWKB_JOBS", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert can_fork()
    assert build_zip(files, day) == one
    archive = zipfile.ZipFile(io.BytesIO(one))
    assert archive.testzip() is None
    folder = "对照检查材料写作指南-离线版-20261128/"
    assert archive.read(folder + "p3/index.html").decode() == (
        '<html data-kb-offline="1" lang="zh"><a href="../p4/index.html">下一页</a>正文正文正文</html>')
    assert all(info.flag_bits & 0x800 for info in archive.infolist())   # names are marked as UTF-8
    assert archive.getinfo(folder + "assets/a.js").date_time == (2026, 11, 28, 0, 0, 0)


def test_download_paths_are_exactly_the_rendered_downloads(kb):
    assert download_paths(kb) == list(render_downloads(kb))


def test_pages_with_later_sizes_match_pages_with_known_sizes(kb):
    later = LaterSizes()
    marked = render_pages(kb, later)
    sizes = sizes_of(render_downloads(kb))
    known = render_pages(kb, sizes)
    assert later.paths, "no page showed a download size"
    for path, text in known.items():
        assert later.fill(marked[path], sizes) == text, path
    with pytest.raises(KeyError):
        later.fill(marked["downloads/index.md"], {})


def test_examples_under_an_aspect_follow_the_documented_rule(kb):
    """The indexed lookup gives what the rule in problems_for_aspect's docstring says, in data order."""
    dated = {pid: x.meeting for x in kb.samples for g in x.groups for pid in g.problems}
    meetings = kb.by_id("meetings")
    for a in kb.aspects:
        leaders = meetings[a.meeting].kind == "民主生活会"
        expected = tuple(p for p in kb.problems if a.id in p.aspects
                         or (set(a.themes) & set(p.themes) and (p.level == LEADER) == leaders
                             and dated.get(p.id, a.meeting) == a.meeting))
        assert kb.problems_for_aspect(a) == expected, a.id


def test_jobs_reads_the_setting(monkeypatch):
    monkeypatch.setenv("REVIEWKB_JOBS", "3")
    assert parallel.jobs() == 3
    monkeypatch.setenv("REVIEWKB_JOBS", "很多")
    assert parallel.jobs() >= 1


def test_the_site_is_the_same_built_in_one_process(built_site, tmp_path):
    """The suite's build forks (downloads, search index, data parsing, offline zip); one built with
    REVIEWKB_JOBS=1 does everything in one process. Every file is the same, byte for byte."""
    from conftest import ROOT, mkdocs_build

    site, _ = built_site
    single = tmp_path / "single"
    result = mkdocs_build(ROOT, single, REVIEWKB_JOBS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(single).as_posix() for p in single.rglob("*") if p.is_file()}
    assert ours == theirs
    differ = [rel for rel in sorted(ours) if (site / rel).read_bytes() != (single / rel).read_bytes()]
    assert not differ, differ[:10]
