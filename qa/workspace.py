"""The Q&A part of the back-office home: the officer's queues with counts, or figures for viewers."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.workspace import Queue, Section, user_roles
from qa.models import Question
from qa.workflow import OPEN_STATUSES, QuestionStatus


def _counts(questions, now, soon, user=None) -> dict:
    open_ = Q(status__in=sorted(OPEN_STATUSES))
    return questions.aggregate(
        new=Count("pk", distinct=True, filter=Q(status=QuestionStatus.SUBMITTED)),
        mine=Count("pk", distinct=True, filter=open_ & Q(assignee=user))
        if user
        else Count("pk", distinct=True, filter=Q(pk__in=[])),
        soon=Count("pk", distinct=True, filter=open_ & Q(deadline_at__gte=now, deadline_at__lte=soon)),
        late=Count("pk", distinct=True, filter=open_ & Q(deadline_at__lt=now)),
        approval=Count("pk", distinct=True, filter=Q(status=QuestionStatus.AWAITING_APPROVAL)),
        follow_ups=Count("follow_ups", filter=Q(follow_ups__replied_at__isnull=True)),
    )


def questions_section(user) -> Section | None:
    roles = user_roles(user)
    if not roles:
        return None
    now = timezone.now()
    soon = WorkingCalendar.from_database().add_working_days(now, 1)
    changelist = reverse("admin:qa_question_changelist")
    if roles & {"officer", "head"}:
        counts = _counts(Question.objects.for_user(user), now, soon, user)
        queues = [
            Queue("mới, chưa giao", counts["new"], f"{changelist}?han=moi", "new"),
            Queue("giao cho tôi", counts["mine"], f"{changelist}?han=cua-toi"),
            Queue("sắp đến hạn (≤ 1 ngày làm việc)", counts["soon"], f"{changelist}?han=sap-den-han", "soon"),
            Queue("quá hạn", counts["late"], f"{changelist}?han=qua-han", "late"),
            Queue("hỏi thêm chưa trả lời", counts["follow_ups"], f"{changelist}?han=hoi-them"),
            Queue("chờ lãnh đạo duyệt công khai", counts["approval"], f"{changelist}?han=cho-duyet"),
        ]
        return Section("Hỏi đáp", queues, [], changelist)
    counts = _counts(Question.objects.filter(agency__in=Agency.objects.for_user(user)), now, soon)
    return Section(
        "Hỏi đáp (số liệu)",
        [Queue("mới, chưa giao", counts["new"]), Queue("quá hạn", counts["late"], tone="late")],
    )
