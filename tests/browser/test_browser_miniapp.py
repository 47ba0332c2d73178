"""The Zalo Mini App on a 360×640 phone, through its shim build against the real server: the Zalo simulator plays
the container (who you are, phone and location permission sheets) and Checkout; our server checks every token at
the simulator's Graph endpoints and receives Checkout's signed callback, exactly as in production.

Journeys: sign in without a form and agree to the personal-data notice; share the phone; find a procedure typed
without diacritics, fill its form (a wrong date fixed in place, nothing lost), add a photo of a paper, check,
submit; send a field report with a photo and the location (the empty form refused in plain words first); pay a
fee through Zalo Checkout and see the receipt. Every screen fits the phone and passes axe."""

import io

import pytest
from PIL import Image

from tests.browser.test_accessibility import run_axe, violations_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AN = ("8421000001", "Nguyễn Văn An", "84912345678")
BICH = ("8421000002", "Trần Thị Bích", "84987654321")
HERE = {"latitude": 11.3105, "longitude": 106.0985}


def _photo() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((1200, 900), 50).convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.fixture
def miniapp(zalo, live_server, settings):
    """The shim build served on its own origin, our settings pointing at the simulator, CORS open to that origin."""
    from django.conf import settings as django_settings
    from django.core.cache import cache
    from django.utils import timezone

    from citizen_portal.miniapp_host import SHIM_BUILD, MiniAppHost
    from identity.models import ConsentNotice

    if not (SHIM_BUILD / "index.html").exists():
        pytest.fail("miniapp/dist-shim is missing: make test builds it (npm ci, vite build --mode shim)")
    # Transactional tests start from empty tables, without the notice the migration publishes.
    ConsentNotice.objects.get_or_create(
        version="1.0",
        defaults={
            "title": "Thông báo về xử lý dữ liệu cá nhân",
            "text": "Cổng Công dân xử lý các thông tin sau của bạn:\n• Họ tên\n• Số điện thoại",
            "published_at": timezone.now(),
        },
    )
    cache.delete("identity:current_consent_version")
    settings.PUBLIC_BASE_URL = live_server.url
    checkout = django_settings.PAYMENTS["ZALO_CHECKOUT"]
    settings.PAYMENTS = {**django_settings.PAYMENTS, "ZALO_CHECKOUT": {**checkout, "API_URL": zalo.url}}
    zalo.configure_checkout(
        miniapp_id=checkout["APP_ID"],
        private_key=checkout["PRIVATE_KEY"],
        callback_url=f"{live_server.url}/thanh-toan/zalo-checkout/callback",
    )
    for uid, name, phone in (AN, BICH):
        zalo.add_user(uid, name, phone=phone)
    host = MiniAppHost(api=live_server.url, zalo_simulator=zalo.url).start()
    settings.CORS_ALLOWED_ORIGINS = [host.url]
    yield host
    host.stop()


@pytest.fixture
def phone_in_zalo(phone_at):
    return phone_at(HERE)


def fits_and_is_accessible(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert violations_of(run_axe(page)) == []


def choose_zalo_user(page, name):
    sheet = page.get_by_role("dialog", name="Zalo (giả lập)")
    sheet.wait_for()
    sheet.get_by_role("button", name=name).click()


def zalo_citizen(uid, name, *, verified=False):
    """The account the Zalo id signs in to (as the web login would have made it), agreed to the notice."""
    from agencies.tests.factories import consented
    from dossiers.tests.conftest import make_verified
    from identity.services import citizen_from_zalo_profile

    user = consented(citizen_from_zalo_profile(profile={"id": uid, "name": name}))
    return make_verified(user) if verified else user


def test_a_new_citizen_signs_in_agrees_shares_the_phone_and_sends_a_report(miniapp, phone_in_zalo):
    from agencies.tests.factories import AgencyFactory
    from identity.models import User
    from reports.models import Category, Report

    agency = AgencyFactory(name="UBND phường Tân Ninh")
    lights = Category.objects.create(slug="chieu-sang", name="Điện, chiếu sáng", default_agency=agency)
    Category.objects.create(slug="den-duong", name="Đèn đường hỏng", parent=lights)
    page = phone_in_zalo.new_page()
    page.goto(miniapp.url + "/")
    fits_and_is_accessible(page)

    page.get_by_role("link", name="Tài khoản").click()
    choose_zalo_user(page, "Trần Thị Bích")  # Zalo's container: no form, no password
    page.get_by_role("button", name="Tôi đồng ý").wait_for()  # the personal-data notice comes first
    fits_and_is_accessible(page)
    page.get_by_role("button", name="Tôi đồng ý").click()
    page.get_by_text("Mức định danh").wait_for()
    citizen = User.objects.get(full_name="Trần Thị Bích")
    assert citizen.api_tokens.filter(client="zalo-miniapp").count() == 1

    # The phone is asked for when it is needed, with the reason shown first (Zalo's rule 3.3.4).
    page.get_by_text("Chia sẻ số điện thoại Zalo để cơ quan nhắn kết quả").wait_for()
    page.get_by_role("button", name="Dùng số điện thoại Zalo của tôi").click()
    page.get_by_role("dialog", name="Zalo").get_by_role("button", name="Cho phép").click()
    page.get_by_text("Số điện thoại nhận tin: +84987654321").wait_for()
    citizen.refresh_from_db()
    assert citizen.phone == "+84987654321"

    page.goto(miniapp.url + "/phan-anh/gui/")
    page.get_by_role("button", name="Gửi phản ánh").wait_for()
    page.get_by_role("button", name="Gửi phản ánh").click()  # empty: told what to fix, in plain words
    page.get_by_text("Vui lòng chọn loại sự việc. Vui lòng mô tả sự việc.").wait_for()
    page.select_option("select[name=category]", label="Đèn đường hỏng")
    page.fill("textarea[name=description]", "Đèn đường trước số nhà 12 tắt ba hôm nay.")
    page.reload()  # the app closed by mistake: what was typed is still there
    page.get_by_role("button", name="Gửi phản ánh").wait_for()
    assert page.input_value("textarea[name=description]") == "Đèn đường trước số nhà 12 tắt ba hôm nay."
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Chụp hoặc chọn ảnh").click()
    chooser.value.set_files([{"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.get_by_role("img", name="Ảnh 1").wait_for()
    page.get_by_role("button", name="Dùng vị trí hiện tại").click()
    page.get_by_role("dialog", name="Zalo").get_by_role("button", name="Cho phép").click()
    page.get_by_text("Đã lấy vị trí của bạn.").wait_for()
    fits_and_is_accessible(page)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.get_by_role("heading", name="Đèn đường hỏng").wait_for()
    photo = page.get_by_role("img", name="Ảnh kèm phản ánh")
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())

    report = Report.objects.get()
    assert report.reporter == citizen and report.photos.count() == 1
    assert (float(report.latitude), float(report.longitude)) == (HERE["latitude"], HERE["longitude"])


def test_a_verified_citizen_finds_a_procedure_without_diacritics_and_submits_with_a_photo(
    miniapp, phone_in_zalo, catalogue, media
):
    from agencies.models import AgencyKind
    from agencies.tests.factories import AgencyFactory
    from dossiers.models import Dossier

    AgencyFactory(name="UBND phường Tân Ninh", kind=AgencyKind.WARD_COMMITTEE)
    zalo_citizen(*AN[:2], verified=True)
    page = phone_in_zalo.new_page()
    # A procedure only informed about online says so, and offers no form.
    page.goto(miniapp.url + "/ho-so/?q=chung thuc chu ky")
    page.get_by_role("link", name="Chứng thực chữ ký trong giấy tờ, văn bản").first.click()
    choose_zalo_user(page, "Nguyễn Văn An")
    page.get_by_text("Thủ tục này chưa nộp trực tuyến được").wait_for()
    assert page.get_by_role("button", name="Bắt đầu nộp hồ sơ").count() == 0

    page.goto(miniapp.url + "/")
    page.fill("input[name=q]", "dang ky khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_role("link", name="Đăng ký khai sinh").first.click()
    page.get_by_role("heading", name="Đăng ký khai sinh").wait_for()
    page.select_option("select[name=agency]", label="UBND phường Tân Ninh")
    page.get_by_role("button", name="Bắt đầu nộp hồ sơ").click()

    page.get_by_label("Họ và tên trẻ").wait_for()
    assert page.input_value("input[name=full_name]") == "Nguyễn Văn An"  # from the verified identity
    page.fill("input[name=phone]", "0912345678")
    page.fill("input[name=child_name]", "Nguyễn Văn Bình")
    page.fill("input[name=child_dob]", "31/02/2026")  # no such day
    page.select_option("select[name=child_sex]", "Nam")
    page.fill("input[name=birthplace]", "Bệnh viện Đa khoa tỉnh Tây Ninh")
    page.select_option("select[name=relationship]", "Cha")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Lưu và tiếp tục: giấy tờ").click()
    page.get_by_text("Vui lòng nhập ngày theo dạng ngày/tháng/năm").wait_for()  # beside its field; nothing else lost
    fits_and_is_accessible(page)
    page.fill("input[name=child_dob]", "10/11/2026")
    page.get_by_role("button", name="Lưu và tiếp tục: giấy tờ").click()

    page.get_by_role("heading", name="Giấy chứng sinh").wait_for()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Chụp hoặc chọn ảnh").first.click()
    chooser.value.set_files([{"name": "giay-chung-sinh.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.get_by_role("button", name="Xoá tệp này").wait_for()
    page.get_by_text("Tiếp tục: kiểm tra lại").click()

    page.get_by_role("button", name="Nộp hồ sơ").wait_for()
    assert page.get_by_text("Nguyễn Văn Bình").count() == 1
    fits_and_is_accessible(page)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_text("Quá trình xử lý").wait_for()

    dossier = Dossier.objects.get()
    assert dossier.status == "submitted" and dossier.answers["child_dob"] == "2026-11-10"
    assert dossier.attachments.filter(document_key="giay-chung-sinh").count() == 1
    assert page.get_by_text("Đã nộp. Cơ quan sẽ kiểm tra và tiếp nhận").count() == 1
    fits_and_is_accessible(page)


def test_a_fee_is_paid_through_zalo_checkout_and_the_receipt_shown(miniapp, phone_in_zalo, zalo):
    from agencies.tests.factories import AgencyFactory
    from payments.models import Receipt
    from payments.registry import PURPOSES, Purpose, register_purpose
    from payments.services import invoice_create
    from payments.workflow import InvoiceStatus

    citizen = zalo_citizen(*AN[:2])
    register_purpose(Purpose(code="test_fee", label="Lệ phí thử", on_paid=lambda invoice: None))
    try:
        invoice = invoice_create(
            purpose="test_fee",
            subject_key="test:1",
            payee=AgencyFactory(name="UBND phường Tân Ninh"),
            payer=citizen,
            description="Lệ phí cấp bản sao trích lục hộ tịch",
            lines=[("Lệ phí", 50_000)],
        )
        page = phone_in_zalo.new_page()
        page.goto(miniapp.url + "/thanh-toan/")  # a notification's deep link lands here
        choose_zalo_user(page, "Nguyễn Văn An")
        page.get_by_text("Lệ phí cấp bản sao trích lục hộ tịch").wait_for()
        fits_and_is_accessible(page)

        page.get_by_role("button", name="Nộp 50.000 đồng trong Zalo").click()
        sheet = page.get_by_role("dialog", name="Thanh toán (Zalo Checkout giả lập)")
        sheet.get_by_role("button", name="Huỷ").click()  # changed their mind: nothing charged, said plainly
        page.get_by_text("Chưa bị trừ tiền").wait_for()

        page.get_by_role("button", name="Nộp 50.000 đồng trong Zalo").click()
        page.get_by_role("dialog", name="Thanh toán (Zalo Checkout giả lập)").get_by_role(
            "button", name="Xác nhận thanh toán"
        ).click()
        page.get_by_text("Đã nộp 50.000 đồng. Biên lai số").wait_for(timeout=15000)
        invoice.refresh_from_db()
        assert invoice.status == InvoiceStatus.PAID
        receipt = Receipt.objects.get()
        assert page.get_by_text(f"Biên lai số {receipt.number_text}").count() == 1
        assert zalo.state.callbacks[-1]["reply"]["returnCode"] == 1
        assert page.get_by_role("button", name="Nộp 50.000 đồng trong Zalo").count() == 0  # nothing to pay twice
    finally:
        PURPOSES.pop("test_fee", None)
