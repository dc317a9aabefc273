// Write a material (blocks) into a .docx, reusing every style, the page setup and the footer of the
// base file the build emits (assets/gongwen-base.docx): one source of formatting truth. Pure; the zip
// library (fflate) is passed in.

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
export const COMMENT_AUTHOR = "写作指南";

// Text for XML: markup characters escaped, characters XML 1.0 forbids removed.
export function escapeXml(text) {
  return String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function styleId(id) {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(id || "") ? id : null;
}

// One run; line breaks inside the text become <w:br/>, tabs <w:tab/>.
export function runXml(run) {
  const style = styleId(run.style);
  const props = style ? `<w:rPr><w:rStyle w:val="${style}"/></w:rPr>` : "";
  const parts = String(run.text).replace(/\r\n?/g, "\n").split(/(\n|\t)/);
  const body = parts.map((p) => {
    if (p === "\n") return "<w:br/>";
    if (p === "\t") return "<w:tab/>";
    return p ? `<w:t xml:space="preserve">${escapeXml(p)}</w:t>` : "";
  }).join("");
  return body ? `<w:r>${props}${body}</w:r>` : "";
}

export function paragraphXml(block, commentId) {
  const style = styleId(block.style);
  const props = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  const runs = block.runs.map(runXml).join("");
  if (commentId === undefined) return `<w:p>${props}${runs}</w:p>`;
  return `<w:p>${props}<w:commentRangeStart w:id="${commentId}"/>${runs}<w:commentRangeEnd w:id="${commentId}"/>`
    + `<w:r><w:commentReference w:id="${commentId}"/></w:r></w:p>`;
}

export function commentsXml(comments) {
  const items = comments.map((text, id) => {
    const paras = String(text).split(/\r?\n/).map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`).join("");
    return `<w:comment w:id="${id}" w:author="${COMMENT_AUTHOR}" w:initials="指南">${paras}</w:comment>`;
  }).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}">${items}</w:comments>`;
}

// The document with its body replaced by `inner`, keeping the body's final section properties
// (page size, margins, footer with page numbers).
export function replaceBody(documentXml, inner) {
  const open = documentXml.match(/<w:body(\s[^>]*)?>/);
  const close = documentXml.lastIndexOf("</w:body>");
  if (!open || close < 0) throw new Error("样式文件中没有正文（word/document.xml 无 w:body）。");
  const start = open.index + open[0].length;
  const body = documentXml.slice(start, close);
  const sect = [...body.matchAll(/<w:sectPr\b[^>]*\/>|<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].pop();
  const tail = sect && body.slice(sect.index).trim() === sect[0].trim() ? sect[0] : "";
  return documentXml.slice(0, start) + inner + tail + documentXml.slice(close);
}

function addCommentsPart(files, dec, enc) {
  const relsPath = "word/_rels/document.xml.rels";
  let rels = dec.decode(files[relsPath]);
  if (!rels.includes(COMMENTS_REL)) {
    const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
    const id = `rId${Math.max(0, ...ids) + 1}`;
    rels = rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${COMMENTS_REL}" Target="comments.xml"/></Relationships>`);
    files[relsPath] = enc.encode(rels);
  }
  let types = dec.decode(files["[Content_Types].xml"]);
  if (!types.includes('PartName="/word/comments.xml"')) {
    types = types.replace("</Types>", `<Override PartName="/word/comments.xml" ContentType="${COMMENTS_TYPE}"/></Types>`);
    files["[Content_Types].xml"] = enc.encode(types);
  }
}

// blocks: the material; base: bytes of the styled empty .docx; zip: fflate. Returns the .docx bytes.
export function writeDocx({ blocks, base, zip }) {
  const files = zip.unzipSync(base instanceof Uint8Array ? base : new Uint8Array(base));
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  if (!files["word/document.xml"] || !files["[Content_Types].xml"] || !files["word/_rels/document.xml.rels"]) {
    throw new Error("样式文件不是有效的 .docx。");
  }
  const comments = [];
  const paragraphs = blocks.map((b) => {
    if (!b.comment) return paragraphXml(b);
    comments.push(b.comment);
    return paragraphXml(b, comments.length - 1);
  });
  files["word/document.xml"] = enc.encode(replaceBody(dec.decode(files["word/document.xml"]), paragraphs.join("")));
  if (comments.length) {
    files["word/comments.xml"] = enc.encode(commentsXml(comments));
    addCommentsPart(files, dec, enc);
  }
  return zip.zipSync(files, { level: 6 });
}
