"""The questions' back office signed in as each role of the agency, an officer of another agency and a citizen:
the queue, the workspace, the file, each decision, and the officers' API."""

import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from dossiers.tests.conftest import catalogue  # noqa: F401
from qa.models import AgencyQaSettings, QaAnswerTemplate, Question
from qa.services import question_answer, question_follow_up
from qa.tests.conftest import ask, pdf
from qa.workflow import QuestionStatus

S = QuestionStatus
ROLES = ["officer", "head", "viewer", "dashboard", "other_officer", "citizen"]
WORKERS = {"officer", "head"}


@pytest.fixture
def people(agency, other_agency, officer, citizen):
    return {
        "officer": officer,
        "head": OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD, full_name="Lê Thị Hạnh"),
        "viewer": OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "dashboard": OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD),
        "other_officer": OfficerFactory(agency=other_agency),
        "citizen": citizen,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_queue_workspace_file_and_answer_per_role(client, people, topic, role):
    question = ask(people["citizen"], topic, attachment=pdf("giay.pdf"))
    client.force_login(people[role])
    queue = client.get("/admin/qa/question/")
    page = client.get(f"/admin/qa/question/{question.pk}/change/")
    file_status = client.get(f"/hoi-dap/tep/{question.code}/").status_code
    answer = client.post(
        f"/admin/qa/question/{question.pk}/xu-ly/tra-loi/", {"tra-loi-text": "Mang giấy chứng sinh đến phường."}
    )
    api = client.get("/api/v1/officer/questions/").json()
    question.refresh_from_db()
    if role in WORKERS:
        assert queue.status_code == 200 and question.code in queue.content.decode()
        html = page.content.decode()
        assert page.status_code == 200 and f"/hoi-dap/tep/{question.code}/" in html and "Quá trình" in html
        assert file_status == 200
        assert answer.status_code == 302 and question.status == S.ANSWERED
        assert [q["code"] for q in api["results"]] == [question.code]
    else:
        assert question.status == S.SUBMITTED and api["results"] == []
        if role == "citizen":
            assert queue.status_code == 302 and page.status_code == 302 and answer.status_code == 302
            assert file_status == 200  # their own file, from their own page
        elif role == "other_officer":
            assert queue.status_code == 200 and question.code not in queue.content.decode()
            assert page.status_code == 404 and answer.status_code == 404 and file_status == 404
        else:  # viewer, dashboard: figures only
            assert queue.status_code == 403 and page.status_code == 404 and file_status == 404


@pytest.mark.django_db
def test_officers_see_the_asker_masked_heads_in_full(client, people, topic):
    question = ask(people["citizen"], topic)
    client.force_login(people["officer"])
    masked = client.get(f"/admin/qa/question/{question.pk}/change/").content.decode()
    assert "Nguyễn Văn An" not in masked and "(đã che" in masked
    client.force_login(people["head"])
    full = client.get(f"/admin/qa/question/{question.pk}/change/").content.decode()
    assert "Nguyễn Văn An" in full


@pytest.mark.django_db
def test_the_queue_puts_late_questions_first_and_filters_follow_ups(client, people, topic):
    late, on_time = ask(people["citizen"], topic), ask(people["citizen"], topic)  # the older one is late
    Question.objects.filter(pk=late.pk).update(deadline_at=timezone.now() - dt.timedelta(hours=1))
    answered = question_answer(
        question=ask(people["citizen"], topic), officer=people["officer"], answer="Đã trả lời xong."
    )
    question_follow_up(question=answered, asker=people["citizen"], text="Cho tôi hỏi thêm một ý nữa.")
    client.force_login(people["officer"])
    queue = client.get("/admin/qa/question/")
    assert [q.pk for q in queue.context["cl"].result_list][:2] == [late.pk, on_time.pk]
    assert "· quá hạn" in queue.content.decode()
    follow_ups = client.get("/admin/qa/question/", {"han": "hoi-them"})
    assert [q.pk for q in follow_ups.context["cl"].result_list] == [answered.pk]
    reply = client.post(
        f"/admin/qa/question/{answered.pk}/xu-ly/hoi-them/", {"hoi-them-reply": "Được, mang bản sao có chứng thực."}
    )
    assert reply.status_code == 302 and answered.follow_ups.get().reply.startswith("Được")
    home = client.get("/admin/").content.decode()
    assert "Hỏi đáp" in home and "hỏi thêm chưa trả lời" in home


@pytest.mark.django_db
def test_publishing_with_the_heads_approval_through_the_workspace(client, people, topic, agency):
    AgencyQaSettings.objects.create(agency=agency, head_approves_publication=True)
    template = QaAnswerTemplate.objects.create(topic=topic, title="Nơi nộp", body="Nộp tại UBND phường nơi cư trú.")
    question = ask(people["citizen"], topic)
    client.force_login(people["officer"])
    assert "Nơi nộp" in client.get(f"/admin/qa/question/{question.pk}/change/").content.decode()
    client.post(f"/admin/qa/question/{question.pk}/xu-ly/tra-loi/", {"tra-loi-template": template.pk})
    question.refresh_from_db()
    assert question.answer == template.body
    client.post(
        f"/admin/qa/question/{question.pk}/xu-ly/cong-khai/",
        {"cong-khai-public_title": "Nộp khai sinh ở đâu?", "cong-khai-public_body": "Nộp hồ sơ khai sinh ở đâu?"},
    )
    question.refresh_from_db()
    assert question.status == S.AWAITING_APPROVAL and question.public_title == "Nộp khai sinh ở đâu?"
    refused = client.post(f"/admin/qa/question/{question.pk}/xu-ly/duyet-cong-khai/")
    assert refused.status_code == 400 and "Chỉ lãnh đạo cơ quan duyệt công khai." in refused.content.decode()
    client.force_login(people["head"])
    client.post(f"/admin/qa/question/{question.pk}/xu-ly/duyet-cong-khai/")
    question.refresh_from_db()
    assert question.status == S.PUBLISHED
    assert client.get(f"/hoi-dap/{question.code}/").status_code == 200


@pytest.mark.django_db
def test_a_rejection_without_a_reason_is_explained_and_changes_nothing(client, people, topic):
    question = ask(people["citizen"], topic)
    client.force_login(people["officer"])
    response = client.post(f"/admin/qa/question/{question.pk}/xu-ly/khong-tra-loi/", {"khong-tra-loi-reason": ""})
    assert response.status_code == 400
    assert Question.objects.get(pk=question.pk).status == S.SUBMITTED


@pytest.mark.django_db
def test_only_heads_set_their_agencys_publication_rule(client, people, agency, other_agency):
    AgencyQaSettings.objects.create(agency=agency)
    AgencyQaSettings.objects.create(agency=other_agency)
    client.force_login(people["head"])
    listed = client.get("/admin/qa/agencyqasettings/")
    assert listed.status_code == 200 and listed.context["cl"].result_count == 1
    client.force_login(people["officer"])
    assert client.get("/admin/qa/agencyqasettings/").status_code == 403


@pytest.mark.django_db
def test_an_answer_links_the_procedures_it_points_to(client, people, topic, catalogue):  # noqa: F811
    from dossiers.models import Procedure

    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    question = ask(people["citizen"], topic)
    client.force_login(people["officer"])
    client.post(
        f"/admin/qa/question/{question.pk}/xu-ly/tra-loi/",
        {"tra-loi-text": "Làm theo thủ tục dưới đây.", "tra-loi-procedures": [birth.pk]},
    )
    client.post(
        f"/admin/qa/question/{question.pk}/xu-ly/cong-khai/",
        {"cong-khai-public_title": "Khai sinh", "cong-khai-public_body": "Làm khai sinh thế nào?"},
    )
    page = client.get(f"/hoi-dap/{question.code}/").content.decode()
    assert f'href="/ho-so/thu-tuc/{birth.public_id}/">Đăng ký khai sinh</a>' in page
    api = client.get(f"/api/v1/questions/{question.code}/").json()
    assert api["procedures"] == [{"name": "Đăng ký khai sinh", "url": f"/ho-so/thu-tuc/{birth.public_id}/"}]
