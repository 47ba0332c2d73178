"""Payments end to end on a 360×640 phone: a parent pays tuition through the VNPay simulator and opens the receipt;
a citizen pays a dossier fee through ZaloPay's; a transfer's VietQR, as the page draws it, read by a real decoder.
The simulators call our live server's IPN/callback exactly as the providers do."""

import datetime as dt
import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def simulators(live_server, settings):
    from django.conf import settings as django_settings

    from payments.gateways.vnpay_simulator import VNPaySimulator
    from payments.gateways.zalopay_simulator import ZaloPaySimulator

    vnpay_config, zalopay_config = django_settings.PAYMENTS["VNPAY"], django_settings.PAYMENTS["ZALOPAY"]
    vnpay = VNPaySimulator(
        tmn_code=vnpay_config["TMN_CODE"],
        hash_secret=vnpay_config["HASH_SECRET"],
        ipn_url=f"{live_server.url}/thanh-toan/vnpay/ipn",
    ).start()
    zalopay = ZaloPaySimulator(
        app_id=zalopay_config["APP_ID"], key1=zalopay_config["KEY1"], key2=zalopay_config["KEY2"]
    ).start()
    settings.PUBLIC_BASE_URL = live_server.url
    settings.PAYMENTS = {
        **django_settings.PAYMENTS,
        "VNPAY": {**vnpay_config, "PAY_URL": vnpay.pay_url, "API_URL": vnpay.api_url},
        "ZALOPAY": {**zalopay_config, "API_URL": zalopay.url},
    }
    yield {"vnpay": vnpay, "zalopay": zalopay}
    vnpay.stop()
    zalopay.stop()


@pytest.fixture
def tuition_setting(citizen):
    from agencies.models import AgencyKind
    from agencies.tests.factories import AgencyFactory, OfficerFactory
    from payments.models import Bank, CollectionAccount
    from tuition.models import Student
    from tuition.services import tuition_bill_class

    school = AgencyFactory(name="Trường Tiểu học Kim Đồng", kind=AgencyKind.SCHOOL)
    bank, _ = Bank.objects.get_or_create(bin="970418", defaults={"short_name": "BIDV", "name": "BIDV"})
    CollectionAccount.objects.create(agency=school, bank=bank, account_number="31410001234567", account_name="KIM DONG")
    bursar = OfficerFactory(agency=school)
    child = Student.objects.create(
        school=school, code="HS0001", full_name="Nguyễn Gia Bình", date_of_birth=dt.date(2018, 9, 5), class_name="3A"
    )
    tuition_bill_class(
        school=school,
        officer=bursar,
        class_name="3A",
        term="Tháng 10/2026",
        lines=[("Học phí", 300_000), ("Tiền ăn bán trú", 450_000)],
        due_date=dt.date(2026, 12, 15),
    )
    return {"school": school, "child": child}


def test_a_parent_pays_tuition_through_vnpay_and_opens_the_receipt(
    phone, live_server, sign_in, simulators, tuition_setting, citizen
):
    from payments.models import Receipt

    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/hoc-phi/")
    page.get_by_label("Mã học sinh").fill("hs0001")
    page.get_by_label("Ngày sinh của con").fill("5/9/2018")
    page.get_by_role("button", name="Liên kết").click()
    page.wait_for_selector("text=Đã liên kết với em Nguyễn Gia Bình.")
    assert "750.000 đồng" in page.content()
    page.get_by_label("VNPay (thẻ ATM, QR ngân hàng)").check()
    page.get_by_role("button", name="Thanh toán các khoản đã chọn").click()
    page.wait_for_selector("text=Thanh toán qua VNPay")  # the simulator accepted our signature
    assert "750.000 VND" in page.content()
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_selector("h1:has-text('Đã thanh toán')")  # VNPay's IPN reached our server before the browser
    assert simulators["vnpay"].ipn_log[-1]["reply"] == {"RspCode": "00", "Message": "Confirm Success"}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Biên lai số 0000001", exact=False).click()
    page.wait_for_selector("text=Biên lai thu tiền điện tử")
    assert "Bảy trăm năm mươi nghìn đồng" in page.content()
    receipt = Receipt.objects.get()
    assert receipt.amount == 750_000 and receipt.payer_name == "Nguyễn Văn An (Học sinh Nguyễn Gia Bình, lớp 3A)"
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên lai (PDF, khổ A5)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(live_server.url + "/hoc-phi/")
    assert "Không có khoản nào cần nộp." in page.content() and "Biên lai số 0000001" in page.content()


def test_a_citizen_pays_a_dossier_fee_through_zalopay(
    phone, live_server, sign_in, simulators, catalogue, verified_citizen, agency, media
):
    from dossiers.tests.conftest import submit_birth_registration

    dossier = submit_birth_registration(verified_citizen, agency, fee=8_000, fee_timing="on_submit")

    sign_in(phone, verified_citizen)
    page = phone.new_page()
    page.goto(f"{live_server.url}/ho-so/cua-toi/{dossier.public_id}/")
    page.get_by_role("link", name="Nộp phí trực tuyến").click()
    page.get_by_label("Ví ZaloPay").check()
    page.get_by_role("button", name="Thanh toán 8.000 đồng").click()
    page.wait_for_selector("text=Thanh toán bằng ZaloPay")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_selector("h1:has-text('Đã thanh toán')")
    assert simulators["zalopay"].callback_log[-1]["reply"]["return_code"] == 1
    page.goto(f"{live_server.url}/ho-so/cua-toi/{dossier.public_id}/")
    assert "— đã nộp" in page.content() and "Biên lai điện tử số 0000001" in page.content()
    dossier.refresh_from_db()
    assert dossier.paid_online


def test_a_cancelled_payment_costs_nothing_and_can_be_tried_again(
    phone, live_server, sign_in, simulators, tuition_setting, citizen
):
    from tuition.services import guardian_link_by_code

    guardian_link_by_code(user=citizen, student_code="HS0001", date_of_birth=dt.date(2018, 9, 5))
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/hoc-phi/")
    page.get_by_label("VNPay (thẻ ATM, QR ngân hàng)").check()
    page.get_by_role("button", name="Thanh toán các khoản đã chọn").click()
    page.get_by_role("button", name="Hủy thanh toán").click()
    page.wait_for_selector("h1:has-text('Chưa thanh toán được')")
    assert "Bạn chưa bị trừ tiền" in page.content()
    page.get_by_role("link", name="Thử thanh toán lại").click()
    page.wait_for_selector("h1:has-text('Khoản cần nộp')")
    assert "Tháng 10/2026 — Nguyễn Gia Bình, lớp 3A" in page.content() and "750.000 đồng" in page.content()


def test_the_transfer_qr_as_drawn_reads_back_to_the_exact_payload(
    phone, live_server, sign_in, tuition_setting, citizen
):
    import zxingcpp
    from PIL import Image

    from payments.models import PaymentAttempt
    from payments.vietqr import VietQR, parse
    from tuition.services import guardian_link_by_code

    guardian_link_by_code(user=citizen, student_code="HS0001", date_of_birth=dt.date(2018, 9, 5))
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/hoc-phi/")
    page.get_by_label("Chuyển khoản ngân hàng (quét mã VietQR)").check()
    page.get_by_role("button", name="Thanh toán các khoản đã chọn").click()
    page.wait_for_selector(".qr svg")
    image = Image.open(io.BytesIO(page.locator(".qr svg").screenshot()))
    decoded = [code.text for code in zxingcpp.read_barcodes(image)]
    attempt = PaymentAttempt.objects.get()
    assert decoded == [attempt.gateway_detail["start"]["qr_payload"]]
    assert parse(decoded[0]) == VietQR("970418", "31410001234567", 750_000, attempt.reference)


def test_the_payment_pages_have_no_accessibility_violations(phone, live_server, sign_in, tuition_setting, citizen):
    from payments.gateways.base import GatewayAnswer
    from payments.models import Invoice, Receipt
    from payments.services import attempt_settle, attempt_start
    from tests.browser.test_accessibility import run_axe, violations_of
    from tuition.services import guardian_link_by_code, tuition_bill_class

    guardian_link_by_code(user=citizen, student_code="HS0001", date_of_birth=dt.date(2018, 9, 5))
    bursar = tuition_setting["school"].memberships.get().user
    tuition_bill_class(
        school=tuition_setting["school"],
        officer=bursar,
        class_name="3A",
        term="Tháng 11/2026",
        lines=[("Học phí", 300_000)],
    )
    paid_invoice, open_invoice = Invoice.objects.order_by("pk")
    paid, _ = attempt_start(
        invoices=[paid_invoice], gateway_code="vietqr", payer=citizen, return_url_for=lambda r: "", client_ip="1.1.1.1"
    )
    attempt_settle(
        gateway_code="vietqr", answer=GatewayAnswer(reference=paid.reference, state="paid", amount=paid.amount)
    )
    pending, _ = attempt_start(
        invoices=[open_invoice], gateway_code="vietqr", payer=citizen, return_url_for=lambda r: "", client_ip="1.1.1.1"
    )
    receipt = Receipt.objects.get()
    verify = receipt.verification_url().replace("http://127.0.0.1:8000", live_server.url)
    sign_in(phone, citizen)
    page = phone.new_page()
    for path in [
        "/hoc-phi/",
        "/thanh-toan/",
        open_invoice.get_absolute_url(),
        pending.get_absolute_url(),
        paid.get_absolute_url(),
        receipt.get_absolute_url(),
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert violations_of(run_axe(page)) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(verify.replace("http://testserver", live_server.url))
    assert "Biên lai thật" in page.content()
    assert violations_of(run_axe(page)) == []


def test_a_late_confirmation_shows_up_without_paying_again(
    phone, live_server, sign_in, simulators, tuition_setting, citizen
):
    """VNPay's IPN is late: the return page says "đang chờ xác nhận", and changes by itself when the IPN arrives."""
    from payments.models import PaymentAttempt
    from tuition.services import guardian_link_by_code

    guardian_link_by_code(user=citizen, student_code="HS0001", date_of_birth=dt.date(2018, 9, 5))
    vnpay = simulators["vnpay"]
    vnpay.send_ipn = False
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/hoc-phi/")
    page.get_by_label("VNPay (thẻ ATM, QR ngân hàng)").check()
    page.get_by_role("button", name="Thanh toán các khoản đã chọn").click()
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_selector("h1:has-text('Đang chờ xác nhận')")
    reply = vnpay.replay_ipn(PaymentAttempt.objects.get().reference)
    assert reply["reply"]["RspCode"] == "00"
    page.wait_for_selector("h1:has-text('Đã thanh toán')", timeout=15000)
    assert "Biên lai số 0000001" in page.content()
