// Pieces several screens share: the level-2 step through the web portal, sharing the phone at the moment it is
// needed (with the reason shown first, Zalo's review rule 3.3.4), and paying through Zalo Checkout.

import { ApiError } from "../api.js";
import { money } from "../text.js";
import { busyButton, h, loading, message } from "../ui.js";

export function needsLevel2(ctx) {
  const note = h("div", { "aria-live": "polite" });
  return h("div", { class: "message info" },
    h("p", {}, "Nộp hồ sơ cần xác thực danh tính mức 2 qua Tây Ninh ID (hoặc VNeID), theo quy định về dịch vụ công trực tuyến. Chỉ làm một lần; xong hãy quay lại đây."),
    busyButton("Xác thực mức 2", async () => {
      try {
        const { url } = await ctx.api.call("webLink");
        await ctx.zalo.openWeb(url);
        note.replaceChildren(message("info", "Xác thực xong trên trang vừa mở thì quay lại đây và bấm lại nút vừa rồi."));
      } catch (error) {
        note.replaceChildren(message("error", error.detail || "Chưa mở được trang xác thực; hãy thử lại."));
      }
    }),
    note);
}

export function phoneRequest(ctx, { reason, onDone }) {
  const note = h("div", { "aria-live": "polite" });
  return h("div", { class: "message info" },
    h("p", {}, reason),
    busyButton("Dùng số điện thoại Zalo của tôi", async () => {
      try {
        const phoneToken = await ctx.zalo.phoneToken();
        const accessToken = await ctx.zalo.accessToken();
        const me = await ctx.api.call("sharePhone", { body: { access_token: accessToken, phone_token: phoneToken } });
        onDone(me);
      } catch (error) {
        const text = error instanceof ApiError ? error.detail : "Bạn chưa cho phép lấy số điện thoại. Bạn vẫn dùng được các việc khác.";
        note.replaceChildren(message("error", text));
      }
    }),
    note);
}

const POLL_MS = 2000;
const POLL_TIMES = 30;

// Pay invoices with Zalo Checkout: our server prepares the order and its mac, Zalo's sheet takes the money, Zalo's
// server tells ours; the app only waits for our record to say "paid" and shows the receipt.
export async function payInvoice(ctx, invoice, box) {
  box.replaceChildren(loading("Đang mở trang thanh toán của Zalo…"));
  let payment;
  try {
    payment = await ctx.api.call("pay", { body: { invoices: [invoice.public_id], gateway: "zalo_checkout" } });
    const { orderId } = await ctx.zalo.createOrder(payment.checkout_order);
    await ctx.api.call("bindOrder", { params: { reference: payment.reference }, body: { order_id: String(orderId) } });
  } catch (error) {
    const text = error instanceof ApiError ? error.detail : "Bạn chưa thanh toán (đã huỷ hoặc không mở được trang của Zalo). Chưa bị trừ tiền.";
    box.replaceChildren(message("error", text));
    return null;
  }
  box.replaceChildren(loading("Đang chờ xác nhận từ Zalo…"));
  for (let i = 0; i < POLL_TIMES; i += 1) {
    const current = await ctx.api.call("payment", { params: { reference: payment.reference } }).catch(() => null);
    if (current && current.status === "paid") {
      const receipt = current.receipts[0];
      box.replaceChildren(
        message("ok", `Đã nộp ${money(current.amount)}. Biên lai số ${receipt ? receipt.number : ""}.`),
        receipt ? busyButton("Xem biên lai", () => ctx.zalo.openWeb(ctx.web(receipt.url)), { class: "button secondary" }) : null,
      );
      return current;
    }
    if (current && current.status !== "pending") {
      box.replaceChildren(message("error", "Giao dịch không thành công. Bạn chưa bị trừ tiền; có thể thử lại."));
      return current;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  box.replaceChildren(message("info", `Zalo chưa báo kết quả giao dịch ${payment.reference}. Nếu đã bị trừ tiền, biên lai sẽ đến trong mục Thông báo; không cần nộp lại.`));
  return null;
}
