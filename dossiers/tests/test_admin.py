"""The one-stop desk in the back office: queues, decisions through the services, CSV."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.models import Dossier, SupplementRequest
from dossiers.services import dossier_receive
from dossiers.workflow import DossierStatus


@pytest.mark.django_db
def test_the_officer_requests_a_supplement_listing_every_point(client, submitted_birth_registration, officer):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(officer)
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").content.decode()
    assert f"/admin/dossiers/dossier/{dossier.pk}/xu-ly/bo-sung/" in page
    response = client.post(
        f"/admin/dossiers/dossier/{dossier.pk}/xu-ly/bo-sung/",
        {"bo-sung-other": "Ảnh giấy chứng sinh bị mờ\nThiếu chữ ký người đi khai"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert SupplementRequest.objects.get(dossier=dossier).items == [
        "Ảnh giấy chứng sinh bị mờ",
        "Thiếu chữ ký người đi khai",
    ]


@pytest.mark.django_db
def test_a_refusal_without_a_reason_is_explained_and_changes_nothing(client, submitted_birth_registration, officer):
    client.force_login(officer)
    response = client.post(
        f"/admin/dossiers/dossier/{submitted_birth_registration.pk}/xu-ly/tu-choi/", {"tu-choi-reason": ""}
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert Dossier.objects.get(pk=submitted_birth_registration.pk).status == DossierStatus.SUBMITTED


@pytest.mark.django_db
def test_an_officer_of_another_agency_cannot_open_the_dossier_or_act_on_it(
    client, submitted_birth_registration, other_officer
):
    client.force_login(other_officer)
    pk = submitted_birth_registration.pk
    assert client.get(f"/admin/dossiers/dossier/{pk}/change/").status_code == 404
    assert client.post(f"/admin/dossiers/dossier/{pk}/xu-ly/tiep-nhan/").status_code == 404
    assert Dossier.objects.get(pk=pk).status == DossierStatus.SUBMITTED


@pytest.mark.django_db
def test_queues_show_new_and_overdue_dossiers_and_export_csv(client, submitted_birth_registration, officer):
    client.force_login(officer)
    new = client.get("/admin/dossiers/dossier/", {"han": "moi"})
    assert [d.pk for d in new.context["cl"].result_list] == [submitted_birth_registration.pk]
    # Received a month ago: long past its due date.
    dossier = dossier_receive(
        dossier=submitted_birth_registration, officer=officer, now=timezone.now() - dt.timedelta(days=30)
    )
    late = client.get("/admin/dossiers/dossier/", {"han": "qua-han"})
    assert [d.pk for d in late.context["cl"].result_list] == [dossier.pk]
    assert '<span class="due late">' in late.content.decode() and "· quá hạn" in late.content.decode()
    csv = client.post("/admin/dossiers/dossier/", {"action": "export_csv", "_selected_action": [dossier.pk]})
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã hồ sơ,Thủ tục,Người nộp,Trạng thái")
    assert dossier.code in text and "Được tiếp nhận" in text


@pytest.mark.django_db
def test_the_tracking_book_lists_the_period_and_exports_csv(client, submitted_birth_registration, officer):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(officer)
    today = timezone.localdate().isoformat()
    page = client.get("/admin/dossiers/dossier/so-theo-doi/", {"tu": today, "den": today}).content.decode()
    assert dossier.code in page and "Sổ theo dõi hồ sơ" in page
    csv = client.get("/admin/dossiers/dossier/so-theo-doi/", {"tu": today, "den": today, "csv": "1"})
    assert dossier.code in csv.content.decode("utf-8-sig")
    empty = client.get("/admin/dossiers/dossier/so-theo-doi/", {"tu": "2020-01-01", "den": "2020-01-31"})
    assert dossier.code not in empty.content.decode()


@pytest.mark.django_db
def test_the_officer_hands_a_step_to_another_agency(
    client, submitted_birth_registration, officer, other_agency, other_officer
):
    from dossiers.models import ProcessingStep

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(officer)
    incomplete = client.post(f"/admin/dossiers/dossier/{dossier.pk}/xu-ly/giao-xu-ly/", {})
    assert incomplete.status_code == 400 and "Trường này là bắt buộc." in incomplete.content.decode()
    client.post(
        f"/admin/dossiers/dossier/{dossier.pk}/xu-ly/giao-xu-ly/",
        {
            "giao-xu-ly-agency": other_agency.pk,
            "giao-xu-ly-assignee": other_officer.pk,
            "giao-xu-ly-working_days": "2",
            "giao-xu-ly-note": "Xác minh nơi sinh",
        },
    )
    step = ProcessingStep.objects.get(dossier=dossier)
    assert (step.assigned_agency, step.assigned_to, step.note) == (other_agency, other_officer, "Xác minh nơi sinh")
