// A small knowledge base and a clean material for the self-check unit tests.
import { prepareCheck } from "../../docs/assets/js/check-rules.js";

export const META = {
  current: "t-mzsh",
  shards: 1,
  meetings: [
    { id: "t-mzsh", year: 2025, kind: "民主生活会", title: "2025年度民主生活会", theme: "测试主题",
      structure: ["opening", "problems", "personal-matters", "causes", "measures"],
      aspects: [
        { id: "t-1", heading: "带头强化政治忠诚、提高政治能力", short: "强化政治忠诚" },
        { id: "t-2", heading: "带头干事创业、担当作为", short: "担当作为" },
      ] },
    { id: "t-zzsh", year: 2025, kind: "组织生活会", title: "2025年度组织生活会", theme: "测试主题",
      structure: ["opening", "problems", "causes", "measures"], aspects: [{ id: "t-3", heading: "发挥先锋模范作用情况", short: "先锋模范" }] },
  ],
  sections: [
    { id: "opening", name: "会前准备开头", heading: "", perspectives: ["个人", "班子"] },
    { id: "problems", name: "查摆问题", heading: "存在的问题", perspectives: ["个人", "班子"] },
    { id: "personal-matters", name: "需要说明的个人事项", heading: "", perspectives: ["个人"] },
    { id: "causes", name: "原因剖析", heading: "原因剖析", perspectives: ["个人", "班子"] },
    { id: "measures", name: "整改措施", heading: "整改措施", perspectives: ["个人", "班子"] },
  ],
};

export const FORMULATIONS = [
  { id: "xi-thought", text: "习近平新时代中国特色社会主义思想", variants: ["学习近平新时代"], near_misses: [], allowed: [], page: "formulations/#xi-thought" },
  { id: "four-confidences", text: "四个自信", variants: ["四个信心"], near_misses: [], allowed: [], page: "formulations/#four-confidences" },
  { id: "eight-rules", text: "中央八项规定精神", variants: ["中央八条规定精神"], near_misses: [], allowed: [], page: "formulations/#eight-rules" },
];

export const ITEMS = {
  "x-1": { kind: "problem", id: "x-1", title: "来信来访办理时限把握不严", url: "examples/x/#x-1",
           body: "对群众来信来访的办理时限把握不严，有的件超过规定期限才答复当事人，群众多次打电话催问。", cases: [] },
};

export const PREPARED = prepareCheck({ meta: META, formulations: FORMULATIONS, items: ITEMS });

export const PROBLEM_1 = "一是对重大部署的学习停留在传达层面。今年3月上级部署耕地保护专项整治后，我只在班子会上传达了文件，没有组织分管的两个科室研讨落实办法，直到5月督查时才补报方案。";
export const PROBLEM_2 = "一是面对信访积案习惯于等待上级协调。今年分管的3件信访积案中，我有2件只是转交责任科室办理，没有亲自到现场约见群众，其中1件拖了4个月才化解。";
export const CAUSE_1 = "一是理想信念和党性修养上放松了自我要求。我把传达文件当成了落实部署，认为程序走到了就算尽责，党性锻炼上满足于不出错，这是对重大部署停留在传达层面的思想根源。";
export const CAUSE_2 = "二是宗旨意识和纪律规矩意识不够牢固。面对群众反复反映的问题，我存在怕担责任、等上级拍板的心态，对群众诉求的纪律要求理解不深，导致信访积案久拖不决。";
export const MEASURE_1 = "一是建立重大部署落地清单。会后1个月内，对分管领域今年以来的上级重大部署逐项列出落实方案和责任人，每季度在班子会议上报告进展，接受班子成员监督。";
export const MEASURE_2 = "二是亲自包案化解信访积案。从下月起，我对分管的信访积案逐件包案，每月至少到现场约见群众1次，年底前全部化解，化解结果由信访部门回访核实。";

// A clean material; parts can be replaced by passing {name: text}.
export function material(parts = {}) {
  const p = {
    title: "2025年度民主生活会个人对照检查材料",
    opening: "按照上级通知要求，会前我参加集中学习4次，征求意见12条，与班子成员逐一谈心谈话。现将有关情况对照检查如下。",
    problemsHead: "一、存在的问题",
    aspect1: "（一）强化政治忠诚、提高政治能力方面",
    p1: PROBLEM_1,
    aspect2: "（二）干事创业、担当作为方面",
    p2: PROBLEM_2,
    personal: "需要说明的个人事项：本人已按规定如实报告个人有关事项，无其他需要说明的事项。",
    causesHead: "二、原因剖析",
    c1: CAUSE_1,
    c2: CAUSE_2,
    measuresHead: "三、整改措施",
    m1: MEASURE_1,
    m2: MEASURE_2,
    ...parts,
  };
  return Object.values(p).filter((x) => x !== null).join("\n");
}
