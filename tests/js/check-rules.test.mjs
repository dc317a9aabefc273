// Every self-check rule: a short Chinese text it must flag, and one it must not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RULES, checkMaterial, prepareCheck } from "../../docs/assets/js/check-rules.js";
import { comparePairs } from "../../docs/assets/js/check-copy.js";
import { FORMULATIONS, MEASURE_2, META, PREPARED, material } from "./check-fixture.mjs";

function check(text, perspective = "个人", meeting = "t-mzsh") {
  return checkMaterial(text, { meeting, perspective }, { prepared: PREPARED });
}

function rules(result) {
  return result.findings.map((f) => f.rule);
}

function only(result, rule) {
  return result.findings.filter((f) => f.rule === rule);
}

test("the clean material gives no finding at all", () => {
  assert.deepEqual(check(material()).findings, []);
});

test("every rule has an id, a severity, a name, a guide page and a one-line meaning", () => {
  const ids = new Set();
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(!ids.has(r.id), r.id);
    ids.add(r.id);
    assert.ok(["必须修改", "建议修改"].includes(r.severity));
    assert.match(r.guide, /\.md$/);
    assert.ok(r.name && r.help);
  }
});

// rule id -> [material that must be flagged, material that must not, perspective]
const CASES = {
  blank: [
    material({ p1: "一是对重大部署的学习停留在传达层面。202X年3月上级部署专项整治后，我只传达了文件。" }),
    material({ p1: "一是对重大部署的学习停留在传达层面。2025年3月上级部署专项整治后，我只传达了文件。" }),
  ],
  "missing-part": [material({ personal: null }), material({ personal: null }), "班子"],
  "missing-aspect": [material({ aspect2: null, p2: null }), material()],
  "no-case": [
    material({ p2: "一是学习的系统性不强。平时学习多是零敲碎打，没有形成系统，学用之间衔接得不紧。" }),
    material({ p2: "一是学习的系统性不强。今年只读完了指定的2本书目中的1本，其余多是零散浏览。" }),
  ],
  "abstract-case": [
    material({ p2: "一是对信访积案习惯于等待上级协调。我处理问题时顾虑多。比如，对一些复杂问题研究不深、推动不力。" }),
    material({ p2: "一是对信访积案习惯于等待上级协调。我处理问题时顾虑多。比如，今年6月一件土地纠纷我拖了2个月才约见当事人。" }),
  ],
  "stock-phrase": [
    material({ p2: "一是对信访积案的调研深度有待进一步加强。我调研中听汇报多、看现场少。下基层时多在会议室座谈。今年4月到乡镇调研信访积案时，只看了1个点。" }),
    material({ p2: "一是对信访积案的调研深度有待进一步加强。今年4月我到乡镇调研信访积案时，只看了1个点。我调研中听汇报多、看现场少。" }),
  ],
  "praise-first": [
    material({ p2: "一是面对信访积案习惯于等待上级协调。虽然全年能够按时完成上级交办的任务，但我对分管的3件信访积案没有亲自过问。" }),
    material({ p2: "一是面对信访积案习惯于等待上级协调。全年我对分管的3件信访积案没有亲自过问，只转交科室办理。" }),
  ],
  "collective-voice": [
    material({ p2: "一是信访积案化解等待上级协调。班子对信访积案研究不多，今年5月研究有关积案时用时不到10分钟。" }),
    material({ p2: "一是我在信访积案化解上等待上级协调。今年5月班子研究有关积案时，我用时不到10分钟就表态同意。" }),
  ],
  "others-faults": [
    material({ p2: "一是信访积案化解中纪律执行有松动。个别同志接待群众时态度生硬，今年被通报信访积案处理不当2次。" }),
    material({ p2: "一是对信访积案化解中的纪律管理不严。今年分管科室有同志被通报信访积案处理不当2次，我只作了口头提醒。" }),
  ],
  "cause-restates": [
    material({ c2: "二是面对信访积案习惯于等待上级协调的思想。我处理信访积案时总等上级协调，遇到难题就往上推，对纪律规矩和宗旨的要求认识不深。" }),
    material(),
  ],
  "cause-angles": [
    material({ c1: "一是理论学习抓得不紧。我把学习当成任务，满足于读过，没有结合分管工作思考。", c2: null }),
    material(),
  ],
  "unanswered-problem": [
    material({ p2: "一是文稿审核把关不细。今年我签发的文件中有3件出现错字，其中1件已印发到基层。", m2: null }),
    material({ p2: "一是文稿审核把关不细。今年我签发的文件中有3件出现错字，其中1件已印发到基层。",
               m2: "二是文稿审核实行两人复核。会后即执行，每季度统计差错件数并在科室会上通报。" }),
  ],
  "measure-deadline": [
    material({ m2: MEASURE_2 + "\n三是加强理论学习。坚持学原文、悟原理，学习情况纳入支部考核。" }),
    material({ m2: MEASURE_2 + "\n三是加强理论学习。每月学原文、悟原理，学习情况纳入支部考核。" }),
  ],
  "measure-check": [
    material({ m2: MEASURE_2 + "\n三是每月读一本理论书籍。结合分管工作写读书笔记。" }),
    material({ m2: MEASURE_2 + "\n三是每月读一本理论书籍。结合分管工作写读书笔记，年底在支部会上汇报读书体会。" }),
  ],
  "kb-copy": [
    material({ p2: "一是面对信访积案习惯于等待上级协调。对群众来信来访的办理时限把握不严，有的件超过规定期限才答复当事人，今年有2件。" }),
    material({ p2: "一是面对信访积案习惯于等待上级协调。群众来信我没有盯紧办理时限，今年有2件超过期限才答复。" }),
  ],
  formulation: [
    material({ opening: "按照上级通知要求，会前我认真学习近平新时代中国特色社会主义思想，参加集中学习4次。现将有关情况对照检查如下。" }),
    material({ opening: "按照上级通知要求，会前我认真学习习近平新时代中国特色社会主义思想，参加集中学习4次。现将有关情况对照检查如下。" }),
  ],
};

for (const [rule, [bad, good, perspective]] of Object.entries(CASES)) {
  test(`${rule}: flagged in the faulty text, not in the other`, () => {
    const flagged = check(bad, rule === "missing-part" ? "个人" : "个人");
    assert.equal(only(flagged, rule).length, 1, `${rule} in ${JSON.stringify(rules(flagged))}`);
    const clean = check(good, perspective || "个人");
    assert.deepEqual(only(clean, rule), [], JSON.stringify(rules(clean)));
  });
}

test("every rule of a single material has a case above", () => {
  const covered = new Set(Object.keys(CASES));
  for (const r of RULES) if (r.id !== "shared-text") assert.ok(covered.has(r.id), r.id);
});

test("a finding says where: part, paragraph, quoted start, and links to the guidance", () => {
  const r = check(material({ p2: "一是面对信访积案习惯于等待上级协调。个别同志接待群众时态度生硬，今年被通报2次。" }));
  const [f] = only(r, "others-faults");
  assert.equal(f.section, "存在的问题");
  assert.equal(f.para, 7);
  assert.ok(f.quote.startsWith("个别同志接待群众"));
  assert.equal(f.severity, "必须修改");
  assert.equal(f.href, "sections/problems.md");
  assert.equal(r.parsed.text.slice(f.start, f.start + 4), "个别同志");
});

test("a copied run names the item and links to its page", () => {
  const [f] = only(check(CASES["kb-copy"][0]), "kb-copy");
  assert.equal(f.item, "x-1");
  assert.equal(f.href, "examples/x/#x-1");
});

test("a misquoted formulation links to its entry; a quoted near-miss is caught too", () => {
  const [f] = only(check(CASES.formulation[0]), "formulation");
  assert.equal(f.formulation, "xi-thought");
  assert.equal(f.href, "formulations/#xi-thought");
  const near = only(check(material({ opening: "会前我坚定“四个自性”，参加集中学习4次。现将有关情况对照检查如下。" })), "formulation");
  assert.equal(near.length, 1);
  assert.match(near[0].reason, /四个自信/);
});

test("missing-aspect names the aspect and sits at the problems heading", () => {
  const r = check(CASES["missing-aspect"][0]);
  const [f] = only(r, "missing-aspect");
  assert.match(f.reason, /担当作为/);
  assert.equal(r.parsed.paragraphs[f.para - 1].text, "一、存在的问题");
});

test("shared-text: two files sharing a long run are paired; sharing a formulation is not", () => {
  const shared = "今年3月上级部署耕地保护专项整治后只在班子会上传达了文件没有组织研讨";
  const a = `一是学习浮于表面。${shared}。`;
  const b = `二是调研不深入。我${shared}，也没有到现场。`;
  const c = "会前我认真学习习近平新时代中国特色社会主义思想，增强“四个意识”、坚定“四个自信”。";
  const d = "今年我系统学习习近平新时代中国特色社会主义思想，增强“四个意识”、坚定“四个自信”。";
  const pairs = comparePairs([{ name: "a", text: a }, { name: "b", text: b }], PREPARED.phrases);
  assert.equal(pairs.length, 1);
  assert.ok(pairs[0].runs[0].text.includes("耕地保护专项整治"));
  const phrases = [...PREPARED.phrases, "增强“四个意识”、坚定“四个自信”"];
  assert.deepEqual(comparePairs([{ name: "c", text: c }, { name: "d", text: d }], phrases), []);
});

test("a quoted formulation with another numeral is not taken for a typo; another character is", () => {
  const prepared = prepareCheck({ meta: META, formulations: [...FORMULATIONS,
    { id: "three-musts", text: "三个务必", variants: ["3个务必"], near_misses: [], allowed: [] }] });
  const run = (opening) => checkMaterial(material({ opening }), { meeting: "t-mzsh", perspective: "个人" }, { prepared });
  assert.deepEqual(only(run("会前我重温了“两个务必”，参加集中学习4次。现将有关情况对照检查如下。"), "formulation"), []);
  const typo = only(run("会前我重温了“三个务心”，参加集中学习4次。现将有关情况对照检查如下。"), "formulation");
  assert.equal(typo.length, 1);
  assert.equal(typo[0].formulation, "three-musts");
});
