"""Reads shared by the Q&A pages, the API and the back office."""

from __future__ import annotations

from django.db.models import QuerySet

from qa.models import Question
from search.selectors import search_source

ORDERS = {"moi-nhat": ("-published_at", "-id"), "xem-nhieu": ("-view_count", "-published_at", "-id")}


def public_questions(*, topic_slug: str = "", order: str = "moi-nhat") -> QuerySet[Question]:
    questions = Question.objects.published().select_related("topic", "agency")
    if topic_slug:
        questions = questions.filter(topic__slug=topic_slug)
    return questions.order_by(*ORDERS.get(order, ORDERS["moi-nhat"]))


def similar_questions(text: str, limit: int = 5) -> list:
    """Published answers close to what the citizen is about to ask (the portal search over Q&A)."""
    if len((text or "").strip()) < 3:
        return []
    return search_source("hoi-dap", text, limit=limit)


def personal_data(user) -> list[dict]:
    """The citizen's questions for "Dữ liệu của tôi": what they asked, the answers and follow-ups."""
    from citizen_portal.personal_data import local

    questions = (
        Question.objects.for_asker(user)
        .select_related("topic", "agency")
        .prefetch_related("follow_ups")
        .order_by("-submitted_at")
    )
    return [
        {
            "ma_cau_hoi": q.code,
            "linh_vuc": q.topic.name,
            "co_quan": q.agency.name,
            "tieu_de": q.title,
            "noi_dung": q.body,
            "tep_dinh_kem": q.attachment_name or None,
            "hien_ten_khi_cong_khai": q.show_name,
            "trang_thai": q.get_status_display(),
            "gui_luc": local(q.submitted_at),
            "tra_loi": q.answer or None,
            "tra_loi_luc": local(q.answered_at),
            "hoi_them": [
                {"noi_dung": f.body, "gui_luc": local(f.created_at), "tra_loi": f.reply or None}
                for f in q.follow_ups.all()
            ],
        }
        for q in questions
    ]
