"""MkDocs adapter: the only code that knows about MkDocs. All logic lives in the reviewkb package."""

from __future__ import annotations

import logging
import os
import sys
import types

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reviewkb import contrib  # noqa: E402
from reviewkb.errors import KBError  # noqa: E402
from reviewkb.export import render_kb_json  # noqa: E402
from reviewkb.load import load  # noqa: E402
from reviewkb.render import nav, render_downloads, render_pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.reviewkb")
# MkDocs re-imports this file on every rebuild under `serve`; what must outlive a rebuild
# (the command and the last valid knowledge base) is kept in a module of its own.
_state = sys.modules.setdefault("_reviewkb_mkdocs_state", types.ModuleType("_reviewkb_mkdocs_state"))


class _Download(File):
    """A generated Markdown file that is served as a download, not rendered as a page."""

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
    return config


def on_files(files, config):
    for path, text in render_pages(_state.kb).items():
        files.append(File.generated(config, path, content=text))
    for path, text in render_downloads(_state.kb).items():
        download = _Download(path, src_dir=None, dest_dir=config.site_dir,
                             use_directory_urls=config.use_directory_urls, dest_uri=path)
        download.generated_by = "reviewkb"
        download._content = text.encode("utf-8")
        files.append(download)
    files.append(File.generated(config, "kb.json", content=render_kb_json(_state.kb)))
    return files


def on_page_markdown(markdown, page, config, files):
    markdown = contrib.fill_markers(markdown)
    if getattr(_state, "report", None):
        markdown = contrib.findings_banner(_state.report) + markdown
    return markdown
