"""Script infrastructure: the module bundle, data shards shared with JS, and the CSP on every page."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT
from reviewkb.assets import item_shard, render_assets, shard_count
from reviewkb.bundle import BundleError, bundle
from reviewkb.csp import add_csp, inline_script_hashes


def _node(code: str) -> str:
    return subprocess.run(["node", "--input-type=module", "-e", code], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=60).stdout


def test_bundle_runs_modules_in_dependency_order():
    script = bundle({
        "b.js": 'import { one as uno } from "./a.js";\nexport const two = uno + 1;\nexport { two as deux };\n',
        "a.js": "export const one = 1;\n",
        "c.js": 'import { two, deux } from "./b.js";\nglobalThis.result = [two, deux];\n',
    })
    out = _node(script + "\nconsole.log(JSON.stringify(globalThis.result));")
    assert json.loads(out) == [2, 2]


@pytest.mark.parametrize("modules, message", [
    ({"a.js": 'import x from "./b.js";\n', "b.js": ""}, "a.js:1"),
    ({"a.js": "export default 1;\n"}, "a.js:1"),
    ({"a.js": 'import { x } from "./missing.js";\n'}, "missing.js"),
    ({"a.js": 'import { x } from "./b.js";\n', "b.js": 'import { y } from "./a.js";\n'}, "循环"),
])
def test_bundle_rejects_what_it_cannot_join(modules, message):
    with pytest.raises(BundleError, match=re.escape(message)):
        bundle(modules)


def test_real_bundle_is_a_valid_classic_script():
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs/assets/js").glob("*.js")}
    script = bundle(sources)
    # A classic script: no module syntax left, and Node parses it.
    assert not re.search(r"^\s*(import|export)\b", script, re.M)
    subprocess.run(["node", "--check", "-"], input=script, text=True, check=True, timeout=60)


def test_shards_agree_with_javascript(kb):
    ids = [x.id for kind in ("problems", "causes", "measures") for x in getattr(kb, kind)] + ["示例-1", ""]
    n = shard_count(kb)
    code = ("import { itemShard } from './docs/assets/js/shards.js';"
            f"console.log(JSON.stringify({json.dumps(ids, ensure_ascii=False)}.map(i => itemShard(i, {n}))));")
    assert json.loads(_node(code)) == [item_shard(i, n) for i in ids]


def test_item_shards_hold_every_item_once(kb):
    assets = render_assets(kb, lambda p: p)
    seen = {}
    for path, text in assets.items():
        if path.startswith("assets/data/items/"):
            assert "<" not in text and ">" not in text.replace("=>", "")
            seen.update(json.loads(text.split("] = ", 1)[1].rsplit("; })", 1)[0]))
    expected = {x.id for kind in ("problems", "causes", "measures") for x in getattr(kb, kind)}
    assert set(seen) == expected
    assert all(rec["url"].split("#")[1] == rec["id"] for rec in seen.values())


def test_csp_hashes_inline_scripts_only():
    page = '<html><head><title>t</title><script src="x.js"></script><script>var a=1</script></head></html>'
    out = add_csp(page)
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<title>")
    import base64
    import hashlib
    digest = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert inline_script_hashes(page) == [f"'sha256-{digest}'"]
    assert "connect-src 'self'" in out and "default-src 'self'" in out


def test_every_built_page_carries_the_csp(built_site):
    site, _ = built_site
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert m, page
        policy = m.group(1)
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy
        assert "http" not in policy, page


def test_vendor_library_comes_from_node_modules(built_site):
    site, _ = built_site
    assert (site / "assets/vendor/fflate.js").read_bytes() == (ROOT / "node_modules/fflate/umd/index.js").read_bytes()
    assert not (site / "assets/js").exists(), "module sources are bundled, not served"


def test_one_template_file_per_meeting_holds_that_meeting_only(kb):
    """assets/data/templates/<id>.js sets KB_DATA.templates[id] = {个人, 班子} (the blocks of
    templates.template_blocks) and nothing else; the files add to each other, and no all-meetings file
    is left for the draft page to pay for."""
    from reviewkb.templates import PERSPECTIVES, blocks_json, template_blocks

    assets = render_assets(kb, lambda p: p)
    files = {path: text for path, text in assets.items() if path.startswith("assets/data/templates")}
    assert set(files) == {f"assets/data/templates/{m.id}.js" for m in kb.meetings}
    assert "assets/data/templates.js" not in assets
    for text in files.values():
        assert not set("<>&") & set(text)
    # Each file run alone (as the draft page does), then all of them in one window.
    code = """import vm from "node:vm"; import { readFileSync } from "node:fs";
const files = JSON.parse(readFileSync(0, "utf-8"));
const run = (texts) => { const window = { KB_DATA: { meta: 1 } }; const ctx = vm.createContext({ window });
  for (const t of texts) vm.runInContext(t, ctx); return window.KB_DATA; };
const alone = Object.fromEntries(Object.entries(files).map(([p, t]) => [p, run([t])]));
console.log(JSON.stringify({ alone, together: Object.keys(run(Object.values(files)).templates) }));"""
    out = json.loads(subprocess.run(["node", "--input-type=module", "-e", code], input=json.dumps(files),
                                    capture_output=True, text=True, check=True, cwd=ROOT, timeout=60).stdout)
    assert sorted(out["together"]) == sorted(m.id for m in kb.meetings)
    for m in kb.meetings:
        data = out["alone"][f"assets/data/templates/{m.id}.js"]
        assert set(data) == {"meta", "templates"} and data["meta"] == 1   # other data left alone
        assert list(data["templates"]) == [m.id]
        assert list(data["templates"][m.id]) == list(PERSPECTIVES)
        for p in PERSPECTIVES:
            assert data["templates"][m.id][p] == blocks_json(template_blocks(kb, m, p)), (m.id, p)
