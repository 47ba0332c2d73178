"""The shops back office signed in as each role of the verifying agency, an officer of another agency and a
citizen: the queue, the workspace (what was declared, the change, duplicates), and every decision."""

import pytest

from agencies.models import OfficerRole
from agencies.tests.factories import CitizenFactory, OfficerFactory
from shops.models import Shop
from shops.services import shop_changes_submit, shop_save
from shops.workflow import ChangeStatus, ShopStatus

ROLES = ["officer", "head", "viewer", "dashboard", "other_officer", "citizen"]
WORKERS = {"officer", "head"}


@pytest.fixture
def people(agency, other_agency, citizen):
    return {
        "officer": OfficerFactory(agency=agency),
        "head": OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD),
        "viewer": OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "dashboard": OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD),
        "other_officer": OfficerFactory(agency=other_agency),
        "citizen": citizen,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_queue_and_workspace_per_role(client, people, make_shop, role):
    owner = CitizenFactory(phone="+84912777888")
    shop = make_shop(owner, registration_number="45A8012345")
    photo = shop.working.photos.get()
    client.force_login(people[role])
    queue = client.get("/admin/shops/shop/")
    workspace = client.get(f"/admin/shops/shop/{shop.pk}/change/")
    image = client.get(f"/cua-hang/anh/{photo.public_id}/")
    if role in WORKERS:
        assert queue.status_code == workspace.status_code == image.status_code == 200
        assert shop.code in queue.content.decode()
        html = workspace.content.decode()
        assert "45A8012345" in html and "0912 777 888" in html and "1023456789" in html
        assert "Xác nhận" in html and "Trả lại để sửa" in html and "Không xác nhận" in html
        assert f"/cua-hang/anh/{photo.public_id}/" in html
        home = client.get("/admin/").content.decode()
        assert "Cửa hàng 4.0" in home and "đăng ký mới chờ xác nhận" in home
    else:
        assert queue.status_code in (302, 403) or shop.code not in queue.content.decode()
        assert workspace.status_code in (302, 403, 404)
        assert image.status_code == 404
        assert client.post(f"/admin/shops/shop/{shop.pk}/xu-ly/xac-nhan/", {}).status_code in (302, 403, 404)
        shop.refresh_from_db()
        assert shop.status == ShopStatus.SUBMITTED
    if role in {"viewer", "dashboard"}:
        home = client.get("/admin/").content.decode()
        assert "Cửa hàng 4.0 (số liệu)" in home and shop.code not in home


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head"])
def test_each_decision_from_the_workspace(client, people, make_shop, role):
    actor = people[role]
    client.force_login(actor)
    returned = make_shop(CitizenFactory())
    response = client.post(
        f"/admin/shops/shop/{returned.pk}/xu-ly/can-sua/",
        {"can-sua-common": ["Loại hình kinh doanh chưa đúng"], "can-sua-others": "Ghi số nhà\nẢnh quầy hàng"},
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == ShopStatus.NEEDS_CHANGES
    assert returned.fix_items == ["Loại hình kinh doanh chưa đúng", "Ghi số nhà", "Ảnh quầy hàng"]
    empty = client.post(f"/admin/shops/shop/{make_shop(CitizenFactory(), name='B').pk}/xu-ly/can-sua/", {})
    assert empty.status_code == 400 and "ít nhất một điểm cần sửa" in empty.content.decode()

    approved = make_shop(CitizenFactory(), name="Cà phê Gió Núi")
    client.post(f"/admin/shops/shop/{approved.pk}/xu-ly/xac-nhan/", {"xac-nhan-note": "Đã gọi xác minh"})
    approved.refresh_from_db()
    assert approved.status == ShopStatus.APPROVED and approved.certificate_number
    no_reason = client.post(f"/admin/shops/shop/{approved.pk}/xu-ly/tam-ngung/", {"tam-ngung-reason": ""})
    assert no_reason.status_code == 400
    client.post(f"/admin/shops/shop/{approved.pk}/xu-ly/tam-ngung/", {"tam-ngung-reason": "Khách phản ánh"})
    approved.refresh_from_db()
    assert approved.status == ShopStatus.SUSPENDED
    client.post(f"/admin/shops/shop/{approved.pk}/xu-ly/hoat-dong-lai/", {})
    approved.refresh_from_db()
    assert approved.status == ShopStatus.APPROVED
    again = client.post(f"/admin/shops/shop/{approved.pk}/xu-ly/hoat-dong-lai/", {}, follow=True)
    assert "không thể “Cho hoạt động lại”" in again.content.decode()

    rejected = make_shop(CitizenFactory(), name="Quán C")
    client.post(f"/admin/shops/shop/{rejected.pk}/xu-ly/khong-xac-nhan/", {"khong-xac-nhan-reason": "Trùng CH-1"})
    rejected.refresh_from_db()
    assert rejected.status == ShopStatus.REJECTED and rejected.status_reason == "Trùng CH-1"


@pytest.mark.django_db
def test_a_change_shows_what_differs_and_is_approved_from_the_same_buttons(client, people, make_shop, make_data):
    owner = CitizenFactory()
    shop = make_shop(owner, approve_by=people["officer"])
    shop = shop_save(
        owner=owner,
        shop=shop,
        data=make_data(opening_hours="Cả ngày, cả tuần"),
        kept_photos=list(shop.live.photos.all()),
    )
    shop_changes_submit(shop=shop, owner=owner)
    client.force_login(people["head"])
    assert shop.code in client.get("/admin/shops/shop/?hang=thay-doi").content.decode()
    html = client.get(f"/admin/shops/shop/{shop.pk}/change/").content.decode()
    assert 'class="changed"' in html and "Cả ngày, cả tuần" in html and "Trước đây: 6 giờ – 21 giờ" in html
    client.post(f"/admin/shops/shop/{shop.pk}/xu-ly/xac-nhan/", {})
    shop.refresh_from_db()
    assert shop.change_status == ChangeStatus.NONE and shop.live.opening_hours == "Cả ngày, cả tuần"


@pytest.mark.django_db
def test_the_workspace_names_possible_duplicates(client, people, make_shop):
    make_shop(CitizenFactory(), approve_by=people["officer"])
    lookalike = make_shop(CitizenFactory(), name="Tạp Hoá Cô Ba", address="45 Trưng Nữ Vương khu phố 2")
    client.force_login(people["officer"])
    html = client.get(f"/admin/shops/shop/{lookalike.pk}/change/").content.decode()
    assert "tên và địa chỉ gần giống" in html


@pytest.mark.django_db
def test_a_draft_is_never_in_the_back_office(client, people, make_shop):
    draft = make_shop(CitizenFactory(), send=False)
    client.force_login(people["head"])
    assert client.get(f"/admin/shops/shop/{draft.pk}/change/").status_code == 404
    assert Shop.objects.for_user(people["head"]).count() == 0


@pytest.mark.django_db
def test_the_queue_costs_a_fixed_number_of_queries(client, people, make_shop, django_assert_max_num_queries):
    for index in range(15):
        make_shop(CitizenFactory(), name=f"Cửa hàng {index}", approve_by=people["officer"] if index % 2 else None)
    client.force_login(people["officer"])
    client.get("/admin/shops/shop/")  # warm the session and permission caches
    with django_assert_max_num_queries(14):
        page = client.get("/admin/shops/shop/")
    assert page.content.decode().count('class="field-shop_name"') == 15
