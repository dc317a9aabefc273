// Which parts of an edited text are still word for word the knowledge-base text. Pure.
//
// A span counts when at least MIN_SPAN characters in a row also appear in a row in the original.
// Official formulations that every material shares are not counted: they are masked before comparing,
// so they neither make a span on their own nor join two copied stretches into one.

export const MIN_SPAN = 8;

// Shared official wording (longest first is not needed: every occurrence is masked).
export const SHARED_PHRASES = [
  "习近平新时代中国特色社会主义思想",
  "习近平总书记重要讲话和重要指示批示精神",
  "中央八项规定及其实施细则精神",
  "中央八项规定精神",
  "党的二十届三中全会精神",
  "党的二十大精神",
  "全面从严治党主体责任",
  "全面从严治党",
  "意识形态工作责任制",
  "党风廉政建设",
  "以人民为中心的发展思想",
  "形式主义、官僚主义",
  "“两个确立”的决定性意义",
  "“两个维护”",
  "“四个意识”",
  "“四个自信”",
  "民主集中制",
  "批评和自我批评",
  "对照检查材料",
  "民主生活会",
  "组织生活会",
  "高质量发展",
];

// Mask every shared phrase with a character that never matches across the two texts.
function mask(text, fill) {
  let out = text;
  for (const phrase of SHARED_PHRASES) {
    if (out.includes(phrase)) out = out.split(phrase).join(fill.repeat(phrase.length));
  }
  return out;
}

// Spans [{start, end}] (end exclusive, in UTF-16 units of `edited`) identical to `original`.
export function identicalSpans(edited, original, min = MIN_SPAN) {
  const a = mask(edited || "", "\u0000");
  const b = mask(original || "", "\u0001");
  if (a.length < min || b.length < min) return [];
  // run[j] = length of the common run ending at a[i-1], b[j-1] (one row of the classic table).
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  const longest = new Uint32Array(a.length); // longest common run ending at a[i]
  for (let i = 1; i <= a.length; i++) {
    const ch = a.charCodeAt(i - 1);
    let best = 0;
    for (let j = 1; j <= b.length; j++) {
      const v = ch === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : 0;
      row[j] = v;
      if (v > best) best = v;
    }
    longest[i - 1] = best;
    [prev, row] = [row, prev];
  }
  const spans = [];
  for (let i = 0; i < a.length; i++) {
    if (longest[i] < min) continue;
    const start = i - longest[i] + 1;
    const end = i + 1;
    const last = spans[spans.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  return spans;
}

// The text cut into [{text, same}] pieces for display.
export function markPieces(edited, original, min = MIN_SPAN) {
  const out = [];
  let at = 0;
  for (const { start, end } of identicalSpans(edited, original, min)) {
    if (start > at) out.push({ text: edited.slice(at, start), same: false });
    out.push({ text: edited.slice(start, end), same: true });
    at = end;
  }
  if (at < (edited || "").length) out.push({ text: edited.slice(at), same: false });
  return out;
}
