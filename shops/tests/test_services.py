"""The owner's registration and the agency's decisions through the services: every check at once, nothing saved
on a mistake, photos cleaned, routing, certificate numbers, the change review, duplicates, messages."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from agencies.models import AgencyKind
from agencies.tests.factories import AgencyFactory, CitizenFactory, WardFactory
from citizen_portal.api.exceptions import ApplicationError
from notifications.models import InboxMessage
from shops.models import Shop, ShopPhoto, ShopVersion, normalise_registration_number
from shops.services import (
    BankAccountData,
    ShopInvalid,
    duplicate_candidates,
    owner_erase,
    shop_approve,
    shop_changes_approve,
    shop_changes_reject,
    shop_changes_submit,
    shop_photos_stash,
    shop_return,
    shop_save,
    shop_submit,
    similarity,
    verifying_agency,
)
from shops.tests.conftest import shop_photo
from shops.workflow import ChangeStatus, ShopStatus

S = ShopStatus


@pytest.mark.django_db
def test_every_mistake_is_named_at_once_and_nothing_is_saved(make_data, catalogue, citizen):
    data = make_data(
        name=" ",
        address="",
        registration_number="12-ABC",
        public_phone="12345",
        zalopay="0000",
        website="not a link",
        latitude=11.3,
        bank_accounts=[BankAccountData(catalogue["vcb"], "12 34", "TRAN THI BA")],
    )
    with pytest.raises(ShopInvalid) as refused:
        shop_save(owner=citizen, data=data, complete=True)
    assert set(refused.value.errors) == {
        "name",
        "address",
        "registration_number",
        "public_phone",
        "zalopay",
        "website",
        "latitude",
        "bank_1",
        "photos",
    }
    assert "45A8012345" in refused.value.errors["registration_number"]
    assert not Shop.objects.exists() and not ShopVersion.objects.exists()


@pytest.mark.django_db
def test_a_4_0_shop_takes_some_cashless_payment(make_data, citizen):
    photos = shop_photos_stash(owner=citizen, photos=[shop_photo()])
    with pytest.raises(ShopInvalid) as refused:
        shop_save(owner=citizen, data=make_data(bank_accounts=[]), kept_photos=photos, complete=True)
    assert set(refused.value.errors) == {"bank_accounts"}
    shop = shop_save(
        owner=citizen, data=make_data(bank_accounts=[], card_terminal=True), kept_photos=photos, complete=True
    )
    assert shop.working.payment_methods == ["Quẹt thẻ"]


@pytest.mark.parametrize(
    "raw, written",
    [
        ("45A8012345", "45A8012345"),
        ("45 a 801234", "45A801234"),
        ("0312345678", "0312345678"),
        ("0312345678-001", "0312345678-001"),
        ("072068001234", "072068001234"),
    ],
)
def test_registration_numbers_in_their_written_forms(raw, written):
    assert normalise_registration_number(raw) == written


@pytest.mark.parametrize("raw", ["", "123", "45A80", "ABCDEFGHIJ", "031234567-01", "4A58012345"])
def test_registration_numbers_that_are_not_one(raw):
    with pytest.raises(ValueError):
        normalise_registration_number(raw)


@pytest.mark.django_db
def test_photos_are_cleaned_before_anyone_sees_them(citizen):
    [photo] = shop_photos_stash(owner=citizen, photos=[shop_photo(size=(4000, 3000))])
    image = Image.open(io.BytesIO(photo.image.read()))
    assert max(image.size) == 2048 and not image.getexif()
    assert photo.version is None and photo.uploaded_by == citizen
    with pytest.raises(ApplicationError) as refused:
        shop_photos_stash(
            owner=citizen, photos=[shop_photo(name="hoa-don.pdf").__class__("hoa-don.pdf", b"%PDF-1.4 x")]
        )
    assert refused.value.get_codes() == "photo_type_refused"
    with pytest.raises(ApplicationError) as refused:
        shop_photos_stash(owner=citizen, photos=[shop_photo() for _ in range(5)], already=1)
    assert refused.value.get_codes() == "too_many_photos"
    assert ShopPhoto.objects.count() == 1  # the refused batch left nothing behind


@pytest.mark.django_db
def test_another_persons_waiting_photo_cannot_be_taken(make_data, citizen, other_citizen):
    theirs = shop_photos_stash(owner=other_citizen, photos=[shop_photo()])
    with pytest.raises(ApplicationError) as refused:
        shop_save(owner=citizen, data=make_data(), kept_photos=theirs, complete=True)
    assert refused.value.get_codes() == "photo_not_yours"
    assert not Shop.objects.exists()


@pytest.mark.django_db
def test_a_shop_goes_to_its_wards_committee_or_else_the_provinces_service_centre(make_shop, citizen, agency):
    assert make_shop(citizen).agency == agency
    lone_ward = WardFactory()
    with pytest.raises(ApplicationError) as refused:
        make_shop(citizen, ward=lone_ward)
    assert refused.value.get_codes() == "no_verifying_agency"
    assert Shop.objects.filter(status=S.DRAFT).count() == 1  # kept as a draft: nothing typed is lost
    centre = AgencyFactory(kind=AgencyKind.SERVICE_CENTRE, ward=agency.ward)
    assert verifying_agency(lone_ward) == centre


@pytest.mark.django_db
def test_approval_lists_the_shop_with_a_certificate_number_in_the_provinces_yearly_series(
    make_shop, citizen, other_citizen, officer
):
    first = make_shop(citizen, approve_by=officer)
    second = make_shop(other_citizen, name="Cà phê Gió Núi", approve_by=officer)
    year = timezone.localtime().year
    assert first.certificate_number == f"CH4.0-80-{year}-00001"
    assert second.certificate_number == f"CH4.0-80-{year}-00002"
    next_year = make_shop(CitizenFactory(), name="Sửa xe Hòa Phát")
    next_year = shop_approve(shop=next_year, officer=officer, now=timezone.now() + dt.timedelta(days=366))
    assert next_year.certificate_number == f"CH4.0-80-{year + 1}-00001"
    assert first.is_listed and first.accepts_bank and first.ward == first.live.ward
    assert list(Shop.objects.listed()) == sorted(
        [first, second, next_year], key=lambda s: (-s.submitted_at.timestamp(), -s.pk)
    )


@pytest.mark.django_db
def test_an_officer_of_another_agency_cannot_decide(make_shop, citizen, other_officer):
    shop = make_shop(citizen)
    with pytest.raises(ApplicationError) as refused:
        shop_approve(shop=shop, officer=other_officer)
    assert refused.value.get_codes() == "not_your_agency"


@pytest.mark.django_db
def test_sent_back_with_every_item_then_fixed_and_sent_again(
    make_shop, make_data, citizen, officer, django_capture_on_commit_callbacks
):
    shop = make_shop(citizen)
    with pytest.raises(ApplicationError) as refused:
        shop_return(shop=shop, officer=officer, items=["", "  "])
    assert refused.value.get_codes() == "items_required"
    with django_capture_on_commit_callbacks(execute=True):
        shop = shop_return(shop=shop, officer=officer, items=["Ảnh chưa rõ bảng hiệu", " Ghi số nhà "])
    assert shop.fix_items == ["Ảnh chưa rõ bảng hiệu", "Ghi số nhà"]
    message = InboxMessage.objects.get(recipient=citizen, event="shop_needs_changes")
    assert "Ảnh chưa rõ bảng hiệu" in message.body and "Ghi số nhà" in message.body
    photos = list(shop.working.photos.all())
    shop = shop_save(
        owner=citizen, shop=shop, data=make_data(address="45 Trưng Nữ Vương, khu phố 2, số nhà 45"), kept_photos=photos
    )
    assert shop.status == S.NEEDS_CHANGES and shop.working.photos.count() == 1
    shop = shop_submit(shop=shop, owner=citizen)
    assert shop.status == S.SUBMITTED
    shop = shop_approve(shop=shop, officer=officer)
    assert shop.fix_items == [] and shop.live.address.endswith("số nhà 45")


@pytest.mark.django_db
def test_a_change_waits_for_review_while_the_public_keeps_the_approved_version(
    make_shop, make_data, catalogue, citizen, officer, django_capture_on_commit_callbacks
):
    shop = make_shop(citizen, approve_by=officer)
    live = shop.live
    photos = list(live.photos.all())
    new_photo = shop_photos_stash(owner=citizen, photos=[shop_photo(name="quay.jpg")])
    changed = make_data(
        name="Tạp hóa Cô Ba 2",
        bank_accounts=[BankAccountData(catalogue["agribank"], "7300205123456", "TRAN THI BA")],
    )
    shop = shop_save(owner=citizen, shop=shop, data=changed, kept_photos=photos[:0] + new_photo)
    shop = shop_changes_submit(shop=shop, owner=citizen)
    live.refresh_from_db()
    assert shop.live == live and live.name == "Tạp hóa Cô Ba"
    assert [a.bank.short_name for a in live.bank_accounts.all()] == ["Vietcombank"]
    assert live.photos.count() == 1 and live.photos.get().image.storage.exists(live.photos.get().image.name)
    with django_capture_on_commit_callbacks(execute=True):
        refused = shop_changes_reject(shop=shop, officer=officer, reason="Số tài khoản không đúng tên chủ")
    assert refused.live == live and refused.working is None and refused.change_status == ChangeStatus.NONE
    assert "không chấp nhận thay đổi" in InboxMessage.objects.get(recipient=citizen, event="shop_rejected").body
    # A second try, approved this time: the public page moves to it; the old version's photo stays on disk for it.
    shop = shop_save(owner=citizen, shop=refused, data=changed, kept_photos=photos)
    shop = shop_changes_submit(shop=shop, owner=citizen)
    shop = shop_changes_approve(shop=shop, officer=officer)
    assert shop.live.name == "Tạp hóa Cô Ba 2" and shop.accepts_bank and shop.certificate_number.endswith("00001")
    kept = shop.live.photos.get()
    assert kept.image.name == photos[0].image.name and kept.image.storage.exists(kept.image.name)


@pytest.mark.django_db
def test_duplicates_by_phone_registration_number_and_near_identical_name_and_address(
    make_shop, citizen, officer, agency
):
    first = make_shop(citizen, approve_by=officer, registration_number="45A8012345")
    same_phone = make_shop(citizen, name="Quán nước Cô Ba", address="Chợ Tân Ninh")
    lookalike = make_shop(CitizenFactory(), name="Tạp Hoá Cô Ba", address="45 Trưng Nữ Vương khu phố 2")
    same_number = make_shop(
        CitizenFactory(),
        name="Cửa hàng khác hẳn",
        address="Đường khác",
        registration_number="45 A 8012345",
        ward=agency.ward,
    )
    stranger = make_shop(CitizenFactory(), name="Sửa xe Hòa Phát", address="7 Nguyễn Thái Học")
    found = {d.shop: d.reasons for d in duplicate_candidates(first)}
    assert "cùng số điện thoại" in found[same_phone]
    assert any(reason.startswith("tên và địa chỉ gần giống") for reason in found[lookalike])
    assert "cùng số đăng ký hộ kinh doanh" in found[same_number]
    assert stranger not in found
    assert similarity("Tạp hóa Cô Ba", "Tap Hoa Co Ba") == 1.0
    assert similarity("Tạp hóa Cô Ba", "Sửa xe Hòa Phát") < 0.2


@pytest.mark.django_db
def test_the_owner_is_told_at_each_step(make_shop, citizen, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shop = make_shop(citizen, approve_by=officer)
    events = list(InboxMessage.objects.filter(recipient=citizen).order_by("id").values_list("event", flat=True))
    assert events == ["shop_received", "shop_approved"]
    approved = InboxMessage.objects.get(event="shop_approved")
    assert shop.certificate_number in approved.body and approved.link == f"/cua-hang/cua-toi/{shop.public_id}/"


@pytest.mark.django_db
def test_account_deletion_keeps_the_listing_and_drops_the_owners_phone(make_shop, citizen, officer):
    listed = make_shop(citizen, approve_by=officer)
    draft = make_shop(citizen, send=False, name="Bản nháp")
    owner_erase(citizen)
    assert not Shop.objects.filter(pk=draft.pk).exists()
    listed.refresh_from_db()
    assert listed.owner is None and listed.is_listed and listed.live.owner_phone == ""
