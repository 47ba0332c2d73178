import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qa.models import Topic
from qa.services import question_answer, question_publish, question_submit


@pytest.fixture
def topic(agency):
    return Topic.objects.create(slug="ho-tich", name="Hộ tịch", deadline_days=5, default_agency=agency)


def ask(asker, topic, title="Làm giấy khai sinh cho con cần gì?", body="Con tôi mới sinh, cần giấy tờ gì?", **kwargs):
    return question_submit(asker=asker, topic=topic, title=title, body=body, **kwargs)


def published(asker, topic, officer, answer="Mang giấy chứng sinh và CCCD đến UBND phường.", **kwargs):
    question = question_answer(question=ask(asker, topic, **kwargs), officer=officer, answer=answer)
    return question_publish(question=question, officer=officer)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="giay.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
