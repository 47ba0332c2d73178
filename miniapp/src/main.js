// Cổng Công dân inside Zalo: the shell (header, offline banner, screen), the router, and the silent sign-in.

import "./style.css";
import { createApi, ApiError } from "./api.js";
import { createDrafts } from "./drafts.js";
import { API_BASE, WEB_BASE } from "./env.js";
import { match } from "./router.js";
import { h, message, loading } from "./ui.js";
import { storage, zalo } from "./zalo.js";
import home from "./screens/home.js";

// Screens load when first opened, so the first screen stays small (scripts/budget.mjs checks it).
const GROUPS = {
  home: async () => ({ home }),
  search: () => import("./screens/search.js"),
  catalogue: () => import("./screens/dossiers.js"),
  procedure: () => import("./screens/dossiers.js"),
  myDossiers: () => import("./screens/dossiers.js"),
  dossier: () => import("./screens/dossiers.js"),
  dossierForm: () => import("./screens/dossiers.js"),
  dossierPapers: () => import("./screens/dossiers.js"),
  dossierCheck: () => import("./screens/dossiers.js"),
  reports: () => import("./screens/reports.js"),
  reportForm: () => import("./screens/reports.js"),
  myReports: () => import("./screens/reports.js"),
  report: () => import("./screens/reports.js"),
  questions: () => import("./screens/qa.js"),
  ask: () => import("./screens/qa.js"),
  question: () => import("./screens/qa.js"),
  shops: () => import("./screens/shops.js"),
  shop: () => import("./screens/shops.js"),
  news: () => import("./screens/media.js"),
  article: () => import("./screens/media.js"),
  channels: () => import("./screens/media.js"),
  channel: () => import("./screens/media.js"),
  inbox: () => import("./screens/account.js"),
  payments: () => import("./screens/account.js"),
  account: () => import("./screens/account.js"),
  web: () => import("./screens/account.js"),
};

// A citizen who has not yet agreed to the personal-data notice reads it before anything of theirs is shown.
let consentVersion = null;
let consentKnown = false;
const api = createApi({
  base: API_BASE,
  storage,
  zaloAccessToken: zalo.accessToken,
  onSignedIn: (user) => {
    consentVersion = user.consent_required || null;
    consentKnown = true;
  },
});
const drafts = createDrafts(storage);
const root = document.getElementById("app");
// Screens with the citizen's own data: shown only after the personal-data notice is agreed to.
const PRIVATE = new Set(["myDossiers", "dossier", "dossierForm", "dossierPapers", "dossierCheck", "myReports", "reportForm", "ask", "inbox", "payments", "account"]);
let current = 0;

function shell(title, body) {
  const back = location.pathname !== "/" ? h("button", { type: "button", class: "back", "aria-label": "Quay lại", onClick: () => history.back() }, "‹") : null;
  return [
    h("header", { class: "bar" }, back, h("h1", {}, title)),
    h("div", { class: "offline", id: "offline", hidden: navigator.onLine !== false }, "Không có kết nối mạng. Những gì bạn nhập vẫn được giữ trên máy."),
    h("main", { id: "main", tabindex: "-1" }, body),
  ];
}

export async function show(path, { replace = false, push = true } = {}) {
  const route = match(path);
  const ticket = ++current;
  if (push) history[replace ? "replaceState" : "pushState"]({}, "", route.path);
  root.replaceChildren(...shell("Cổng Công dân", loading()));
  const ctx = {
    api,
    drafts,
    zalo,
    storage,
    params: route.params,
    query: route.query,
    path: route.path,
    web: (p) => WEB_BASE.replace(/\/$/, "") + p,
    go: (p, options) => show(p, options),
    title: (text) => {
      document.title = `${text} — Cổng Công dân`;
      const heading = root.querySelector("header h1");
      if (heading) heading.textContent = text;
    },
  };
  let body;
  try {
    if (PRIVATE.has(route.screen) && !consentKnown) {
      // Signed in on an earlier visit: ask once whether a newer notice is waiting.
      const me = await api.call("me");
      if (!consentKnown) consentVersion = me.consent_required || null;
      consentKnown = true;
    }
    const screens = await GROUPS[route.screen]();
    body = consentVersion && PRIVATE.has(route.screen) ? null : await screens[route.screen](ctx);
    if (consentVersion && PRIVATE.has(route.screen)) body = await consentScreen(ctx, route.path);
  } catch (error) {
    body = consentVersion && PRIVATE.has(route.screen)
      ? await consentScreen(ctx, route.path)
      : problem(error, () => show(route.path, { replace: true }));
  }
  if (ticket !== current) return; // the citizen already went elsewhere
  root.querySelector("main").replaceChildren(body);
  window.scrollTo(0, 0);
}

async function consentScreen(ctx, then) {
  ctx.title("Dữ liệu cá nhân");
  const notice = await api.call("consentNotice");
  const text = h("div", { class: "notice-text" }, notice.text.split(/\n{2,}/).map((para) => h("p", {}, para.split("\n").flatMap((line, i) => (i ? [h("br"), line] : [line])))));
  const note = h("div", { "aria-live": "assertive" });
  const agree = h("button", { type: "button", class: "button", onClick: async () => {
    agree.disabled = true;
    try {
      await api.call("consent", { body: { version: notice.version } });
      consentVersion = null;
      consentKnown = true;
      show(then, { replace: true });
    } catch (error) {
      note.replaceChildren(message("error", error.detail || "Chưa ghi nhận được; hãy thử lại."));
      agree.disabled = false;
    }
  } }, "Tôi đồng ý");
  return h("div", {}, h("h2", {}, notice.title), text, note, h("div", { class: "buttons" }, agree, h("a", { href: "/", "data-link": "", class: "button secondary" }, "Để sau")));
}

export function problem(error, retry) {
  const text = error instanceof ApiError ? error.detail : "Không mở được trang này. Vui lòng thử lại.";
  return h("div", {}, message("error", text), retry ? h("button", { type: "button", class: "button secondary", onClick: retry }, "Thử lại") : null);
}

document.addEventListener("click", (event) => {
  const anchor = event.target.closest("a[data-link]");
  if (!anchor || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  show(anchor.getAttribute("href"));
});
window.addEventListener("popstate", () => show(location.pathname + location.search, { push: false }));
for (const name of ["online", "offline"]) {
  window.addEventListener(name, () => {
    const banner = document.getElementById("offline");
    if (banner) banner.hidden = name === "online";
  });
}

show(location.pathname + location.search, { replace: true });
