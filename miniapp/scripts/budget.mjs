// The mini app's weight budget, run by `make test` on both builds: the whole app ≤ 150 KB gzip (the province's
// app is 0.6 MB), the first screen's JS + CSS ≤ 50 KB gzip, no web fonts, every image lazy, and Zalo's own limits
// (3 MB a file, 10 MB a version). Prints the figures; exits 1 when a limit is broken.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export const LIMITS = { totalGzip: 150 * 1024, firstScreenGzip: 50 * 1024, fileBytes: 3 * 1024 * 1024, versionBytes: 10 * 1024 * 1024 };
const FONT = /\.(woff2?|ttf|otf|eot)$/i;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// The files the first screen needs: index.html, the scripts and styles it names, and what they preload.
export function firstScreenFiles(dist, html) {
  const named = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return named.filter((file) => !file.startsWith("env.js")).map((file) => join(dist, file));
}

export function lazyImageProblems(sourceDir) {
  const problems = [];
  for (const file of walk(sourceDir).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/h\("img",\s*\{([\s\S]*?)\}\)/g)) {
      if (!/loading:\s*"lazy"/.test(match[1])) problems.push(`${relative(process.cwd(), file)}: an <img> without loading="lazy"`);
    }
  }
  return problems;
}

export function measure(dist) {
  const files = walk(dist);
  const sizes = files.map((path) => {
    const data = readFileSync(path);
    return { path, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const first = new Set(firstScreenFiles(dist, html));
  const problems = [];
  const total = sizes.reduce((sum, f) => sum + f.gzip, 0);
  const firstScreen = sizes.filter((f) => first.has(f.path)).reduce((sum, f) => sum + f.gzip, 0);
  const raw = sizes.reduce((sum, f) => sum + f.bytes, 0);
  if (total > LIMITS.totalGzip) problems.push(`the whole app is ${total} B gzip (limit ${LIMITS.totalGzip})`);
  if (firstScreen > LIMITS.firstScreenGzip) problems.push(`the first screen is ${firstScreen} B gzip (limit ${LIMITS.firstScreenGzip})`);
  if (raw > LIMITS.versionBytes) problems.push(`the version is ${raw} B (Zalo's limit ${LIMITS.versionBytes})`);
  for (const f of sizes) {
    if (f.bytes > LIMITS.fileBytes) problems.push(`${relative(dist, f.path)} is ${f.bytes} B (Zalo's limit 3 MB a file)`);
    if (FONT.test(f.path)) problems.push(`${relative(dist, f.path)} is a web font`);
    if (f.path.endsWith(".css") && /@font-face/.test(readFileSync(f.path, "utf8"))) problems.push(`${relative(dist, f.path)} declares @font-face`);
  }
  if (!first.size) problems.push("index.html names no script: the first screen cannot be measured");
  return { sizes, total, firstScreen, raw, first, problems };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dists = process.argv.slice(2);
  let failed = false;
  for (const dist of dists.length ? dists : ["dist"]) {
    const result = measure(dist);
    console.log(`\n${dist}: ${result.sizes.length} files`);
    for (const f of result.sizes.sort((a, b) => b.gzip - a.gzip)) {
      console.log(`  ${relative(dist, f.path).padEnd(36)} ${String(f.bytes).padStart(8)} B ${String(f.gzip).padStart(7)} B gzip${result.first.has(f.path) ? "  (first screen)" : ""}`);
    }
    console.log(`  whole app      ${(result.total / 1024).toFixed(1)} KB gzip (budget 150 KB)`);
    console.log(`  first screen   ${(result.firstScreen / 1024).toFixed(1)} KB gzip of JS + CSS (budget 50 KB)`);
    const problems = [...result.problems, ...lazyImageProblems("src")];
    for (const problem of problems) console.log(`  OVER BUDGET: ${problem}`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
