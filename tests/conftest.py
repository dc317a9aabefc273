"""Shared fixtures: the real data, one real strict build, a local server and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from reviewkb.load import load  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def kb():
    return load(ROOT / "data")


def mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict` of `project` into `site_dir` (extra environment in env_vars)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(project / "hooks"),
               **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project, timeout=300)


def copy_project(dest: Path, data: bool = True) -> Path:
    """A throw-away copy of the project (config, docs, hooks and optionally data)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("docs", "hooks") + (("data",) if data else ()):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "node_modules").symlink_to(ROOT / "node_modules")   # front-end libraries, read by the build
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once with --strict; yields (site_dir, build output)."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


def libreoffice_pdf(src: Path, out: Path) -> Path:
    """`src` (.docx) converted to PDF in `out` by Debian's LibreOffice, with a profile of its own so that
    other runs do not interfere. Fails the test with LibreOffice's message when the conversion fails."""
    assert shutil.which("soffice"), "需要 LibreOffice：make test 会在 root 下自动安装"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                           "--outdir", str(out), str(src)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = out / (src.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, done.stdout + done.stderr
    return pdf


def unpack_offline(site: Path, dest: Path) -> Path:
    """Unzip the built offline copy into dest; return its one top folder (where index.html is)."""
    import zipfile
    with zipfile.ZipFile(site / "downloads/offline.zip") as zf:
        zf.extractall(dest)
    (root,) = [p for p in dest.iterdir() if p.is_dir()]
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """Serve the built site on 127.0.0.1 (a free port) for the browser tests."""
    site, _ = built_site
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "需要 Debian 的 chromium：make test 会在 root 下自动安装"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request it makes."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []
    context.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()
