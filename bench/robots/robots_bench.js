// The reference side of the robots benchmark: robots-parser (npm) under node, one thread.
// Parses every robots.txt of the snapshot once, then checks every URL for every agent with
// isAllowed(url, agent), as a crawler library would. Prints one JSON line of counts and rates.
// usage: node robots_bench.js ROBOTS_PARSER_DIR SNAPSHOT URLS AGENT[,AGENT...] REPEAT
'use strict';
const fs = require('fs');
const [parserDir, snapshotPath, urlsPath, agentsArg, repeatArg] = process.argv.slice(2);
const robotsParser = require(parserDir);
const agents = agentsArg.split(',');
const repeat = Number(repeatArg || 1);

const t0 = process.hrtime.bigint();
const byOrigin = new Map();
for (const line of fs.readFileSync(snapshotPath, 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  byOrigin.set(r.origin, robotsParser(r.origin + '/robots.txt', r.body));
}
const t1 = process.hrtime.bigint();
const urls = fs.readFileSync(urlsPath, 'utf8').split('\n').filter((u) => u);
let disallowedUrls = 0;
const t2 = process.hrtime.bigint();
for (let r = 0; r < repeat; r++) {
  disallowedUrls = 0;
  for (const url of urls) {
    const robots = byOrigin.get(new URL(url).origin);
    let blocked = false;
    for (const agent of agents) {
      if (robots && robots.isAllowed(url, agent) === false) blocked = true;
    }
    if (blocked) disallowedUrls++;
  }
}
const t3 = process.hrtime.bigint();
const checkSeconds = Number(t3 - t2) / 1e9;
console.log(JSON.stringify({
  tool: 'robots-parser', agents: agents.length, urls: urls.length * repeat,
  disallowed_urls: disallowedUrls, parse_seconds: Number(t1 - t0) / 1e9, check_seconds: checkSeconds,
  url_checks_per_second: Math.round(urls.length * repeat / checkSeconds),
  agent_checks_per_second: Math.round(urls.length * repeat * agents.length / checkSeconds),
}));
