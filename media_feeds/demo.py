"""Demo news, TV and radio: 32 articles from six agencies in six categories (pictures drawn here, kept through the
same pipeline as an editor's upload), one scheduled for tomorrow and one draft; a feed kept switched off (no
provincial portal is reachable from a demo); two TV and two radio channels with a week's schedule."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw

from agencies.models import Agency, Ward
from media_feeds.images import article_image_create
from media_feeds.models import AnnouncementSubscription, Article, Category, Channel, NewsFeed, Programme
from media_feeds.services import article_publish, unique_slug
from media_feeds.workflow import ArticleStatus, ChannelKind

CATEGORIES = [
    ("Thông báo", "thong-bao"),
    ("Thời sự địa phương", "thoi-su"),
    ("Y tế, giáo dục", "y-te-giao-duc"),
    ("Kinh tế, nông nghiệp", "kinh-te"),
    ("Chuyển đổi số", "chuyen-doi-so"),
    ("An ninh, trật tự", "an-ninh"),
]

# (category slug, agency identifier, title, summary, featured, important)
ARTICLES = [
    (
        "thong-bao",
        "TNH-PCTN",
        "Lịch tạm ngừng cung cấp điện phường Tân Ninh ngày 3/12",
        "Điện lực Tây Ninh tạm ngừng cấp điện từ 7 giờ đến 16 giờ để bảo trì lưới điện trên đường 30/4 "
        "và đường Cách Mạng Tháng Tám.",
        True,
        True,
    ),
    (
        "thong-bao",
        "TNH-UB-25459",
        "Phường Tân Ninh tiếp công dân định kỳ tháng 12",
        "Chủ tịch UBND phường tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở, số 2 đường Trần Hưng Đạo.",
        False,
        False,
    ),
    (
        "thong-bao",
        "TNH-TTHCC",
        "Trung tâm Phục vụ hành chính công làm việc sáng thứ Bảy",
        "Từ tháng 12, Trung tâm nhận và trả hồ sơ vào sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30.",
        False,
        False,
    ),
    (
        "thong-bao",
        "TNH-UB-27694",
        "Phường Long An thông báo lịch thu gom rác mới",
        "Xe thu gom rác sinh hoạt đi qua các khu phố vào 17 giờ đến 20 giờ hằng ngày, kể cả thứ Bảy và Chủ nhật.",
        False,
        True,
    ),
    (
        "thong-bao",
        "TNH-CA",
        "Làm căn cước cho trẻ em dưới 6 tuổi trên Cổng dịch vụ công",
        "Cha mẹ có thể nộp hồ sơ cấp căn cước cho con dưới 6 tuổi trực tuyến, không cần đưa trẻ đến cơ quan công an.",
        False,
        False,
    ),
    (
        "thong-bao",
        "TNH-PCTN",
        "Lịch tạm ngừng cung cấp điện xã Bến Lức ngày 5/12",
        "Khu vực ấp 3, ấp 4 xã Bến Lức mất điện từ 8 giờ đến 11 giờ 30 để thay dây dẫn.",
        False,
        False,
    ),
    (
        "thoi-su",
        "TNH-BPTTH",
        "Tây Ninh đón hơn 1 triệu lượt khách lên núi Bà Đen trong năm",
        "Khu du lịch quốc gia núi Bà Đen tiếp tục là điểm đến hàng đầu của tỉnh, doanh thu du lịch tăng 18% "
        "so với năm trước.",
        True,
        False,
    ),
    (
        "thoi-su",
        "TNH-BPTTH",
        "Khởi công cầu mới bắc qua sông Vàm Cỏ Đông",
        "Cây cầu dài 420 mét nối hai bờ sông, rút ngắn 12 km đường đi cho người dân các xã phía tây.",
        False,
        False,
    ),
    (
        "thoi-su",
        "TNH-UB-25459",
        "Hội thi Gia đình văn hoá phường Tân Ninh năm 2026",
        "18 gia đình tiêu biểu tham gia hội thi với các phần thi tìm hiểu pháp luật, văn nghệ và ẩm thực.",
        False,
        False,
    ),
    (
        "thoi-su",
        "TNH-BPTTH",
        "Hoàn thành đường tỉnh 782 đoạn qua Trảng Bàng",
        "Tuyến đường rộng 4 làn xe, có vỉa hè và đèn chiếu sáng, đưa vào sử dụng trước Tết.",
        False,
        False,
    ),
    (
        "thoi-su",
        "TNH-UB-27694",
        "Phường Long An ra mắt mô hình tuyến phố văn minh",
        "Tuyến đường Hùng Vương được chỉnh trang vỉa hè, trồng cây xanh và gắn mã QR giới thiệu di tích.",
        False,
        False,
    ),
    (
        "y-te-giao-duc",
        "TNH-SGDDT",
        "Lịch nghỉ Tết Nguyên đán 2027 của học sinh",
        "Học sinh toàn tỉnh nghỉ Tết từ ngày 1/2 đến hết ngày 14/2/2027, đi học lại ngày 15/2.",
        True,
        True,
    ),
    (
        "y-te-giao-duc",
        "TNH-UB-25459",
        "Tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi",
        "Trạm y tế phường Tân Ninh tổ chức tiêm miễn phí vào thứ Ba và thứ Năm trong tháng 12.",
        False,
        True,
    ),
    (
        "y-te-giao-duc",
        "TNH-SGDDT",
        "Tuyển sinh lớp 10 năm học 2027–2028: những điểm mới",
        "Thí sinh đăng ký nguyện vọng trực tuyến, được chọn tối đa ba trường, thi ba môn Toán, Văn, Tiếng Anh.",
        False,
        False,
    ),
    (
        "y-te-giao-duc",
        "TNH-SGDDT",
        "Đóng học phí không dùng tiền mặt tại 100% trường THPT",
        "Phụ huynh nộp học phí qua chuyển khoản, ví điện tử hoặc ngay trên Cổng Công dân, nhận biên lai điện tử.",
        False,
        False,
    ),
    (
        "y-te-giao-duc",
        "TNH-UB-27694",
        "Khám sức khỏe miễn phí cho người cao tuổi phường Long An",
        "Người từ 60 tuổi trở lên được khám, đo huyết áp, đường huyết và nhận thuốc miễn phí vào Chủ nhật 7/12.",
        False,
        False,
    ),
    (
        "y-te-giao-duc",
        "TNH-BPTTH",
        "Phòng chống sốt xuất huyết mùa mưa",
        "Ngành y tế khuyến cáo người dân diệt lăng quăng, ngủ màn và đến cơ sở y tế khi sốt cao liên tục.",
        False,
        False,
    ),
    (
        "kinh-te",
        "TNH-BPTTH",
        "Giá mì tăng, nông dân Tây Ninh phấn khởi",
        "Củ mì tươi được thu mua 3.200 đồng một ký, cao hơn cùng kỳ năm trước khoảng 400 đồng.",
        False,
        False,
    ),
    (
        "kinh-te",
        "TNH-UB-27991",
        "Xã Bến Lức hỗ trợ nông dân chuyển sang trồng rau sạch",
        "Hộ tham gia được hỗ trợ 50% giá nhà lưới và tập huấn kỹ thuật trồng rau theo tiêu chuẩn VietGAP.",
        False,
        False,
    ),
    (
        "kinh-te",
        "TNH-BPTTH",
        "Hội chợ nông sản và sản phẩm OCOP Tây Ninh 2026",
        "Hơn 150 gian hàng giới thiệu bánh tráng phơi sương, muối tôm, mãng cầu và các sản phẩm OCOP.",
        False,
        False,
    ),
    (
        "kinh-te",
        "TNH-UB-25459",
        "Hơn 200 hộ kinh doanh phường Tân Ninh thành Cửa hàng 4.0",
        "Các cửa hàng nhận chuyển khoản qua mã VietQR, được UBND phường xác nhận và có giấy chứng nhận.",
        False,
        False,
    ),
    (
        "kinh-te",
        "TNH-BPTTH",
        "Vay vốn ưu đãi cho hộ nghèo, hộ cận nghèo năm 2027",
        "Ngân hàng Chính sách xã hội cho vay tối đa 100 triệu đồng, thời hạn đến 5 năm, không cần tài sản bảo đảm.",
        False,
        False,
    ),
    (
        "chuyen-doi-so",
        "TNH-TTHCC",
        "Nộp hồ sơ trực tuyến: 5 thủ tục người dân hay dùng nhất",
        "Đăng ký khai sinh, cấp bản sao trích lục, chứng thực, đăng ký kết hôn và xác nhận tình trạng hôn nhân.",
        True,
        False,
    ),
    (
        "chuyen-doi-so",
        "TNH-UB-25459",
        "Tổ công nghệ số cộng đồng hỗ trợ người cao tuổi dùng Zalo",
        "Mỗi khu phố có tổ viên đến tận nhà hướng dẫn cài đặt, nộp hồ sơ và phản ánh qua điện thoại.",
        False,
        False,
    ),
    (
        "chuyen-doi-so",
        "TNH-TTHCC",
        "Nhận kết quả hồ sơ bản điện tử có giá trị như bản giấy",
        "Kết quả điện tử có chữ ký số của cơ quan, người dân tải về ngay trên điện thoại, không phải đến lấy.",
        False,
        False,
    ),
    (
        "chuyen-doi-so",
        "TNH-BPTTH",
        "Phản ánh hiện trường: hơn 90% được xử lý đúng hạn",
        "Người dân gửi ảnh, vị trí sự việc; cơ quan chức năng trả lời trung bình trong 3 ngày làm việc.",
        False,
        False,
    ),
    (
        "chuyen-doi-so",
        "TNH-UB-27694",
        "Thanh toán phí, lệ phí bằng mã QR tại bộ phận một cửa",
        "Người dân quét mã VietQR để nộp lệ phí, nhận biên lai điện tử qua Zalo.",
        False,
        False,
    ),
    (
        "an-ninh",
        "TNH-CA",
        "Cảnh giác với cuộc gọi giả danh công an",
        "Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền. Gặp trường hợp nghi ngờ, "
        "hãy báo ngay cho công an phường.",
        True,
        True,
    ),
    (
        "an-ninh",
        "TNH-CA",
        "Hướng dẫn tích hợp giấy phép lái xe vào ứng dụng định danh",
        "Người dân cập nhật giấy phép lái xe trên ứng dụng định danh điện tử để xuất trình khi cần.",
        False,
        False,
    ),
    (
        "an-ninh",
        "TNH-UB-27991",
        "Xã Bến Lức ra quân bảo đảm an toàn giao thông dịp cuối năm",
        "Lực lượng công an xã và đoàn thanh niên tuần tra các tuyến đường tỉnh, nhắc nhở đội mũ bảo hiểm.",
        False,
        False,
    ),
    (
        "an-ninh",
        "TNH-CA",
        "Phòng cháy, chữa cháy trong nhà ở kết hợp kinh doanh",
        "Mỗi hộ nên trang bị bình chữa cháy, thiết bị báo cháy và lối thoát nạn thứ hai.",
        False,
        False,
    ),
    (
        "thong-bao",
        "TNH-UB-25459",
        "Lấy ý kiến người dân về quy hoạch công viên bờ kè",
        "Người dân góp ý phương án quy hoạch công viên bờ kè rạch Tây Ninh đến hết ngày 20/12.",
        False,
        False,
    ),
]
SCHEDULED_TITLE = "Chương trình nghệ thuật chào năm mới 2027 tại quảng trường tỉnh"
DRAFT_TITLE = "Kế hoạch tổ chức Tết Nguyên đán 2027 (dự thảo)"

PALETTE = [(11, 92, 173), (0, 128, 96), (196, 86, 20), (120, 60, 160), (30, 120, 160), (160, 40, 60)]

TV_DAY = [
    (5, 30, "Thể dục buổi sáng"), (6, 0, "Thời sự buổi sáng"), (7, 0, "Nông nghiệp Tây Ninh"),
    (8, 0, "Phim truyện: Đất phương Nam"), (10, 0, "Chuyển đổi số mỗi ngày"), (11, 30, "Thời sự trưa"),
    (12, 15, "Ca nhạc: Giai điệu quê hương"), (14, 0, "Phim tài liệu: Núi Bà Đen"), (16, 0, "Thiếu nhi"),
    (17, 30, "Dân hỏi, chính quyền trả lời"), (18, 30, "Thời sự Tây Ninh"), (19, 0, "Thời sự VTV (tiếp sóng)"),
    (20, 0, "Phim truyện"), (21, 30, "An ninh Tây Ninh"), (22, 30, "Ca nhạc"), (23, 30, "Kết thúc phát sóng"),
]  # fmt: skip
RADIO_DAY = [
    (5, 0, "Chào buổi sáng"), (6, 0, "Thời sự"), (7, 0, "Bạn của nhà nông"), (9, 0, "Âm nhạc theo yêu cầu"),
    (11, 0, "Thời sự trưa"), (12, 0, "Đọc truyện đêm khuya (phát lại)"), (14, 0, "Sức khỏe cho mọi nhà"),
    (16, 0, "Giao thông giờ cao điểm"), (18, 0, "Thời sự chiều"), (19, 30, "Vọng cổ, cải lương"),
    (22, 0, "Đọc truyện đêm khuya"), (23, 0, "Kết thúc phát sóng"),
]  # fmt: skip


def _picture(seed: int) -> bytes:
    """A landscape of bands and a sun in the category's colour: a real picture for the pipeline to work on."""
    rng = random.Random(seed)  # noqa: S311  (shapes of a drawing, not a secret)
    base = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (1200, 675), base)
    draw = ImageDraw.Draw(image)
    for band in range(6):
        shade = tuple(min(255, c + 25 * band) for c in base)
        top = 300 + band * 60 + rng.randint(-20, 20)
        draw.polygon(
            [(0, top), (600 + rng.randint(-200, 200), top - 80), (1200, top), (1200, 675), (0, 675)], fill=shade
        )
    draw.ellipse((900, 60, 1040, 200), fill=(255, 214, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def seed_media(*, editors: dict[str, object] | None = None) -> None:
    if Article.objects.exists():
        return
    categories = {
        slug: Category.objects.create(name=name, slug=slug, order=i * 10) for i, (name, slug) in enumerate(CATEGORIES)
    }
    agencies = {agency.identifier: agency for agency in Agency.objects.all()}
    pictures = [article_image_create(_picture(i), name=f"demo-{i}.jpg") for i in range(8)]
    now = timezone.now()
    editor = (editors or {}).get("TNH-UB-25459")
    for index, (category, agency, title, summary, featured, important) in enumerate(ARTICLES):
        article = Article.objects.create(
            title=title,
            slug=unique_slug(title),
            summary=summary,
            body=_body(summary),
            cover=pictures[index % len(pictures)] if index % 5 != 4 else None,  # some news has no picture
            cover_alt=f"Ảnh minh hoạ: {title}" if index % 5 != 4 else "",
            category=categories[category],
            agency=agencies[agency],
            featured=featured,
            important=important,
            created_by=editor,
        )
        article = article_publish(article=article, actor=editor)
        # Spread over the last six weeks, newest first as listed.
        Article.objects.filter(pk=article.pk).update(
            # The first announcement reaches the demo subscribers (their inbox); the older ones count as sent.
            published_at=now - dt.timedelta(hours=5 + index * 31),
            announced_at=now if important and index > 0 else None,
        )
    for title, status in ((SCHEDULED_TITLE, ArticleStatus.SCHEDULED), (DRAFT_TITLE, ArticleStatus.DRAFT)):
        article = Article.objects.create(
            title=title,
            slug=unique_slug(title),
            summary="Chi tiết chương trình, giờ giấc và nơi gửi xe.",
            body=_body("Chi tiết chương trình, giờ giấc và nơi gửi xe."),
            cover=pictures[0],
            category=categories["thoi-su"],
            agency=agencies["TNH-UB-25459"],
            created_by=editor,
        )
        if status == ArticleStatus.SCHEDULED:
            article_publish(article=article, actor=editor, at=now + dt.timedelta(days=1))
    NewsFeed.objects.create(
        name="Cổng thông tin điện tử tỉnh (mẫu, đang tắt)",
        url="https://tayninh.gov.vn/rss/tin-tuc.rss",
        agency=agencies["TNH-BPTTH"],
        category=categories["thoi-su"],
        is_active=False,
    )
    _seed_channels(agencies["TNH-BPTTH"], now)


def _body(summary: str) -> str:
    return (
        f"<p>{summary}</p>"
        "<p>Người dân cần thêm thông tin có thể liên hệ bộ phận một cửa gần nhất, hoặc gửi câu hỏi qua mục "
        "<strong>Hỏi đáp trực tuyến</strong> trên Cổng Công dân.</p>"
        "<ul><li>Thời gian: giờ hành chính các ngày làm việc.</li><li>Không mất phí.</li></ul>"
    )


def _seed_channels(agency: Agency, now: dt.datetime) -> None:
    base = f"{settings.PUBLIC_BASE_URL}/truyen-hinh/demo-stream"
    channels = [
        ("Truyền hình Tây Ninh 1", "tn1", ChannelKind.TV, "tv", "tv-audio", TV_DAY),
        ("Truyền hình Tây Ninh 2", "tn2", ChannelKind.TV, "tv", "tv-audio", TV_DAY[1::2] + TV_DAY[-1:]),
        ("Phát thanh Tây Ninh", "radio-tay-ninh", ChannelKind.RADIO, "radio-1", "", RADIO_DAY),
        ("Phát thanh Giao thông, Nông nghiệp", "radio-giao-thong", ChannelKind.RADIO, "radio-2", "", RADIO_DAY[::2]),
    ]
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for order, (name, slug, kind, stream, audio, day) in enumerate(channels):
        channel = Channel.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            agency=agency,
            stream_url=f"{base}/{stream}/index.m3u8",
            audio_stream_url=f"{base}/{audio}/index.m3u8" if audio else "",
            description="Kênh của Báo và Phát thanh, Truyền hình Tây Ninh (bản demo phát một đoạn ngắn).",
            order=order,
        )
        Programme.objects.bulk_create(
            Programme(
                channel=channel,
                starts_at=dt.datetime.combine(today + dt.timedelta(days=offset), dt.time(hour, minute), tzinfo=tz),
                title=title,
            )
            for offset in range(-1, 7)
            for hour, minute, title in sorted(set(day))
        )


def seed_subscriptions(citizens, ward: Ward | None) -> None:
    """The first demo citizens receive their ward's announcements; one the whole province's."""
    for index, citizen in enumerate(citizens):
        AnnouncementSubscription.objects.get_or_create(user=citizen, ward=None if index == 0 else ward)
