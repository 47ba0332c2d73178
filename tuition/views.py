"""The parent's tuition page: link a child, see each child's open and paid charges, pay one or several at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.ratelimit import client_ip, hit
from payments.gateways import offered_gateways
from tuition.forms import LinkChildForm
from tuition.selectors import children_of
from tuition.services import guardian_link_by_code, guardians_claim

LINK_TRIES_PER_HOUR = 10


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    guardians_claim(request.user)
    form = LinkChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Codes and birth dates could be guessed: a few tries an hour per person and per address.
        if not (
            hit("tuition-link", f"user:{request.user.pk}", LINK_TRIES_PER_HOUR)
            and hit("tuition-link", f"ip:{client_ip(request)}", LINK_TRIES_PER_HOUR * 3)
        ):
            form.add_error(None, "Bạn đã thử nhiều lần trong một giờ. Vui lòng thử lại sau hoặc liên hệ nhà trường.")
        else:
            try:
                guardian = guardian_link_by_code(
                    user=request.user,
                    student_code=form.cleaned_data["student_code"],
                    date_of_birth=form.cleaned_data["date_of_birth"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                messages.success(request, f"Đã liên kết với em {guardian.student.full_name}.")
                return redirect("tuition:index")
    children = children_of(request.user)
    return render(
        request,
        "tuition/index.html",
        {
            "form": form,
            "children": children,
            "has_open": any(child["open"] for child in children),
            "gateways": offered_gateways({charge.invoice.payee_id for child in children for charge in child["open"]}),
        },
        status=400 if form.errors else 200,
    )
