"""The citizen's Q&A pages as a citizen uses them, mistakes included, and who may see what."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from qa.models import PendingAttachment, Question
from qa.services import pending_attachments_purge, question_answer, question_view_counts_flush
from qa.tests.conftest import ask, pdf, published
from qa.workflow import QuestionStatus
from reports.tests.conftest import photo

S = QuestionStatus


@pytest.mark.django_db
def test_the_public_page_shows_the_answer_for_sharing_without_the_askers_details(client, citizen, topic, officer):
    question = published(citizen, topic, officer, title="Giấy khai sinh cho con", body="Tôi ở số 5 đường Lê Lợi")
    page = client.get(f"/hoi-dap/{question.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<meta property="og:title" content="Giấy khai sinh cho con">' in html
    assert 'property="og:description" content="Mang giấy chứng sinh' in html
    assert "Hỏi bởi Người dân" in html and citizen.full_name not in html and "0912" not in html
    listing = client.get("/hoi-dap/").content.decode()
    assert "Giấy khai sinh cho con" in listing


@pytest.mark.django_db
def test_every_reader_is_counted_shared_copy_or_not(client, citizen, other_citizen, topic, officer, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    question = published(citizen, topic, officer)
    url = f"/hoi-dap/{question.code}/"
    served = [client.get(url) for _ in range(3)]
    assert [r["X-Public-Cache"] for r in served] == ["miss", "hit", "hit"]
    assert all("X-View-Counter" not in r for r in served)
    client.force_login(other_citizen)
    assert "X-Public-Cache" not in client.get(url)  # a signed-in reader gets a page of their own, counted too
    assert question_view_counts_flush() == 4
    assert Question.objects.get(pk=question.pk).view_count == 4
    assert question_view_counts_flush() == 0


@pytest.mark.django_db
def test_a_name_shows_only_when_the_asker_agreed(client, citizen, topic, officer):
    question = published(citizen, topic, officer, show_name=True)
    assert f"Hỏi bởi {citizen.display_name}" in client.get(f"/hoi-dap/{question.code}/").content.decode()


@pytest.mark.django_db
def test_unpublished_questions_are_not_public(client, citizen, other_citizen, topic, officer):
    waiting = ask(citizen, topic)
    private = question_answer(question=ask(citizen, topic), officer=officer, answer="Trả lời riêng cho người hỏi.")
    for question in (waiting, private):
        assert client.get(f"/hoi-dap/{question.code}/").status_code == 404
        assert client.get(f"/api/v1/questions/{question.code}/").status_code == 404
    client.force_login(other_citizen)
    assert client.get(f"/hoi-dap/cua-toi/{private.code}/").status_code == 404
    assert client.get("/hoi-dap/cua-toi/").content.decode().count("HD-") == 0
    client.force_login(citizen)
    mine = client.get(f"/hoi-dap/cua-toi/{private.code}/").content.decode()
    assert "Trả lời riêng cho người hỏi." in mine


@pytest.mark.django_db
def test_asking_with_empty_fields_keeps_what_was_typed_and_the_file(client, citizen, topic):
    client.force_login(citizen)
    first = client.post(
        "/hoi-dap/dat-cau-hoi/",
        {"action": "gui", "title": "Khai sinh cho con", "body": "", "attachment": pdf("chung-sinh.pdf")},
    )
    html = first.content.decode()
    assert first.status_code == 400
    assert "Cần sửa 2 điểm trước khi tiếp tục" in html
    assert "Hãy viết nội dung câu hỏi." in html and "Chọn lĩnh vực của câu hỏi." in html
    assert 'value="Khai sinh cho con"' in html
    kept = PendingAttachment.objects.get(owner=citizen)
    assert f'value="{kept.public_id}"' in html and "Đã lưu tệp: chung-sinh.pdf" in html
    sent = client.post(
        "/hoi-dap/dat-cau-hoi/",
        {
            "action": "gui",
            "title": "Khai sinh cho con",
            "body": "Cần giấy tờ gì để làm khai sinh?",
            "topic": topic.pk,
            "tep-giu": kept.public_id,
        },
    )
    question = Question.objects.get(asker=citizen)
    assert sent.status_code == 302 and sent["Location"] == f"/hoi-dap/cua-toi/{question.code}/"
    assert question.attachment_name == "chung-sinh.pdf" and question.attachment.read().startswith(b"%PDF")
    assert not PendingAttachment.objects.exists()


@pytest.mark.django_db
def test_a_wrong_file_is_explained_and_saves_nothing(client, citizen, topic):
    client.force_login(citizen)
    page = client.post(
        "/hoi-dap/dat-cau-hoi/",
        {
            "action": "gui",
            "title": "Hỏi",
            "body": "Câu hỏi đủ dài để gửi đi.",
            "topic": topic.pk,
            "attachment": pdf("virus.exe").__class__("virus.exe", b"MZ\x90\x00", content_type="application/pdf"),
        },
    )
    html = page.content.decode()
    assert page.status_code == 400 and "Tệp kèm theo: Tệp không phải ảnh hoặc PDF" in html
    assert "Cần sửa 1 điểm trước khi tiếp tục" in html  # the file, counted with the form's own mistakes
    assert 'value="Câu hỏi đủ dài để gửi đi."' not in html  # a textarea keeps it as its content
    assert "Câu hỏi đủ dài để gửi đi.</textarea>" in html
    assert not Question.objects.exists() and not PendingAttachment.objects.exists()


@pytest.mark.django_db
def test_similar_answers_are_offered_before_asking_without_javascript(client, citizen, other_citizen, topic, officer):
    published(other_citizen, topic, officer, title="Làm giấy khai sinh cho con cần giấy tờ gì?")
    client.force_login(citizen)
    first = client.get("/hoi-dap/dat-cau-hoi/", {"tieu-de": "giay khai sinh cho con"}).content.decode()
    assert "Có thể đã có câu trả lời" in first and "Làm giấy khai sinh cho con cần giấy tờ gì?" in first
    look = client.post("/hoi-dap/dat-cau-hoi/", {"action": "tim", "title": "dang ky khai sinh", "body": "Đang viết"})
    html = look.content.decode()
    assert look.status_code == 200 and "Cần sửa" not in html  # looking is not a mistake
    assert "Làm giấy khai sinh cho con cần giấy tờ gì?" in html and "Đang viết</textarea>" in html


@pytest.mark.django_db
def test_asking_is_rate_limited_per_person(client, citizen, topic, settings):
    settings.QA = {**settings.QA, "QUESTIONS_PER_HOUR_USER": 2}
    client.force_login(citizen)
    data = {"action": "gui", "title": "Câu hỏi", "body": "Nội dung câu hỏi đủ dài.", "topic": topic.pk}
    assert [client.post("/hoi-dap/dat-cau-hoi/", data).status_code for _ in range(3)] == [302, 302, 400]
    assert Question.objects.count() == 2


@pytest.mark.django_db
def test_the_asker_follows_up_rates_and_a_refused_follow_up_keeps_its_text(client, citizen, topic, officer):
    question = question_answer(question=ask(citizen, topic), officer=officer, answer="Mang giấy chứng sinh nhé.")
    client.force_login(citizen)
    short = client.post(f"/hoi-dap/cua-toi/{question.code}/hoi-them/", {"text": "Ơ"}, follow=True)
    assert "Hãy viết rõ hơn một chút." in short.content.decode() and "\nƠ</textarea>" in short.content.decode()
    client.post(f"/hoi-dap/cua-toi/{question.code}/hoi-them/", {"text": "Bản sao có được không ạ?"})
    assert question.follow_ups.get().body == "Bản sao có được không ạ?"
    page = client.get(f"/hoi-dap/cua-toi/{question.code}/").content.decode()
    assert "Đang chờ cơ quan trả lời." in page and "Gửi câu hỏi thêm" not in page
    client.post(f"/hoi-dap/{question.code}/danh-gia/", {"huu-ich": "co"})
    assert Question.objects.get(pk=question.pk).helpful_count == 1
    wrong = client.post(f"/hoi-dap/{question.code}/danh-gia/", {"huu-ich": "??"}, follow=True)
    assert "Hãy chọn “Hữu ích” hoặc “Chưa hữu ích”." in wrong.content.decode()


@pytest.mark.django_db
def test_the_attachment_is_for_the_asker_and_the_answering_agency_only(
    client, citizen, other_citizen, topic, officer, other_officer
):
    question = ask(citizen, topic, attachment=photo("giay.jpg"))
    url = f"/hoi-dap/tep/{question.code}/"
    assert client.get(url).status_code == 404
    for person, status in ((citizen, 200), (officer, 200), (other_citizen, 404), (other_officer, 404)):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_asking_needs_a_signed_in_citizen(client):
    response = client.get("/hoi-dap/dat-cau-hoi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.django_db
def test_the_portal_search_groups_answers_and_a_dead_end_offers_to_ask(client, citizen, topic, officer):
    published(citizen, topic, officer, title="Làm giấy khai sinh cho con cần giấy tờ gì?")
    page = client.get("/tim-kiem/", {"q": "giay khai sinh"}).content.decode()
    assert "<h2>Hỏi đáp</h2>" in page and "Làm giấy khai sinh cho con cần giấy tờ gì?" in page
    nothing = client.get("/tim-kiem/", {"q": "qqq zzz"}).content.decode()
    assert 'href="/hoi-dap/dat-cau-hoi/?tieu-de=qqq%20zzz"' in nothing
    assert "Đặt câu hỏi cho cơ quan nhà nước" in nothing


@pytest.mark.django_db
def test_my_questions_are_in_my_data_and_nobody_elses(citizen, other_citizen, topic, officer):
    from citizen_portal.personal_data import collect_all

    question = question_answer(question=ask(citizen, topic), officer=officer, answer="Mang giấy chứng sinh nhé.")
    mine = collect_all(citizen)["hoi_dap"]
    assert [entry["ma_cau_hoi"] for entry in mine] == [question.code]
    assert mine[0]["tra_loi"] == "Mang giấy chứng sinh nhé." and mine[0]["gui_luc"].endswith("+07:00")
    assert collect_all(other_citizen)["hoi_dap"] == []


@pytest.mark.django_db
def test_my_data_page_lists_my_questions(client, citizen, topic):
    question = ask(citizen, topic, title="Câu hỏi riêng của An")
    client.force_login(citizen)
    page = client.get("/du-lieu-cua-toi/").content.decode()
    assert "Câu hỏi (1)" in page and "Câu hỏi riêng của An" in page and question.code in page


@pytest.mark.django_db
def test_a_kept_file_never_sent_is_purged_after_a_day(client, citizen, topic):
    client.force_login(citizen)
    client.post("/hoi-dap/dat-cau-hoi/", {"action": "tim", "title": "Hỏi", "attachment": pdf("a.pdf")})
    kept = PendingAttachment.objects.get()
    path = kept.file.path
    assert pending_attachments_purge() == 0
    assert pending_attachments_purge(now=timezone.now() + dt.timedelta(hours=25)) == 1
    assert not PendingAttachment.objects.exists() and not Path(path).exists()


@pytest.mark.django_db
def test_the_cached_public_list_shows_a_new_answer_at_once(client, citizen, topic, officer, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    assert client.get("/hoi-dap/")["X-Public-Cache"] == "miss"
    assert client.get("/hoi-dap/")["X-Public-Cache"] == "hit"
    published(citizen, topic, officer, title="Câu trả lời mới toanh")
    fresh = client.get("/hoi-dap/")
    assert fresh["X-Public-Cache"] == "miss" and "Câu trả lời mới toanh" in fresh.content.decode()


@pytest.mark.django_db
def test_a_second_tap_on_send_does_not_ask_twice(client, citizen, topic):
    client.force_login(citizen)
    page = client.get("/hoi-dap/dat-cau-hoi/").content.decode()
    token = re.search(r'name="token" value="([0-9a-f-]+)"', page).group(1)
    data = {"action": "gui", "title": "Câu hỏi", "body": "Nội dung câu hỏi đủ dài.", "topic": topic.pk, "token": token}
    first, second = client.post("/hoi-dap/dat-cau-hoi/", data), client.post("/hoi-dap/dat-cau-hoi/", data)
    assert first["Location"] == second["Location"]
    assert Question.objects.count() == 1


@pytest.mark.django_db
def test_the_summary_counts_a_wrong_file_with_the_empty_fields(client, citizen, topic):
    client.force_login(citizen)
    wrong = pdf("a.pdf").__class__("a.pdf", b"<html>no</html>", content_type="application/pdf")
    page = client.post("/hoi-dap/dat-cau-hoi/", {"action": "gui", "title": "Hỏi", "body": "", "attachment": wrong})
    html = page.content.decode()
    assert "Cần sửa 3 điểm trước khi tiếp tục" in html  # topic, question, file: all three listed, all three counted
    assert html.count('<li><a href="#') == 3
