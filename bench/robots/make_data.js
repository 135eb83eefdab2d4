// Writes the robots benchmark's data set, deterministically (fixed-seed xorshift):
//   OUT/snapshot.jsonl  {origin, status: 200, body} for ORIGINS origins, robots.txt files
//                       shaped like those of real sites (CMS defaults, AI-crawler opt-outs,
//                       shop facets with wildcards, long path lists, empty files);
//   OUT/urls.txt        URLS crawled URLs over those origins, one per line.
// usage: node make_data.js OUT [ORIGINS] [URLS]
'use strict';
const fs = require('fs');
const [out, originsArg, urlsArg] = process.argv.slice(2);
const ORIGINS = Number(originsArg || 2000);
const URLS = Number(urlsArg || 200000);

let state = 0x9309n;
function rand(n) {  // xorshift64, pinned so every run measures the same data.
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return Number(state % BigInt(n));
}
const pick = (a) => a[rand(a.length)];

const words = ['news', 'blog', 'shop', 'product', 'category', 'search', 'tag', 'author', 'page',
  'archive', 'media', 'images', 'docs', 'help', 'account', 'cart', 'checkout', 'wp-admin',
  'wp-content', 'uploads', 'private', 'api', 'feed', 'print', 'amp', 'de', 'fr', 'en'];
const aiBots = ['GPTBot', 'CCBot', 'ClaudeBot', 'Google-Extended', 'Bytespider', 'AI2Bot',
  'Applebot-Extended', 'FacebookBot', 'Meta-ExternalAgent', 'PanguBot', 'Diffbot',
  'cohere-training-data-crawler', 'anthropic-ai', 'Omgilibot'];

function dir() { return '/' + pick(words) + (rand(2) ? '/' + pick(words) : '') + '/'; }

function robotsFor(i) {
  const parts = [];
  switch (i % 6) {
    case 0:  // WordPress default.
      parts.push('User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n');
      break;
    case 1: {  // AI opt-out list, then a permissive default.
      const n = 2 + rand(10);
      for (let k = 0; k < n; k++) parts.push(`User-agent: ${aiBots[(i + k) % aiBots.length]}\n`);
      parts.push('Disallow: /\n\nUser-agent: *\nDisallow: /search\nDisallow: /account/\n');
      break;
    }
    case 2:  // Shop with faceted navigation.
      parts.push('User-agent: *\nDisallow: /cart\nDisallow: /checkout\nDisallow: /*?sort=\n' +
                 'Disallow: /*&filter=\nDisallow: /*.pdf$\nAllow: /*?page=\n' +
                 'Sitemap: https://example.com/sitemap.xml\n');
      break;
    case 3: {  // Long hand-written list.
      parts.push('User-agent: *\n');
      const n = 20 + rand(80);
      for (let k = 0; k < n; k++) {
        parts.push(`${rand(5) ? 'Disallow' : 'Allow'}: ${dir()}${rand(3) ? pick(words) : ''}\n`);
      }
      parts.push('\nUser-agent: GPTBot\nDisallow: /\n');
      break;
    }
    case 4:  // Named groups for search engines, default disallow of a few folders.
      parts.push('User-agent: Googlebot\nAllow: /\n\nUser-agent: Bingbot\nAllow: /\n\n' +
                 `User-agent: *\nDisallow: ${dir()}\nDisallow: ${dir()}\nDisallow: /*/print$\n`);
      break;
    default:  // Empty or allow-all.
      parts.push(rand(2) ? '' : 'User-agent: *\nDisallow:\n');
  }
  return parts.join('');
}

fs.mkdirSync(out, { recursive: true });
const origins = [];
const snapshot = [];
for (let i = 0; i < ORIGINS; i++) {
  const origin = `https://www.site${i}.example`;
  origins.push(origin);
  snapshot.push(JSON.stringify({ origin, status: 200, body: robotsFor(i) }));
}
fs.writeFileSync(`${out}/snapshot.jsonl`, snapshot.join('\n') + '\n');
const urls = [];
for (let i = 0; i < URLS; i++) {
  let path = dir() + pick(words) + '-' + rand(100000);
  switch (rand(8)) {
    case 0: path += '?sort=price&filter=red'; break;
    case 1: path += '.pdf'; break;
    case 2: path += '?page=' + rand(50); break;
    case 3: path += '/print'; break;
    default: path += '.html';
  }
  urls.push(pick(origins) + path);
}
fs.writeFileSync(`${out}/urls.txt`, urls.join('\n') + '\n');
