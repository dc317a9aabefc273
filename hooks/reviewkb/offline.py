"""The offline copy: the built site as one zip that works by double-clicking index.html (file://).

Opened from a folder, a link to ``aspects/2025-mzsh-1/`` shows a folder listing instead of the page,
so every relative link to a folder gets ``index.html``. The copy leaves out what only a server can
use (the zip itself, sitemaps) and says in each page that it is the offline copy. Pure functions:
files in, bytes out.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import date

from .parallel import pmap

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
    """Zip of the site for file:// use. `files`: site-relative path -> content (the zip excluded).

    Pages are rewritten and every entry is deflated in chunks beside each other (parallel.pmap); the
    archive is then laid out by `_zip` in sorted order, so the bytes do not depend on how many cores
    did the work.
    """
    folder = zip_name(day).removesuffix(".zip")
    names = [path for path in sorted(files) if path not in SKIP and path != OFFLINE_PATH]

    def pack(chunk: list[str]) -> list[tuple[str, int, int, bytes]]:
        out = []
        for path in chunk:
            data = files[path]
            if path.endswith(".html"):
                data = offline_html(data.decode("utf-8")).encode("utf-8")
            out.append(_deflate(f"{folder}/{path}", data))
        return out

    readme = ("离线版使用说明\n\n"
              "1. 把整个文件夹解压到本机任意位置（不要只解压其中几个文件）。\n"
              "2. 双击文件夹里的 index.html，用浏览器打开即可使用，不需要联网，也不需要安装任何软件。\n"
              "3. “我的草稿”保存在本机浏览器中；清除浏览器数据会清除草稿，请随时用“导出备份”保存一份备份文件。\n")
    # a page costs about three times its size in bytes of other files (the links are rewritten first)
    entries = pmap(pack, names, weight=lambda path: len(files[path]) * (3 if path.endswith(".html") else 1))
    entries.append(_deflate(f"{folder}/使用说明.txt", ("\ufeff" + readme.replace("\n", "\r\n")).encode("utf-8")))
    return _zip(entries, day)


def _deflate(name: str, data: bytes) -> tuple[str, int, int, bytes]:
    """(name, crc32, size, raw deflate at level 1): one entry, ready to be laid out."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush()


def _zip(entries: list[tuple[str, int, int, bytes]], day: date) -> bytes:
    """A zip archive (PKWARE APPNOTE 4.3) of deflated entries with UTF-8 names; ZIP64 is not needed
    below 65,535 entries and 4 GB, and is refused beyond rather than written wrong."""
    if len(entries) >= 0xFFFF or sum(len(e[3]) + len(e[0].encode()) + 100 for e in entries) >= 0xFFFFFFFF \
            or any(size >= 0xFFFFFFFF for _, _, size, _ in entries):
        raise ValueError("离线版过大（超过 65535 个文件或 4 GB），无法打包为普通 zip。")
    dos_date = ((day.year - 1980) << 9) | (day.month << 5) | day.day
    # version needed 2.0 (deflate), flag 0x800 = UTF-8 names, method 8 = deflate, time 00:00
    head = struct.Struct("<HHHHHIII")
    out = io.BytesIO()
    central = []
    for name, crc, size, packed in entries:
        raw = name.encode("utf-8")
        fields = head.pack(20, 0x800, 8, 0, dos_date, crc, len(packed), size)
        # made by 3.0 on Unix with mode rw-r--r--: unzip then takes the names as UTF-8, not as an OEM code page
        central.append(b"PK\x01\x02" + struct.pack("<H", (3 << 8) | 20) + fields
                       + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0o100644 << 16, out.tell()) + raw)
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(raw), 0) + raw + packed)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), start, 0))
    return out.getvalue()
