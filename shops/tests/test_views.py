"""The 4.0 shop pages as citizens use them (test client, JavaScript off): registering without losing anything on a
mistake, the owner's status page, the public directory and shop page, the VietQR codes and the certificate; and
what the public never sees (the owner's own phone, drafts, other people's pages)."""

import io
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from agencies.tests.factories import AgencyFactory, CitizenFactory, WardFactory
from payments import vietqr
from shops.models import BusinessType, Shop, ShopPhoto
from shops.services import shop_changes_submit, shop_save, shop_suspend
from shops.tests.conftest import shop_photo
from shops.workflow import ShopStatus

S = ShopStatus


def kept_ids(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="anh" value="([^"]+)">', html)


def form_data(agency, catalogue, **overrides) -> dict:
    data = {
        "name": "Tạp hóa Cô Ba",
        "business_type": BusinessType.objects.get(slug="tap-hoa").pk,
        "address": "45 Trưng Nữ Vương, khu phố 2",
        "ward": agency.ward.pk,
        "opening_hours": "6 giờ – 21 giờ",
        "bank_1": catalogue["vcb"].pk,
        "account_number_1": "1023 456 789",
        "account_name_1": "Trần  Thị Ba",
        "action": "gui",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_registering_with_a_photo_and_a_bank_account_sends_it_to_the_ward(client, catalogue, agency, citizen):
    client.force_login(citizen)
    assert client.get("/cua-hang/dang-ky/").status_code == 200
    response = client.post("/cua-hang/dang-ky/", {**form_data(agency, catalogue), "photos": [shop_photo()]})
    shop = Shop.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cua-hang/cua-toi/{shop.public_id}/"
    assert shop.status == S.SUBMITTED and shop.agency == agency and shop.owner == citizen
    account = shop.working.bank_accounts.get()
    assert (account.account_number, account.account_name) == ("1023456789", "TRAN THI BA")
    page = client.get(response["Location"]).content.decode()
    assert "Chờ xác nhận" in page and agency.name in page


@pytest.mark.django_db
def test_a_mistake_keeps_what_was_typed_and_the_photo_and_names_every_problem(client, catalogue, agency, citizen):
    client.force_login(citizen)
    data = form_data(agency, catalogue, ward="", account_name_1="", website="khong phai dia chi")
    page = client.post("/cua-hang/dang-ky/", {**data, "photos": [shop_photo()]})
    assert page.status_code == 400
    html = page.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_ward"' in summary and 'href="#id_bank_1"' in summary and 'href="#id_website"' in summary
    assert "còn thiếu: tên chủ tài khoản" in summary
    assert 'value="Tạp hóa Cô Ba"' in html and 'value="1023 456 789"' in html
    [kept] = kept_ids(html)
    assert not Shop.objects.exists() and ShopPhoto.objects.get(public_id=kept).version is None
    fixed = {**form_data(agency, catalogue), "anh": [kept]}
    assert client.post("/cua-hang/dang-ky/", fixed).status_code == 302
    assert Shop.objects.get().working.photos.get().public_id.hex == kept.replace("-", "")


@pytest.mark.django_db
def test_sending_without_a_photo_says_so_and_saving_for_later_does_not_need_one(client, catalogue, agency, citizen):
    client.force_login(citizen)
    page = client.post("/cua-hang/dang-ky/", form_data(agency, catalogue))
    assert page.status_code == 400 and "Cần ít nhất một ảnh cửa hàng" in page.content.decode()
    assert not Shop.objects.exists()
    saved = client.post("/cua-hang/dang-ky/", form_data(agency, catalogue, action="luu"))
    assert saved.status_code == 302 and Shop.objects.get().status == S.DRAFT


@pytest.mark.django_db
def test_a_photo_upload_alone_shows_the_form_back_without_judging_it(client, catalogue, agency, citizen):
    client.force_login(citizen)
    page = client.post("/cua-hang/dang-ky/", {"name": "Cà phê", "action": "giu-anh", "photos": [shop_photo()]})
    html = page.content.decode()
    assert page.status_code == 200 and 'value="Cà phê"' in html and "error-summary" not in html
    assert len(kept_ids(html)) == 1
    wrong = client.post(
        "/cua-hang/dang-ky/",
        {"action": "giu-anh", "anh": kept_ids(html), "photos": [shop_photo().__class__("a.txt", b"hello")]},
    )
    assert wrong.status_code == 400 and "không phải là ảnh" in wrong.content.decode()
    assert len(kept_ids(wrong.content.decode())) == 1


@pytest.mark.django_db
def test_tapping_send_twice_makes_one_shop(client, catalogue, agency, citizen):
    client.force_login(citizen)
    first = client.post("/cua-hang/dang-ky/", {**form_data(agency, catalogue, action="luu"), "photos": [shop_photo()]})
    shop = Shop.objects.get()
    again = client.post(f"/cua-hang/cua-toi/{shop.public_id}/gui/", {"action": "gui"})
    twice = client.post(f"/cua-hang/cua-toi/{shop.public_id}/gui/", {"action": "gui"}, follow=True)
    assert first.status_code == again.status_code == 302
    assert Shop.objects.count() == 1 and shop.history.filter(action="submitted").count() == 1
    assert "Đã gửi rồi" in twice.content.decode()


@pytest.mark.django_db
def test_the_owners_pages_are_theirs_alone(client, make_shop, citizen, other_citizen):
    shop = make_shop(citizen, send=False)
    client.force_login(other_citizen)
    for url in (f"/cua-hang/cua-toi/{shop.public_id}/", f"/cua-hang/cua-toi/{shop.public_id}/sua/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/cua-hang/cua-toi/{shop.public_id}/gui/", {"action": "bo-nhap"}).status_code == 404
    photo = shop.working.photos.get()
    assert client.get(f"/cua-hang/anh/{photo.public_id}/").status_code == 404
    assert Shop.objects.filter(pk=shop.pk).exists()
    client.logout()
    assert client.get("/cua-hang/dang-ky/").status_code == 302


@pytest.mark.django_db
def test_editing_a_listed_shop_keeps_the_public_page_until_approved(
    client, make_shop, catalogue, agency, citizen, officer
):
    shop = make_shop(citizen, approve_by=officer)
    client.force_login(citizen)
    form = client.get(f"/cua-hang/cua-toi/{shop.public_id}/sua/").content.decode()
    kept = kept_ids(form)
    assert len(kept) == 1 and 'value="Tạp hóa Cô Ba"' in form
    response = client.post(
        f"/cua-hang/cua-toi/{shop.public_id}/sua/",
        {**form_data(agency, catalogue, name="Siêu thị mini Cô Ba"), "anh": kept},
    )
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.change_status == "submitted" and shop.live.name == "Tạp hóa Cô Ba"
    public = client.get(f"/cua-hang/{shop.code}/").content.decode()
    assert "Tạp hóa Cô Ba" in public and "Siêu thị mini" not in public
    assert shop.live.photos.get().image.name == shop.working.photos.get().image.name


@pytest.mark.django_db
def test_the_owners_own_phone_is_never_public_unless_typed_on_purpose(client, make_shop, citizen, officer):
    citizen.phone = "+84912000333"
    citizen.save()
    shop = make_shop(citizen, approve_by=officer, zalopay="")
    assert shop.live.owner_phone == "+84912000333"
    public_pages = [
        f"/cua-hang/{shop.code}/",
        f"/cua-hang/{shop.code}/chung-nhan/",
        "/cua-hang/",
        "/cua-hang/?q=tap+hoa",
        "/cua-hang/ban-do.json",
        f"/api/v1/shops/{shop.code}/",
        "/api/v1/shops/",
        "/tim-kiem/?q=tap+hoa",
    ]
    for url in public_pages:
        text = client.get(url).content.decode()
        assert "912000333" not in text and "912 000 333" not in text, url
    pdf = PdfReader(io.BytesIO(client.get(f"/cua-hang/{shop.code}/chung-nhan.pdf").content))
    assert "912 000 333" not in "".join(page.extract_text() for page in pdf.pages)
    published = make_shop(CitizenFactory(), name="Cà phê Gió Núi", public_phone="0912 000 444", approve_by=officer)
    assert "0912 000 444" in client.get(f"/cua-hang/{published.code}/").content.decode()


@pytest.mark.django_db
def test_the_directory_finds_shops_without_diacritics_and_filters(
    client, make_shop, citizen, other_citizen, officer, agency
):
    make_shop(citizen, approve_by=officer)
    make_shop(
        other_citizen,
        name="Cà phê Gió Núi",
        business_type=BusinessType.objects.get(slug="ca-phe"),
        card_terminal=True,
        approve_by=officer,
    )
    make_shop(CitizenFactory(), name="Tạp hóa Chưa Duyệt")  # waiting: not listed
    page = client.get("/cua-hang/", {"q": "tap hoa co ba"}).content.decode()
    assert "Tạp hóa Cô Ba" in page and "Gió Núi" not in page and "Chưa Duyệt" not in page
    assert "Cà phê Gió Núi" in client.get("/cua-hang/", {"q": "ca phe gio nui"}).content.decode()
    by_type = client.get("/cua-hang/", {"loai": "ca-phe"}).content.decode()
    assert "Gió Núi" in by_type and "Cô Ba" not in by_type
    by_card = client.get("/cua-hang/", {"thanh_toan": "the"}).content.decode()
    assert "Gió Núi" in by_card and "Cô Ba" not in by_card
    other_ward = client.get("/cua-hang/", {"ward": WardFactory().code}).content.decode()
    assert "Chưa có cửa hàng nào phù hợp" in other_ward
    assert "Cô Ba" in client.get("/cua-hang/", {"ward": agency.ward.code}).content.decode()


@pytest.mark.django_db
def test_nearest_first_when_the_visitor_shares_where_they_are(client, make_shop, citizen, other_citizen, officer):
    make_shop(citizen, name="Quán Xa", latitude=11.40, longitude=106.10, approve_by=officer)
    make_shop(other_citizen, name="Quán Gần", latitude=11.3101, longitude=106.0981, approve_by=officer)
    make_shop(CitizenFactory(), name="Quán Không Ghim", approve_by=officer)
    page = client.get("/cua-hang/", {"vi_do": "11.31", "kinh_do": "106.098"}).content.decode()
    assert page.index("Quán Gần") < page.index("Quán Xa") < page.index("Quán Không Ghim")
    assert "cách 20 m" in page and "cách 10,0 km" in page
    by_name = client.get("/cua-hang/").content.decode()
    assert by_name.index("Quán Gần") < by_name.index("Quán Không Ghim") < by_name.index("Quán Xa")


@pytest.mark.django_db
def test_the_directory_page_costs_a_fixed_number_of_queries(client, make_shop, officer, django_assert_max_num_queries):
    for index in range(12):
        make_shop(CitizenFactory(), name=f"Cửa hàng số {index}", approve_by=officer)
    with django_assert_max_num_queries(8):
        page = client.get("/cua-hang/")
    assert page.content.decode().count('class="report-card"') == 12


def decode_svgs(html: str) -> list[str]:
    """Every inline QR on the page, painted to pixels from its SVG and read back by a real decoder (zxing-cpp)."""
    texts = []
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        texts += [code.text for code in zxingcpp.read_barcodes(_rasterise(svg))]
    return texts


def _rasterise(svg: str) -> Image.Image:
    """segno draws the dark modules as one stroked path of horizontal runs ("M x y.5 h n m dx dy …", module units,
    inside `scale(k)`); paint each run into a module grid, then enlarge it for the decoder."""
    scale = float(re.search(r'transform="scale\(([\d.]+)\)"', svg).group(1))
    size = round(float(re.search(r'width="([\d.]+)"', svg).group(1)) / scale)
    grid = Image.new("L", (size, size), 255)
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([^MmHh]*)", path):
        values = [float(v) for v in re.findall(r"-?[\d.]+", numbers)]
        if command in "Mm":
            x, y = (values[0], values[1]) if command == "M" else (x + values[0], y + values[1])
        else:
            end = values[0] if command == "H" else x + values[0]
            for column in range(round(min(x, end)), round(max(x, end))):
                grid.putpixel((column, int(y)), 0)
            x = end
    return grid.resize((size * 8, size * 8), Image.NEAREST)


@pytest.mark.django_db
def test_the_shop_page_shows_a_vietqr_code_per_account_and_one_with_the_amount_typed(
    client, make_shop, catalogue, citizen, officer
):
    from shops.services import BankAccountData

    accounts = [
        BankAccountData(catalogue["vcb"], "1023456789", "TRAN THI BA"),
        BankAccountData(catalogue["agribank"], "7300205123456", "TRAN THI BA"),
    ]
    shop = make_shop(citizen, bank_accounts=accounts, approve_by=officer)
    static = client.get(f"/cua-hang/{shop.code}/").content.decode()
    assert sorted(vietqr.parse(p).account for p in decode_svgs(static)) == ["1023456789", "7300205123456"]
    assert all(vietqr.parse(p).amount is None for p in decode_svgs(static))
    dynamic = client.get(f"/cua-hang/{shop.code}/", {"so_tien": "50.000"}).content.decode()
    codes = [vietqr.parse(p) for p in decode_svgs(dynamic)]
    assert {(c.bank_bin, c.account, c.amount) for c in codes} == {
        ("970436", "1023456789", 50000),
        (catalogue["agribank"].bin, "7300205123456", 50000),
    }
    assert "50.000" in dynamic
    wrong = client.get(f"/cua-hang/{shop.code}/", {"so_tien": "năm chục"})
    assert wrong.status_code == 400 and "Số tiền chỉ gồm chữ số" in wrong.content.decode()
    assert all(vietqr.parse(p).amount is None for p in decode_svgs(wrong.content.decode()))


@pytest.mark.django_db
def test_the_certificate_carries_the_number_the_agency_and_codes_that_decode_to_the_account(
    client, make_shop, citizen, officer, agency
):
    shop = make_shop(citizen, approve_by=officer)
    page = client.get(f"/cua-hang/{shop.code}/chung-nhan/").content.decode()
    assert shop.certificate_number in page and agency.name in page and "Tạp hóa Cô Ba" in page
    decoded = decode_svgs(page)
    assert f"http://testserver/cua-hang/{shop.code}/" in decoded
    [payload] = [text for text in decoded if text.startswith("000201")]
    assert (vietqr.parse(payload).bank_bin, vietqr.parse(payload).account) == ("970436", "1023456789")
    pdf = client.get(f"/cua-hang/{shop.code}/chung-nhan.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert shop.certificate_number in text and "CỬA HÀNG 4.0" in text and "1023456789" in text
    a6 = PdfReader(io.BytesIO(client.get(f"/cua-hang/{shop.code}/chung-nhan.pdf?kho=a6").content))
    assert round(float(a6.pages[0].mediabox.width) / 72 * 25.4) == 105


@pytest.mark.django_db
def test_with_a_mini_app_the_certificates_qr_opens_the_shop_in_zalo(client, make_shop, citizen, officer, settings):
    settings.ZALO_MINIAPP_ID = "3176154390286470437"
    shop = make_shop(citizen, approve_by=officer)
    decoded = decode_svgs(client.get(f"/cua-hang/{shop.code}/chung-nhan/").content.decode())
    assert f"https://zalo.me/s/3176154390286470437/cua-hang/{shop.code}/" in decoded


@pytest.mark.django_db
def test_a_suspended_shop_leaves_the_directory_and_its_page_shows_no_payment_code(client, make_shop, citizen, officer):
    shop = make_shop(citizen, approve_by=officer)
    shop_suspend(shop=shop, officer=officer, reason="Khách phản ánh không nhận chuyển khoản")
    assert "Tạp hóa Cô Ba" not in client.get("/cua-hang/").content.decode()
    page = client.get(f"/cua-hang/{shop.code}/").content.decode()
    assert "đang tạm ngừng" in page and "<svg" not in page
    certificate = client.get(f"/cua-hang/{shop.code}/chung-nhan/").content.decode()
    assert "ĐANG TẠM NGỪNG" in certificate and not [t for t in decode_svgs(certificate) if t.startswith("000201")]


@pytest.mark.django_db
def test_drafts_and_shops_under_first_review_have_no_public_page(client, make_shop, citizen, officer):
    waiting = make_shop(citizen)
    assert client.get(f"/cua-hang/{waiting.code}/").status_code == 404
    assert client.get(f"/cua-hang/{waiting.code}/chung-nhan/").status_code == 404
    photo = waiting.working.photos.get()
    assert client.get(f"/cua-hang/anh/{photo.public_id}/").status_code == 404
    client.force_login(officer)  # the verifying agency sees it to judge it
    assert client.get(f"/cua-hang/anh/{photo.public_id}/").status_code == 200


@pytest.mark.django_db
def test_the_figures_per_ward(client, make_shop, citizen, other_citizen, officer, agency):
    make_shop(citizen, approve_by=officer, card_terminal=True)
    make_shop(other_citizen, name="Cà phê", zalopay="0912 345 000", approve_by=officer)
    make_shop(CitizenFactory(), name="Chưa duyệt")
    other = AgencyFactory()
    from agencies.tests.factories import OfficerFactory

    make_shop(CitizenFactory(), name="Ở xã khác", ward=other.ward, approve_by=OfficerFactory(agency=other))
    from shops.selectors import figures_by_ward

    rows = {row.ward_code: row for row in figures_by_ward()}
    mine = rows[agency.ward.code]
    assert (mine.shops, mine.bank, mine.zalopay, mine.card, mine.momo) == (2, 2, 1, 1, 0)
    assert rows[other.ward.code].shops == 1
    page = client.get("/cua-hang/so-lieu/").content.decode()
    assert agency.ward.name in page and "<td>3</td>" in page  # province total


@pytest.mark.django_db
def test_a_change_in_review_is_shown_to_the_owner_as_such(client, make_shop, make_data, citizen, officer):
    shop = make_shop(citizen, approve_by=officer)
    shop = shop_save(
        owner=citizen, shop=shop, data=make_data(opening_hours="Cả ngày"), kept_photos=list(shop.live.photos.all())
    )
    shop_changes_submit(shop=shop, owner=citizen)
    client.force_login(citizen)
    page = client.get(f"/cua-hang/cua-toi/{shop.public_id}/").content.decode()
    assert "Thay đổi của bạn đang chờ xác nhận" in page and "Sửa thông tin" not in page
    assert client.get(f"/cua-hang/cua-toi/{shop.public_id}/sua/").status_code == 302


@pytest.mark.django_db
def test_listed_shops_are_in_the_portal_search_and_leave_it_when_suspended(client, make_shop, citizen, officer):
    shop = make_shop(citizen, approve_by=officer)
    found = client.get("/tim-kiem/", {"q": "tap hoa co ba"}).content.decode()
    assert "Cửa hàng 4.0" in found and f"/cua-hang/{shop.code}/" in found
    shop_suspend(shop=shop, officer=officer, reason="Tạm ngừng")
    assert f"/cua-hang/{shop.code}/" not in client.get("/tim-kiem/", {"q": "tap hoa co ba"}).content.decode()


@pytest.mark.django_db
def test_a_code_that_would_not_read_back_is_never_shown(client, make_shop, catalogue, citizen, officer):
    from payments.models import Bank
    from shops.services import BankAccountData

    broken = Bank.objects.create(bin="97043", short_name="Hỏng", name="Ngân hàng có mã BIN sai")
    accounts = [BankAccountData(catalogue["vcb"], "1023456789", "TRAN THI BA"), BankAccountData(broken, "123456", "X")]
    shop = make_shop(citizen, bank_accounts=accounts, approve_by=officer)
    html = client.get(f"/cua-hang/{shop.code}/").content.decode()
    assert [vietqr.parse(p).account for p in decode_svgs(html)] == ["1023456789"]


@pytest.mark.django_db
def test_my_data_lists_my_shops_as_i_declared_them(client, make_shop, citizen, officer):
    shop = make_shop(citizen, approve_by=officer, registration_number="45A8012345")
    client.force_login(citizen)
    exported = client.get("/du-lieu-cua-toi/", {"dinh-dang": "json"})
    text = exported.content.decode()
    assert exported.status_code == 200 and shop.code in text and "45A8012345" in text


@pytest.mark.django_db
def test_a_burst_of_registrations_is_slowed_but_mistakes_do_not_count(client, catalogue, agency, citizen, settings):
    settings.SHOPS = {**settings.SHOPS, "REGISTRATIONS_PER_HOUR_USER": 2}
    client.force_login(citizen)
    for _ in range(3):  # three mistakes first: nothing made, nothing counted
        assert client.post("/cua-hang/dang-ky/", form_data(agency, catalogue, public_phone="123")).status_code == 400
    for _ in range(2):
        assert client.post("/cua-hang/dang-ky/", form_data(agency, catalogue, action="luu")).status_code == 302
    third = client.post("/cua-hang/dang-ky/", form_data(agency, catalogue, action="luu"))
    assert third.status_code == 400 and "nhiều cửa hàng trong một giờ" in third.content.decode()
    assert Shop.objects.count() == 2


@pytest.mark.django_db
def test_the_directory_pages_through_every_listed_shop(client, make_shop, officer, settings):
    settings.SHOPS = {**settings.SHOPS, "DIRECTORY_PAGE_SIZE": 5}
    for index in range(7):
        make_shop(
            CitizenFactory(),
            name=f"Cửa hàng {index}",
            latitude=11.31,
            longitude=106.09 + index / 1000,
            approve_by=officer,
        )
    first = client.get("/cua-hang/").content.decode()
    second = client.get("/cua-hang/", {"trang": 2}).content.decode()
    assert first.count('class="report-card"') == 5 and "Cửa hàng 0" in first and "Trang 1/2" in first
    assert second.count('class="report-card"') == 2 and "Cửa hàng 6" in second
    pins = client.get("/cua-hang/ban-do.json").json()
    assert len(pins) == 7 and {pin["title"] for pin in pins} == {f"Cửa hàng {i}" for i in range(7)}
