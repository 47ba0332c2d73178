"""The Q&A API: the same services, the JSON error format, and nobody reading what is not theirs."""

import uuid

import pytest

from qa.models import Question
from qa.tests.conftest import ask, pdf, published
from qa.workflow import QuestionStatus

S = QuestionStatus


@pytest.mark.django_db
def test_a_citizen_asks_reads_and_follows_up_through_the_api(client, citizen, other_citizen, topic, officer):
    client.force_login(citizen)
    created = client.post(
        "/api/v1/my/questions/",
        {
            "topic": "ho-tich",
            "title": "Khai sinh cho con",
            "body": "Cần giấy tờ gì để làm khai sinh?",
            "attachment": pdf(),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "submitted" and body["has_attachment"] and body["code"].startswith("HD-")
    question = Question.objects.get(code=body["code"])
    early = client.post(f"/api/v1/my/questions/{question.code}/follow-up/", {"text": "Hỏi thêm trước khi có trả lời"})
    assert early.status_code == 409 and early.json()["code"] == "not_answered"
    client.force_login(officer)
    answered = client.post(
        f"/api/v1/officer/questions/{question.code}/answer/",
        {"text": "Mang giấy chứng sinh và CCCD."},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    client.force_login(citizen)
    follow = client.post(
        f"/api/v1/my/questions/{question.code}/follow-up/",
        {"text": "Bản sao có được không ạ?"},
        content_type="application/json",
    )
    assert follow.status_code == 200 and follow.json()["follow_ups"][0]["body"] == "Bản sao có được không ạ?"
    client.force_login(other_citizen)
    assert client.get(f"/api/v1/my/questions/{question.code}/").status_code == 404
    assert client.get("/api/v1/my/questions/").json()["results"] == []


@pytest.mark.django_db
def test_bad_input_gets_the_structured_error_and_saves_nothing(client, citizen, topic):
    client.force_login(citizen)
    missing = client.post("/api/v1/my/questions/", {"topic": "khong-co", "title": ""}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["code"] == "validation_error"
    assert {"topic", "title", "body"} <= set(missing.json()["errors"])
    wrong_file = client.post(
        "/api/v1/my/questions/",
        {
            "topic": "ho-tich",
            "title": "Hỏi",
            "body": "Nội dung đủ dài để gửi.",
            "attachment": pdf().__class__("a.pdf", b"<html>no</html>", content_type="application/pdf"),
        },
    )
    assert wrong_file.status_code == 400 and wrong_file.json()["code"] == "attachment_type"
    assert not Question.objects.exists()
    assert client.post("/api/v1/my/questions/", {}, content_type="application/json").status_code == 400
    again = {
        "topic": "ho-tich",
        "title": "Hỏi",
        "body": "Nội dung đủ dài để gửi.",
        "submission_token": str(uuid.uuid4()),
    }
    codes = {client.post("/api/v1/my/questions/", again, content_type="application/json").json()["code"] for _ in "12"}
    assert len(codes) == 1 and Question.objects.count() == 1  # a retry with the same token is the same question


@pytest.mark.django_db
def test_published_answers_are_public_without_the_askers_details(client, citizen, topic, officer):
    question = published(citizen, topic, officer)
    ask(citizen, topic)  # not published: not listed
    listed = client.get("/api/v1/questions/").json()["results"]
    assert [q["code"] for q in listed] == [question.code]
    assert listed[0]["asked_by"] == "Người dân" and "phone" not in str(listed[0]) and "asker" not in listed[0]
    assert client.get("/api/v1/question-topics/").json()[0]["slug"] == "ho-tich"
    assert client.post(f"/api/v1/questions/{question.code}/vote/", {"helpful": True}).status_code in (401, 403)
    client.force_login(citizen)
    voted = client.post(f"/api/v1/questions/{question.code}/vote/", {"helpful": True}, content_type="application/json")
    assert voted.status_code == 200 and voted.json()["helpful_count"] == 1
    found = client.get("/api/v1/search/", {"q": "giay khai sinh cho con", "source": "hoi-dap"}).json()
    assert found["groups"][0]["results"][0]["url"] == f"/hoi-dap/{question.code}/"


@pytest.mark.django_db
def test_officer_routes_are_scoped_and_follow_the_workflow(
    client, citizen, topic, officer, other_officer, other_agency
):
    question = ask(citizen, topic)
    client.force_login(other_officer)
    assert client.post(f"/api/v1/officer/questions/{question.code}/assign/", {}).status_code == 404
    client.force_login(officer)
    wrong = client.post(f"/api/v1/officer/questions/{question.code}/publish/", {}, content_type="application/json")
    assert wrong.status_code == 409 and wrong.json()["code"] == "transition_not_allowed"
    moved = client.post(
        f"/api/v1/officer/questions/{question.code}/transfer/",
        {"agency": other_agency.identifier, "note": "Thuộc thẩm quyền xã Bến Lức."},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["agency"] == other_agency.name
    assert client.get(f"/api/v1/officer/questions/{question.code}/").status_code == 404
    client.force_login(other_officer)
    rejected = client.post(
        f"/api/v1/officer/questions/{question.code}/reject/",
        {"text": "Ngoài phạm vi."},
        content_type="application/json",
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"


@pytest.mark.django_db(transaction=True)
def test_every_officer_route_works_outside_a_test_transaction(client, citizen, topic, officer):
    """As in production (no request-wide transaction): each service opens its own, or PostgreSQL refuses the
    row lock. The other tests run inside one and would not notice."""
    question = ask(citizen, topic)
    client.force_login(officer)
    base = f"/api/v1/officer/questions/{question.code}"
    steps = [
        ("assign", {}),
        ("answer", {"text": "Mang giấy chứng sinh đến phường."}),
        ("keep-private", {}),
        ("publish", {"public_title": "Khai sinh", "public_body": "Làm khai sinh ở đâu?"}),
    ]
    for action, data in steps:
        response = client.post(f"{base}/{action}/", data, content_type="application/json")
        assert response.status_code == 200, (action, response.content)
    assert client.get(f"/api/v1/questions/{question.code}/").status_code == 200
    client.force_login(citizen)
    follow = client.post(
        f"/api/v1/my/questions/{question.code}/follow-up/",
        {"text": "Bản sao có được không?"},
        content_type="application/json",
    )
    assert follow.status_code == 200
