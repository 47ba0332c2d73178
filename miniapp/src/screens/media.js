// News, provincial TV and radio.

import { date } from "../text.js";
import { h, link } from "../ui.js";

export async function news(ctx) {
  ctx.title("Tin tức");
  const page = await ctx.api.call("news", { query: { page: ctx.query.page } });
  return h("ul", { class: "list" }, page.results.map((a) => h("li", {},
    link(`/tin-tuc/${a.slug}/`, a.title),
    h("p", { class: "meta" }, `${a.category_name} · ${date(a.published_at)}`))));
}

export async function article(ctx) {
  const a = await ctx.api.call("article", { params: { slug: ctx.params.slug } });
  ctx.title("Tin tức");
  const body = h("div", {});
  // The server sanitises article HTML (nh3) before it is stored; it is shown as the web page shows it.
  body.innerHTML = a.body;
  for (const img of body.querySelectorAll("img")) {
    img.loading = "lazy";
    if (img.getAttribute("src")?.startsWith("/")) img.src = ctx.web(img.getAttribute("src")); // the portal's own files
  }
  return h("article", {}, h("h2", {}, a.title), h("p", { class: "meta" }, date(a.published_at)), body);
}

export async function channels(ctx) {
  ctx.title("Truyền hình, radio");
  const list = await ctx.api.call("channels");
  return h("ul", { class: "list" }, (list.results || list).map((c) => h("li", {},
    link(`/truyen-hinh/${c.slug}/`, c.name),
    h("p", { class: "meta" }, c.online ? `Đang phát: ${c.now ? c.now.title : "trực tiếp"}` : "Tạm ngừng phát"))));
}

export async function channel(ctx) {
  const c = await ctx.api.call("channel", { params: { slug: ctx.params.slug } });
  ctx.title(c.name);
  const player = c.kind === "radio"
    ? h("audio", { controls: true, preload: "none", src: c.audio_stream_url || c.stream_url })
    : h("video", { controls: true, preload: "none", playsinline: true, src: c.stream_url });
  return h("div", {}, player, h("p", {}, c.description),
    h("h2", {}, "Lịch phát hôm nay"),
    h("ul", {}, (c.today || []).map((p) => h("li", {}, `${p.starts_at ? p.starts_at.slice(11, 16) : ""} ${p.title}`))));
}
