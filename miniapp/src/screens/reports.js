// Field reports: what is wrong, a photo, where (Zalo's location, asked for with the reason shown first), sent;
// the public list; my reports.

import { ApiError } from "../api.js";
import { dateTime } from "../text.js";
import { busyButton, field, h, link, loading, message } from "../ui.js";

export async function reports(ctx) {
  ctx.title("Phản ánh");
  const page = await ctx.api.call("reports", { query: { cursor: ctx.query.cursor } });
  const next = page.next ? new URL(page.next).searchParams.get("cursor") : null;
  return h("div", {},
    h("div", { class: "buttons" }, link("/phan-anh/gui/", h("span", { class: "button" }, "Gửi phản ánh")), link("/phan-anh/cua-toi/", h("span", { class: "button secondary" }, "Phản ánh của tôi"))),
    h("ul", { class: "list" }, page.results.map((r) => h("li", {},
      link(`/phan-anh/${r.code}/`, r.category_name),
      h("p", {}, r.description.slice(0, 140)),
      h("p", { class: "meta" }, `${r.status_label} · ${r.ward || r.address || ""} · ${dateTime(r.received_at)}`)))),
    next ? link(`/phan-anh/?cursor=${encodeURIComponent(next)}`, "Xem thêm") : null,
  );
}

export async function report(ctx) {
  const r = await ctx.api.call("report", { params: { code: ctx.params.code } });
  ctx.title(r.code);
  return h("div", {},
    h("h2", {}, r.category_name),
    h("p", {}, h("span", { class: "status" }, r.status_label)),
    h("p", {}, r.description),
    // The API's photo addresses are the web portal's paths; the mini app lives on another origin.
    r.photos.map((p) => h("img", { src: ctx.web(p.thumbnail_url || p.url), alt: "Ảnh kèm phản ánh", loading: "lazy" })),
    h("dl", { class: "facts" },
      h("dt", {}, "Nơi"), h("dd", {}, r.address || r.ward || "—"),
      h("dt", {}, "Gửi lúc"), h("dd", {}, dateTime(r.received_at)),
      h("dt", {}, "Cơ quan"), h("dd", {}, r.agency || "—")),
    r.public_answer ? h("div", {}, h("h2", {}, "Trả lời của cơ quan"), h("p", {}, r.public_answer)) : null,
  );
}

export async function myReports(ctx) {
  ctx.title("Phản ánh của tôi");
  const page = await ctx.api.call("myReports");
  if (!page.results.length) return h("div", {}, message("info", "Bạn chưa gửi phản ánh nào."), link("/phan-anh/gui/", "Gửi phản ánh"));
  return h("ul", { class: "list" }, page.results.map((r) => h("li", {},
    link(`/phan-anh/${r.code}/`, `${r.code} · ${r.category_name}`),
    h("p", { class: "meta" }, `${r.status_label} · ${dateTime(r.received_at)}`))));
}

export async function reportForm(ctx) {
  ctx.title("Gửi phản ánh");
  const categories = await ctx.api.call("reportCategories");
  const list = categories.results || categories;
  const draft = ctx.drafts.load("report", { category: "", description: "", address: "", show_name: false, latitude: null, longitude: null });
  const photos = []; // Blobs stay in memory while the app is open; the text is kept on the phone
  const remember = () => {
    draft.category = category.value;
    draft.description = description.value;
    draft.address = address.value;
    draft.show_name = showName.checked;
    ctx.drafts.save("report", draft);
  };
  const groups = [...new Set(list.map((c) => c.group))];
  const category = h("select", { name: "category" }, h("option", { value: "" }, "— Chọn loại sự việc —"),
    groups.map((group) => h("optgroup", { label: group }, list.filter((c) => c.group === group).map((c) =>
      h("option", { value: c.slug, selected: c.slug === draft.category }, c.name)))));
  const description = h("textarea", { name: "description", maxlength: 4000 }, draft.description);
  const address = h("input", { name: "address", type: "text", value: draft.address, autocomplete: "street-address" });
  const showName = h("input", { type: "checkbox", name: "show_name", id: "show-name", checked: draft.show_name });
  const errors = h("div", { "aria-live": "assertive" });
  const photoList = h("ul", { class: "list papers" });
  const placeNote = h("div", { "aria-live": "polite" }, draft.latitude ? message("ok", "Đã lấy vị trí của bạn.") : null);

  const renderPhotos = () => photoList.replaceChildren(...photos.map((p, i) => h("li", {},
    h("img", { src: p.preview, alt: `Ảnh ${i + 1}`, loading: "lazy" }),
    busyButton("Bỏ ảnh này", () => { photos.splice(i, 1); renderPhotos(); }, { class: "button secondary" }))));

  const addPhoto = busyButton("Chụp hoặc chọn ảnh", async () => {
    if (photos.length >= 5) return errors.replaceChildren(message("error", "Tối đa 5 ảnh."));
    try {
      photos.push(...(await ctx.zalo.photos({ count: 5 - photos.length })));
      renderPhotos();
    } catch {
      errors.replaceChildren(message("error", "Chưa chọn được ảnh. Hãy cho phép dùng máy ảnh rồi thử lại."));
    }
  }, { class: "button secondary" });

  const locate = busyButton("Dùng vị trí hiện tại", async () => {
    try {
      const locationToken = await ctx.zalo.locationToken();
      const accessToken = await ctx.zalo.accessToken();
      const place = await ctx.api.call("location", { body: { access_token: accessToken, location_token: locationToken } });
      Object.assign(draft, place);
      ctx.drafts.save("report", draft);
      placeNote.replaceChildren(message("ok", "Đã lấy vị trí của bạn."));
    } catch (error) {
      const text = error instanceof ApiError ? error.detail : "Bạn chưa cho phép lấy vị trí. Hãy ghi địa chỉ ở ô trên.";
      placeNote.replaceChildren(message("error", text));
    }
  }, { class: "button secondary" });

  const send = busyButton("Gửi phản ánh", async () => {
    remember();
    const problems = [];
    if (!draft.category) problems.push("Vui lòng chọn loại sự việc.");
    if (!draft.description.trim()) problems.push("Vui lòng mô tả sự việc.");
    if (!draft.latitude && !draft.address.trim()) problems.push("Vui lòng cho biết nơi xảy ra: bấm “Dùng vị trí hiện tại” hoặc ghi địa chỉ.");
    if (problems.length) return errors.replaceChildren(message("error", problems.join(" ")));
    errors.replaceChildren(loading("Đang gửi…"));
    try {
      const form = { category: draft.category, description: draft.description, address: draft.address, show_name: draft.show_name ? "true" : "false", photos };
      if (draft.latitude) Object.assign(form, { latitude: draft.latitude, longitude: draft.longitude });
      const sent = await ctx.api.call("sendReport", { form });
      ctx.drafts.clear("report");
      ctx.go(`/phan-anh/${sent.code}/`, { replace: true });
    } catch (error) {
      const detail = error.errors ? Object.values(error.errors).flat().join(" ") : "";
      errors.replaceChildren(message("error", `${error.detail || "Chưa gửi được."} ${detail}`.trim()));
    }
  });

  return h("form", { novalidate: true, onInput: remember, onChange: remember, onSubmit: (e) => e.preventDefault() },
    field({ id: "loai", label: "Sự việc thuộc loại nào?", input: category }),
    field({ id: "mo-ta", label: "Mô tả sự việc", hint: "Ví dụ: đèn đường hỏng 3 hôm nay, trước số nhà 12.", input: description }),
    h("h2", {}, "Ảnh (không bắt buộc, tối đa 5)"), photoList, addPhoto,
    h("h2", {}, "Nơi xảy ra"),
    field({ id: "dia-chi", label: "Địa chỉ hoặc mô tả nơi", input: address }),
    h("p", { class: "hint" }, "Vị trí giúp cơ quan tìm đúng chỗ. Ứng dụng chỉ lấy vị trí khi bạn bấm nút dưới đây, và chỉ dùng cho phản ánh này."),
    locate, placeNote,
    h("label", { class: "check", for: "show-name" }, showName, h("span", {}, "Hiện tên tôi trên trang công khai")),
    errors,
    h("div", { class: "buttons" }, send));
}
