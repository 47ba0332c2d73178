"""Demo field reports for `manage.py seed_demo`: the categories a Vietnamese province uses, routing to the
agencies that answer them, answer templates, and a few dozen reports in every state, all made through the
services so history, codes, deadlines and notifications are real."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from agencies.models import Agency
from reports.models import AnswerTemplate, Category, DeadlineUnit, Report, RoutingRule
from reports.services import (
    report_assign,
    report_close,
    report_draft_create,
    report_follow,
    report_mark_duplicate,
    report_rate,
    report_reject,
    report_request_info,
    report_resolve,
    report_start,
    report_submit,
)

# slug, name, icon, public, [(slug, name, deadline, unit, default agency or None for the ward's committee)]
CATEGORIES = [
    (
        "cay-xanh",
        "Cây xanh",
        "🌳",
        True,
        [
            ("cay-gay-do", "Cây gãy, đổ", 1, DeadlineUnit.WORKING_DAYS, None),
            ("cay-nguy-hiem", "Cây nguy hiểm cần cắt tỉa", 5, DeadlineUnit.WORKING_DAYS, None),
        ],
    ),
    (
        "dien-chieu-sang",
        "Điện chiếu sáng",
        "💡",
        True,
        [
            ("den-duong-hong", "Đèn đường không sáng", 3, DeadlineUnit.WORKING_DAYS, "TNH-PCTN"),
            ("day-dien-dut", "Dây điện đứt, võng thấp", 1, DeadlineUnit.CALENDAR_DAYS, "TNH-PCTN"),
        ],
    ),
    (
        "duong-sa",
        "Đường sá",
        "🛣️",
        True,
        [
            ("o-ga", "Ổ gà, hư hỏng mặt đường", 5, DeadlineUnit.WORKING_DAYS, "TNH-SXD"),
            ("nap-cong", "Mất, vỡ nắp cống, hố ga", 2, DeadlineUnit.WORKING_DAYS, "TNH-SXD"),
            ("bien-bao", "Biển báo, đèn tín hiệu hư hỏng", 3, DeadlineUnit.WORKING_DAYS, "TNH-SXD"),
        ],
    ),
    (
        "rac-thai",
        "Rác thải, vệ sinh môi trường",
        "🗑️",
        True,
        [
            ("rac-ton-dong", "Rác tồn đọng, chưa thu gom", 2, DeadlineUnit.WORKING_DAYS, None),
            ("do-trom-xa-ban", "Đổ trộm xà bần, phế thải", 3, DeadlineUnit.WORKING_DAYS, None),
        ],
    ),
    (
        "ngap-nuoc",
        "Ngập nước, thoát nước",
        "🌊",
        True,
        [
            ("ngap-duong", "Đường ngập sau mưa", 2, DeadlineUnit.CALENDAR_DAYS, "TNH-SXD"),
            ("cong-tac", "Cống, mương bị tắc", 3, DeadlineUnit.WORKING_DAYS, None),
        ],
    ),
    (
        "trat-tu-do-thi",
        "Trật tự đô thị",
        "🚧",
        True,
        [
            ("lan-chiem-via-he", "Lấn chiếm vỉa hè, lòng đường", 3, DeadlineUnit.WORKING_DAYS, None),
            ("quang-cao-sai", "Quảng cáo, băng rôn sai quy định", 5, DeadlineUnit.WORKING_DAYS, None),
        ],
    ),
    (
        "an-ninh-trat-tu",
        "An ninh trật tự",
        "🛡️",
        False,
        [
            ("tu-tap-gay-roi", "Tụ tập gây rối, đua xe", 1, DeadlineUnit.WORKING_DAYS, "TNH-CA"),
            ("tieng-on", "Tiếng ồn, karaoke quá giờ", 2, DeadlineUnit.WORKING_DAYS, "TNH-CA"),
        ],
    ),
]

# Groups a ward's People's Committee answers for its own ward (the rest go to the category's agency).
WARD_GROUPS = ["cay-xanh", "rac-thai", "trat-tu-do-thi", "ngap-nuoc"]
WARD_COMMITTEES = {
    "TNH-UB-25459": (11.3100, 106.0980),  # Tân Ninh
    "TNH-UB-27694": (10.5400, 106.4100),  # Long An
    "TNH-UB-25645": (11.2800, 106.1300),  # Hoà Thành
    "TNH-UB-27991": (10.6400, 106.4900),  # Bến Lức
    "TNH-UB-28159": (10.6100, 106.6700),  # Cần Giuộc
}

TEMPLATES = [
    ("cay-xanh", "Đã cưa dọn cây", "Đội quản lý cây xanh đã cưa, dọn cây và thông đường. Cảm ơn bạn đã phản ánh."),
    ("dien-chieu-sang", "Đã sửa đèn", "Điện lực đã thay bóng, kiểm tra đường dây; đèn đã sáng lại từ tối nay."),
    ("duong-sa", "Đã vá mặt đường", "Đơn vị duy tu đã vá ổ gà, lắp biển cảnh báo trong lúc chờ sửa toàn tuyến."),
    ("rac-thai", "Đã thu gom", "Đơn vị vệ sinh môi trường đã thu gom rác; địa phương sẽ nhắc nhở hộ dân đổ đúng giờ."),
]

# category slug, description, address, committee (its ward), what happens: a list of steps
REPORTS = [
    (
        "cay-gay-do",
        "Cây me lớn bị gió quật ngã chắn ngang đường, xe máy không qua được.",
        "Đường 30 Tháng 4, gần chợ Tây Ninh",
        "TNH-UB-25459",
        ["assign", "resolve"],
    ),
    (
        "cay-gay-do",
        "Nhánh cây gãy treo lơ lửng trên dây điện trước trường tiểu học.",
        "Trước Trường Tiểu học Lê Văn Tám",
        "TNH-UB-25645",
        ["assign", "start"],
    ),
    (
        "cay-nguy-hiem",
        "Cây dầu cao nghiêng hẳn về phía nhà dân, mùa mưa rất nguy hiểm.",
        "Hẻm 12 đường Cách Mạng Tháng Tám",
        "TNH-UB-25459",
        [],
    ),
    (
        "den-duong-hong",
        "Cả dãy đèn đường tắt gần một tuần, buổi tối rất tối, dễ bị giật đồ.",
        "Đường Trưng Nữ Vương, đoạn gần cầu Quan",
        "TNH-UB-25459",
        ["assign", "resolve", "rate5"],
    ),
    (
        "den-duong-hong",
        "Đèn đường chập chờn lúc sáng lúc tắt.",
        "Quốc lộ 1, đoạn qua Bến Lức",
        "TNH-UB-27991",
        ["assign"],
    ),
    (
        "day-dien-dut",
        "Dây điện võng thấp sát đầu người đi đường sau cơn giông.",
        "Ấp 3, gần nhà văn hóa",
        "TNH-UB-28159",
        ["assign", "resolve"],
    ),
    (
        "o-ga",
        "Ổ gà lớn giữa đường, trời mưa đọng nước, đã có người té xe.",
        "Đường Nguyễn Chí Thanh",
        "TNH-UB-25645",
        ["assign", "start"],
    ),
    ("o-ga", "Mặt đường bong tróc dài khoảng 20 mét.", "Đường Hùng Vương", "TNH-UB-27694", []),
    (
        "nap-cong",
        "Nắp hố ga bị mất, rất nguy hiểm cho trẻ em.",
        "Trước số 45 đường Trần Hưng Đạo",
        "TNH-UB-25459",
        ["assign", "resolve", "rate2-reopen"],
    ),
    ("bien-bao", "Biển báo giao lộ bị gió làm xoay ngược hướng.", "Ngã tư Bến Lức", "TNH-UB-27991", ["request_info"]),
    (
        "rac-ton-dong",
        "Rác tồn đọng ba ngày chưa ai thu gom, bốc mùi.",
        "Khu phố 2",
        "TNH-UB-27694",
        ["assign", "resolve", "rate4"],
    ),
    ("rac-ton-dong", "Bãi rác tự phát ven kênh ngày càng lớn.", "Bờ kênh Thầy Cai", "TNH-UB-28159", ["assign"]),
    (
        "do-trom-xa-ban",
        "Có xe đổ trộm xà bần ban đêm ở bãi đất trống.",
        "Bãi đất trống cạnh khu dân cư mới",
        "TNH-UB-25645",
        ["reject"],
    ),
    (
        "ngap-duong",
        "Mưa 30 phút là đường ngập tới bánh xe.",
        "Đường Phạm Văn Đồng",
        "TNH-UB-25459",
        ["assign", "start"],
    ),
    (
        "cong-tac",
        "Mương thoát nước bị lấp đầy rác, nước tràn vào nhà dân.",
        "Tổ 5, ấp Chánh",
        "TNH-UB-28159",
        ["assign", "resolve"],
    ),
    (
        "lan-chiem-via-he",
        "Quán nhậu bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
        "Đường Võ Thị Sáu",
        "TNH-UB-25459",
        ["assign", "resolve", "close"],
    ),
    ("quang-cao-sai", "Băng rôn quảng cáo treo trên cây xanh và cột điện.", "Vòng xoay Hoà Thành", "TNH-UB-25645", []),
    ("tieng-on", "Karaoke mở lớn sau 22 giờ nhiều đêm liền.", "Hẻm 7 đường Lý Thường Kiệt", "TNH-UB-25459", ["assign"]),
    ("tu-tap-gay-roi", "Nhóm thanh niên tụ tập đua xe lúc nửa đêm.", "Đường tránh Quốc lộ 1", "TNH-UB-27991", []),
    (
        "cay-gay-do",
        "Cây đổ chắn đường (cùng chỗ với phản ánh trước).",
        "Đường 30 Tháng 4, gần chợ Tây Ninh",
        "TNH-UB-25459",
        ["duplicate"],
    ),
    (
        "rac-ton-dong",
        "Thùng rác công cộng bị hư, rác vương vãi ra đường.",
        "Công viên 30 Tháng 4",
        "TNH-UB-25459",
        ["assign", "resolve"],
    ),
    (
        "lan-chiem-via-he",
        "Xe tải đậu chiếm hết lòng đường trước cổng chợ.",
        "Cổng chợ Long Hoa",
        "TNH-UB-25645",
        ["assign", "start"],
    ),
    (
        "cong-tac",
        "Cống thoát nước trước nhà bị nghẹt, nước đen bốc mùi.",
        "Số 18 đường Nguyễn Trãi",
        "TNH-UB-27694",
        ["assign", "resolve", "rate5"],
    ),
    ("den-duong-hong", "Đèn chiếu sáng trong hẻm bị vỡ bóng.", "Hẻm 25 đường Hoàng Lê Kha", "TNH-UB-25459", []),
    (
        "cay-nguy-hiem",
        "Cây xanh mọc sát trụ điện, cành đè lên dây.",
        "Đường Phạm Hùng, ấp 2",
        "TNH-UB-28159",
        ["assign"],
    ),
    (
        "ngap-duong",
        "Nước ngập sâu trước cổng trường sau cơn mưa chiều.",
        "Trước Trường THCS Chu Văn An",
        "TNH-UB-27694",
        ["assign", "resolve"],
    ),
    (
        "o-ga",
        "Hố sụt trên cầu bê tông nhỏ, xe tải đi qua rất nguy hiểm.",
        "Cầu Bến Đình",
        "TNH-UB-27991",
        ["assign", "start"],
    ),
    (
        "quang-cao-sai",
        "Bảng quảng cáo dựng trên vỉa hè che khuất tầm nhìn giao lộ.",
        "Ngã ba Mít Một",
        "TNH-UB-25459",
        ["assign", "resolve"],
    ),
    (
        "rac-ton-dong",
        "Người dân đốt rác gây khói cả khu phố mỗi chiều.",
        "Khu phố 4",
        "TNH-UB-25645",
        ["request_info"],
    ),
    (
        "do-trom-xa-ban",
        "Xà bần đổ tràn ra mép đường tỉnh.",
        "Đường tỉnh 835",
        "TNH-UB-28159",
        ["assign", "resolve", "close"],
    ),
]


def _photo(seed: int) -> SimpleUploadedFile:
    """A small stand-in photo (sky, ground and a dark shape), different for every report."""
    rng = random.Random(seed)  # noqa: S311 - demo pictures, not secrets
    image = Image.new("RGB", (800, 600), (rng.randint(120, 200), rng.randint(170, 220), 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 380, 800, 600], fill=(rng.randint(90, 140), rng.randint(90, 120), 80))
    draw.ellipse([rng.randint(100, 400), 200, rng.randint(450, 700), 460], fill=(40, rng.randint(80, 120), 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(f"anh-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


@transaction.atomic
def seed_categories(agencies: dict[str, Agency]) -> None:
    for order, (slug, name, icon, public, children) in enumerate(CATEGORIES):
        group, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "is_public": public, "order": order, "parent": None}
        )
        for child_order, (child_slug, child_name, deadline, unit, agency_id) in enumerate(children):
            Category.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "parent": group,
                    "name": child_name,
                    "icon": icon,
                    "deadline_value": deadline,
                    "deadline_unit": unit,
                    "order": child_order,
                    # Ward-level work defaults to the provincial Department of Construction when no ward rule fits.
                    "default_agency": agencies[agency_id or "TNH-SXD"],
                },
            )
    order = 10
    for committee in WARD_COMMITTEES:
        agency = agencies[committee]
        for group_slug in WARD_GROUPS:
            RoutingRule.objects.get_or_create(
                ward=agency.ward,
                category=Category.objects.get(slug=group_slug),
                defaults={"agency": agency, "order": order},
            )
            order += 10
    for group_slug, title, text in TEMPLATES:
        AnswerTemplate.objects.get_or_create(
            category=Category.objects.get(slug=group_slug), title=title, defaults={"text": text}
        )


def seed_reports(agencies: dict[str, Agency], reporters: list, officers: dict[str, object]) -> int:
    """The demo reports, once (nothing is added when reports already exist)."""
    if Report.objects.exists():
        return 0
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    made: list[Report] = []
    for index, (slug, description, address, committee, steps) in enumerate(REPORTS):
        reporter = reporters[index % len(reporters)]
        lat, lon = WARD_COMMITTEES[committee]
        where = (lat + rng.uniform(-0.004, 0.004), lon + rng.uniform(-0.004, 0.004))
        if "duplicate" in steps:
            where = (float(made[0].latitude) + 0.0001, float(made[0].longitude))
        draft = report_draft_create(
            reporter=reporter,
            category=Category.objects.get(slug=slug),
            description=description,
            photos=[_photo(index)],
            latitude=where[0],
            longitude=where[1],
            address=address,
            ward=agencies[committee].ward,
            show_name=index % 4 == 0,
        )
        received = now - dt.timedelta(days=len(REPORTS) - index, hours=rng.randint(0, 6))
        report = report_submit(report=draft, reporter=reporter, now=received)
        officer = officers.get(report.agency.identifier) if report.agency_id else None
        for step in steps:
            report = _step(report, step, officer, reporter, made)
        made.append(report)
    # Neighbours who met the same problem.
    for follower in reporters[1:]:
        report_follow(report=made[0], user=follower, me_too=True)
    return len(made)


def _step(report: Report, step: str, officer, reporter, made: list[Report]) -> Report:
    if officer is None:
        return report
    match step:
        case "assign":
            return report_assign(report=report, officer=officer)
        case "start":
            return report_start(report=report, officer=officer)
        case "resolve":
            template = AnswerTemplate.objects.filter(category=report.category.parent).first()
            answer = template.text if template else "Đơn vị đã kiểm tra và xử lý xong. Cảm ơn bạn đã phản ánh."
            return report_resolve(report=report, officer=officer, answer=answer, photos=[_photo(1000 + report.pk)])
        case "reject":
            return report_reject(
                report=report,
                officer=officer,
                answer="Khu đất thuộc dự án đang thi công, chủ đầu tư chịu trách nhiệm dọn dẹp; "
                "đã chuyển thông tin cho Ban quản lý dự án.",
            )
        case "request_info":
            return report_request_info(
                report=report, officer=officer, question="Bạn cho biết giúp biển báo ở góc nào của ngã tư?"
            )
        case "duplicate":
            return report_mark_duplicate(
                report=report, officer=officer, original=made[0], answer="Sự việc đã được phản ánh và xử lý trước đó."
            )
        case "close":
            return report_close(report=report, officer=officer)
        case "rate5":
            return report_rate(report=report, reporter=reporter, rating=5, reasons=["good"])
        case "rate4":
            return report_rate(report=report, reporter=reporter, rating=4)
        case "rate2-reopen":
            return report_rate(
                report=report,
                reporter=reporter,
                rating=2,
                reasons=["not_fixed"],
                reopen_reason="Nắp mới đặt tạm bằng tấm gỗ, xe qua vẫn lọt bánh.",
            )
    return report
