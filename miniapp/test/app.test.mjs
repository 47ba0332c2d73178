// The router (the web portal's paths), text helpers, drafts kept on the phone, and the API drift check itself.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createDrafts, submissionToken } from "../src/drafts.js";
import { match } from "../src/router.js";
import { fold, money, date, dateTime } from "../src/text.js";
import { checkOperations } from "../scripts/check-api.mjs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { firstScreenFiles, lazyImageProblems } from "../scripts/budget.mjs";

test("the mini app opens the same paths as the web portal; unknown ones go to the web page", () => {
  assert.deepEqual(match("/ho-so/cua-toi/abc/"), { screen: "dossier", params: { id: "abc" }, query: {}, path: "/ho-so/cua-toi/abc/" });
  assert.equal(match("/phan-anh/gui").screen, "reportForm"); // not the report with code "gui"
  assert.equal(match("/phan-anh/PA-1/").params.code, "PA-1");
  assert.deepEqual(match("/tim-kiem/?q=ho+so").query, { q: "ho so" });
  const unknown = match("/ho-so/tra-cuu/?ma=X-1");
  assert.equal(unknown.screen, "web");
  assert.equal(unknown.path, "/ho-so/tra-cuu/?ma=X-1");
});

test("folding makes 'hồ sơ' and 'ho so' the same", () => {
  assert.equal(fold("Hồ Sơ Đăng ký"), "ho so dang ky");
  assert.equal(money(1250000), "1.250.000 đồng");
  // 20:13 UTC on 30 November is 03:13 on 1 December in Vietnam, on every phone.
  assert.equal(dateTime("2026-11-30T20:13:00Z"), "03:13 01/12/2026");
  assert.equal(date("2026-11-30T20:13:00Z"), "01/12/2026");
  assert.equal(date("not a date"), "—");
});

test("drafts survive a reload and a submit token stays the same across retries", () => {
  const data = new Map();
  const storage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, v), removeItem: (k) => data.delete(k) };
  const drafts = createDrafts(storage);
  drafts.save("report", { description: "Đèn đường hỏng" });
  assert.equal(createDrafts(storage).load("report", { address: "" }).description, "Đèn đường hỏng");
  const draft = drafts.load("report");
  const first = submissionToken(draft);
  assert.match(first, /^[0-9a-f-]{36}$/);
  assert.equal(submissionToken(draft), first);
  drafts.clear("report");
  assert.deepEqual(drafts.load("report", { x: 1 }), { x: 1 });
  data.set("draft:broken", "{not json");
  assert.deepEqual(drafts.load("broken", { ok: true }), { ok: true });
});

test("the drift check finds a missing route, an unknown field and an undeclared parameter", () => {
  const schema = {
    paths: {
      "/api/v1/a/": {
        post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/In" } } } } },
        get: { parameters: [{ in: "query", name: "q" }] },
      },
    },
    components: { schemas: { In: { properties: { name: {} } } } },
  };
  assert.deepEqual(checkOperations(schema, { ok: { method: "POST", path: "/api/v1/a/", body: ["name"] } }), []);
  const problems = checkOperations(schema, {
    gone: { method: "GET", path: "/api/v1/b/" },
    field: { method: "POST", path: "/api/v1/a/", body: ["nmae"] },
    param: { method: "GET", path: "/api/v1/a/", query: ["page"] },
  });
  assert.equal(problems.length, 3);
  assert.match(problems[0], /GET \/api\/v1\/b\/ is not in the API/);
  assert.match(problems[1], /no field "nmae"/);
  assert.match(problems[2], /no query parameter "page"/);
});

test("the budget counts the files index.html names as the first screen, not env.js", () => {
  const html = '<script src="/env.js"></script><script type="module" src="/assets/index-1.js"></script><link rel="stylesheet" href="/assets/index-2.css">';
  assert.deepEqual(firstScreenFiles("dist", html), ["dist/assets/index-1.js", "dist/assets/index-2.css"]);
});

test("the budget finds an image that is not lazy, even with calls and template text inside", () => {
  const dir = mkdtempSync(join(tmpdir(), "imgs-"));
  writeFileSync(join(dir, "a.js"), 'h("img", { src: ctx.web(p.url), alt: `Ảnh ${n}`, loading: "lazy" });');
  writeFileSync(join(dir, "b.js"), 'h("img", { src: ctx.web(p.url), alt: `Ảnh ${n}` });');
  const problems = lazyImageProblems(dir);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /b\.js: an <img> without loading="lazy"/);
});
