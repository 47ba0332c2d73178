import { h, link } from "../ui.js";

const TILES = [
  ["/ho-so/", "Nộp hồ sơ", "Thủ tục hành chính trực tuyến"],
  ["/ho-so/cua-toi/", "Hồ sơ của tôi", "Xem tình trạng, phiếu hẹn, kết quả"],
  ["/phan-anh/gui/", "Phản ánh", "Báo sự việc ở nơi công cộng"],
  ["/hoi-dap/", "Hỏi đáp", "Hỏi cơ quan nhà nước"],
  ["/thanh-toan/", "Khoản cần nộp", "Lệ phí, học phí"],
  ["/cua-hang/", "Cửa hàng 4.0", "Mua bán không tiền mặt"],
  ["/tin-tuc/", "Tin tức", "Tin của tỉnh và phường"],
  ["/truyen-hinh/", "Truyền hình, radio", "Xem, nghe trực tiếp"],
  ["/thong-bao/", "Thông báo", "Tin nhắn của cơ quan"],
  ["/tai-khoan/", "Tài khoản", "Số điện thoại, xác thực, dữ liệu"],
];

export default function home(ctx) {
  ctx.title("Cổng Công dân");
  const form = h(
    "form",
    { class: "search", role: "search", onSubmit: (e) => {
      e.preventDefault();
      const q = form.querySelector("input").value.trim();
      if (q) ctx.go(`/tim-kiem/?q=${encodeURIComponent(q)}`);
    } },
    h("label", { for: "q", class: "visually-hidden" }, "Tìm thủ tục, dịch vụ"),
    h("input", { id: "q", name: "q", type: "search", placeholder: "Tìm: khai sinh, ho so…", enterkeyhint: "search" }),
    h("button", { type: "submit", class: "button" }, "Tìm"),
  );
  return h(
    "div",
    {},
    form,
    h("ul", { class: "tiles" }, TILES.map(([href, title, sub]) => h("li", {}, link(href, h("strong", {}, title), h("span", {}, sub))))),
  );
}
