"""The radio player on a 360×640 phone really plays a stream: a short HLS stream made with ffmpeg at test time and
served from 127.0.0.1 as a station's CDN would (another origin, CORS). Once as Chromium plays HLS itself, once as
a browser without native HLS, which loads hls.js from our static files only when the listener taps "Nghe"."""

import os
import time

import pytest
from playwright.sync_api import expect

from media_feeds.models import Channel
from media_feeds.streams import ffmpeg_path, write_hls
from media_feeds.tests.conftest import remote  # noqa: F401  (the CDN fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HLS_JS = "hls.light.min.js"


@pytest.fixture
def station(remote, tmp_path, agency):  # noqa: F811
    if not ffmpeg_path():
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
            pytest.fail("ffmpeg is needed to make the test stream (apt-get install ffmpeg)")
        pytest.skip("no ffmpeg installed (apt-get install ffmpeg)")
    write_hls(tmp_path / "radio", video=False, seconds=8)
    remote.files = tmp_path
    return Channel.objects.create(
        name="Phát thanh Tây Ninh", slug="radio-tn", kind="radio", agency=agency,
        stream_url=remote.url("/hls/radio/index.m3u8"),
    )  # fmt: skip


@pytest.mark.parametrize("native_hls", [True, False], ids=["native-hls", "hls.js"])
def test_the_radio_player_starts_playing_a_local_stream(phone, live_server, station, remote, native_hls):  # noqa: F811
    if not native_hls:  # a browser that cannot play HLS itself (most Android webviews before Chrome 141)
        phone.add_init_script("HTMLMediaElement.prototype.canPlayType = function () { return ''; };")
    page = phone.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/truyen-hinh/radio-tn/")
    start = page.get_by_role("button", name="▶ Nghe trực tiếp")
    expect(start).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not any(HLS_JS in url for url in requested)  # opening the page costs no player download
    assert not any(".ts" in url for url in requested)  # nor any of the stream

    start.click()
    player = page.locator("#player")
    expect(player).to_have_attribute("data-state", "playing", timeout=20_000)
    played = 0.0
    for _ in range(40):
        played = page.evaluate("() => document.getElementById('player').currentTime")
        if played > 1.0:
            break
        time.sleep(0.25)
    assert played > 1.0  # the sound is really advancing, not just "started"
    assert any(HLS_JS in url for url in requested) == (not native_hls)
    assert "/hls/radio/seg001.ts" in remote.hits  # fetched from the station, past the first segment
    assert page.locator("#player-status").inner_text() == ""  # no error said

    page.goto(f"{live_server.url}/tin-tuc/")
    assert sum(HLS_JS in url for url in requested) == (0 if native_hls else 1)  # never on other pages
    page.close()


def test_an_offline_stream_is_said_in_plain_words(phone, live_server, station):
    Channel.objects.filter(pk=station.pk).update(stream_url=station.stream_url.replace("radio/", "mat-song/"))
    page = phone.new_page()
    page.goto(f"{live_server.url}/truyen-hinh/radio-tn/")
    page.get_by_role("button", name="▶ Nghe trực tiếp").click()
    expect(page.locator("#player-status")).to_have_text(
        "Kênh đang mất tín hiệu hoặc mạng yếu. Vui lòng thử lại sau ít phút.", timeout=20_000
    )
    page.close()


def test_news_and_player_pages_are_accessible_and_fit_a_small_phone(phone, live_server, sign_in, agency, citizen):
    from media_feeds.images import article_image_create
    from media_feeds.models import Article, Category
    from media_feeds.services import article_publish
    from media_feeds.tests.conftest import jpeg
    from tests.browser.test_accessibility import run_axe, violations_of

    category = Category.objects.create(name="Thông báo", slug="thong-bao")
    article = Article.objects.create(
        title="Lịch tạm ngừng cung cấp điện phường Tân Ninh ngày 3/12", slug="lich-cat-dien", category=category,
        agency=agency, summary="Từ 7 giờ đến 16 giờ.", body="<p>Để bảo trì lưới điện.</p><ul><li>Đường 30/4</li></ul>",
        cover=article_image_create(jpeg()), cover_alt="Công nhân điện lực sửa đường dây", featured=True,
    )  # fmt: skip
    article_publish(article=article, actor=None)
    Channel.objects.create(
        name="Truyền hình Tây Ninh 1", slug="tn1", kind="tv", agency=agency, stream_url="https://cdn.tn/tv.m3u8",
        audio_stream_url="https://cdn.tn/audio.m3u8",
    )  # fmt: skip
    sign_in(phone, citizen)
    page = phone.new_page()
    for path in ("/tin-tuc/", "/tin-tuc/lich-cat-dien/", "/truyen-hinh/", "/truyen-hinh/tn1/",
                 "/truyen-hinh/tn1/?chi-nghe=1", "/tin-tuc/nhan-thong-bao/"):  # fmt: skip
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert violations_of(run_axe(page)) == [], path
    page.close()
