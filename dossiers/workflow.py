"""The dossier state machine, named as the national public-service portal codes it (../shared/DOSSIER_RULES.md)."""

from django.db import models


class DossierStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Mới đăng ký"
    RECEIVED = "received", "Được tiếp nhận"
    REFUSED = "refused", "Không được tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Yêu cầu bổ sung giấy tờ"
    AWAITING_FEE = "awaiting_fee", "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = "withdrawn", "Công dân yêu cầu rút hồ sơ"
    STOPPED = "stopped", "Dừng xử lý"
    DONE = "done", "Đã xử lý xong"
    RETURNED = "returned", "Đã trả kết quả"


# The national portal's numeric codes, for reports and interoperability.
NATIONAL_CODES = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RECEIVED: 2,
    DossierStatus.REFUSED: 3,
    DossierStatus.PROCESSING: 4,
    DossierStatus.SUPPLEMENT_REQUESTED: 5,
    DossierStatus.AWAITING_FEE: 6,
    DossierStatus.WITHDRAWN: 7,
    DossierStatus.STOPPED: 8,
    DossierStatus.DONE: 9,
    DossierStatus.RETURNED: 10,
}

S = DossierStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN},
    S.RECEIVED: {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_FEE, S.DONE, S.STOPPED, S.WITHDRAWN},
    S.PROCESSING: {S.SUPPLEMENT_REQUESTED, S.AWAITING_FEE, S.DONE, S.STOPPED, S.WITHDRAWN},
    S.SUPPLEMENT_REQUESTED: {S.PROCESSING, S.SUBMITTED, S.STOPPED, S.WITHDRAWN},
    S.AWAITING_FEE: {S.PROCESSING, S.DONE, S.STOPPED, S.WITHDRAWN},
    S.DONE: {S.RETURNED},
    S.REFUSED: set(),
    S.WITHDRAWN: set(),
    S.STOPPED: set(),
    S.RETURNED: set(),
}

# While these hold, the processing clock is paused (the citizen has the ball).
PAUSED_STATUSES = {S.SUPPLEMENT_REQUESTED, S.AWAITING_FEE}
FINAL_STATUSES = {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED}
# Received and not finished: the officers' work in hand (the clock runs or is paused).
IN_PROGRESS_STATUSES = {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_FEE}
# Only the citizen may move a dossier into these.
CITIZEN_TRANSITIONS = {S.SUBMITTED, S.WITHDRAWN}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())
