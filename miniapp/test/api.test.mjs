// The API client: headers, the silent second sign-in after an expired token, plain errors offline and slow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, createApi, errorFromResponse, fillPath } from "../src/api.js";

function memoryStorage() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k), data };
}

function reply(status, body) {
  return { ok: status < 400, status, json: async () => body };
}

function recorder(answers) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, ...init });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetchImpl };
}

test("fillPath encodes parameters and refuses a missing one", () => {
  assert.equal(fillPath("/api/v1/shops/{code}/", { code: "CH 1/2" }), "/api/v1/shops/CH%201%2F2/");
  assert.throws(() => fillPath("/api/v1/shops/{code}/", {}), /missing path parameter code/);
});

test("the first call signs in with the Zalo token, sends it as a bearer, and marks the visit once", async () => {
  const storage = memoryStorage();
  const { calls, fetchImpl } = recorder([
    reply(200, { token: "tok-1", expires_at: "2026-12-30T00:00:00Z", user: { full_name: "An" } }),
    reply(200, { full_name: "An" }),
    reply(200, { full_name: "An" }),
  ]);
  const api = createApi({ base: "https://api.example/", storage, zaloAccessToken: async () => "zalo-uat", fetchImpl });
  assert.deepEqual(await api.call("me"), { full_name: "An" });
  await api.call("me");
  assert.equal(calls[0].url, "https://api.example/api/v1/auth/zalo/");
  assert.equal(calls[0].body, JSON.stringify({ access_token: "zalo-uat" }));
  assert.equal(calls[0].headers.Authorization, undefined);
  assert.equal(calls[0].headers["X-Visit-Start"], "1");
  assert.equal(calls[1].headers.Authorization, "Bearer tok-1");
  assert.equal(calls[1].headers["X-Client"], "zalo-miniapp");
  assert.equal(calls[1].headers["X-Visit-Start"], undefined);
  assert.equal(storage.getItem("api_token"), "tok-1");
});

test("an expired token is replaced silently and the call made once more", async () => {
  const storage = memoryStorage();
  storage.setItem("api_token", "old");
  const { calls, fetchImpl } = recorder([
    reply(401, { code: "token_expired", title: "Cần đăng nhập lại", detail: "Phiên đăng nhập đã hết hạn." }),
    reply(200, { token: "new", expires_at: "x", user: {} }),
    reply(200, { ok: true }),
  ]);
  const api = createApi({ base: "", storage, zaloAccessToken: async () => "uat", fetchImpl });
  assert.deepEqual(await api.call("me"), { ok: true });
  assert.deepEqual(calls.map((c) => c.headers.Authorization), ["Bearer old", undefined, "Bearer new"]);
});

test("a refusal that is not about the token is not retried and keeps the server's words and code", async () => {
  const storage = memoryStorage();
  storage.setItem("api_token", "t");
  const { calls, fetchImpl } = recorder([
    reply(400, { code: "file_type_refused", title: "Yêu cầu chưa thực hiện được", detail: "Tệp không đúng định dạng." }),
  ]);
  const api = createApi({ base: "", storage, zaloAccessToken: async () => "uat", fetchImpl });
  await assert.rejects(api.call("addPaper", { params: { public_id: "p" }, form: { document: "a", file: "x" } }), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, "file_type_refused");
    assert.equal(error.detail, "Tệp không đúng định dạng.");
    return true;
  });
  assert.equal(calls.length, 1);
  assert.ok(calls[0].body instanceof FormData);
  assert.equal(calls[0].headers["Content-Type"], undefined); // the browser sets the multipart boundary
});

test("no network and a timeout become plain Vietnamese that says nothing typed is lost", async () => {
  const { fetchImpl } = recorder([new TypeError("Failed to fetch"), Object.assign(new Error("aborted"), { name: "AbortError" })]);
  const api = createApi({ base: "", storage: memoryStorage(), zaloAccessToken: async () => "", fetchImpl });
  await assert.rejects(api.call("news"), (e) => e.code === "offline" && /Không có kết nối mạng/.test(e.detail) && /vẫn còn/.test(e.detail));
  await assert.rejects(api.call("news"), (e) => e.code === "timeout" && /Mạng chậm/.test(e.detail));
});

test("a server error without our error body still gets a plain sentence", () => {
  assert.equal(errorFromResponse(502, null).code, "server_error");
  assert.match(errorFromResponse(502, null).detail, /Hệ thống đang bận/);
  assert.equal(errorFromResponse(404, { code: "not_found", detail: "Không tìm thấy." }).detail, "Không tìm thấy.");
});

test("sign-out forgets the token even when the network is away", async () => {
  const storage = memoryStorage();
  storage.setItem("api_token", "t");
  const { fetchImpl } = recorder([new TypeError("offline")]);
  const api = createApi({ base: "", storage, zaloAccessToken: async () => "", fetchImpl });
  await assert.rejects(api.signOut());
  assert.equal(storage.getItem("api_token"), null);
});
