"""A question's states and the moves between them (HOUSE_STYLE §4). Every move goes through one service in
`qa/services.py`; this table is the only place that says which moves exist."""

from django.db import models


class QuestionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Đã gửi, chờ phân công"
    ASSIGNED = "assigned", "Đang soạn trả lời"
    ANSWERED = "answered", "Đã trả lời"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ lãnh đạo duyệt công khai"
    PUBLISHED = "published", "Đã trả lời, công khai"
    PRIVATE = "private", "Đã trả lời riêng"
    REJECTED = "rejected", "Không trả lời"


S = QuestionStatus

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    # A transfer to another agency is submitted → submitted (a new agency, a new deadline).
    S.SUBMITTED: {S.SUBMITTED, S.ASSIGNED, S.ANSWERED, S.REJECTED},
    S.ASSIGNED: {S.SUBMITTED, S.ASSIGNED, S.ANSWERED, S.REJECTED},
    # Answered (the asker has the answer): shown to everyone, or kept between the asker and the agency.
    S.ANSWERED: {S.AWAITING_APPROVAL, S.PUBLISHED, S.PRIVATE},
    S.AWAITING_APPROVAL: {S.PUBLISHED, S.ANSWERED},
    S.PRIVATE: {S.AWAITING_APPROVAL, S.PUBLISHED},
    S.PUBLISHED: {S.PRIVATE},  # withdrawn from public view (a mistake, the asker's request)
    S.REJECTED: set(),
}

# Still the agency's work: counted against the deadline.
OPEN_STATUSES = {S.SUBMITTED, S.ASSIGNED}
# The asker has an answer: they may rate it and ask a follow-up.
ANSWERED_STATUSES = {S.ANSWERED, S.AWAITING_APPROVAL, S.PUBLISHED, S.PRIVATE}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())
