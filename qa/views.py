"""Citizen pages for Q&A: the public list and answer pages, asking (similar answers first), "Câu hỏi của tôi" with
the answer, a follow-up and a rating, and attachments through a checked view."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import content_disposition
from citizen_portal.public_cache import VIEW_COUNTER_HEADER
from citizen_portal.ratelimit import client_ip, hit
from dossiers.models import Procedure
from identity.permissions import requires_level
from qa.forms import AskForm, FollowUpForm
from qa.models import Question, Topic
from qa.selectors import ORDERS, public_questions, similar_questions
from qa.services import (
    attachment_stash,
    pending_attachment,
    question_follow_up,
    question_submit,
    question_vote,
    view_counter,
)
from qa.workflow import ANSWERED_STATUSES, QuestionStatus

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    topic_slug, order = request.GET.get("linh-vuc", ""), request.GET.get("sap-xep", "moi-nhat")
    page = Paginator(public_questions(topic_slug=topic_slug, order=order), PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "topics": Topic.objects.filter(is_active=True),
        "topic_slug": topic_slug,
        "order": order if order in ORDERS else "moi-nhat",
    }
    return render(request, "qa/index.html", context)


def detail(request: HttpRequest, code: str) -> HttpResponse:
    """A published answer: one shared copy for visitors (the public cache), with the citizen's own vote when
    signed in. Every reader is counted through the page's view counter."""
    question = get_object_or_404(
        Question.objects.published()
        .select_related("topic", "agency", "asker")
        .prefetch_related(Prefetch("procedures", queryset=Procedure.objects.published().only("name", "public_id")))
        .only(
            "code",
            "title",
            "body",
            "public_title",
            "public_body",
            "answer",
            "show_name",
            "asker__full_name",
            "asker__username",
            "asker__first_name",
            "asker__last_name",
            "submitted_at",
            "answered_at",
            "helpful_count",
            "not_helpful_count",
            "view_count",
            "status",
            "topic__name",
            "agency__name",
        ),
        code=code,
    )
    voted = None
    if request.user.is_authenticated:
        voted = question.votes.filter(user=request.user).values_list("helpful", flat=True).first()
    response = render(request, "qa/detail.html", {"question": question, "voted": voted})
    response[VIEW_COUNTER_HEADER] = view_counter(question)
    return response


def _ask_allowed(request: HttpRequest) -> bool:
    limits = settings.QA
    by_user = hit("qa-user", str(request.user.pk), limits["QUESTIONS_PER_HOUR_USER"])
    by_ip = hit("qa-ip", client_ip(request), limits["QUESTIONS_PER_HOUR_IP"])
    return by_user and by_ip


@requires_level(1)
def ask(request: HttpRequest) -> HttpResponse:
    """Title first: published answers like it are shown before the question is sent ("Xem câu hỏi tương tự", or
    as the citizen types when JavaScript runs). A chosen file is checked and kept at once, so a mistake elsewhere
    never costs the upload; the error summary at the top links to each field."""
    posted = request.method == "POST"
    sending = posted and request.POST.get("action") == "gui"
    if sending:
        form = AskForm(request.POST)
    else:  # a first visit, "Xem câu hỏi tương tự" or a file taken back: what was typed comes back, no errors yet
        typed = (
            {key: request.POST.get(key) for key in ("title", "topic", "body", "agency", "show_name", "token")}
            if posted
            else {}
        )
        form = AskForm(initial={"title": request.GET.get("tieu-de", "")[:200], "token": uuid.uuid4(), **typed})
    kept = pending_attachment(request.user, request.POST.get("tep-giu")) if posted else None
    file_error = ""
    if posted and request.POST.get("bo-tep") and kept is not None:
        kept.file.delete(save=False)
        kept.delete()
        kept = None
    upload = request.FILES.get("attachment") if posted else None
    if upload is not None:
        try:
            kept = attachment_stash(owner=request.user, upload=upload)
        except ApplicationError as error:
            file_error = str(error.detail)
    title = (request.POST.get("title") if posted else request.GET.get("tieu-de", "")) or ""
    similar = similar_questions(title, limit=settings.QA["SIMILAR_SHOWN"])
    if sending and form.is_valid() and not file_error:
        if not _ask_allowed(request):
            form.add_error(None, "Bạn đã gửi nhiều câu hỏi trong một giờ qua. Vui lòng thử lại sau ít phút.")
        else:
            data = form.cleaned_data
            try:
                question = question_submit(
                    asker=request.user,
                    topic=data["topic"],
                    title=data["title"],
                    body=data["body"],
                    agency=data["agency"],
                    kept=kept,
                    show_name=data["show_name"],
                    submission_token=data["token"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                messages.success(request, f"Đã gửi câu hỏi {question.code}. Bạn sẽ được báo khi có câu trả lời.")
                return redirect("qa:mine_detail", code=question.code)
    problems = [{"text": f"Tệp kèm theo: {file_error}", "href": "#id_attachment"}] if file_error else []
    context = {"form": form, "similar": similar, "kept": kept, "file_error": file_error, "problems": problems}
    status = 400 if sending and (form.errors or file_error) else 200
    return render(request, "qa/ask.html", context, status=status)


@requires_level(1)
def mine(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.for_asker(request.user).select_related("topic").order_by("-submitted_at")[:100]
    return render(request, "qa/mine.html", {"questions": questions})


@requires_level(1)
def mine_detail(request: HttpRequest, code: str) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.for_asker(request.user).select_related("topic", "agency"),
        code=code,
    )
    answered = question.status in ANSWERED_STATUSES
    pending = question.follow_ups.filter(replied_at__isnull=True).exists()
    context = {
        "question": question,
        "follow_ups": list(question.follow_ups.all()),
        # What a refused follow-up carried comes back in the box (views.follow_up keeps it for one page).
        "follow_up_form": FollowUpForm(initial={"text": request.session.pop("qa-follow-up-draft", "")})
        if answered and not pending
        else None,
        "voted": question.votes.filter(user=request.user).values_list("helpful", flat=True).first(),
        "answered": answered,
        "published": question.status == QuestionStatus.PUBLISHED,
    }
    return render(request, "qa/mine_detail.html", context)


@require_POST
@requires_level(1)
def follow_up(request: HttpRequest, code: str) -> HttpResponse:
    question = get_object_or_404(Question.objects.for_asker(request.user), code=code)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
        request.session["qa-follow-up-draft"] = request.POST.get("text", "")[:2000]
        return redirect("qa:mine_detail", code=question.code)
    try:
        question_follow_up(question=question, asker=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Đã gửi câu hỏi thêm. Bạn sẽ được báo khi có trả lời.")
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    return redirect("qa:mine_detail", code=question.code)


@require_POST
@requires_level(1)
def vote(request: HttpRequest, code: str) -> HttpResponse:
    question = get_object_or_404(Question.objects.all(), code=code)
    back = "qa:mine_detail" if question.asker_id == request.user.pk else "qa:detail"
    if request.POST.get("huu-ich") not in {"co", "khong"}:
        messages.error(request, "Hãy chọn “Hữu ích” hoặc “Chưa hữu ích”.")
        return redirect(back, code=question.code)
    try:
        question_vote(question=question, user=request.user, helpful=request.POST["huu-ich"] == "co")
        messages.success(request, "Cảm ơn bạn đã đánh giá câu trả lời.")
    except ApplicationError as error:
        if error.status_code == 404:
            raise Http404 from error
        messages.error(request, str(error.detail))
    return redirect(back, code=question.code)


def attachment(request: HttpRequest, code: str) -> FileResponse:
    """Only the asker and the answering agency's officers; never public (it may show papers or faces)."""
    question = get_object_or_404(Question.objects.exclude(attachment=""), code=code)
    allowed = (request.user.is_authenticated and question.asker_id == request.user.pk) or Question.objects.for_user(
        request.user
    ).filter(pk=question.pk).exists()
    if not allowed:
        raise Http404
    response = FileResponse(question.attachment.open("rb"))
    response["Content-Disposition"] = content_disposition(question.attachment_name or "tep", inline=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
