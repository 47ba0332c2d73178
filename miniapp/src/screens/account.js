// The citizen's own things: account (phone, level 2, personal data, sign-out, deletion), the inbox, what is
// due and paying it in Zalo; and the screen for web pages the mini app has no screen of its own for.

import { money, dateTime } from "../text.js";
import { busyButton, button, field, h, link, message } from "../ui.js";
import { needsLevel2, payInvoice, phoneRequest } from "./shared.js";

export async function account(ctx) {
  ctx.title("Tài khoản");
  const me = await ctx.api.call("me");
  const box = h("div", {});
  const phone = h("div", {});
  const showPhone = (user) => phone.replaceChildren(user.phone
    ? h("p", {}, `Số điện thoại nhận tin: ${user.phone}`)
    : phoneRequest(ctx, { reason: "Chia sẻ số điện thoại Zalo để cơ quan nhắn kết quả hồ sơ, phản ánh qua Zalo/SMS. Không bắt buộc.", onDone: showPhone }));
  showPhone(me);
  const dataBox = h("div", {});
  const confirm = h("input", { type: "text", name: "confirm", autocomplete: "off" });
  const deleteNote = h("div", { "aria-live": "assertive" });
  box.append(
    h("dl", { class: "facts" },
      h("dt", {}, "Họ và tên"), h("dd", {}, me.full_name || "—"),
      h("dt", {}, "Mức định danh"), h("dd", {}, me.identity_level >= 2 ? "Mức 2 — đã xác thực" : "Mức 1")),
    phone,
    me.identity_level >= 2 ? null : needsLevel2(ctx),
    h("ul", { class: "list" },
      h("li", {}, link("/ho-so/cua-toi/", "Hồ sơ của tôi")),
      h("li", {}, link("/phan-anh/cua-toi/", "Phản ánh của tôi")),
      h("li", {}, link("/thong-bao/", "Thông báo"))),
    h("h2", {}, "Dữ liệu của tôi"),
    busyButton("Xem dữ liệu cổng đang giữ về tôi", async () => {
      const { data } = await ctx.api.call("myData");
      dataBox.replaceChildren(h("pre", { style: "white-space:pre-wrap;font-size:.85rem" }, JSON.stringify(data, null, 2)));
    }, { class: "button secondary" }),
    dataBox,
    h("div", { class: "buttons" }, busyButton("Đăng xuất", async () => {
      await ctx.api.signOut();
      ctx.go("/", { replace: true });
    }, { class: "button secondary" })),
    h("h2", {}, "Xoá tài khoản"),
    h("p", {}, "Hồ sơ và biên lai đã nộp vẫn được cơ quan lưu theo luật, nhưng không còn gắn với tài khoản này."),
    field({ id: "xac-nhan-xoa", label: "Gõ chữ XOA để xác nhận", input: confirm }),
    deleteNote,
    busyButton("Xoá tài khoản", async () => {
      try {
        await ctx.api.call("deleteMe", { body: { confirm: confirm.value } });
        ctx.storage.removeItem("api_token");
        deleteNote.replaceChildren(message("ok", "Đã xoá tài khoản."));
      } catch (error) {
        deleteNote.replaceChildren(message("error", error.detail));
      }
    }, { class: "button danger" }),
  );
  return box;
}

export async function inbox(ctx) {
  ctx.title("Thông báo");
  const page = await ctx.api.call("inbox");
  if (!page.results.length) return message("info", "Chưa có thông báo nào.");
  return h("ul", { class: "list" }, page.results.map((m) => h("li", {},
    h("p", {}, m.read ? m.title : h("strong", {}, m.title)),
    h("p", {}, m.body),
    h("p", { class: "meta" }, dateTime(m.created_at)),
    m.link ? link(m.link, "Xem") : null)));
}

export async function payments(ctx) {
  ctx.title("Khoản cần nộp");
  const page = await ctx.api.call("invoices", { query: { status: "open" } });
  if (!page.results.length) return message("info", "Bạn không có khoản nào cần nộp.");
  return h("ul", { class: "list" }, page.results.map((invoice) => {
    const box = h("div", { "aria-live": "polite" });
    const pay = busyButton(`Nộp ${money(invoice.amount_due)} trong Zalo`, async () => {
      const done = await payInvoice(ctx, invoice, box);
      if (done && done.status === "paid") pay.remove(); // paid: nothing left to tap twice
    });
    return h("li", {},
      h("p", {}, h("strong", {}, invoice.description)),
      h("p", { class: "meta" }, `${invoice.payee} · mã ${invoice.code}`),
      h("p", {}, `Cần nộp: ${money(invoice.amount_due)}`),
      box,
      pay);
  }));
}

export function web(ctx) {
  ctx.title("Cổng Công dân");
  const url = ctx.web(ctx.path);
  return h("div", {},
    message("info", "Trang này mở trên trang web của Cổng Công dân."),
    button("Mở trang", () => ctx.zalo.openWeb(url)),
    h("p", {}, link("/", "Về trang chủ")));
}
