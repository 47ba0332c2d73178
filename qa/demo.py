"""Demo Q&A for `seed_demo`: topics with their answering agencies, one agency whose head approves publication,
answer templates, and 60-odd real-sounding questions in every state (published, answered privately, waiting,
assigned, awaiting the head, rejected), made through the services so each has its history."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dossiers.models import Procedure
from qa.demo_questions import QUESTIONS, TOPICS
from qa.models import AgencyQaSettings, QaAnswerTemplate, Question, Topic
from qa.services import (
    question_answer,
    question_assign,
    question_keep_private,
    question_publish,
    question_reject,
    question_submit,
)

NOT_ANSWERED = [
    (
        "kinh-doanh",
        "Vay tiền nhanh lãi suất thấp, giải ngân trong ngày",
        "Liên hệ số 09xx để được vay tiền nhanh không cần thế chấp.",
        "Nội dung quảng cáo, không phải câu hỏi gửi cơ quan nhà nước.",
    ),
    (
        "kinh-doanh",
        "Giá vàng hôm nay bao nhiêu?",
        "Cho tôi hỏi giá vàng hôm nay ở Tây Ninh là bao nhiêu một chỉ?",
        "Câu hỏi không thuộc phạm vi hỏi đáp về thủ tục và chính sách của cơ quan nhà nước.",
    ),
    (
        "xay-dung",
        "Hàng xóm hát karaoke quá khuya",
        "Nhà bên cạnh hát karaoke đến 12 giờ đêm nhiều ngày liền, tôi phải làm sao?",
        "Đây là việc cần xử lý tại chỗ: bạn hãy gửi “Phản ánh hiện trường” trên Cổng để công an phường đến kiểm tra.",
    ),
]

# Answers that point to procedures of the catalogue (question number → procedure names).
LINKED = {
    0: ["Đăng ký khai sinh"],
    1: ["Đăng ký khai sinh"],
    2: ["Đăng ký khai sinh", "Đăng ký nhận cha, mẹ, con"],
    4: ["Xác nhận tình trạng hôn nhân"],
    6: ["Đăng ký thay đổi, cải chính hộ tịch"],
    9: ["Cấp bản sao trích lục hộ tịch"],
    11: ["Đăng ký thường trú"],
    12: ["Đăng ký tạm trú"],
    13: ["Xác nhận thông tin về cư trú"],
    16: ["Chuyển mục đích sử dụng đất"],
    21: ["Cấp giấy phép xây dựng nhà ở riêng lẻ"],
    22: ["Cấp giấy phép xây dựng nhà ở riêng lẻ"],
    25: ["Đăng ký thành lập hộ kinh doanh"],
    27: ["Đăng ký thành lập hộ kinh doanh"],
    41: ["Chứng thực bản sao từ bản chính"],
    42: ["Chứng thực chữ ký trong giấy tờ, văn bản"],
    45: ["Cấp phiếu lý lịch tư pháp"],
}

TEMPLATES = [
    (
        None,
        "Hướng dẫn nộp trực tuyến",
        "Anh/chị có thể nộp hồ sơ trực tuyến trên Cổng Công dân: mục “Nộp hồ sơ trực "
        "tuyến”, tìm tên thủ tục, điền tờ khai và tải giấy tờ lên. Kết quả được báo qua Zalo.",
    ),
    ("ho-tich", "Hộ tịch: nơi nộp", "Anh/chị nộp tại UBND xã, phường nơi cư trú hoặc trực tuyến trên Cổng Công dân."),
]


def seed_questions(agencies: dict, citizens: list, officers: dict, heads: dict) -> int:
    if Question.objects.exists():
        return 0
    topics = {}
    for order, (slug, name, days, identifier) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "deadline_days": days, "default_agency": agencies[identifier], "order": order},
        )
    # The ward of Tân Ninh wants its head to see every answer before the public does.
    AgencyQaSettings.objects.update_or_create(
        agency=agencies["TNH-UB-25459"], defaults={"head_approves_publication": True}
    )
    for slug, title, body in TEMPLATES:
        QaAnswerTemplate.objects.get_or_create(title=title, defaults={"topic": topics.get(slug), "body": body})

    procedures = {p.name: p for p in Procedure.objects.published()}
    rng = random.Random(766)  # noqa: S311 -- repeatable demo, not secrets
    now = timezone.now()
    made = 0
    for n, (slug, title, body, answer) in enumerate(QUESTIONS):
        topic = topics[slug]
        asker = citizens[n % len(citizens)]
        question = question_submit(asker=asker, topic=topic, title=title, body=body, show_name=n % 4 == 0)
        officer = officers[topic.default_agency.identifier]
        if n >= 58:  # the newest few still wait: some not yet taken, some being written
            if n % 2:
                question_assign(question=question, officer=officer)
            made += 1
            continue
        linked = [procedures[name] for name in LINKED.get(n, ()) if name in procedures]
        question = question_answer(question=question, officer=officer, answer=answer, procedures=linked)
        if n in (3, 17, 29, 41):
            question_keep_private(question=question, officer=officer, note="Câu hỏi nêu hoàn cảnh riêng của gia đình.")
        elif topic.default_agency.identifier == "TNH-UB-25459" and n in (5, 26):
            question_publish(question=question, officer=officer)  # waits for the head of the ward
        else:
            question_publish(question=question, officer=heads.get(topic.default_agency.identifier, officer))
        asked = now - dt.timedelta(days=rng.randint(8, 300), hours=rng.randint(0, 12))
        answered = asked + dt.timedelta(days=rng.randint(1, 6))
        Question.objects.filter(pk=question.pk).update(
            submitted_at=asked,
            answered_at=answered,
            published_at=answered if question.status == "published" else None,
            deadline_at=asked + dt.timedelta(days=7),
            view_count=rng.randint(5, 900),
            helpful_count=rng.randint(0, 40),
            not_helpful_count=rng.randint(0, 5),
        )
        made += 1
    for slug, title, body, reason in NOT_ANSWERED:
        topic = topics[slug]
        question = question_submit(asker=citizens[made % len(citizens)], topic=topic, title=title, body=body)
        question_reject(question=question, officer=officers[topic.default_agency.identifier], reason=reason)
        made += 1
    return made
