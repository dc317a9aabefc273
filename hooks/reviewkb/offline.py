"""The offline copy: the built site as one zip that works by double-clicking index.html (file://).

Opened from a folder, a link to ``aspects/2025-mzsh-1/`` shows a folder listing instead of the page,
so every relative link to a folder gets ``index.html``. The copy leaves out what only a server can
use (the zip itself, sitemaps) and says in each page that it is the offline copy. Pure functions:
files in, bytes out.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

# A relative URL in href/src: no scheme, not protocol-relative, not site-absolute, not a bare fragment.
LINK_RE = re.compile(r'(?P<attr>\b(?:href|src))=(?P<q>["\'])(?P<url>(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)[^"\']*)(?P=q)')
# Only a server uses these (404.html links from the site root, which a folder does not have).
SKIP = ("sitemap.xml", "sitemap.xml.gz", "404.html")
OFFLINE_PATH = "downloads/offline.zip"
OFFLINE_MARK = 'data-kb-offline="1"'


def offline_link(src_dir: str, day: date) -> str:
    """Markdown for the download link of the offline copy, from a page in `src_dir` of the docs."""
    depth = len([p for p in src_dir.split("/") if p])
    href = "../" * depth + OFFLINE_PATH
    # Raw HTML: the zip is written after the pages, so a Markdown link would not resolve at build time.
    return (f'<a class="kb-offline-download md-button" href="{href}" download="{zip_name(day)}">下载离线版（zip）</a>'
            '<span class="kb-offline-note">您正在使用离线版：本文件夹可复制到任何电脑，双击 index.html 打开。</span>')


def zip_name(day: date) -> str:
    """The Chinese file name a user sees, e.g. 对照检查材料写作指南-离线版-20261128.zip."""
    return f"对照检查材料写作指南-离线版-{day:%Y%m%d}.zip"


def _folder_link(url: str) -> str:
    """`../x/#a` -> `../x/index.html#a`; links to files are left alone."""
    path, sep, rest = url.partition("#")
    path, qsep, query = path.partition("?")
    if path.rpartition("/")[2] in (".", ".."):      # "..", "../..": the logo link two folders down
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + qsep + query + sep + rest


def offline_html(html: str) -> str:
    """Rewrite one page for file://: folder links get index.html; the page is marked as offline."""
    def fix(m: re.Match) -> str:
        return f'{m.group("attr")}={m.group("q")}{_folder_link(m.group("url"))}{m.group("q")}'

    out = LINK_RE.sub(fix, html)
    return out.replace("<html ", f"<html {OFFLINE_MARK} ", 1)


def build_zip(files: dict[str, bytes], day: date) -> bytes:
    """Zip of the site for file:// use. `files`: site-relative path -> content (the zip excluded)."""
    folder = zip_name(day).removesuffix(".zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in sorted(files):
            if path in SKIP or path == OFFLINE_PATH:
                continue
            data = files[path]
            if path.endswith(".html"):
                data = offline_html(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits |= 0x800          # names are UTF-8 (Windows' unzip shows Chinese names right)
            zf.writestr(info, data)
        readme = ("离线版使用说明\n\n"
                  "1. 把整个文件夹解压到本机任意位置（不要只解压其中几个文件）。\n"
                  "2. 双击文件夹里的 index.html，用浏览器打开即可使用，不需要联网，也不需要安装任何软件。\n"
                  "3. “我的草稿”保存在本机浏览器中；清除浏览器数据会清除草稿，请随时用“导出备份”保存一份备份文件。\n")
        info = zipfile.ZipInfo(f"{folder}/使用说明.txt", date_time=(day.year, day.month, day.day, 0, 0, 0))
        info.flag_bits |= 0x800
        zf.writestr(info, ("\ufeff" + readme.replace("\n", "\r\n")).encode("utf-8"))
    return buf.getvalue()
