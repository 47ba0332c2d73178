// 4.0 shops: the directory and a shop's page (its payment codes are shown on the web page's QR).

import { h, link, message } from "../ui.js";

export async function shops(ctx) {
  ctx.title("Cửa hàng 4.0");
  const page = await ctx.api.call("shops", { query: { q: ctx.query.q, page: ctx.query.page } });
  if (!page.results.length) return message("info", "Chưa có cửa hàng nào.");
  return h("ul", { class: "list" }, page.results.map((s) => h("li", {},
    link(`/cua-hang/${s.code}/`, s.name),
    h("p", { class: "meta" }, `${s.business_type_name} · ${s.address}`))));
}

export async function shop(ctx) {
  const s = await ctx.api.call("shop", { params: { code: ctx.params.code } });
  ctx.title("Cửa hàng 4.0");
  return h("div", {},
    h("h2", {}, s.name),
    h("p", {}, s.description),
    h("dl", { class: "facts" },
      h("dt", {}, "Địa chỉ"), h("dd", {}, s.address),
      h("dt", {}, "Giờ mở cửa"), h("dd", {}, s.opening_hours || "—"),
      h("dt", {}, "Điện thoại"), h("dd", {}, s.phone ? h("a", { href: `tel:${s.phone}` }, s.phone) : "—"),
      h("dt", {}, "Chứng nhận"), h("dd", {}, s.certificate_number || "—")),
    h("p", {}, "Thanh toán: ", (s.payment_methods || []).join(", ")),
    s.photos.map((path) => h("img", { src: ctx.web(path), alt: `Ảnh cửa hàng ${s.name}`, loading: "lazy" })),
  );
}
