"""The mini app's dossier papers through the API: a file stored for one paper, a wrong file refused with nothing
lost, taking a file back, the draft's gaps in plain words, slips and files behind links signed for 10 minutes,
and nobody else's dossier or file."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import Dossier, DossierAttachment
from dossiers.services import dossier_receive
from dossiers.tests.conftest import BIRTH_ANSWERS, png, procedure
from identity.tokens import api_token_issue


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=user)[0]}"}


@pytest.fixture
def draft(client, catalogue, verified_citizen, agency, media):
    births = procedure("Đăng ký khai sinh")
    created = client.post(
        "/api/v1/my/dossiers/",
        {"procedure": str(births.public_id), "case": births.cases.get().pk, "agency": agency.identifier},
        content_type="application/json",
        **auth(verified_citizen),
    )
    assert created.status_code == 201, created.content
    return created.json()


@pytest.mark.django_db
def test_a_draft_says_what_it_needs_and_stores_papers_one_by_one(client, draft, verified_citizen):
    me = auth(verified_citizen)
    assert draft["fields_spec"][0]["key"] and draft["documents"][0]["key"] == "giay-chung-sinh"
    gaps = {gap["document"] or gap["field"]: gap["text"] for gap in draft["missing"]}
    assert gaps["giay-chung-sinh"].startswith("Thiếu giấy tờ: ") and gaps["child_name"].startswith("Họ và tên trẻ")
    url = f"/api/v1/my/dossiers/{draft['public_id']}/attachments/"

    wrong = client.post(url, {"document": "giay-chung-sinh", "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00")}, **me)
    assert wrong.status_code == 400 and wrong.json()["code"] == "file_type_refused"
    assert "chưa lưu gì" in wrong.json()["detail"]
    unknown = client.post(url, {"document": "khong-co", "file": png()}, **me)
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_document"
    assert not DossierAttachment.objects.exists()

    stored = client.post(url, {"document": "giay-chung-sinh", "file": png("giay chung sinh.png")}, **me)
    assert stored.status_code == 201
    assert stored.json()["document_key"] == "giay-chung-sinh" and stored.json()["url"].startswith("/ho-so/tep/")
    # The signed link opens the file without a session (openWebview cannot carry our token) …
    assert client.get(stored.json()["url"]).status_code == 200
    # … and a link without the signature asks for a sign-in.
    assert client.get(stored.json()["url"].split("?")[0]).status_code == 302

    detail = client.get(f"/api/v1/my/dossiers/{draft['public_id']}/", **me).json()
    assert [a["name"] for a in detail["attachments"]] == ["giay chung sinh.png"]
    assert not any(gap["document"] for gap in detail["missing"])

    removed = client.delete(f"{url}{stored.json()['public_id']}/", **me)
    assert removed.status_code == 204 and not DossierAttachment.objects.exists()


@pytest.mark.django_db
def test_a_received_dossier_has_its_slip_behind_a_signed_link(client, draft, verified_citizen, officer):
    me = auth(verified_citizen)
    base = f"/api/v1/my/dossiers/{draft['public_id']}"
    client.post(f"{base}/answers/", {"answers": BIRTH_ANSWERS}, content_type="application/json", **me)
    client.post(f"{base}/attachments/", {"document": "giay-chung-sinh", "file": png()}, **me)
    submitted = client.post(
        f"{base}/submit/",
        {"submission_token": "7b0e8c5e-2f6a-4f1e-9d7a-0c3b7a1e5d21"},
        content_type="application/json",
        **me,
    ).json()
    assert submitted["status"] == "submitted" and submitted["missing"] == []
    locked = client.post(f"{base}/attachments/", {"document": "giay-chung-sinh", "file": png()}, **me)
    assert locked.status_code == 409 and locked.json()["code"] == "not_editable"
    assert submitted["slips"] == []
    dossier_receive(dossier=Dossier.objects.get(public_id=draft["public_id"]), officer=officer)
    slips = client.get(f"{base}/", **me).json()["slips"]
    assert [slip["form"] for slip in slips] == ["01"]
    pdf = client.get(slips[0]["url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_nobody_else_reaches_the_dossier_or_its_files(client, draft, verified_citizen, other_citizen):
    me = auth(verified_citizen)
    stored = client.post(
        f"/api/v1/my/dossiers/{draft['public_id']}/attachments/", {"document": "giay-chung-sinh", "file": png()}, **me
    ).json()
    stranger = auth(other_citizen)
    assert client.get(f"/api/v1/my/dossiers/{draft['public_id']}/", **stranger).status_code == 404
    refused = client.post(
        f"/api/v1/my/dossiers/{draft['public_id']}/attachments/",
        {"document": "giay-chung-sinh", "file": png()},
        **stranger,
    )
    assert refused.status_code == 404
    assert (
        client.delete(
            f"/api/v1/my/dossiers/{draft['public_id']}/attachments/{stored['public_id']}/", **stranger
        ).status_code
        == 404
    )
    # Signed in as someone else with a forged signature: the signature fails, so the usual check applies.
    client.force_login(other_citizen)
    path = stored["url"].split("?")[0]
    assert client.get(f"{path}?ky=forged").status_code == 404
    assert DossierAttachment.objects.count() == 1


@pytest.mark.django_db
def test_a_signed_link_expires_after_ten_minutes(client, draft, verified_citizen, monkeypatch):
    stored = client.post(
        f"/api/v1/my/dossiers/{draft['public_id']}/attachments/",
        {"document": "giay-chung-sinh", "file": png()},
        **auth(verified_citizen),
    ).json()
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 601)  # the clock, not our code
    assert client.get(stored["url"]).status_code == 302
