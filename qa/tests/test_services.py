"""Every Q&A transition through its service, on the real database."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from agencies.models import OfficerRole
from agencies.tests.factories import AgencyFactory, OfficerFactory
from citizen_portal.api.exceptions import ApplicationError
from notifications.models import InboxMessage, Notification
from qa.models import AgencyQaSettings, Question, QuestionHistory
from qa.services import (
    asker_erase,
    question_answer,
    question_approve_publication,
    question_assign,
    question_follow_up,
    question_keep_private,
    question_publish,
    question_reject,
    question_reply_follow_up,
    question_transfer,
    question_vote,
    questions_remind_and_escalate,
)
from qa.tests.conftest import ask, pdf, published
from qa.workflow import QuestionStatus
from reports.tests.conftest import photo
from search.selectors import search_source

S = QuestionStatus


@pytest.mark.django_db
def test_a_question_is_numbered_routed_and_given_a_working_day_deadline(
    citizen, topic, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(citizen, topic)
    assert question.code == f"HD-{timezone.now().year}-000001"
    assert question.agency == agency and question.status == S.SUBMITTED
    assert question.deadline_at > question.submitted_at + dt.timedelta(days=4)  # 5 working days, weekends skipped
    assert ask(citizen, topic).code.endswith("000002")
    assert Notification.objects.filter(recipient=citizen, event="question_received").count() == 1
    assert InboxMessage.objects.get(recipient=citizen).title == f"Đã nhận câu hỏi {question.code}"


@pytest.mark.django_db
def test_a_bad_attachment_is_refused_and_nothing_is_saved(citizen, topic):
    fake = SimpleUploadedFile("giay.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    with pytest.raises(ApplicationError) as refused:
        ask(citizen, topic, attachment=fake)
    assert refused.value.get_codes() == "attachment_type"
    assert "không phải ảnh hoặc PDF" in str(refused.value.detail)
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_photo_is_re_encoded_without_its_location_and_a_pdf_is_kept(citizen, topic):
    question = ask(citizen, topic, attachment=photo("cmnd.jpg", gps=(11.3, 106.1)))
    stored = Image.open(io.BytesIO(question.attachment.read()))
    assert stored.format == "JPEG" and 0x8825 not in stored.getexif() and 0x010F not in stored.getexif()
    assert question.attachment_name == "cmnd.jpg"
    with_pdf = ask(citizen, topic, attachment=pdf())
    assert with_pdf.attachment.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_answer_notifies_then_publishing_makes_it_findable_without_the_askers_name(
    citizen, topic, officer, django_capture_on_commit_callbacks
):
    question = ask(citizen, topic, title="Khai sinh cho con ở phường Tân Ninh", body="Tôi là Nguyễn Văn An, 0912345678")
    assert search_source("hoi-dap", "khai sinh") == []  # not published: not findable
    with django_capture_on_commit_callbacks(execute=True):
        answered = question_answer(question=question, officer=officer, answer="Mang giấy chứng sinh đến phường.")
    assert answered.status == S.ANSWERED and answered.answered_by == officer
    assert Notification.objects.filter(recipient=citizen, event="question_answered").count() == 1
    public = question_publish(
        question=answered, officer=officer, public_title="Khai sinh cho con", public_body="Cần giấy tờ gì?"
    )
    assert public.status == S.PUBLISHED and public.published_at is not None
    hits = search_source("hoi-dap", "khai sinh")
    assert [hit.title for hit in hits] == ["Khai sinh cho con"]
    assert public.public_asker_name == "Người dân"
    question_keep_private(question=public, officer=officer)
    assert search_source("hoi-dap", "khai sinh") == []  # withdrawn: gone from the search at once


@pytest.mark.django_db
def test_where_the_head_approves_an_officer_s_publication_waits(citizen, topic, agency, officer):
    AgencyQaSettings.objects.create(agency=agency, head_approves_publication=True)
    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    question = question_answer(question=ask(citizen, topic), officer=officer, answer="Trả lời đầy đủ cho người dân.")
    waiting = question_publish(question=question, officer=officer)
    assert waiting.status == S.AWAITING_APPROVAL and waiting.published_at is None
    with pytest.raises(ApplicationError) as refused:
        question_approve_publication(question=waiting, head=officer)
    assert refused.value.get_codes() == "head_only"
    approved = question_approve_publication(question=waiting, head=head)
    assert approved.status == S.PUBLISHED
    other = question_answer(question=ask(citizen, topic), officer=officer, answer="Một câu trả lời khác đầy đủ.")
    assert question_publish(question=other, officer=head).status == S.PUBLISHED  # a head publishes at once


@pytest.mark.django_db
def test_a_move_the_table_forbids_is_refused_in_plain_words(citizen, topic, officer):
    question = ask(citizen, topic)
    with pytest.raises(ApplicationError) as refused:
        question_publish(question=question, officer=officer)
    assert refused.value.status_code == 409
    assert "Đã gửi, chờ phân công" in str(refused.value.detail)
    assert Question.objects.get(pk=question.pk).status == S.SUBMITTED


@pytest.mark.django_db
def test_officers_act_only_on_their_agencies_questions(citizen, topic, other_officer):
    question = ask(citizen, topic)
    for act in (
        lambda: question_assign(question=question, officer=other_officer),
        lambda: question_answer(question=question, officer=other_officer, answer="Không phải việc của tôi nhé."),
        lambda: question_reject(question=question, officer=other_officer, reason="spam"),
    ):
        with pytest.raises(ApplicationError) as refused:
            act()
        assert refused.value.get_codes() == "not_your_agency"
    assert QuestionHistory.objects.filter(question=question).count() == 1


@pytest.mark.django_db
def test_a_transfer_moves_the_question_and_its_deadline(
    citizen, topic, officer, other_agency, other_officer, django_capture_on_commit_callbacks
):
    question = question_assign(question=ask(citizen, topic), officer=officer)
    with pytest.raises(ApplicationError):
        question_transfer(question=question, officer=officer, agency=other_agency, note="")
    with django_capture_on_commit_callbacks(execute=True):
        moved = question_transfer(question=question, officer=officer, agency=other_agency, note="Thuộc xã Bến Lức.")
    assert moved.agency == other_agency and moved.assignee is None and moved.status == S.SUBMITTED
    assert Notification.objects.filter(recipient=citizen, event="question_transferred").exists()
    with pytest.raises(ApplicationError):
        question_assign(question=moved, officer=officer)
    assert question_assign(question=moved, officer=other_officer).assignee == other_officer


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_the_asker_reads(citizen, topic, officer, django_capture_on_commit_callbacks):
    question = ask(citizen, topic, title="Giá vàng hôm nay", body="Giá vàng hôm nay bao nhiêu?")
    with pytest.raises(ApplicationError) as refused:
        question_reject(question=question, officer=officer, reason=" ")
    assert refused.value.get_codes() == "reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        rejected = question_reject(question=question, officer=officer, reason="Ngoài phạm vi hỏi đáp.")
    assert rejected.status == S.REJECTED
    assert Notification.objects.filter(recipient=citizen, event="question_rejected").count() == 1
    assert "Lý do: Ngoài phạm vi hỏi đáp." in InboxMessage.objects.get(recipient=citizen).body


@pytest.mark.django_db
def test_a_follow_up_comes_after_the_answer_one_at_a_time(citizen, other_citizen, topic, officer):
    question = ask(citizen, topic)
    with pytest.raises(ApplicationError) as early:
        question_follow_up(question=question, asker=citizen, text="Cho tôi hỏi thêm một chút nữa.")
    assert early.value.get_codes() == "not_answered"
    question = question_answer(question=question, officer=officer, answer="Mang giấy chứng sinh đến phường.")
    with pytest.raises(ApplicationError):
        question_follow_up(question=question, asker=other_citizen, text="Tôi không phải người hỏi đâu.")
    follow = question_follow_up(question=question, asker=citizen, text="Bản sao giấy chứng sinh có được không?")
    with pytest.raises(ApplicationError) as twice:
        question_follow_up(question=question, asker=citizen, text="Hỏi thêm lần nữa khi chưa có trả lời.")
    assert twice.value.get_codes() == "follow_up_pending"
    replied = question_reply_follow_up(follow_up=follow, officer=officer, reply="Cần bản chính để đối chiếu.")
    assert replied.replied_at and replied.reply == "Cần bản chính để đối chiếu."
    with pytest.raises(ApplicationError):
        question_reply_follow_up(follow_up=follow, officer=officer, reply="Trả lời lần hai cho cùng câu.")
    assert question_follow_up(question=question, asker=citizen, text="Cảm ơn, còn lệ phí thì sao ạ?")


@pytest.mark.django_db
def test_one_vote_per_person_which_may_change(citizen, other_citizen, topic, officer):
    question = published(citizen, topic, officer)
    question_vote(question=question, user=other_citizen, helpful=True)
    question_vote(question=question, user=citizen, helpful=True)
    changed = question_vote(question=question, user=other_citizen, helpful=False)
    assert (changed.helpful_count, changed.not_helpful_count) == (1, 1)
    private = question_answer(question=ask(citizen, topic), officer=officer, answer="Trả lời riêng cho người hỏi.")
    with pytest.raises(ApplicationError) as hidden:
        question_vote(question=private, user=other_citizen, helpful=True)
    assert hidden.value.status_code == 404  # not published: another citizen cannot even see it


@pytest.mark.django_db
def test_reminded_before_the_deadline_and_escalated_after_once(citizen, topic, agency, officer):
    parent = AgencyFactory(name="UBND tỉnh")
    agency.parent = parent
    agency.save()
    parent_head = OfficerFactory(agency=parent, agency__role=OfficerRole.HEAD)
    soon, late = ask(citizen, topic), ask(citizen, topic)
    now = timezone.now()
    Question.objects.filter(pk=soon.pk).update(deadline_at=now + dt.timedelta(hours=2))
    Question.objects.filter(pk=late.pk).update(deadline_at=now - dt.timedelta(hours=1))
    assert questions_remind_and_escalate(now=now) == {"reminded": 1, "escalated": 1}
    assert questions_remind_and_escalate(now=now) == {"reminded": 0, "escalated": 0}
    assert Notification.objects.filter(recipient=officer, event="officer_question_reminder").count() == 1
    assert Notification.objects.filter(recipient=parent_head, event="officer_question_escalated").count() == 1
    assert late.history.filter(internal_note__startswith="Quá hạn").exists()


@pytest.mark.django_db
def test_account_deletion_detaches_published_answers_and_removes_the_rest(citizen, topic, officer):
    public = published(citizen, topic, officer, show_name=True, attachment=pdf())
    pending = ask(citizen, topic, body="Nội dung riêng tư của tôi, số nhà 12.")
    assert asker_erase(citizen) == 2
    public.refresh_from_db()
    pending.refresh_from_db()
    assert public.asker is None and not public.show_name and public.public_asker_name == "Người dân"
    assert public.status == S.PUBLISHED and public.answer  # the public answer stays for everyone
    assert not public.attachment and public.body == ""
    assert pending.asker is None and "số nhà 12" not in pending.body
