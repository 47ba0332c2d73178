"""Everything the portal tells people about. Each event has template files in templates/notifications/<name>/:
inbox_title.txt, inbox_body.txt (always), and optionally zns.json, oa.txt, email_subject.txt, email_body.txt,
email_body.html. A channel without its files is simply not used for that event."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    label: str
    # Essential messages ignore "only important messages" and always reach at least the inbox.
    essential: bool
    # Secrets such as one-time codes stay out of the inbox and go only through these channels, at once.
    in_inbox: bool = True
    only_channels: tuple[str, ...] | None = None
    rate_limited: bool = True


EVENTS: dict[str, Event] = {
    event.name: event
    for event in [
        Event("dossier_received", "Hồ sơ đã được tiếp nhận", essential=True),
        Event("dossier_supplement_requested", "Hồ sơ cần bổ sung", essential=True),
        Event("dossier_result_ready", "Hồ sơ đã có kết quả", essential=True),
        Event("dossier_refused", "Hồ sơ không được tiếp nhận", essential=True),
        Event("dossier_rescheduled", "Hồ sơ được hẹn lại ngày trả kết quả", essential=True),
        Event("dossier_fee_requested", "Hồ sơ cần nộp phí, lệ phí", essential=True),
        Event("payment_refunded", "Đã hoàn tiền", essential=True),
        Event("tuition_due", "Sắp đến hạn nộp học phí", essential=False),
        Event("report_received", "Đã nhận phản ánh", essential=False),
        Event("report_assigned", "Phản ánh đã được giao xử lý", essential=False),
        Event("report_needs_info", "Phản ánh cần thêm thông tin", essential=True),
        Event("report_answered", "Phản ánh đã được trả lời", essential=False),
        Event("report_reopened", "Phản ánh được mở lại", essential=False),
        Event("officer_report_reminder", "Nhắc hạn phản ánh (cán bộ)", essential=True),
        Event("officer_report_escalated", "Phản ánh quá hạn (lãnh đạo)", essential=True),
        Event("question_received", "Đã nhận câu hỏi", essential=False),
        Event("question_answered", "Câu hỏi đã được trả lời", essential=False),
        Event("question_rejected", "Câu hỏi không được trả lời", essential=False),
        Event("question_transferred", "Câu hỏi được chuyển cơ quan trả lời", essential=False),
        Event("officer_question_reminder", "Nhắc hạn trả lời câu hỏi (cán bộ)", essential=True),
        Event("officer_question_escalated", "Câu hỏi quá hạn (lãnh đạo)", essential=True),
        Event("payment_confirmed", "Đã nhận thanh toán", essential=True),
        Event("shop_received", "Đã nhận đăng ký cửa hàng 4.0", essential=False),
        Event("shop_approved", "Cửa hàng 4.0 được xác nhận", essential=True),
        Event("shop_needs_changes", "Cửa hàng 4.0 cần sửa thông tin", essential=True),
        Event("shop_rejected", "Cửa hàng 4.0 không được xác nhận", essential=True),
        Event("shop_suspended", "Cửa hàng 4.0 bị tạm ngừng", essential=True),
        Event("shop_reinstated", "Cửa hàng 4.0 hoạt động lại", essential=True),
        # An important announcement of the citizen's ward, sent only to those who asked for them: asking is the
        # opt-in, so "only important messages" does not hold it back.
        Event("news_announcement", "Thông báo quan trọng của chính quyền", essential=True),
        Event("officer_deadline_reminder", "Nhắc hạn xử lý (cán bộ)", essential=True),
        Event(
            "one_time_code",
            "Mã đăng nhập một lần",
            essential=True,
            in_inbox=False,
            only_channels=("zns", "sms"),
            rate_limited=False,
        ),
        Event(
            "phone_verification_code",
            "Mã xác minh số điện thoại",
            essential=True,
            in_inbox=False,
            only_channels=("zns", "sms"),
            rate_limited=False,
        ),
    ]
}


def get_event(name: str) -> Event:
    try:
        return EVENTS[name]
    except KeyError as error:
        raise ValueError(f"unknown notification event {name!r}; add it to notifications.events.EVENTS") from error
