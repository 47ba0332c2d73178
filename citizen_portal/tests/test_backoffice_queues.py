"""The queues' cost does not grow with the rows (query counts pinned), late work comes first, and what an officer
writes for the citizen reaches them."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.services import dossier_receive, dossier_start_processing
from notifications.models import InboxMessage
from reports.models import Report


def _copies(dossier: Dossier, count: int) -> list[Dossier]:
    """More dossiers like this one, received on different days (the queue only reads them)."""
    now = timezone.now()
    fields = {f.attname: getattr(dossier, f.attname) for f in Dossier._meta.concrete_fields if f.attname != "id"}
    rows = []
    for number in range(count):
        values = {**fields, "code": f"COPY-{uuid.uuid4().hex[:12]}", "submission_token": None}
        values.pop("public_id")
        values["due_at"] = now + dt.timedelta(days=number - count // 2)  # half of them late
        row = Dossier(**values)
        row.queue_rank, row.queue_due = row.queue_key()  # bulk_create skips save(), which keeps the key
        rows.append(row)
    return Dossier.objects.bulk_create(rows)


@pytest.mark.django_db
def test_the_dossier_queue_costs_the_same_queries_for_5_or_45_rows_and_puts_late_ones_first(
    client, world, django_assert_max_num_queries
):
    dossier = dossier_start_processing(
        dossier=dossier_receive(dossier=world.dossier, officer=world.officer), officer=world.officer
    )
    _copies(dossier, 5)
    client.force_login(world.officer)
    client.get("/admin/dossiers/dossier/")  # the session settles
    with django_assert_max_num_queries(12):
        few = client.get("/admin/dossiers/dossier/")
    _copies(dossier, 40)
    with django_assert_max_num_queries(12):
        many = client.get("/admin/dossiers/dossier/")
    rows = list(many.context["cl"].result_list)
    assert len(rows) == 46 and len(few.context["cl"].result_list) == 6
    dues = [row.effective_due_at for row in rows]
    assert dues == sorted(dues)  # overdue first, then due soonest
    assert rows[0].effective_due_at < timezone.now()
    assert '<span class="due late">' in many.content.decode()


@pytest.mark.django_db
def test_the_report_queue_costs_the_same_queries_for_1_or_30_rows(
    client, world, categories, django_assert_max_num_queries
):
    from reports.tests.test_services import filed

    client.force_login(world.officer)
    client.get("/admin/reports/report/")
    with django_assert_max_num_queries(12):
        client.get("/admin/reports/report/")
    for _ in range(29):
        filed(world.citizen, categories["fallen_tree"])
    with django_assert_max_num_queries(12):
        page = client.get("/admin/reports/report/")
    assert len(page.context["cl"].result_list) == Report.objects.for_user(world.officer).count() == 30


@pytest.mark.django_db
def test_the_counts_stop_at_the_cap_instead_of_counting_everything(client, world, settings):
    from citizen_portal.admin import CappedPaginator

    dossier = dossier_receive(dossier=world.dossier, officer=world.officer)
    _copies(dossier, 12)
    paginator = CappedPaginator(Dossier.objects.for_user(world.officer), 5)
    paginator.CAP = 10
    assert paginator.count == 11 and paginator.capped


@pytest.mark.django_db
def test_the_officers_note_with_the_result_reaches_the_citizen(client, world, django_capture_on_commit_callbacks):
    dossier = dossier_receive(dossier=world.dossier, officer=world.officer)
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/dossiers/dossier/{dossier.pk}/xu-ly/xong/",
            {"xong-public_note": "Mời ông mang CCCD bản gốc khi đến nhận giấy khai sinh."},
        )
    assert response.status_code == 302
    note = "Mời ông mang CCCD bản gốc khi đến nhận giấy khai sinh."
    inbox = InboxMessage.objects.filter(recipient=world.citizen).order_by("-id").first()
    assert note in inbox.body
    client.force_login(world.citizen)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert "Lời nhắn của cơ quan:" in page and note in page


@pytest.mark.django_db
def test_internal_notes_and_steps_never_reach_the_citizen(client, world, other_agency):
    from dossiers.services import dossier_assign, dossier_note_add

    dossier = dossier_receive(dossier=world.dossier, officer=world.officer)
    dossier_note_add(dossier=dossier, officer=world.officer, note="Gọi điện xác minh với bệnh viện")
    dossier_assign(
        dossier=dossier, officer=world.officer, agency=other_agency, working_days=1, note="Kiểm tra nơi sinh"
    )
    client.force_login(world.citizen)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    api = client.get(f"/api/v1/my/dossiers/{dossier.public_id}/").content.decode()
    for secret in ("Gọi điện xác minh", "Kiểm tra nơi sinh"):
        assert secret not in page and secret not in api
    client.force_login(world.officer)
    assert "Gọi điện xác minh" in client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").content.decode()


@pytest.mark.django_db
def test_the_queue_key_follows_every_transition(world):
    from dossiers.models import QueueRank
    from dossiers.services import dossier_mark_done

    def key():
        row = Dossier.objects.get(pk=world.dossier.pk)
        return row.queue_rank, row.queue_due

    assert key() == (QueueRank.TO_RECEIVE, None)
    received = dossier_receive(dossier=world.dossier, officer=world.officer)
    assert key() == (QueueRank.IN_PROGRESS, received.due_at)
    dossier_mark_done(dossier=received, officer=world.officer)
    assert key() == (QueueRank.OTHER, None)


@pytest.mark.django_db
def test_the_workspaces_cost_a_fixed_number_of_queries(client, world, categories, django_assert_max_num_queries):
    """Every form on the page lists its choices in one query (the category list used to ask for each parent)."""
    from reports.models import Category

    group = Category.objects.create(slug="thu-nghiem-ngap", name="Ngập nước (thử)", default_agency=world.report.agency)
    for number in range(12):
        Category.objects.create(slug=f"thu-nghiem-ngap-{number}", name=f"Ngập điểm {number}", parent=group)
    dossier = dossier_receive(dossier=world.dossier, officer=world.officer)
    client.force_login(world.officer)
    client.get("/admin/")
    with django_assert_max_num_queries(20):
        assert client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(f"/admin/reports/report/{world.report.pk}/change/")
    assert "Đổi loại phản ánh" in page.content.decode()  # the category form is on the page


@pytest.mark.django_db
def test_finished_dossiers_stay_in_the_queue_after_the_work_in_hand(client, world):
    from dossiers.services import dossier_mark_done

    received = dossier_receive(dossier=world.dossier, officer=world.officer)
    in_hand = _copies(received, 1)[0]
    finished = dossier_mark_done(dossier=received, officer=world.officer)
    client.force_login(world.officer)
    page = client.get("/admin/dossiers/dossier/")
    assert page.status_code == 200
    assert [row.pk for row in page.context["cl"].result_list] == [in_hand.pk, finished.pk]
    assert '<span class="due ">' in page.content.decode()  # the finished one's date, uncoloured
