// Where the portal's API lives. The production build takes it from VITE_API_BASE; the shim build reads the page's
// env.js (written by the local server that serves it), so one build runs against any test or demo server.

const runtime = (typeof window !== "undefined" && window.APP_ENV) || {};

export const API_BASE = runtime.api || import.meta.env.VITE_API_BASE || "";
export const WEB_BASE = runtime.web || import.meta.env.VITE_WEB_BASE || API_BASE;
export const HOME_PROVINCE = Number(runtime.province || import.meta.env.VITE_HOME_PROVINCE || 80);
