"""The field report's states and the moves between them (HOUSE_STYLE §4). Every move goes through one service in
`reports/services.py`; this table is the only place that says which moves exist."""

from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    RECEIVED = "received", "Đã tiếp nhận"
    ASSIGNED = "assigned", "Đã giao xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    NEEDS_INFO = "needs_info", "Cần thêm thông tin"
    RESOLVED = "resolved", "Đã xử lý xong"
    REJECTED = "rejected", "Không xử lý"
    DUPLICATE = "duplicate", "Trùng phản ánh khác"
    REOPEN_REQUESTED = "reopen_requested", "Người phản ánh đề nghị xem lại"
    REOPENED = "reopened", "Đã mở lại"
    CLOSED = "closed", "Đã đóng"


S = ReportStatus

# Moves an officer (or the system) may make to a report in hand.
_WORK = {S.ASSIGNED, S.IN_PROGRESS, S.NEEDS_INFO, S.RESOLVED, S.REJECTED, S.DUPLICATE}

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.RECEIVED},
    S.RECEIVED: _WORK,
    S.ASSIGNED: _WORK - {S.ASSIGNED},
    S.IN_PROGRESS: _WORK - {S.ASSIGNED, S.IN_PROGRESS},
    S.NEEDS_INFO: {S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.DUPLICATE, S.CLOSED},
    S.RESOLVED: {S.CLOSED, S.REOPEN_REQUESTED},
    S.REJECTED: {S.CLOSED, S.REOPEN_REQUESTED},
    S.REOPEN_REQUESTED: {S.REOPENED, S.CLOSED},
    S.REOPENED: _WORK,
    S.DUPLICATE: set(),
    S.CLOSED: set(),
}

# A public answer is required to enter these: the citizen and the public read why.
ANSWER_REQUIRED = {S.RESOLVED, S.REJECTED, S.DUPLICATE}
# Only the reporter moves a report here (an unhappy rating with a reason).
REPORTER_TRANSITIONS = {S.REOPEN_REQUESTED}
# Still somebody's work: counted against the deadline, shown as "open" in Open311.
OPEN_STATUSES = {S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS, S.NEEDS_INFO, S.REOPEN_REQUESTED, S.REOPENED}
# Answered: the reporter may rate within the rating window.
ANSWERED_STATUSES = {S.RESOLVED, S.REJECTED}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())
