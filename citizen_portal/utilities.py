"""The utilities shown as tiles on the citizen home page.

One list so the home page, the placeholder pages and later the apps agree on names and addresses. When an
app ships its pages it sets `url_name`; until then the tile leads to a page that says plainly it is coming.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Utility:
    slug: str
    title: str
    summary: str
    icon: str
    url_name: str | None = None

    def get_absolute_url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("utility_placeholder", kwargs={"slug": self.slug})

    @property
    def is_available(self) -> bool:
        return self.url_name is not None


UTILITIES: tuple[Utility, ...] = (
    Utility(
        "ho-so", "Nộp hồ sơ trực tuyến", "Thủ tục hành chính, nhận kết quả điện tử", "folder", "dossiers:catalogue"
    ),
    Utility("phan-anh", "Phản ánh hiện trường", "Gửi ảnh, vị trí sự việc cần xử lý", "camera", "reports:feed"),
    Utility("hoi-dap", "Hỏi đáp trực tuyến", "Đặt câu hỏi cho cơ quan nhà nước", "chat", "qa:index"),
    Utility("cua-hang", "Cửa hàng 4.0", "Đăng ký bán hàng, thanh toán không tiền mặt", "shop", "shops:index"),
    Utility("hoc-phi", "Thanh toán học phí", "Đóng học phí cho con trực tuyến", "school", "tuition:index"),
    Utility("truyen-hinh", "Truyền hình, radio", "Xem truyền hình, nghe đài trực tiếp", "tv", "media_feeds:channels"),
    Utility("tin-tuc", "Tin tức", "Thông báo của chính quyền địa phương", "news", "media_feeds:news"),
    Utility("tai-khoan", "Tài khoản của tôi", "Thông tin cá nhân, hồ sơ đã gửi", "user", "identity:account"),
)

UTILITIES_BY_SLUG = {utility.slug: utility for utility in UTILITIES}
