// The portal's API as the mini app sees it: the bearer token from a silent Zalo sign-in, one retry after an
// expired token, and every failure turned into a plain Vietnamese sentence with the server's stable code.

import { OPERATIONS } from "./operations.js";

const TIMEOUT_MS = 20000;
const AUTH_CODES = new Set(["token_expired", "token_revoked", "token_invalid", "not_authenticated"]);

export class ApiError extends Error {
  constructor({ status = 0, code, title = "", detail, errors = null }) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

export function fillPath(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined || params[name] === null || params[name] === "") {
      throw new Error(`missing path parameter ${name}`);
    }
    return encodeURIComponent(params[name]);
  });
}

export function errorFromResponse(status, body) {
  if (body && typeof body === "object" && body.code) {
    return new ApiError({ status, code: body.code, title: body.title, detail: body.detail, errors: body.errors });
  }
  if (status >= 500) {
    return new ApiError({ status, code: "server_error", detail: "Hệ thống đang bận. Dữ liệu của bạn vẫn còn; vui lòng thử lại sau ít phút." });
  }
  return new ApiError({ status, code: "unexpected", detail: "Có lỗi khi gửi yêu cầu. Vui lòng thử lại." });
}

export function createApi({ base, storage, zaloAccessToken, fetchImpl = (...a) => fetch(...a), client = "zalo-miniapp", onSignedIn = () => {} }) {
  let visitStarted = false;
  let signingIn = null;

  const token = () => storage.getItem("api_token") || "";

  async function send(name, { params = {}, query = {}, body, form, withAuth }) {
    const op = OPERATIONS[name];
    if (!op) throw new Error(`unknown operation ${name}`);
    let url = base.replace(/\/$/, "") + fillPath(op.path, params);
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
    if ([...search].length) url += `?${search}`;
    const headers = { "X-Client": client, Accept: "application/json" };
    if (!visitStarted) {
      headers["X-Visit-Start"] = "1"; // the dashboards count one visit per opening of the mini app
      visitStarted = true;
    }
    if (withAuth && token()) headers.Authorization = `Bearer ${token()}`;
    let payload;
    if (form) {
      payload = new FormData();
      for (const [key, value] of Object.entries(form)) {
        if (value === undefined || value === null) continue;
        for (const item of Array.isArray(value) ? value : [value]) {
          if (item && typeof item === "object" && "blob" in item) payload.append(key, item.blob, item.name);
          else payload.append(key, item);
        }
      }
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
    let response;
    try {
      response = await fetchImpl(url, { method: op.method, headers, body: payload, signal: controller?.signal });
    } catch (error) {
      if (error && error.name === "AbortError") {
        throw new ApiError({ code: "timeout", detail: "Mạng chậm quá, chưa nhận được trả lời. Những gì bạn đã nhập vẫn còn; hãy thử lại." });
      }
      throw new ApiError({ code: "offline", detail: "Không có kết nối mạng. Những gì bạn đã nhập vẫn còn; hãy thử lại khi có mạng." });
    } finally {
      if (timer) clearTimeout(timer);
    }
    if (response.status === 204) return null;
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) throw errorFromResponse(response.status, data);
    return data;
  }

  async function signIn() {
    if (!signingIn) {
      signingIn = (async () => {
        const accessToken = await zaloAccessToken();
        const answer = await send("signIn", { body: { access_token: accessToken }, withAuth: false });
        storage.setItem("api_token", answer.token);
        storage.setItem("api_token_expires", answer.expires_at);
        onSignedIn(answer.user);
        return answer.user;
      })().finally(() => {
        signingIn = null;
      });
    }
    return signingIn;
  }

  async function call(name, options = {}) {
    const op = OPERATIONS[name];
    const needsAuth = op.auth !== false;
    if (needsAuth && !token()) await signIn();
    try {
      return await send(name, { ...options, withAuth: needsAuth });
    } catch (error) {
      // An expired or revoked token: sign in again without a word to the citizen, then try once more.
      if (needsAuth && error instanceof ApiError && error.status === 401 && AUTH_CODES.has(error.code)) {
        storage.removeItem("api_token");
        await signIn();
        return send(name, { ...options, withAuth: true });
      }
      throw error;
    }
  }

  async function signOut() {
    try {
      if (token()) await send("signOut", { withAuth: true });
    } finally {
      storage.removeItem("api_token");
      storage.removeItem("api_token_expires");
    }
  }

  return { call, signIn, signOut, token };
}
