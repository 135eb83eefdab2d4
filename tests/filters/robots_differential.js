// Differential driver: answers robots.txt cases with the robots-parser npm package, the
// independent implementation robots_differential_test.cc compares tamis against.
//
//   node robots_differential.js ROBOTS_PARSER_DIR CASES.jsonl
//
// Each input line is {"robots": "...", "url": "...", "agent": "..."}; each output line is
// "1" (allowed), "0" (disallowed) or "u" (robots-parser declined: URL of another origin).
'use strict';
const fs = require('fs');
const [parserDir, casesPath] = process.argv.slice(2);
if (!parserDir || !casesPath) {
  process.stderr.write('usage: node robots_differential.js ROBOTS_PARSER_DIR CASES.jsonl\n');
  process.exit(2);
}
const robotsParser = require(parserDir);
const out = [];
for (const line of fs.readFileSync(casesPath, 'utf8').split('\n')) {
  if (line === '') continue;
  const c = JSON.parse(line);
  const robots = robotsParser('https://example.com/robots.txt', c.robots);
  const allowed = robots.isAllowed(c.url, c.agent);
  out.push(allowed === undefined ? 'u' : allowed ? '1' : '0');
}
fs.writeFileSync(1, out.join('\n') + '\n');
