"""Command line: `python -m reviewkb check [DATA_DIR]` validates the data without building."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import KBError
from .load import load
from .schema import KINDS, json_schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reviewkb", description="对照检查材料写作指南：数据工具")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查 data/ 下的全部数据（不构建站点）")
    check.add_argument("data_dir", nargs="?", default="data")
    schema = sub.add_parser("schema", help="生成各类数据的 JSON Schema")
    schema.add_argument("out_dir", nargs="?", default="schemas")
    args = parser.parse_args(argv)

    if args.command == "check":
        try:
            kb = load(args.data_dir)
        except KBError as exc:
            print(exc, file=sys.stderr)
            return 1
        counts = "，".join(f"{kind} {len(getattr(kb, kind))}" for kind in KINDS)
        print(f"数据检查通过：{counts}，检视重点 {len(kb.aspects)}。")
        return 0
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
        (out / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    print(f"已生成 {len(KINDS)} 个 JSON Schema 到 {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
