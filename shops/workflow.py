"""The 4.0 shop's states and the moves between them (HOUSE_STYLE §4). Every move goes through one service in
`shops/services.py`; these tables are the only place that says which moves exist.

A shop is registered, reviewed by the verifying agency, then listed. Once listed, the owner's edits are a second,
smaller review of their own (`ChangeStatus`): the public page keeps the approved version until the change is
approved, so a listed shop is never replaced by something nobody checked."""

from django.db import models


class ShopStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ xác nhận"
    NEEDS_CHANGES = "needs_changes", "Cần sửa"
    APPROVED = "approved", "Đã xác nhận"
    REJECTED = "rejected", "Không xác nhận"
    SUSPENDED = "suspended", "Tạm ngừng"


S = ShopStatus

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.APPROVED, S.NEEDS_CHANGES, S.REJECTED},
    S.NEEDS_CHANGES: {S.SUBMITTED},
    S.APPROVED: {S.SUSPENDED},
    S.SUSPENDED: {S.APPROVED},
    S.REJECTED: set(),
}

# The owner makes these moves; the others are the verifying agency's.
OWNER_TRANSITIONS = {S.SUBMITTED}
# The owner may change what they typed: freely before review, as a proposed change once listed.
EDITABLE_STATUSES = {S.DRAFT, S.NEEDS_CHANGES}
# Listed in the directory, with a public page and a certificate.
LISTED_STATUSES = {S.APPROVED}
# Waiting for an officer (the queue).
AWAITING_REVIEW = {S.SUBMITTED}


class ChangeStatus(models.TextChoices):
    NONE = "", "Không có thay đổi chờ duyệt"
    EDITING = "editing", "Chủ cửa hàng đang sửa"
    SUBMITTED = "submitted", "Thay đổi chờ xác nhận"
    NEEDS_CHANGES = "needs_changes", "Thay đổi cần sửa"


C = ChangeStatus

CHANGE_TRANSITIONS: dict[str, set[str]] = {
    C.NONE: {C.EDITING},
    C.EDITING: {C.SUBMITTED, C.NONE},  # sent for review, or the owner threw the edit away
    C.SUBMITTED: {C.NONE, C.NEEDS_CHANGES},  # approved or rejected (both end the change), or sent back
    C.NEEDS_CHANGES: {C.SUBMITTED, C.NONE},
}
# Only a listed (or suspended) shop has changes to review.
CHANGE_STATUSES_OF_SHOP = {S.APPROVED, S.SUSPENDED}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, set())


def can_change(current: str, target: str) -> bool:
    return target in CHANGE_TRANSITIONS.get(current, set())
