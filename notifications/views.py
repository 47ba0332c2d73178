"""The citizen's "Thông báo" pages: the inbox, one message, and how they want to be reached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from notifications.forms import PreferenceForm
from notifications.models import InboxMessage
from notifications.services import inbox_mark_all_read, inbox_mark_read, preference_for, preference_update

PAGE_SIZE = 30


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    entries = InboxMessage.objects.for_user(request.user)[:PAGE_SIZE]
    return render(request, "notifications/inbox.html", {"entries": entries})


@login_required
def inbox_message(request: HttpRequest, public_id) -> HttpResponse:
    message = get_object_or_404(InboxMessage.objects.for_user(request.user), public_id=public_id)
    inbox_mark_read(user=request.user, message=message)
    return render(request, "notifications/message.html", {"message": message})


@login_required
@require_POST
def inbox_read_all(request: HttpRequest) -> HttpResponse:
    count = inbox_mark_all_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = preference_for(request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            preference_update(
                user=request.user,
                channels=form.cleaned_data["ordered_channels"],
                essential_only=form.cleaned_data["essential_only"],
            )
            messages.success(request, "Đã lưu cách nhận thông báo của bạn.")
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(
            initial={
                "channels": current.channels,
                "first_choice": current.channels[0] if current.channels else None,
                "essential_only": current.essential_only,
            }
        )
    return render(request, "notifications/preferences.html", {"form": form})
