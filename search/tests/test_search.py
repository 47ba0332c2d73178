"""The portal search on the real database (SQLite locally, PostgreSQL in CI: both paths are exercised)."""

import pytest
from django.db import transaction

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from dossiers.models import Procedure
from dossiers.tests.conftest import catalogue  # noqa: F401  (the demo catalogue, imported as the demo does)
from search.evaluation import TARGET_HIT_AT_1, TARGET_HIT_AT_5, evaluate, load_cases
from search.models import SearchDocument, Synonym
from search.selectors import search, search_source


def titles(query, source="thu-tuc"):
    return [hit.title for hit in search_source(source, query, limit=5)]


@pytest.mark.django_db
def test_the_evaluation_set_meets_its_targets_on_the_demo():
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())  # the corpus the set was written for: catalogue and Q&A
    cases = load_cases()
    assert len(cases) >= 80 and {case["source"] for case in cases} == {"thu-tuc", "hoi-dap"}
    result = evaluate(cases)
    misses = "\n".join(f"{q!r}: wanted {want!r}, got {got}" for q, want, got in result.misses)
    assert result.hit_at_1 >= TARGET_HIT_AT_1, misses
    assert result.hit_at_5 >= TARGET_HIT_AT_5, misses


@pytest.mark.django_db
def test_what_the_issue_found_missing_is_found(catalogue):  # noqa: F811
    assert titles("dang ki ket hon")[0] == "Đăng ký kết hôn"
    assert titles("đăng kí khai sinh")[0] == "Đăng ký khai sinh"
    assert titles("giay khai sinh")[0] == "Đăng ký khai sinh"
    assert titles("khai sinh cho con")[0] == "Đăng ký khai sinh"
    assert titles("sao y")[0] == "Chứng thực bản sao từ bản chính"
    assert {"Đăng ký thường trú", "Đăng ký tạm trú"} <= set(titles("ho khau"))
    assert {"Đăng ký thường trú", "Đăng ký tạm trú", "Xác nhận thông tin về cư trú"} <= set(titles("cu tru"))
    assert titles("xyzzy qwerty") == []


@pytest.mark.django_db
def test_synonyms_are_data_and_a_change_is_used_at_once(catalogue):  # noqa: F811
    assert titles("sao y")[0] == "Chứng thực bản sao từ bản chính"  # the starting set shipped by a migration
    assert titles("mau cv01") == []
    Synonym.objects.create(term="mẫu CV01", replacement="lý lịch tư pháp")
    assert titles("mau cv01")[0] == "Cấp phiếu lý lịch tư pháp"
    rule = Synonym.objects.get(term_norm="mau cv01")
    rule.is_active = False
    rule.save()
    assert titles("mau cv01") == []


@pytest.mark.django_db
def test_the_index_follows_the_catalogue_in_the_same_transaction(catalogue):  # noqa: F811
    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    with pytest.raises(RuntimeError), transaction.atomic():
        birth.name = "Đăng ký khai sinh cho trẻ em"
        birth.save()
        assert titles("tre em")[0] == "Đăng ký khai sinh cho trẻ em"
        raise RuntimeError("rolled back")
    assert titles("tre em") == []
    birth.refresh_from_db()
    birth.is_active = False
    birth.save()
    assert "Đăng ký khai sinh" not in titles("khai sinh")
    assert not SearchDocument.objects.filter(source="thu-tuc", key=str(birth.pk)).exists()
    document = birth.cases.first().documents.first()
    birth.is_active = True
    birth.save()
    document.name = "Giấy xác nhận của bệnh viện Đa khoa"
    document.save()
    assert titles("benh vien da khoa")[0] == "Đăng ký khai sinh"  # a paper's new name, found through its procedure


@pytest.mark.django_db
def test_the_results_page_groups_and_never_dead_ends(client, catalogue):  # noqa: F811
    page = client.get("/tim-kiem/", {"q": "dang ky khai sinh"}).content.decode()
    assert "<h2>Thủ tục hành chính</h2>" in page
    assert page.index("Đăng ký khai sinh") < page.index("Đăng ký khai tử")
    nothing = client.get("/tim-kiem/", {"q": "qqq zzz"}).content.decode()
    assert "Không tìm thấy kết quả cho “qqq zzz”" in nothing
    assert "Hãy thử từ ngắn hơn" in nothing
    empty = client.get("/tim-kiem/").content.decode()
    assert "Không tìm thấy" not in empty and 'name="q"' in empty
    long_query = client.get("/tim-kiem/", {"q": "khai sinh " * 200})
    assert long_query.status_code == 200


@pytest.mark.django_db
def test_a_search_that_finds_nothing_suggests_close_titles(catalogue):  # noqa: F811
    found = search("dangkiKethon")
    assert found.empty
    assert "Đăng ký kết hôn" in found.suggestions


@pytest.mark.django_db
def test_the_api_answers_in_groups_and_refuses_bad_input_in_the_error_format(client, catalogue):  # noqa: F811
    body = client.get("/api/v1/search/", {"q": "ly lich tu phap"}).json()
    assert body["groups"][0]["source"] == "thu-tuc"
    assert body["groups"][0]["results"][0]["title"] == "Cấp phiếu lý lịch tư pháp"
    assert body["groups"][0]["results"][0]["url"].startswith("/ho-so/thu-tuc/")
    missing = client.get("/api/v1/search/")
    assert (
        missing.status_code == 400 and missing.json()["code"] == "validation_error" and "q" in missing.json()["errors"]
    )
    wrong = client.get("/api/v1/search/", {"q": "a", "source": "khong-co"})
    assert wrong.status_code == 400 and "source" in wrong.json()["errors"]
    assert client.get("/api/v1/search/", {"q": "a", "limit": "0"}).status_code == 400


@pytest.mark.django_db
def test_heads_keep_the_synonyms_officers_only_read_them(client, agency, other_agency):
    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    client.force_login(head)
    added = client.post(
        "/admin/search/synonym/add/", {"term": "mở tiệm", "replacement": "hộ kinh doanh", "is_active": "on"}
    )
    assert added.status_code == 302
    assert Synonym.objects.filter(term_norm="mo tiem", replacement_norm="ho kinh doanh").exists()
    again = client.post(
        "/admin/search/synonym/add/", {"term": "MO TIEM", "replacement": "ho kinh doanh", "is_active": "on"}
    )
    assert again.status_code == 200 and "Đã có cặp" in again.content.decode()
    assert Synonym.objects.filter(term_norm="mo tiem").count() == 1
    for role in (OfficerRole.OFFICER,):
        client.force_login(OfficerFactory(agency=other_agency, agency__role=role))
        assert client.get("/admin/search/synonym/").status_code == 200
        refused = client.post("/admin/search/synonym/add/", {"term": "x", "replacement": "y", "is_active": "on"})
        assert refused.status_code == 403
    for role in (OfficerRole.VIEWER, OfficerRole.DASHBOARD):
        client.force_login(OfficerFactory(agency=agency, agency__role=role))
        assert client.get("/admin/search/synonym/").status_code == 403


@pytest.mark.django_db
def test_reindex_rebuilds_and_drops_what_is_gone(catalogue):  # noqa: F811
    from django.core.management import CommandError, call_command

    SearchDocument.objects.filter(source="thu-tuc").update(title="cũ", title_norm="cu")
    SearchDocument.objects.create(source="thu-tuc", key="999999", title="Không còn", title_norm="khong con", url="/")
    call_command("reindex_search", "thu-tuc")
    assert SearchDocument.objects.filter(source="thu-tuc").count() == Procedure.objects.published().count()
    assert titles("khai sinh")[0] == "Đăng ký khai sinh"
    with pytest.raises(CommandError, match="Không có nguồn"):
        call_command("reindex_search", "khong-co")
