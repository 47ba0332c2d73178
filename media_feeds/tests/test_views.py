import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from media_feeds.images import article_image_create
from media_feeds.models import AnnouncementSubscription, Article, Channel, Programme
from media_feeds.services import article_publish, unique_slug
from media_feeds.tests.conftest import jpeg, photo_like
from media_feeds.workflow import ArticleStatus

STATIC = Path(settings.BASE_DIR) / "static"
# The portal's first-load budget for a citizen page (scripts/page_weight.py): HTML, CSS, scripts and the pictures
# that load before the reader scrolls.
PAGE_BUDGET = 30 * 1024


def published(agency, category, title, *, cover=None, at=None, **fields) -> Article:
    article = Article.objects.create(
        title=title, slug=unique_slug(title), summary=f"Tóm tắt: {title}", body="<p>Nội dung</p>",
        category=category, agency=agency, cover=cover, cover_alt="Ảnh" if cover else "", **fields,
    )  # fmt: skip
    article = article_publish(article=article, actor=None)
    if at:
        Article.objects.filter(pk=article.pk).update(published_at=at)
    return article


@pytest.fixture
def twenty(agency, category):
    """The demo's real titles, each with a photo-like cover: what a phone would really download."""
    from media_feeds.demo import ARTICLES

    now = timezone.now()
    return [
        published(
            agency,
            category,
            title,
            cover=article_image_create(photo_like(seed=i)),
            at=now - dt.timedelta(hours=i),
        )
        for i, (_, _, title, _, _, _) in enumerate(ARTICLES[:20])
    ]


@pytest.mark.django_db
def test_the_news_list_of_20_articles_stays_within_the_page_budget(client, twenty, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        response = client.get("/tin-tuc/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count('class="news-card"') == 20
    pictures = re.findall(r"<picture>.*?</picture>", html)
    assert len(pictures) == 20
    eager = [p for p in pictures if 'loading="lazy"' not in p]
    assert len(eager) == 1  # only the first, on the first screen; the rest load as the reader scrolls
    for picture in pictures:
        assert 'type="image/webp"' in picture and re.search(r"160w, .*400w", picture)
    weight = len(gzip.compress(response.content))
    for stylesheet in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
        weight += len(gzip.compress((STATIC / stylesheet).read_bytes()))
    for script in re.findall(r'<script src="/static/([^"]+)"', html):
        weight += len(gzip.compress((STATIC / script).read_bytes()))
    # The phone (2× screen, 80 px thumbnails) takes the 160 px WebP of the eager picture.
    first_webp = re.search(r'srcset="(\S+) 160w', eager[0]).group(1)
    weight += len(b"".join(client.get(first_webp).streaming_content))
    assert weight <= PAGE_BUDGET, weight
    assert "hls" not in html  # the player's library never comes near the news


@pytest.mark.django_db
def test_article_page_has_open_graph_tags_and_pictures_are_public_once_published(client, agency, category):
    cover = article_image_create(jpeg(1600, 900))
    article = published(agency, category, "Lịch tiêm vắc xin sởi", cover=cover)
    html = client.get(article.get_absolute_url()).content.decode()
    base = settings.PUBLIC_BASE_URL
    assert '<meta property="og:title" content="Lịch tiêm vắc xin sởi">' in html
    assert '<meta property="og:description" content="Tóm tắt: Lịch tiêm vắc xin sởi">' in html
    assert f'<meta property="og:url" content="{base}/tin-tuc/lich-tiem-vac-xin-soi/">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith(base) and image.endswith("/1200.jpeg")
    assert '<meta property="og:image:width" content="1200"><meta property="og:image:height" content="675">' in html
    picture = client.get(image.removeprefix(base))
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    assert "immutable" in picture["Cache-Control"]


@pytest.mark.django_db
def test_drafts_and_future_articles_are_hidden_from_readers_and_their_pictures_too(
    client, agency, category, editor, other_editor
):
    cover = article_image_create(jpeg())
    draft = Article.objects.create(title="Dự thảo", slug="du-thao", category=category, agency=agency, cover=cover)
    future = published(agency, category, "Sắp đăng")
    Article.objects.filter(pk=future.pk).update(
        status=ArticleStatus.SCHEDULED, published_at=timezone.now() + dt.timedelta(days=1)
    )
    picture = cover.url(cover.widths("webp")[0], "webp")
    assert client.get("/tin-tuc/du-thao/").status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert "Sắp đăng" not in client.get("/tin-tuc/").content.decode()
    assert client.get(picture).status_code == 404
    assert client.get(f"/tin-tuc/xem-truoc/{draft.pk}/").status_code == 404
    client.force_login(other_editor)
    assert client.get(f"/tin-tuc/xem-truoc/{draft.pk}/").status_code == 404
    assert client.get(picture).status_code == 404
    client.force_login(editor)
    preview = client.get(f"/tin-tuc/xem-truoc/{draft.pk}/")
    assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()
    assert client.get(picture).status_code == 200 and "no-store" in client.get(picture)["Cache-Control"]


@pytest.mark.django_db
def test_feeds_per_category_are_advertised_and_valid(client, agency, category):
    import feedparser

    from media_feeds.models import Category

    other = Category.objects.create(name="Y tế", slug="y-te")
    published(agency, category, "Thông báo cắt điện")
    published(agency, other, "Tiêm vắc xin")
    listing = client.get("/tin-tuc/?chuyen-muc=y-te").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="Y tế (RSS)" href="/tin-tuc/rss/y-te/">' in listing
    assert 'type="application/atom+xml"' in listing and 'href="/tin-tuc/atom/y-te/"' in listing
    for path in ("/tin-tuc/rss/y-te/", "/tin-tuc/atom/y-te/"):
        parsed = feedparser.parse(client.get(path).content)
        assert not parsed.bozo and [e.title for e in parsed.entries] == ["Tiêm vắc xin"]
    everything = feedparser.parse(client.get("/tin-tuc/rss/").content)
    assert {e.title for e in everything.entries} == {"Thông báo cắt điện", "Tiêm vắc xin"}
    assert client.get("/tin-tuc/rss/khong-co/").status_code == 404


@pytest.mark.django_db
def test_articles_are_found_by_the_portal_search_without_diacritics(client, agency, category):
    published(agency, category, "Lịch tạm ngừng cung cấp điện phường Tân Ninh")
    Article.objects.create(title="Bản nháp cắt điện", slug="ban-nhap", category=category, agency=agency)
    html = client.get("/tim-kiem/?q=lich+cat+dien").content.decode()
    assert "Lịch tạm ngừng cung cấp điện phường Tân Ninh" in html and "Bản nháp cắt điện" not in html


@pytest.fixture
def radio(agency):
    channel = Channel.objects.create(
        name="Phát thanh Tây Ninh", slug="radio-tn", kind="radio", agency=agency,
        stream_url="https://live.baotayninh.vn/radio/index.m3u8",
    )  # fmt: skip
    now = timezone.now()
    Programme.objects.create(channel=channel, starts_at=now - dt.timedelta(minutes=30), title="Thời sự trưa")
    Programme.objects.create(channel=channel, starts_at=now + dt.timedelta(minutes=30), title="Sức khỏe cho mọi nhà")
    return channel


@pytest.mark.django_db
def test_the_player_page_plays_without_hls_js_in_the_html_and_allows_only_its_stream(client, radio):
    response = client.get("/truyen-hinh/radio-tn/")
    html = response.content.decode()
    assert '<audio id="player"' in html and "<video" not in html
    assert '<source src="https://live.baotayninh.vn/radio/index.m3u8" type="application/vnd.apple.mpegurl">' in html
    assert "<script" in html and "hls.light.min.js" not in re.findall(r"<script[^>]*>", html)[0]
    assert 'data-hls="/static/vendor/hls.js-1.7.4/hls.light.min.js"' in html  # fetched by player.js if needed
    assert "Đang phát:</strong> Thời sự trưa" in html and "Tiếp theo:</strong> Sức khỏe cho mọi nhà" in html
    policy = response["Content-Security-Policy"]
    assert "media-src 'self' blob: https://live.baotayninh.vn" in policy
    assert "connect-src 'self' https://live.baotayninh.vn" in policy
    assert "https://live.baotayninh.vn" not in client.get("/tin-tuc/")["Content-Security-Policy"]
    listing = client.get("/truyen-hinh/").content.decode()
    assert "Phát thanh Tây Ninh" in listing and "Đang phát: Thời sự trưa" in listing


@pytest.mark.django_db
def test_tv_audio_only_mode_and_offline_message(client, agency):
    tv = Channel.objects.create(
        name="Truyền hình TN", slug="tn1", kind="tv", agency=agency, stream_url="https://cdn.tn/tv.m3u8",
        audio_stream_url="https://cdn.tn/audio.m3u8", stream_status="offline", stream_checked_at=timezone.now(),
    )  # fmt: skip
    html = client.get("/truyen-hinh/tn1/").content.decode()
    assert '<video id="player"' in html and 'href="?chi-nghe=1"' in html
    assert "Kênh đang mất tín hiệu" in html
    audio = client.get("/truyen-hinh/tn1/?chi-nghe=1").content.decode()
    assert '<audio id="player"' in audio and "https://cdn.tn/audio.m3u8" in audio and "tv.m3u8" not in audio
    tv.is_active = False
    tv.save()  # as in the admin: the shared copies of the page are forgotten
    assert client.get("/truyen-hinh/tn1/").status_code == 404


@pytest.mark.django_db
def test_subscribing_to_announcements(client, citizen, geography):
    from agencies.models import Ward

    assert client.get("/tin-tuc/nhan-thong-bao/").status_code == 302  # who, first
    client.force_login(citizen)
    first, second = Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("code")[:2]
    refused = client.post("/tin-tuc/nhan-thong-bao/", {"ward_1": "999999", "ward_2": str(second.pk)})
    assert "Xã, phường không hợp lệ" in refused.content.decode()
    assert not AnnouncementSubscription.objects.filter(user=citizen).exists()
    client.post("/tin-tuc/nhan-thong-bao/", {"ward_1": str(first.pk), "ward_2": str(second.pk)})
    assert set(AnnouncementSubscription.objects.filter(user=citizen).values_list("ward", flat=True)) == {
        first.pk, second.pk,
    }  # fmt: skip
    page = client.get("/tin-tuc/nhan-thong-bao/").content.decode()
    assert f'<option value="{first.pk}" selected>' in page
    client.post("/tin-tuc/nhan-thong-bao/", {"whole_province": "on"})
    assert list(AnnouncementSubscription.objects.filter(user=citizen).values_list("ward", flat=True)) == [None]
    client.post("/tin-tuc/nhan-thong-bao/", {})
    assert not AnnouncementSubscription.objects.filter(user=citizen).exists()


@pytest.mark.django_db
def test_featured_news_heads_the_first_page_once(client, agency, category, settings):
    settings.MEDIA_FEEDS = {**settings.MEDIA_FEEDS, "PAGE_SIZE": 2}
    now = timezone.now()
    for i in range(4):
        published(agency, category, f"Tin thường {i}", at=now - dt.timedelta(hours=i))
    published(agency, category, "Tin nổi bật cũ", featured=True, at=now - dt.timedelta(days=3))
    first = client.get("/tin-tuc/").content.decode()
    assert first.index("Tin nổi bật cũ") < first.index("Tin thường 0") and first.count("Tin nổi bật cũ") == 1
    rest = client.get("/tin-tuc/?trang=2").content.decode() + client.get("/tin-tuc/?trang=3").content.decode()
    assert "Tin nổi bật cũ" not in rest and "Tin thường 3" in rest  # no article lost or shown twice
    assert "Tin nổi bật cũ" in client.get("/tin-tuc/?chuyen-muc=thong-bao&trang=3").content.decode()  # by date


@pytest.mark.django_db
def test_a_channel_logo_is_served_and_shown(client, agency):
    from django.core.files.base import ContentFile

    channel = Channel(name="TN1", slug="tn1", kind="tv", agency=agency, stream_url="https://cdn.tn/tv.m3u8")
    channel.logo.save("tn1.jpg", ContentFile(jpeg(96, 96)), save=True)
    assert 'src="/truyen-hinh/tn1/bieu-trung"' in client.get("/truyen-hinh/").content.decode()
    logo = client.get("/truyen-hinh/tn1/bieu-trung")
    assert logo.status_code == 200 and b"".join(logo.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.django_db
def test_my_data_lists_my_subscriptions_and_deleting_my_account_ends_them(client, citizen, geography):
    from agencies.models import Ward
    from identity.services import account_delete

    ward = Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("code").first()
    AnnouncementSubscription.objects.create(user=citizen, ward=ward)
    client.force_login(citizen)
    exported = client.get("/du-lieu-cua-toi/?dinh-dang=json").json()
    assert exported["thong_bao_tin_tuc"][0]["noi"] == ward.name
    account_delete(user=citizen)
    assert not AnnouncementSubscription.objects.filter(user=citizen).exists()


@pytest.mark.django_db
def test_anonymous_readers_share_the_news_page_until_an_article_changes(client, agency, category, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    published(agency, category, "Tin thứ nhất")
    assert "Tin thứ nhất" in client.get("/tin-tuc/").content.decode()
    assert client.get("/tin-tuc/")["X-Public-Cache"] == "hit"
    published(agency, category, "Tin thứ hai")  # a save forgets every shared copy
    assert "Tin thứ hai" in client.get("/tin-tuc/").content.decode()
