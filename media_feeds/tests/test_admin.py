"""The editors' back office, signed in as each person of the agency and as an editor of another agency."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from media_feeds.models import Article, Channel, NewsFeed
from media_feeds.tests.conftest import jpeg
from media_feeds.workflow import ArticleStatus

ROLES = ["editor", "other_editor", "officer", "head", "viewer", "dashboard", "citizen"]


@pytest.fixture
def people(agency, editor, other_editor, officer, citizen):
    return {
        "editor": editor,
        "other_editor": other_editor,
        "officer": officer,
        "head": OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD),
        "viewer": OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "dashboard": OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD),
        "citizen": citizen,
    }


def form(category, agency, **extra):
    return {
        "title": "Lịch cắt điện ngày 3/12", "summary": "Tạm ngừng cấp điện", "body": "<p onclick='x()'>Từ 7 giờ</p>",
        "cover_alt": "", "category": category.pk, "agency": agency.pk, "publish_at_0": "", "publish_at_1": "",
        "history-TOTAL_FORMS": "0", "history-INITIAL_FORMS": "0", **extra,
    }  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_articles_per_role(client, people, role, agency, category):
    article = Article.objects.create(title="Bản nháp của phường", slug="ban-nhap", category=category, agency=agency)
    client.force_login(people[role])
    listing = client.get("/admin/media_feeds/article/")
    page = client.get(f"/admin/media_feeds/article/{article.pk}/change/")
    publish = client.post(
        f"/admin/media_feeds/article/{article.pk}/change/", form(category, agency, **{"_dang-ngay": "1"})
    )
    article.refresh_from_db()
    if role == "editor":
        assert listing.status_code == 200 and "Bản nháp của phường" in listing.content.decode()
        html = page.content.decode()
        assert page.status_code == 200 and "Lưu và đăng ngay" in html and f"/tin-tuc/xem-truoc/{article.pk}/" in html
        assert publish.status_code == 302 and article.status == ArticleStatus.PUBLISHED
        assert article.body == "<p>Từ 7 giờ</p>"  # sanitised on the way in
        assert article.history.get().actor == people[role]
    else:
        assert article.status == ArticleStatus.DRAFT
        if role == "citizen":
            assert listing.status_code == 302 and page.status_code == 302
        elif role == "other_editor":
            assert listing.status_code == 200 and "Bản nháp của phường" not in listing.content.decode()
            assert page.status_code == 404 and publish.status_code == 404
        else:  # officers, heads and figure viewers do not write news
            assert listing.status_code == 403 and page.status_code == 404 and publish.status_code == 404


@pytest.mark.django_db
def test_an_editor_writes_schedules_and_cannot_publish_for_another_agency(
    client, editor, agency, other_agency, category
):
    client.force_login(editor)
    refused = client.post("/admin/media_feeds/article/add/", form(category, other_agency, **{"_dang-ngay": "1"}))
    assert refused.status_code == 200 and not Article.objects.exists()
    assert "agency" in refused.context["adminform"].form.errors

    wrong_file = SimpleUploadedFile("thong-bao.pdf", b"%PDF-1.4 not a picture", content_type="application/pdf")
    mistake = client.post(
        "/admin/media_feeds/article/add/", {**form(category, agency, **{"_hen-gio": "1"}), "cover_upload": wrong_file}
    )
    errors = mistake.context["adminform"].form.errors
    assert "không phải là ảnh" in errors["cover_upload"][0] and "Chọn ngày giờ đăng" in errors["publish_at"][0]
    assert not Article.objects.exists()

    picture = SimpleUploadedFile("anh.jpg", jpeg(), content_type="image/jpeg")
    made = client.post(
        "/admin/media_feeds/article/add/",
        {**form(category, agency, **{"_hen-gio": "1"}), "cover_upload": picture,
         "publish_at_0": "01/12/2099", "publish_at_1": "07:00:00"},
    )  # fmt: skip
    assert made.status_code == 302, made.context["adminform"].form.errors if made.context else made
    article = Article.objects.get()
    assert article.status == ArticleStatus.SCHEDULED and article.published_at.year == 2099
    assert article.cover is not None and article.created_by == editor and article.slug == "lich-cat-dien-ngay-312"


@pytest.mark.django_db
def test_channels_schedule_import_and_feed_errors_per_editor(client, editor, other_editor, agency, category):
    channel = Channel.objects.create(name="TN1", slug="tn1", kind="tv", agency=agency, stream_url="https://x/a.m3u8")
    feed = NewsFeed.objects.create(
        name="Cổng tỉnh", url="https://tayninh.gov.vn/rss", agency=agency, category=category,
        last_error="https://tayninh.gov.vn/rss trả lời mã lỗi HTTP 500", consecutive_failures=2,
    )  # fmt: skip
    csv = "bắt đầu,tên chương trình\n30/11/2026 06:00,Thời sự sáng\n".encode()
    client.force_login(other_editor)
    assert client.get(f"/admin/media_feeds/channel/{channel.pk}/nhap-lich/").status_code == 404
    assert "Cổng tỉnh" not in client.get("/admin/media_feeds/newsfeed/").content.decode()
    client.force_login(editor)
    wrong = client.post(
        f"/admin/media_feeds/channel/{channel.pk}/nhap-lich/",
        {"schedule": SimpleUploadedFile("lich.csv", b"gio,ten\n1,2\n")},
    )
    assert "Dòng 1 phải là tiêu đề cột" in wrong.content.decode() and not channel.programmes.exists()
    done = client.post(
        f"/admin/media_feeds/channel/{channel.pk}/nhap-lich/", {"schedule": SimpleUploadedFile("lich.csv", csv)}
    )
    assert done.status_code == 302 and channel.programmes.get().title == "Thời sự sáng"
    feeds = client.get("/admin/media_feeds/newsfeed/").content.decode()
    assert "Lỗi (2 lần)" in feeds and "HTTP 500" in feeds
    assert client.get(f"/admin/media_feeds/newsfeed/{feed.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_an_editor_sees_no_citizens_files_anywhere_in_the_back_office(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    for queue in (
        "/admin/dossiers/dossier/", "/admin/reports/report/", "/admin/qa/question/", "/admin/shops/shop/",
        "/admin/payments/invoice/", "/admin/identity/user/", "/admin/notifications/notification/",
    ):  # fmt: skip
        assert client.get(queue).status_code == 403, queue
    assert client.get("/api/v1/officer/dossiers/").json()["results"] == []


@pytest.mark.django_db
def test_the_editors_desk_shows_news_work_and_no_case_figures(client, editor, officer, agency, category, remote):
    Article.objects.create(title="Nháp 1", slug="nhap-1", category=category, agency=agency)
    NewsFeed.objects.create(name="Hỏng", url=remote.url("/x"), agency=agency, category=category, last_error="HTTP 500")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Tin tức, truyền hình" in html and "/admin/media_feeds/article/?status__exact=draft" in html
    assert "Hồ sơ trực tuyến" not in html and "Phản ánh hiện trường" not in html  # not even as figures
    client.force_login(officer)
    assert "Tin tức, truyền hình" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_marking_a_published_article_important_sends_it_once(
    client, editor, agency, category, citizen, django_capture_on_commit_callbacks
):
    from media_feeds.models import AnnouncementSubscription
    from media_feeds.services import article_publish
    from notifications.models import InboxMessage

    AnnouncementSubscription.objects.create(user=citizen, ward=None)
    article = Article.objects.create(title="Cắt nước", slug="cat-nuoc", category=category, agency=agency)
    article = article_publish(article=article, actor=editor)
    client.force_login(editor)
    for _ in range(2):  # saved twice: one message
        with django_capture_on_commit_callbacks(execute=True):
            saved = client.post(
                f"/admin/media_feeds/article/{article.pk}/change/",
                form(category, agency, important="on", _continue="1"),
            )
        assert saved.status_code == 302
    assert list(InboxMessage.objects.filter(event="news_announcement").values_list("recipient", flat=True)) == [
        citizen.pk
    ]


@pytest.mark.django_db
def test_the_feed_and_channel_lists_cost_the_same_queries_for_one_row_or_many(client, editor, agency, category):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(path):
        client.get(path)  # the first request fills per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    client.force_login(editor)
    counts = []
    for more in (1, 5):
        for i in range(more):
            slug = f"k{len(counts)}{i}"
            Channel.objects.create(name=slug, slug=slug, kind="tv", agency=agency, stream_url="https://x/a")
            NewsFeed.objects.create(name=slug, url=f"https://x/{slug}", agency=agency, category=category)
        counts.append((queries("/admin/media_feeds/channel/"), queries("/admin/media_feeds/newsfeed/")))
    assert counts[0] == counts[1]  # no query per row
