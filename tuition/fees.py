"""Tuition as a payment purpose: each linked parent may see and pay their child's charges; paying needs nothing
more from this app (the charge is paid when its invoice is)."""

from django.db.models import Q
from django.urls import reverse

from payments.registry import Purpose, register_purpose

TUITION = "tuition"


def _visible_to(user) -> Q:
    from tuition.models import TuitionCharge

    return Q(pk__in=TuitionCharge.objects.filter(student__guardians__user=user).values("invoice_id"))


def _link(invoice) -> str:
    return reverse("tuition:index")


def register() -> None:
    register_purpose(
        Purpose(code=TUITION, label="Học phí, các khoản thu của nhà trường", visible_to=_visible_to, link=_link)
    )
