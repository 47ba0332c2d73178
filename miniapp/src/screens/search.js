// The portal's one search, across procedures, questions, shops and news; with or without diacritics.

import { h, link, message } from "../ui.js";

export async function search(ctx) {
  const q = ctx.query.q || "";
  ctx.title("Tìm kiếm");
  if (!q) return message("info", "Gõ điều bạn cần tìm ở trang chủ.");
  const found = await ctx.api.call("search", { query: { q } });
  const groups = found.groups.filter((g) => g.results.length);
  if (!groups.length) return message("info", `Không tìm thấy gì cho “${q}”. Thử từ khác ngắn hơn.`);
  return h("div", {},
    found.suggestions && found.suggestions.length ? h("p", { class: "meta" }, "Có phải bạn tìm: ", found.suggestions.join(", ")) : null,
    groups.map((g) => h("section", {}, h("h2", {}, g.label), h("ul", { class: "list" }, g.results.map((hit) =>
      h("li", {}, link(hit.url, hit.title), h("p", { class: "meta" }, hit.summary)))))));
}
