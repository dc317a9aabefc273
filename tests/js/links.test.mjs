import { test } from "node:test";
import assert from "node:assert/strict";
import { folderLink } from "../../docs/assets/js/links.js";

test("folder links name their index.html; file links are kept", () => {
  assert.equal(folderLink("../aspects/2025-mzsh-1/"), "../aspects/2025-mzsh-1/index.html");
  assert.equal(folderLink("../examples/x/#town-001"), "../examples/x/index.html#town-001");
  assert.equal(folderLink(".."), "../index.html");
  assert.equal(folderLink("../.."), "../../index.html");
  assert.equal(folderLink("../../..#top"), "../../../index.html#top");
  assert.equal(folderLink("file:///d/kb/causes/#cause-1"), "file:///d/kb/causes/index.html#cause-1");
  assert.equal(folderLink("./?q=形式主义"), "./index.html?q=形式主义");
  assert.equal(folderLink("../downloads/a.docx"), "../downloads/a.docx");
  assert.equal(folderLink("../assets/kb.css"), "../assets/kb.css");
});
