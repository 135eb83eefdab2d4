// Mozilla Readability over HTML files, the reference side of tamis's HTML main-text
// comparison (tests/readers/html_readability_diff_test.cc, bench/html/readability.sh).
//
// Usage: node readability_extract.js MODULES_DIR OUT_DIR FILE.html...
// MODULES_DIR is the node_modules folder scripts/fetch_readability.sh fills. For each FILE it
// writes OUT_DIR/<basename without .html>.txt: the text of the article Readability finds, laid
// out one block a line (Readability's textContent runs blocks together: "end.Next"), empty
// when Readability finds none. Prints "pages N seconds S": the process's CPU seconds (user +
// system, so that other processes on the machine do not count) spent in jsdom's parse and
// Readability's extraction, not in file I/O.
"use strict";
const path = require("path");
const fs = require("fs");

const [modulesArg, outDir, ...files] = process.argv.slice(2);
const modules = path.resolve(modulesArg);
const { JSDOM } = require(path.join(modules, "jsdom"));
const { Readability } = require(path.join(modules, "@mozilla/readability"));

const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "CAPTION", "DD", "DIV", "DL", "DT",
  "FIGCAPTION", "FIGURE", "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI",
  "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL",
]);

// Text of `node` with a line break around every block.
function blockText(node, out) {
  if (node.nodeType === 3) {
    out.push(node.nodeValue);
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const block = BLOCKS.has(node.nodeName);
  if (block) out.push("\n");
  for (let c = node.firstChild; c; c = c.nextSibling) blockText(c, out);
  if (block) out.push("\n");
}

let seconds = 0;
for (const file of files) {
  const html = fs.readFileSync(file, "utf8");
  const start = process.cpuUsage();
  const dom = new JSDOM(html, { url: "https://example.org/" + path.basename(file) });
  const article = new Readability(dom.window.document).parse();
  let text = "";
  if (article && article.content) {
    const fragment = JSDOM.fragment(article.content);
    const parts = [];
    blockText(fragment, parts);
    text = parts.join("").split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l).join("\n");
  }
  const used = process.cpuUsage(start);
  seconds += (used.user + used.system) / 1e6;
  dom.window.close();
  fs.writeFileSync(path.join(outDir, path.basename(file, ".html") + ".txt"), text + "\n");
}
console.log(`pages ${files.length} seconds ${seconds.toFixed(3)}`);
