import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.models import AgencyKind
from agencies.tests.factories import AgencyFactory
from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
from dossiers.models import Procedure
from identity.models import CitizenProfile, IdentityLevel


def _png_bytes() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png_bytes()  # a real image, as a phone would send


@pytest.fixture
def catalogue(db):
    AgencyFactory(identifier="TNH-STP", name="Sở Tư pháp tỉnh Tây Ninh", kind=AgencyKind.DEPARTMENT)
    return catalogue_import_file(DEMO_CATALOGUE)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def verified_citizen(citizen):
    return make_verified(citizen)


def make_verified(citizen):
    """`citizen` verified at level 2 by Tây Ninh ID, with the claims the procedures prefill from."""
    citizen.identity_level = IdentityLevel.VERIFIED
    citizen.save()
    CitizenProfile.objects.update_or_create(
        user=citizen,
        defaults=dict(
            verified_full_name="Nguyễn Văn An",
            date_of_birth=dt.date(1968, 3, 15),
            sex="male",
            citizen_id="072068001234",
            address="12 Cách Mạng Tháng Tám, Phường Tân Ninh",
            verified_by="Tây Ninh ID",
            verified_at=timezone.now(),
            verified_until=timezone.now() + dt.timedelta(days=300),
        ),
    )
    return citizen


def procedure(name: str) -> Procedure:
    return Procedure.objects.get(name=name)


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


BIRTH_ANSWERS = {
    "child_name": "Nguyễn Văn Bình",
    "child_dob": "10/11/2026",
    "child_sex": "Nam",
    "birthplace": "Bệnh viện Đa khoa tỉnh Tây Ninh",
    "relationship": "Cha",
    "declaration": "on",
}


def submit_birth_registration(citizen, agency, *, fee: int | None = None, fee_timing: str = ""):
    """A complete birth registration submitted by a level-2 `citizen` to `agency`; with `fee`, the catalogue
    charges it (paid at submission when `fee_timing` is "on_submit")."""
    from dossiers.services import attachment_add, dossier_draft_save, dossier_draft_start, dossier_submit

    births = procedure("Đăng ký khai sinh")
    if fee is not None:
        births.fee_amount, births.fee_timing = fee, fee_timing
        births.save()
    draft = dossier_draft_start(citizen=citizen, procedure=births, case=births.cases.get(), agency=agency)
    dossier_draft_save(dossier=draft, citizen=citizen, answers=BIRTH_ANSWERS)
    attachment_add(dossier=draft, user=citizen, document_key="giay-chung-sinh", upload=png())
    return dossier_submit(dossier=draft, citizen=citizen, submission_token=uuid.uuid4())


@pytest.fixture
def submitted_birth_registration(catalogue, verified_citizen, agency, media):
    """A complete birth registration, submitted to the ward People's Committee `agency`."""
    return submit_birth_registration(verified_citizen, agency)
