"""The 4.0 shops' part of the back-office home: registrations and changes waiting for the officer's decision, or
figures only for viewers and dashboard staff."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from agencies.models import Agency
from citizen_portal.workspace import Queue, Section, user_roles
from shops.models import Shop
from shops.workflow import ChangeStatus, ShopStatus


def _counts(shops) -> dict:
    return shops.aggregate(
        new=Count("pk", filter=Q(status=ShopStatus.SUBMITTED)),
        changes=Count("pk", filter=Q(change_status=ChangeStatus.SUBMITTED)),
        listed=Count("pk", filter=Q(status=ShopStatus.APPROVED)),
        suspended=Count("pk", filter=Q(status=ShopStatus.SUSPENDED)),
    )


def shops_section(user) -> Section | None:
    roles = user_roles(user)
    if not roles:
        return None
    changelist = reverse("admin:shops_shop_changelist")
    if roles & {"officer", "head"}:
        counts = _counts(Shop.objects.for_user(user))
        queues = [
            Queue("đăng ký mới chờ xác nhận", counts["new"], f"{changelist}?hang=dang-ky", "new"),
            Queue("thay đổi chờ xác nhận", counts["changes"], f"{changelist}?hang=thay-doi", "new"),
            Queue("đang hoạt động", counts["listed"], f"{changelist}?status__exact=approved"),
            Queue("tạm ngừng", counts["suspended"], f"{changelist}?status__exact=suspended"),
        ]
        return Section("Cửa hàng 4.0", queues, list_url=changelist)
    counts = _counts(Shop.objects.exclude(status=ShopStatus.DRAFT).filter(agency__in=Agency.objects.for_user(user)))
    return Section(
        "Cửa hàng 4.0 (số liệu)",
        [
            Queue("chờ xác nhận", counts["new"] + counts["changes"]),
            Queue("đang hoạt động", counts["listed"]),
            Queue("tạm ngừng", counts["suspended"]),
        ],
    )
