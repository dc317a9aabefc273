"""MkDocs adapter: the only code that knows about MkDocs. All logic lives in the reviewkb package."""

from __future__ import annotations

import datetime
import logging
import os
import sys
import types

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reviewkb import contrib  # noqa: E402
from reviewkb.assets import render_assets  # noqa: E402
from reviewkb.bundle import BundleError, bundle  # noqa: E402
from reviewkb.csp import add_csp  # noqa: E402
from reviewkb.offline import OFFLINE_PATH, build_zip, offline_link  # noqa: E402
from reviewkb.errors import KBError  # noqa: E402
from reviewkb.load import load  # noqa: E402
from reviewkb.parallel import Background, WorkerError  # noqa: E402
from reviewkb.render import LaterSizes, download_paths, nav, render_pages, sizes_of  # noqa: E402
from reviewkb.site import KB_JSON, share_tables, slow_files  # noqa: E402
from reviewkb.text import stash, unstash  # noqa: E402

log = logging.getLogger("mkdocs.hooks.reviewkb")
# MkDocs re-imports this file on every rebuild under `serve`; what must outlive a rebuild
# (the command and the last valid knowledge base) is kept in a module of its own.
_state = sys.modules.setdefault("_reviewkb_mkdocs_state", types.ModuleType("_reviewkb_mkdocs_state"))


class _Download(File):
    """A generated file (Markdown or .docx) that is served as a download, not rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False


def on_startup(command, dirty):
    _state.command = command


def on_config(config):
    """Validate all data before anything is written; fail the build with every finding.

    Under `serve`, a rebuild with bad data reports every finding and keeps serving the last
    valid data instead of stopping the server.
    """
    data_dir = os.path.join(os.path.dirname(config.config_file_path), "data")
    try:
        _state.kb = load(data_dir)
        _state.report = None
    except KBError as exc:
        if getattr(_state, "command", None) != "serve" or getattr(_state, "kb", None) is None:
            raise PluginError(f"\n{exc}") from None
        log.error("数据有误，站点继续显示上一次检查通过的数据。改正后保存即可自动更新：\n%s", exc)
        _state.report = str(exc)
    config.nav = nav(_state.kb)
    # Downloads, search index and kb.json are made beside the pages (on another core when there is
    # one) and written in on_env; pages get their download sizes in on_post_page.
    share_tables(_state.kb)
    _state.slow = Background(slow_files, _state.kb, lambda p: _url_of(config, p))
    _state.sizes = LaterSizes()
    return config


def on_files(files, config):
    for path, text in render_pages(_state.kb, _state.sizes).items():
        files.append(File.generated(config, path, content=text))
    for path in download_paths(_state.kb) + [KB_JSON]:  # present now so links resolve; content in on_env
        download = _Download(path, src_dir=None, dest_dir=config.site_dir,
                             use_directory_urls=config.use_directory_urls, dest_uri=path)
        download.generated_by = "reviewkb"
        download._content = b""
        files.append(download)
    root = os.path.dirname(config.config_file_path)
    for path, content in render_assets(_state.kb, lambda p: _url_of(config, p)).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "assets/kb.bundle.js", content=_bundle(root)))
    for dest, src in VENDOR.items():
        files.append(File.generated(config, dest, content=_read_vendor(root, src)))
    return files


# The styled empty .docx the draft export writes into (emitted by the core with the templates).
# Front-end libraries from npm (package.json / package-lock.json, installed by `npm ci`): site path -> file.
VENDOR = {"assets/vendor/fflate.js": "node_modules/fflate/umd/index.js"}


def _read_vendor(root: str, src: str) -> bytes:
    path = os.path.join(root, src)
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        raise PluginError(f"缺少前端依赖 {src}：请先运行 `npm ci`（make serve / make test 会自动运行）。") from None


def _bundle(root: str) -> str:
    js_dir = os.path.join(root, "docs", "assets", "js")
    sources = {}
    for name in sorted(os.listdir(js_dir)):
        if name.endswith(".js"):
            with open(os.path.join(js_dir, name), encoding="utf-8") as fh:
                sources[name] = fh.read()
    try:
        return bundle(sources)
    except BundleError as exc:
        raise PluginError(str(exc)) from None


def _url_of(config, docs_path: str) -> str:
    """Site-root-relative URL of a generated page, as MkDocs will lay it out."""
    stem = docs_path[:-3] if docs_path.endswith(".md") else docs_path
    if not config.use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


OFFLINE_MARKER = "<!-- kb:offline-link -->"


def on_post_build(config):
    """Pack the finished site as the offline copy (file://), served at downloads/offline.zip."""
    site = config.site_dir
    files = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            with open(path, "rb") as fh:
                files[rel] = fh.read()
    target = os.path.join(site, OFFLINE_PATH)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target + ".part", "wb") as fh:
        fh.write(build_zip(files, datetime.date.today()))
    os.replace(target + ".part", target)


def on_env(env, config, files):
    """Collect the downloads, search index and kb.json; MkDocs writes them right after this event."""
    try:
        made = _state.slow.result()
    except WorkerError as exc:
        raise PluginError(f"生成下载文件、检索索引和 kb.json 时出错：\n{exc}") from None
    _state.made_sizes = sizes_of(made)
    for path, content in made.items():
        file = files.get_file_from_path(path)
        if file is None:
            files.append(File.generated(config, path, content=content))
        else:
            file._content = content.encode("utf-8") if isinstance(content, str) else content
    return env


def on_build_error(error):
    """A failed build leaves no background process behind."""
    slow = getattr(_state, "slow", None)
    if slow is not None:
        slow.cancel()


def on_post_page(output, page, config):
    return add_csp(_state.sizes.fill(output, _state.made_sizes))


def on_post_template(output_content, template_name, config):
    return add_csp(output_content) if template_name.endswith(".html") else output_content


def on_page_markdown(markdown, page, config, files):
    markdown = contrib.fill_markers(markdown)
    if OFFLINE_MARKER in markdown:
        link = offline_link(os.path.dirname(page.file.src_uri), datetime.date.today())
        markdown = markdown.replace(OFFLINE_MARKER, link)
    if getattr(_state, "report", None):
        markdown = contrib.findings_banner(_state.report) + markdown
    # Long raw-HTML lists skip python-markdown's HTML parser; on_page_content puts them back.
    markdown, blocks = stash(markdown)
    _state.raw_blocks = getattr(_state, "raw_blocks", {})
    _state.raw_blocks[page.file.src_uri] = blocks
    return markdown


def on_page_content(html, page, config, files):
    return unstash(html, getattr(_state, "raw_blocks", {}).pop(page.file.src_uri, []))
