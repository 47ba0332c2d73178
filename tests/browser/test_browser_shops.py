"""A 4.0 shop end to end: the owner registers on a 360×640 phone with a photo and a bank account, the ward's
ordinary officer approves it at the desk, and the certificate page's VietQR, as Chromium draws it, is read by a
real decoder back to the owner's account; the directory finds it without diacritics."""

import io

import pytest

from shops.tests.conftest import shop_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop_setting(agency, citizen):
    from agencies.tests.factories import OfficerFactory
    from payments.banks import load_banks
    from payments.models import Bank
    from shops.business_types import load_business_types
    from shops.models import BusinessType

    load_banks(Bank)  # a flushed database has lost what the migrations wrote
    load_business_types(BusinessType)
    ward_officer = OfficerFactory(agency=agency, username="canbo.tanninh", full_name="Lê Thị Thu")
    return {"officer": ward_officer, "ward": agency.ward}


def test_register_approve_and_pay_by_the_certificates_qr(browser, live_server, sign_in, shop_setting, citizen):
    import zxingcpp
    from PIL import Image
    from playwright.sync_api import expect

    from payments.vietqr import parse
    from shops.models import Shop

    phone = browser.new_context(  # a cheap phone, standing in the shop
        viewport={"width": 360, "height": 640},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="vi-VN",
        geolocation={"latitude": 11.3102, "longitude": 106.0991},
        permissions=["geolocation"],
    )
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/cua-hang/")
    page.get_by_role("link", name="Đăng ký cửa hàng của tôi").click()
    page.get_by_label("Tên cửa hàng").fill("Tạp hóa Cô Ba")
    page.get_by_label("Loại hình kinh doanh").select_option(label="🛒 Tạp hóa, cửa hàng tiện lợi")
    picture = shop_photo()
    page.locator("#id_photos").set_input_files(
        files=[{"name": picture.name, "mimeType": "image/jpeg", "buffer": picture.read()}]
    )
    page.wait_for_selector("text=Đã lưu ảnh 1")  # kept the moment it was chosen
    page.get_by_label("Địa chỉ cửa hàng").fill("45 Trưng Nữ Vương, khu phố 2")
    page.locator("#id_ward").select_option(str(shop_setting["ward"].pk))
    page.get_by_role("button", name="Tôi đang ở cửa hàng: lấy vị trí").click()  # the pin from the phone
    expect(page.locator("#shop-here-status")).to_have_text("Đã lấy vị trí.")
    page.locator("#id_bank_1").select_option(label="Vietcombank — Ngân hàng TMCP Ngoại thương Việt Nam")
    page.get_by_label("Tài khoản 1: số tài khoản").fill("1023456789")
    page.get_by_label("Tài khoản 1: tên chủ tài khoản").fill("Tran Thi Ba")
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360)"
        ".map(e => e.tagName + '#' + e.id + '.' + e.className)"
    )
    assert wide == [], "\n".join(wide)  # nothing wider than the phone
    page.get_by_role("button", name="Gửi để xác nhận").click()
    page.wait_for_selector("text=Đã gửi đăng ký")
    shop = Shop.objects.get()
    assert shop.status == "submitted" and shop.working.photos.count() == 1

    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    sign_in(desk, shop_setting["officer"])
    office = desk.new_page()
    office.goto(live_server.url + "/admin/shops/shop/")
    office.get_by_role("link", name=shop.code).click()
    office.wait_for_function("() => [...document.querySelectorAll('.photos img')].every(i => i.naturalWidth > 0)")
    office.get_by_text("Xác nhận", exact=True).first.click()
    office.locator("#action-xac-nhan").get_by_role("button", name="Xác nhận").click()
    office.wait_for_selector("text=Đã thực hiện: Xác nhận.")
    desk.close()
    shop.refresh_from_db()
    assert shop.status == "approved" and shop.certificate_number
    assert (float(shop.latitude), float(shop.longitude)) == (11.3102, 106.0991)

    page.goto(live_server.url + "/cua-hang/")
    page.get_by_role("button", name="Cửa hàng gần tôi").click()
    page.wait_for_selector("text=Đang xếp theo khoảng cách")
    assert "cách 0 m" in page.content() or "cách 10 m" in page.content()
    page.goto(live_server.url + "/cua-hang/?q=tap+hoa+co+ba")
    page.get_by_role("button", name="Xem trên bản đồ").click()  # the map only when asked
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 1
    page.get_by_role("link", name="Tạp hóa Cô Ba").click()
    page.get_by_role("link", name=f"Giấy chứng nhận Cửa hàng 4.0 số {shop.certificate_number}").click()
    page.wait_for_selector(".codes svg")
    assert shop.certificate_number in page.content()
    image = Image.open(io.BytesIO(page.locator(".codes svg").first.screenshot()))
    [payload] = [code.text for code in zxingcpp.read_barcodes(image)]
    code = parse(payload)
    assert (code.bank_bin, code.account, code.amount) == ("970436", "1023456789", None)


def test_the_shop_pages_have_no_accessibility_violations(phone, live_server, sign_in, shop_setting, citizen):
    from payments.models import Bank
    from shops.models import BusinessType
    from shops.services import BankAccountData, ShopData, shop_approve, shop_photos_stash, shop_save, shop_submit
    from shops.tests.conftest import shop_photo as picture
    from tests.browser.test_accessibility import run_axe, violations_of

    data = ShopData(
        name="Cà phê Gió Núi",
        business_type=BusinessType.objects.get(slug="ca-phe"),
        address="18 đường 30 Tháng 4",
        ward=shop_setting["ward"],
        bank_accounts=[BankAccountData(Bank.objects.get(bin="970436"), "1023456789", "LE VAN CUONG")],
    )
    photos = shop_photos_stash(owner=citizen, photos=[picture()])
    shop = shop_submit(shop=shop_save(owner=citizen, data=data, kept_photos=photos, complete=True), owner=citizen)
    shop = shop_approve(shop=shop, officer=shop_setting["officer"])
    sign_in(phone, citizen)
    for path in [
        "/cua-hang/",
        f"/cua-hang/{shop.code}/",
        f"/cua-hang/{shop.code}/?so_tien=abc",
        f"/cua-hang/{shop.code}/chung-nhan/",
        "/cua-hang/so-lieu/",
        "/cua-hang/dang-ky/",
        "/cua-hang/cua-toi/",
        f"/cua-hang/cua-toi/{shop.public_id}/",
    ]:
        page = phone.new_page()
        page.goto(live_server.url + path)
        assert page.url == live_server.url + path
        assert violations_of(run_axe(page)) == [], path
        page.close()
