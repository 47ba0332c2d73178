import datetime as dt

import pytest
from django.utils import timezone

from media_feeds.images import article_image_create
from media_feeds.models import Article, Channel, Programme
from media_feeds.tests.conftest import jpeg
from media_feeds.tests.test_views import published


@pytest.mark.django_db
def test_news_api_lists_public_articles_with_their_picture_sizes(client, agency, category):
    cover = article_image_create(jpeg(900, 600))
    published(agency, category, "Lịch tiêm vắc xin", cover=cover)
    Article.objects.create(title="Nháp", slug="nhap", category=category, agency=agency)
    listed = client.get("/api/v1/news/?category=thong-bao").json()
    assert [a["title"] for a in listed["results"]] == ["Lịch tiêm vắc xin"]
    item = listed["results"][0]
    assert set(item["cover"]["webp"]) == {"160", "400", "800", "900"} and item["cover"]["width"] == 900
    one = client.get(f"/api/v1/news/{item['slug']}/").json()
    assert one["body"] == "<p>Nội dung</p>"
    assert client.get("/api/v1/news/nhap/").status_code == 404
    wrong = client.get("/api/v1/news/?category=khong-co")
    assert wrong.status_code == 400 and wrong.json()["code"] == "filter_invalid"


@pytest.mark.django_db
def test_channels_api_says_what_is_on_air(client, agency):
    channel = Channel.objects.create(
        name="Phát thanh", slug="radio", kind="radio", agency=agency, stream_url="https://cdn.tn/r.m3u8"
    )
    Channel.objects.create(name="Tắt", slug="tat", kind="tv", agency=agency, stream_url="https://x/y", is_active=False)
    now = timezone.now()
    Programme.objects.create(channel=channel, starts_at=now - dt.timedelta(minutes=5), title="Thời sự")
    Programme.objects.create(channel=channel, starts_at=now + dt.timedelta(minutes=55), title="Âm nhạc")
    listed = client.get("/api/v1/channels/").json()
    assert [(c["slug"], c["now"]["title"], c["next"]["title"], c["online"]) for c in listed] == [
        ("radio", "Thời sự", "Âm nhạc", True)
    ]
    assert client.get("/api/v1/channels/tat/").status_code == 404
    detail = client.get("/api/v1/channels/radio/").json()
    assert detail["stream_url"] == "https://cdn.tn/r.m3u8" and detail["now"]["title"] == "Thời sự"
    assert isinstance(detail["today"], list)
