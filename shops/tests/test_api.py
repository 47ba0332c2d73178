"""The shop directory API the mini app reads: same filters and scoping as the pages, structured errors."""

import pytest

from agencies.tests.factories import CitizenFactory
from payments import vietqr
from shops.services import shop_suspend


@pytest.mark.django_db
def test_the_directory_api_lists_listed_shops_with_the_pages_filters(
    client, make_shop, citizen, other_citizen, officer
):
    listed = make_shop(citizen, approve_by=officer, latitude=11.31, longitude=106.098)
    make_shop(other_citizen, name="Chưa duyệt")
    body = client.get("/api/v1/shops/", {"q": "tap hoa co ba"}).json()
    assert [shop["code"] for shop in body["results"]] == [listed.code]
    shop = body["results"][0]
    assert shop["name"] == "Tạp hóa Cô Ba" and shop["bank_accounts"][0]["account_number"] == "1023456789"
    assert shop["phone"] == "" and "owner_phone" not in shop
    near = client.get("/api/v1/shops/", {"vi_do": "11.3101", "kinh_do": "106.098"}).json()
    assert near["results"][0]["distance_m"] == 11
    wrong = client.get("/api/v1/shops/", {"ward": "999999"})
    assert wrong.status_code == 400 and wrong.json()["code"] == "filter_invalid"


@pytest.mark.django_db
def test_one_shop_and_its_payment_codes(client, make_shop, citizen, officer):
    shop = make_shop(citizen, approve_by=officer)
    assert client.get(f"/api/v1/shops/{shop.code}/").json()["certificate_number"] == shop.certificate_number
    [static] = client.get(f"/api/v1/shops/{shop.code}/payment-codes/").json()
    assert vietqr.parse(static["payload"]) == vietqr.VietQR("970436", "1023456789")
    [dynamic] = client.get(f"/api/v1/shops/{shop.code}/payment-codes/", {"amount": "125000"}).json()
    assert vietqr.parse(dynamic["payload"]).amount == 125000 and dynamic["amount"] == 125000
    refused = client.get(f"/api/v1/shops/{shop.code}/payment-codes/", {"amount": "-5"})
    assert refused.status_code == 400 and refused.json()["code"] == "amount_invalid"
    shop_suspend(shop=shop, officer=officer, reason="Tạm ngừng")
    assert client.get(f"/api/v1/shops/{shop.code}/").status_code == 404
    assert client.get(f"/api/v1/shops/{shop.code}/payment-codes/").status_code == 404


@pytest.mark.django_db
def test_waiting_shops_are_not_in_the_api_and_the_figures_are(client, make_shop, officer):
    waiting = make_shop(CitizenFactory())
    make_shop(CitizenFactory(), name="Cà phê", approve_by=officer)
    assert client.get(f"/api/v1/shops/{waiting.code}/").status_code == 404
    [row] = client.get("/api/v1/shops/figures/").json()
    assert (row["shops"], row["bank"]) == (1, 1)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/shops/{code}/payment-codes/" in schema and "/api/v1/shops/figures/" in schema
