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

const PLACEHOLDER_SPLIT = /(【请填写[^】]*】)/;
const SIDES = ["top", "left", "bottom", "right", "insideH", "insideV"];
// How tables look unless the caller passes the build's values (KB_DATA.rectify.look, from docx.py).
export const TABLE_LOOK = { border: 4, margin: 57, head_height: 480, row_height: 560,
  head_style: "KbTableHead", text_style: "KbTableText", spacer_style: "KbBody" };

// A cell's text as runs: 【请填写：……】 in the placeholder style.
export function cellRuns(text) {
  return String(text).split(PLACEHOLDER_SPLIT).filter(Boolean)
    .map((part) => ({ text: part, style: /^【请填写[^】]*】$/.test(part) ? "KbPlaceholder" : null }));
}

// A bordered table with fixed column widths (twips), a header row repeated on every page and rows
// that do not break across pages, as docx.py draws the tables of its forms.
// table: {columns: [text], rows: [[text]], widths: [twips], center: [column index]}.
export function tableXml(table, look = TABLE_LOOK) {
  const { columns, rows, widths } = table;
  const center = new Set(table.center || []);
  const total = widths.reduce((a, b) => a + b, 0);
  const borders = SIDES.map((s) => `<w:${s} w:val="single" w:sz="${look.border}" w:space="0" w:color="000000"/>`).join("");
  const margins = ["top", "left", "bottom", "right"]
    .map((s) => `<w:${s} w:w="${s === "left" || s === "right" ? look.margin : 0}" w:type="dxa"/>`).join("");
  const props = `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${borders}</w:tblBorders>`
    + `<w:tblLayout w:type="fixed"/><w:tblCellMar>${margins}</w:tblCellMar>`
    + '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>';
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`;
  const row = (cells, head) => {
    const trPr = `<w:trPr><w:cantSplit/><w:trHeight w:val="${head ? look.head_height : look.row_height}" w:hRule="atLeast"/>${head ? "<w:tblHeader/>" : ""}</w:trPr>`;
    const tcs = cells.map((text, c) => {
      const style = head ? look.head_style : look.text_style;
      const jc = !head && center.has(c) ? '<w:jc w:val="center"/>' : "";
      return `<w:tc><w:tcPr><w:tcW w:w="${widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`
        + `<w:p><w:pPr><w:pStyle w:val="${style}"/>${jc}</w:pPr>${cellRuns(text).map(runXml).join("")}</w:p></w:tc>`;
    }).join("");
    return `<w:tr>${trPr}${tcs}</w:tr>`;
  };
  return `<w:tbl>${props}${grid}${row(columns, true)}${rows.map((r) => row(r, false)).join("")}</w:tbl>`;
}

// blocks: the material (an entry {table} is a table, see tableXml); base: bytes of the styled empty
// .docx (for tables, one that has the table styles); zip: fflate; look: how tables are drawn.
// Returns the .docx bytes.
export function writeDocx({ blocks, base, zip, look = TABLE_LOOK }) {
  const files = zip.unzipSync(base instanceof Uint8Array ? base : new Uint8Array(base));
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  if (!files["word/document.xml"] || !files["[Content_Types].xml"] || !files["word/_rels/document.xml.rels"]) {
    throw new Error("样式文件不是有效的 .docx。");
  }
  const comments = [];
  const paragraphs = blocks.map((b) => {
    // An empty paragraph after a table keeps two tables apart (Word merges adjacent tables).
    if (b.table) return tableXml(b.table, look) + `<w:p><w:pPr><w:pStyle w:val="${look.spacer_style}"/></w:pPr></w:p>`;
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
