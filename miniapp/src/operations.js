// Every call the mini app makes to the portal's API: method, path and the fields it sends. scripts/check-api.mjs
// checks this list against the server's OpenAPI schema in `make test`, so the app and the API cannot drift apart.

export const OPERATIONS = {
  signIn: { method: "POST", path: "/api/v1/auth/zalo/", body: ["access_token"], auth: false },
  signOut: { method: "POST", path: "/api/v1/auth/logout/" },
  webLink: { method: "POST", path: "/api/v1/auth/web-link/" },
  me: { method: "GET", path: "/api/v1/me/" },
  sharePhone: { method: "POST", path: "/api/v1/me/phone/", body: ["access_token", "phone_token"] },
  location: { method: "POST", path: "/api/v1/me/location/", body: ["access_token", "location_token"] },
  consentNotice: { method: "GET", path: "/api/v1/me/consent/" },
  consent: { method: "POST", path: "/api/v1/me/consent/", body: ["version"] },
  myData: { method: "GET", path: "/api/v1/me/data/" },
  deleteMe: { method: "POST", path: "/api/v1/me/delete/", body: ["confirm"] },

  search: { method: "GET", path: "/api/v1/search/", query: ["q", "source", "limit"], auth: false },
  wards: { method: "GET", path: "/api/v1/wards/", query: ["province", "page_size", "page"], auth: false },
  procedure: { method: "GET", path: "/api/v1/procedures/{public_id}/" },
  myDossiers: { method: "GET", path: "/api/v1/my/dossiers/" },
  myDossier: { method: "GET", path: "/api/v1/my/dossiers/{public_id}/" },
  startDraft: { method: "POST", path: "/api/v1/my/dossiers/", body: ["procedure", "case", "agency"] },
  saveAnswers: { method: "POST", path: "/api/v1/my/dossiers/{public_id}/answers/", body: ["answers"] },
  addPaper: { method: "POST", path: "/api/v1/my/dossiers/{public_id}/attachments/", form: ["document", "file"] },
  removePaper: { method: "DELETE", path: "/api/v1/my/dossiers/{public_id}/attachments/{attachment_id}/" },
  submitDossier: { method: "POST", path: "/api/v1/my/dossiers/{public_id}/submit/", body: ["submission_token"] },
  supplementDone: { method: "POST", path: "/api/v1/my/dossiers/{public_id}/supplement-done/" },
  withdrawDossier: { method: "POST", path: "/api/v1/my/dossiers/{public_id}/withdraw/", body: ["reason"] },

  reportCategories: { method: "GET", path: "/api/v1/report-categories/", auth: false },
  reports: { method: "GET", path: "/api/v1/reports/", query: ["cursor", "q"], auth: false },
  report: { method: "GET", path: "/api/v1/reports/{code}/", auth: false },
  myReports: { method: "GET", path: "/api/v1/my/reports/" },
  sendReport: {
    method: "POST",
    path: "/api/v1/my/reports/",
    form: ["category", "description", "photos", "latitude", "longitude", "address", "show_name"],
  },

  topics: { method: "GET", path: "/api/v1/question-topics/", auth: false },
  questions: { method: "GET", path: "/api/v1/questions/", query: ["page"], auth: false },
  question: { method: "GET", path: "/api/v1/questions/{code}/", auth: false },
  myQuestions: { method: "GET", path: "/api/v1/my/questions/" },
  ask: { method: "POST", path: "/api/v1/my/questions/", body: ["topic", "title", "body", "show_name", "submission_token"] },

  shops: { method: "GET", path: "/api/v1/shops/", query: ["q", "page"], auth: false },
  shop: { method: "GET", path: "/api/v1/shops/{code}/", auth: false },
  news: { method: "GET", path: "/api/v1/news/", query: ["page"], auth: false },
  article: { method: "GET", path: "/api/v1/news/{slug}/", auth: false },
  channels: { method: "GET", path: "/api/v1/channels/", auth: false },
  channel: { method: "GET", path: "/api/v1/channels/{slug}/", auth: false },

  inbox: { method: "GET", path: "/api/v1/my/inbox/" },
  inboxMessage: { method: "GET", path: "/api/v1/my/inbox/{public_id}/" },
  invoices: { method: "GET", path: "/api/v1/my/invoices/", query: ["status"] },
  pay: { method: "POST", path: "/api/v1/my/payments/", body: ["invoices", "gateway"] },
  payment: { method: "GET", path: "/api/v1/my/payments/{reference}/" },
  bindOrder: { method: "POST", path: "/api/v1/my/payments/{reference}/checkout-order/", body: ["order_id"] },
};
