// Read a material from a file's bytes: .docx (through fflate, passed in), .txt or .md in UTF-8 or
// GBK/GB18030. Pure: no DOM. Problems become InputError with a message the user can act on.

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 50;

export class InputError extends Error {}

// Text of bytes: UTF-8 when valid, otherwise GB18030 (a superset of GBK), saying so in `note`.
export function decodeText(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(data), encoding: "UTF-8", note: "" };
  } catch {
    try {
      const text = new TextDecoder("gb18030", { fatal: true }).decode(data);
      return { text, encoding: "GB18030", note: "该文件不是 UTF-8 编码，已按 GBK（GB18030）编码读取，请核对文字是否正常。" };
    } catch {
      throw new InputError("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK），请在 WPS 或 Word 中另存为 .docx 或 UTF-8 编码的 .txt 后再试。");
    }
  }
}

const XML_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return XML_ENTITIES[e];
  });
}

// Paragraph texts of word/document.xml: runs of <w:t>, tabs and breaks; one line per <w:p>.
export function documentXmlText(xml) {
  const out = [];
  for (const para of xml.split(/<\/w:p>/)) {
    let line = "";
    const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>/g;
    let m;
    while ((m = re.exec(para))) {
      if (m[1] !== undefined) line += unescapeXml(m[1]);
      else line += m[0] === "<w:tab/>" ? "\t" : "\n";
    }
    if (/<w:p[\s>]/.test(para)) out.push(line);
  }
  return out.join("\n");
}

function isZip(data) {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

// Refuse an empty or oversized file (before reading it, where the size is known).
export function checkSize(name, size) {
  if (!size) throw new InputError(`“${name}”是空文件，没有可检查的内容。`);
  if (size > MAX_BYTES) {
    throw new InputError(`“${name}”有 ${(size / 1048576).toFixed(1)} MB，超过 ${MAX_BYTES / 1048576} MB 的上限。`
      + "一份材料的文字通常不到 100 KB，请确认选对了文件，或把正文另存为 .txt 后再试。");
  }
}

// {text, note} of one file; throws InputError with a Chinese message for anything unreadable.
export function readMaterial(name, bytes, fflate) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const lower = String(name || "").toLowerCase();
  checkSize(name, data.length);
  if (lower.endsWith(".docx")) {
    if (!isZip(data)) throw new InputError(`“${name}”不是有效的 .docx 文件（可能是改了扩展名的 .doc 或其他格式），请在 Word 或 WPS 中另存为 .docx 后再试。`);
    let files;
    try {
      files = fflate.unzipSync(data, { filter: (f) => f.name === "word/document.xml" });
    } catch {
      throw new InputError(`“${name}”已损坏，无法解压，请重新保存后再试。`);
    }
    const xml = files["word/document.xml"];
    if (!xml) throw new InputError(`“${name}”中没有正文（缺少 word/document.xml），请确认是 Word 文档。`);
    const text = documentXmlText(new TextDecoder("utf-8").decode(xml));
    if (!text.trim()) throw new InputError(`“${name}”中没有文字内容。`);
    return { text, note: "" };
  }
  if (lower.endsWith(".doc")) throw new InputError(`“${name}”是旧版 .doc 格式，请在 Word 或 WPS 中另存为 .docx 后再试。`);
  if (isZip(data)) throw new InputError(`“${name}”是压缩文件，不是文本文件；Word 文档请使用 .docx 扩展名。`);
  const { text, note } = decodeText(data);
  if (!text.trim()) throw new InputError(`“${name}”中没有文字内容。`);
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text.slice(0, 2000))) {
    throw new InputError(`“${name}”看起来不是文本文件，请打开 .docx、.txt 或 .md 文件。`);
  }
  return { text, note };
}
