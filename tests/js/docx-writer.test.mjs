import { test } from "node:test";
import assert from "node:assert/strict";
import * as fflate from "fflate";
import { escapeXml, replaceBody, runXml, writeDocx } from "../../docs/assets/js/docx-writer.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const SECT = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:bottom="1984" w:left="1588" w:right="1474"/></w:sectPr>';

// A minimal hand-made base: the parts a styled empty .docx has.
export function minimalBase() {
  const enc = (s) => fflate.strToU8(s);
  return fflate.zipSync({
    "[Content_Types].xml": enc('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'),
    "_rels/.rels": enc('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    "word/_rels/document.xml.rels": enc('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    "word/styles.xml": enc(`<?xml version="1.0"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="KbBody"><w:name w:val="正文"/></w:style></w:styles>`),
    "word/document.xml": enc(`<?xml version="1.0"?><w:document ${W}><w:body><w:p/>${SECT}</w:body></w:document>`),
  });
}

const blocks = [
  { style: "KbTitle", runs: [{ text: "2025年度民主生活会个人对照检查材料", style: null }], comment: "写作提示\n第二行" },
  { style: "KbBody", runs: [{ text: "一是", style: null }, { text: "标题<&>。", style: "KbLead" }, { text: "第一行\n第二行", style: null },
    { text: "【请填写：时间】", style: "KbPlaceholder" }], comment: null },
  { style: "KbH2", runs: [{ text: "（一）在某方面", style: null }], comment: "本段提示" },
];

test("escapeXml escapes markup and drops characters XML forbids", () => {
  assert.equal(escapeXml('a<b>&"c"\u0001d'), "a&lt;b&gt;&amp;&quot;c&quot;d");
  assert.equal(runXml({ text: "x\ny", style: "KbLead" }),
    '<w:r><w:rPr><w:rStyle w:val="KbLead"/></w:rPr><w:t xml:space="preserve">x</w:t><w:br/><w:t xml:space="preserve">y</w:t></w:r>');
  assert.equal(runXml({ text: "", style: null }), "");
  assert.equal(runXml({ text: "x", style: 'bad"id' }), '<w:r><w:t xml:space="preserve">x</w:t></w:r>');
});

test("replaceBody keeps the final section properties", () => {
  const doc = `<w:document ${W}><w:body><w:p><w:r><w:t>old</w:t></w:r></w:p>${SECT}</w:body></w:document>`;
  const out = replaceBody(doc, "<w:p>new</w:p>");
  assert.equal(out, `<w:document ${W}><w:body><w:p>new</w:p>${SECT}</w:body></w:document>`);
  assert.throws(() => replaceBody("<x/>", ""), /正文/);
});

test("writeDocx: paragraphs with styles, runs with character styles, comments wired in", () => {
  const out = writeDocx({ blocks, base: minimalBase(), zip: fflate });
  const files = fflate.unzipSync(out);
  const doc = fflate.strFromU8(files["word/document.xml"]);
  assert.ok(doc.includes('<w:pStyle w:val="KbTitle"/>'));
  assert.ok(doc.includes('<w:rStyle w:val="KbLead"/></w:rPr><w:t xml:space="preserve">标题&lt;&amp;&gt;。</w:t>'));
  assert.ok(doc.includes('<w:rStyle w:val="KbPlaceholder"/>'));
  assert.ok(doc.includes("第一行</w:t><w:br/>"));
  assert.ok(!doc.includes("<w:p/>"), "the base body is replaced");
  assert.ok(doc.includes(SECT + "</w:body>"));
  assert.equal((doc.match(/<w:commentReference w:id="\d"\/>/g) || []).length, 2);
  const comments = fflate.strFromU8(files["word/comments.xml"]);
  assert.equal((comments.match(/<w:comment /g) || []).length, 2);
  assert.ok(comments.includes("第二行"));
  assert.ok(fflate.strFromU8(files["word/_rels/document.xml.rels"]).includes('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"'));
  assert.ok(fflate.strFromU8(files["[Content_Types].xml"]).includes('PartName="/word/comments.xml"'));
  assert.ok(files["word/styles.xml"], "styles come from the base unchanged");
  // Writing again from its own output does not add a second relationship.
  const again = fflate.unzipSync(writeDocx({ blocks, base: out, zip: fflate }));
  assert.equal((fflate.strFromU8(again["word/_rels/document.xml.rels"]).match(/comments\.xml/g) || []).length, 1);
});

test("without comments no comments part is added", () => {
  const files = fflate.unzipSync(writeDocx({ blocks: [blocks[1]], base: minimalBase(), zip: fflate }));
  assert.equal(files["word/comments.xml"], undefined);
  assert.ok(!fflate.strFromU8(files["[Content_Types].xml"]).includes("comments"));
});
