"""A big phone photo is shrunk in the browser before it is sent (and the page still works without JavaScript)."""

import datetime as dt
import io

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _big_photo() -> bytes:
    from PIL import Image

    noise = Image.effect_noise((3000, 2400), 80).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_a_big_photo_is_downscaled_before_upload(phone, live_server, sign_in):
    from agencies.models import AgencyKind
    from agencies.tests.factories import AgencyFactory, CitizenFactory, consented
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
    from dossiers.models import DossierAttachment, Procedure
    from dossiers.services import dossier_draft_start
    from identity.models import CitizenProfile, IdentityLevel

    AgencyFactory(identifier="TNH-STP", kind=AgencyKind.DEPARTMENT)
    catalogue_import_file(DEMO_CATALOGUE)
    ward = AgencyFactory()
    citizen = consented(CitizenFactory(identity_level=IdentityLevel.VERIFIED))
    CitizenProfile.objects.create(user=citizen, verified_until=timezone.now() + dt.timedelta(days=30))
    births = Procedure.objects.get(name="Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=citizen, procedure=births, case=births.cases.get(), agency=ward)

    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{draft.public_id}/giay-to/")
    photo = _big_photo()
    sent = []
    page.on("request", lambda r: sent.append(len(r.post_data_buffer or b"")) if r.method == "POST" else None)
    page.set_input_files(
        "input[type=file]", files=[{"name": "IMG_2001.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.wait_for_selector("text=✔ Đã lưu: IMG_2001.jpg", timeout=15000)  # sent the moment it was chosen
    assert sent and sent[0] < len(photo) / 2, (sent, len(photo))  # the upload itself was smaller
    stored = DossierAttachment.objects.get()
    assert stored.size < len(photo) / 2
