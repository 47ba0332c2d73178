import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import Ward
from citizen_portal.api.exceptions import ApplicationError
from media_feeds.models import AnnouncementSubscription, Article, ArticleHistory, Channel, NewsFeed
from media_feeds.services import (
    article_archive,
    article_publish,
    article_unschedule,
    articles_publish_due,
    channel_check,
    feeds_import_due,
    schedule_import,
    unique_slug,
)
from media_feeds.tests.conftest import Route, jpeg
from media_feeds.workflow import ArticleStatus, StreamStatus
from notifications.models import InboxMessage


def draft(agency, category, title="Lịch cắt điện ngày 3/12", **fields) -> Article:
    return Article.objects.create(
        title=title, slug=unique_slug(title), summary="Tóm tắt", body="<p>Nội dung</p>", category=category,
        agency=agency, **fields,
    )  # fmt: skip


@pytest.mark.django_db
def test_slugs_are_ascii_and_unique(agency, category):
    assert unique_slug("Thông báo: Đường 30/4 tạm đóng") == "thong-bao-duong-304-tam-dong"
    first = draft(agency, category, "Tiêm vắc xin sởi")
    assert first.slug == "tiem-vac-xin-soi"
    assert draft(agency, category, "Tiêm vắc xin sởi").slug == "tiem-vac-xin-soi-2"


@pytest.mark.django_db
def test_scheduled_article_appears_at_its_time_and_the_minute_job_marks_it(agency, category, editor):
    article = draft(agency, category)
    at = timezone.now() + dt.timedelta(hours=2)
    article = article_publish(article=article, actor=editor, at=at)
    assert article.status == ArticleStatus.SCHEDULED
    assert not Article.objects.public().filter(pk=article.pk).exists()
    assert articles_publish_due(now=at - dt.timedelta(minutes=1)) == 0

    later = at + dt.timedelta(seconds=1)
    assert Article.objects.public(later).filter(pk=article.pk).exists()  # readers see it even before the job
    assert articles_publish_due(now=later) == 1
    assert articles_publish_due(now=later) == 0  # claimed once
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.published_at == at
    assert [h.to_status for h in article.history.all()] == [ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED]


@pytest.mark.django_db
def test_transitions_follow_the_table(agency, category, editor):
    article = draft(agency, category)
    with pytest.raises(ApplicationError) as refused:
        article_archive(article=article, actor=editor)
    assert refused.value.get_codes() == "article_status_conflict"
    article = article_publish(article=article, actor=editor, at=timezone.now() + dt.timedelta(days=1))
    article = article_unschedule(article=article, actor=editor)
    assert article.status == ArticleStatus.DRAFT and article.published_at is None
    article = article_publish(article=article, actor=editor)
    first_date = article.published_at
    article = article_archive(article=article, actor=editor)
    assert not Article.objects.public().filter(pk=article.pk).exists()
    article = article_publish(article=article, actor=editor)
    assert article.status == ArticleStatus.PUBLISHED and article.published_at == first_date
    with pytest.raises(ApplicationError):
        article_publish(article=article, actor=editor)  # already published: a second tap is refused


@pytest.mark.django_db
def test_an_important_article_reaches_subscribers_of_its_wards_once(
    agency, category, editor, citizen, other_citizen, geography, django_capture_on_commit_callbacks
):
    from agencies.tests.factories import CitizenFactory

    ward, elsewhere = Ward.objects.order_by("code")[:2]
    province_wide = CitizenFactory(full_name="Lê Văn Tỉnh")
    AnnouncementSubscription.objects.create(user=citizen, ward=ward)
    AnnouncementSubscription.objects.create(user=other_citizen, ward=elsewhere)
    AnnouncementSubscription.objects.create(user=province_wide, ward=None)
    article = draft(agency, category, important=True)
    article.announce_wards.set([ward])
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, actor=editor)
    received = set(InboxMessage.objects.filter(event="news_announcement").values_list("recipient", flat=True))
    assert received == {citizen.pk, province_wide.pk}
    article.refresh_from_db()
    assert article.announced_at is not None

    from media_feeds.services import article_announce

    assert article_announce(article_id=article.pk) == 0  # a task run twice sends nobody a second copy
    assert InboxMessage.objects.filter(event="news_announcement").count() == 2


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Cổng tỉnh</title>
<link>https://tayninh.gov.vn</link><description>Tin</description>
<item><title>Thông báo lịch tiếp dân</title><link>https://tayninh.gov.vn/tin/1</link><guid>tn-1</guid>
<description>&lt;p onclick="x()"&gt;Chủ tịch tiếp dân&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description>
<pubDate>Mon, 30 Nov 2026 01:00:00 GMT</pubDate><media:content url="{picture}" medium="image"/></item>
{extra}
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sở</title>
<id>urn:so</id><updated>2026-11-30T00:00:00Z</updated>
<entry><title>Lịch nghỉ Tết</title><id>urn:so:1</id><link href="https://so.gov.vn/1"/>
<updated>2026-11-29T00:00:00Z</updated><content type="html">&lt;img src="{picture}"&gt;&lt;b&gt;Nghỉ&lt;/b&gt; 14 ngày</content>
</entry></feed>"""


@pytest.fixture
def feeds(remote, agency, category):
    remote.routes["/anh.jpg"] = Route(body=jpeg(), content_type="image/jpeg")
    remote.routes["/rss"] = Route(body=RSS.format(picture=remote.url("/anh.jpg"), extra="").encode(), etag='"v1"')
    remote.routes["/atom"] = Route(
        body=ATOM.format(picture=remote.url("/anh.jpg")).encode(), content_type="application/atom+xml"
    )
    remote.routes["/hong"] = Route(body=b"<html>500</html>", status=500, content_type="text/html")
    remote.routes["/khong-phai-rss"] = Route(
        body="<html><body>Trang chủ</body></html>".encode(), content_type="text/html"
    )
    made = {
        name: NewsFeed.objects.create(
            name=name, url=remote.url(path), agency=agency, category=category, publish_directly=(name != "atom")
        )
        for name, path in [("rss", "/rss"), ("hong", "/hong"), ("atom", "/atom"), ("khong-phai-rss", "/khong-phai-rss")]
    }
    return made


@pytest.mark.django_db
def test_feed_import_sanitises_credits_dedupes_and_isolates_broken_feeds(feeds, remote):
    report = feeds_import_due()
    assert report == {"feeds": 4, "failed": 2, "articles": 2}
    imported = Article.objects.get(guid="tn-1")
    assert imported.status == ArticleStatus.PUBLISHED and imported.is_public()
    assert imported.source_name == "rss" and imported.source_url == "https://tayninh.gov.vn/tin/1"
    assert "script" not in imported.body and "onclick" not in imported.body and "Chủ tịch tiếp dân" in imported.body
    assert imported.cover is not None and imported.cover.widths("webp")  # the picture, in our sizes
    atom = Article.objects.get(guid="urn:so:1")
    assert atom.status == ArticleStatus.DRAFT and atom.published_at is None  # that feed waits for an editor
    assert "<b>Nghỉ</b>" in atom.body and "<img" not in atom.body  # the other site's picture is not hot-linked…
    assert atom.cover is not None  # …it became the cover, kept by us

    broken = NewsFeed.objects.get(name="hong")
    assert "500" in broken.last_error and broken.consecutive_failures == 1
    assert "RSS/Atom" in NewsFeed.objects.get(name="khong-phai-rss").last_error

    # Read again later: the same items are not imported twice, the unchanged feed answers 304, a new item comes in.
    remote.routes["/rss"].body = RSS.format(
        picture=remote.url("/anh.jpg"),
        extra="<item><title>Tin mới</title><link>https://tayninh.gov.vn/tin/2</link><guid>tn-2</guid></item>",
    ).encode()
    remote.routes["/rss"].etag = '"v2"'
    later = timezone.now() + dt.timedelta(hours=1)
    assert feeds_import_due(now=later)["articles"] == 1
    assert Article.objects.filter(guid="tn-1").count() == 1 and Article.objects.filter(guid="tn-2").exists()
    assert feeds_import_due(now=later + dt.timedelta(hours=1))["articles"] == 0  # 304: nothing new
    assert NewsFeed.objects.get(name="hong").consecutive_failures == 3
    assert NewsFeed.objects.get(name="rss").last_error == ""


@pytest.mark.django_db
def test_a_feed_that_stopped_answering_is_an_error_not_a_crash(feeds, settings):
    settings.MEDIA_FEEDS = {**settings.MEDIA_FEEDS, "HTTP_TIMEOUT_SECONDS": 1}
    NewsFeed.objects.filter(name="rss").update(url="http://127.0.0.1:9/rss")  # nothing listens there
    report = feeds_import_due()
    assert report["failed"] == 3 and report["articles"] == 1
    assert "Không kết nối được" in NewsFeed.objects.get(name="rss").last_error


CSV = "bắt đầu,kết thúc,tên chương trình,giới thiệu\n30/11/2026 06:00,,Thời sự sáng,Tin trong tỉnh\n2026-11-30 07:00,2026-11-30 07:30,Nông nghiệp,\n"
XMLTV = """<?xml version="1.0"?><tv><programme start="20261130180000 +0700" stop="20261130183000 +0700" channel="tn1">
<title>Thời sự Tây Ninh</title><desc>Bản tin chiều</desc></programme>
<programme start="20261130120000 +0000" channel="tn1"><title>Phim truyện</title></programme></tv>"""


@pytest.mark.django_db
def test_schedule_import_from_csv_and_xmltv_replaces_the_period(agency):
    channel = Channel.objects.create(name="TN1", slug="tn1", kind="tv", agency=agency, stream_url="https://x/a.m3u8")
    assert schedule_import(channel=channel, data=CSV.encode(), filename="lich.csv") == 2
    first = channel.programmes.first()
    assert timezone.localtime(first.starts_at).hour == 6 and first.title == "Thời sự sáng"
    assert schedule_import(channel=channel, data=CSV.encode(), filename="lich.csv") == 2
    assert channel.programmes.count() == 2  # the same file twice leaves one schedule
    assert schedule_import(channel=channel, data=XMLTV.encode(), filename="lich.xml") == 2
    titles = {p.title: timezone.localtime(p.starts_at).hour for p in channel.programmes.all()}
    assert titles["Thời sự Tây Ninh"] == 18 and titles["Phim truyện"] == 19  # 12:00 UTC is 19:00 here
    both = XMLTV.replace(
        "</tv>", '<programme start="20261130190000 +0700" channel="tn2"><title>Kênh khác</title></programme></tv>'
    )
    schedule_import(channel=channel, data=both.encode(), filename="tat-ca.xml")
    assert "Kênh khác" not in set(channel.programmes.values_list("title", flat=True))  # only this channel's


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("bắt đầu,tên chương trình\n31/11/2026 06:00,Thời sự\n", "a.csv", "Dòng 2: giờ bắt đầu “31/11/2026 06:00”"),
        ("bắt đầu,tên chương trình\n30/11/2026 06:00,\n", "a.csv", "Dòng 2: thiếu tên chương trình"),
        ("gio,ten\n", "a.csv", "Dòng 1 phải là tiêu đề cột"),
        ("bắt đầu,kết thúc,tên\n30/11/2026 06:00,30/11/2026 05:00,A\n", "a.csv", "giờ kết thúc phải sau"),
        ("<tv><programme start='2026'><title>A</title></programme></tv>", "a.xml", "không đúng dạng XMLTV"),
        ("<tv><programme", "a.xml", "Tệp XMLTV bị lỗi"),
        (
            '<tv><programme start="20261130060000" channel="a"><title>A</title></programme>'
            '<programme start="20261130070000" channel="b"><title>B</title></programme></tv>',
            "a.xml",
            "Tệp có lịch của nhiều kênh (a, b) nhưng không có kênh “tn1”",
        ),
    ],
)
def test_a_wrong_schedule_file_imports_nothing_and_says_where(agency, content, name, message):
    channel = Channel.objects.create(name="TN1", slug="tn1", kind="tv", agency=agency, stream_url="https://x/a.m3u8")
    schedule_import(channel=channel, data=CSV.encode(), filename="lich.csv")
    with pytest.raises(ApplicationError) as refused:
        schedule_import(channel=channel, data=content.encode(), filename=name)
    assert message in str(refused.value.detail)
    assert channel.programmes.count() == 2  # what was there stays


@pytest.mark.django_db
def test_stream_check_marks_channels_online_or_offline(agency, remote):
    remote.routes["/live.m3u8"] = Route(
        body=b"#EXTM3U\n#EXT-X-VERSION:3\n", content_type="application/vnd.apple.mpegurl"
    )
    remote.routes["/error.m3u8"] = Route(body=b"<html>Bad gateway</html>", status=200, content_type="text/html")
    live = Channel.objects.create(name="A", slug="a", kind="radio", agency=agency, stream_url=remote.url("/live.m3u8"))
    page = Channel.objects.create(name="B", slug="b", kind="radio", agency=agency, stream_url=remote.url("/error.m3u8"))
    gone = Channel.objects.create(name="C", slug="c", kind="tv", agency=agency, stream_url=remote.url("/gone.m3u8"))
    assert [channel_check(channel=c) for c in (live, page, gone)] == [
        StreamStatus.ONLINE, StreamStatus.OFFLINE, StreamStatus.OFFLINE,
    ]  # fmt: skip
    gone.refresh_from_db()
    assert "404" in gone.stream_error and gone.stream_checked_at is not None


@pytest.mark.django_db
def test_pictures_of_forms_never_saved_are_purged_after_a_day(agency, category):
    from django.core.files.storage import default_storage

    from media_feeds.images import article_image_create
    from media_feeds.models import ArticleImage
    from media_feeds.services import orphan_images_purge

    used, orphan = article_image_create(jpeg()), article_image_create(jpeg())
    draft(agency, category, cover=used)
    files = [orphan.original.name, *orphan.renditions["webp"].values()]
    assert all(default_storage.exists(name) for name in files)
    assert orphan_images_purge() == 0  # not before a day: the editor may be fixing the form
    assert orphan_images_purge(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert list(ArticleImage.objects.all()) == [used]
    assert not any(default_storage.exists(name) for name in files)


@pytest.mark.django_db(transaction=True)
def test_two_editors_publishing_at_once_get_one_success_and_one_clear_refusal(run_concurrently, agency, category):
    article = draft(agency, category)

    def publish_once():
        try:
            article_publish(article=Article.objects.get(pk=article.pk), actor=None)
            return "published"
        except ApplicationError as error:
            return error.get_codes()

    assert sorted(run_concurrently(publish_once, count=3)) == [
        "article_status_conflict", "article_status_conflict", "published",
    ]  # fmt: skip
    assert ArticleHistory.objects.filter(article=article).count() == 1
