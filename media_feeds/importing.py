"""Reading other sites: RSS/Atom feeds of provincial portals (feedparser), the pictures they point to, and the
playlists of the TV and radio streams. Every request has a timeout and a size limit; every failure is one
FeedError with a message an editor can act on."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import feedparser
import requests
from django.conf import settings

USER_AGENT = "CongCongDan/1.0 (+tin tuc)"


class FeedError(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    content: bytes
    etag: str
    modified: str
    not_modified: bool = False


@dataclass(frozen=True)
class FeedItem:
    guid: str
    link: str
    title: str
    summary: str
    body: str
    published: dt.datetime | None
    image_url: str


def _get(url: str, *, max_bytes: int, headers: dict | None = None) -> requests.Response:
    limits = settings.MEDIA_FEEDS
    try:
        response = requests.get(
            url,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            timeout=limits["HTTP_TIMEOUT_SECONDS"],
            stream=True,
        )
    except requests.Timeout as error:
        raise FeedError(f"Quá thời gian chờ ({limits['HTTP_TIMEOUT_SECONDS']} giây) khi đọc {url}") from error
    except requests.RequestException as error:
        raise FeedError(f"Không kết nối được {url}: {error.__class__.__name__}") from error
    if response.status_code == 304:
        return response
    if response.status_code >= 400:
        response.close()
        raise FeedError(f"{url} trả lời mã lỗi HTTP {response.status_code}")
    body = bytearray()
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > max_bytes:
            response.close()
            raise FeedError(f"{url} lớn quá {max_bytes // 1024} KB")
    response._content = bytes(body)
    return response


def fetch(url: str, *, etag: str = "", modified: str = "") -> Fetched:
    headers = {"If-None-Match": etag} if etag else {}
    if modified:
        headers["If-Modified-Since"] = modified
    response = _get(url, max_bytes=settings.MEDIA_FEEDS["MAX_FEED_BYTES"], headers=headers)
    if response.status_code == 304:
        return Fetched(b"", etag, modified, not_modified=True)
    return Fetched(response.content, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))


def _when(entry) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC) if parsed else None


_FIRST_PICTURE = re.compile(r"""<img[^>]+src=["'](https?://[^"']+)["']""", re.IGNORECASE)


def _image(entry, html: str) -> str:
    """The item's picture: media:content or an image enclosure, else the first picture of its HTML (how many
    Vietnamese portals put it in the description)."""
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        if media.get("url") and media.get("medium", "image") == "image":
            return media["url"]
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/") and link.get("href"):
            return link["href"]
    found = _FIRST_PICTURE.search(html)
    return found.group(1) if found else ""


def parse(content: bytes) -> list[FeedItem]:
    """The items of an RSS or Atom document. A document that is not a feed at all is an error; a feed with small
    mistakes (feedparser's "bozo") is read as far as it goes."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"Không đọc được nội dung RSS/Atom ({reason.__class__.__name__ if reason else 'rỗng'})")
    if not parsed.version and not parsed.entries:
        raise FeedError("Địa chỉ này không phải là một nguồn RSS/Atom")
    items = []
    for entry in parsed.entries:
        link = entry.get("link", "")
        guid = entry.get("id") or link
        title = " ".join(entry.get("title", "").split())
        if not guid or not title:
            continue  # nothing to tell it apart by, or nothing to show
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        items.append(
            FeedItem(
                guid=guid,
                link=link if link.startswith(("http://", "https://")) else "",
                title=title,
                summary=entry.get("summary", ""),
                body=body,
                published=_when(entry),
                image_url=_image(entry, f"{entry.get('summary', '')} {body}"),
            )
        )
    return items


def fetch_image(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise FeedError("Ảnh không có địa chỉ web")
    return _get(url, max_bytes=settings.MEDIA_FEEDS["MAX_IMAGE_BYTES"]).content


def check_stream(url: str) -> None:
    """An HLS playlist answers with "#EXTM3U" first; anything else (an error page, nothing) means offline."""
    response = _get(url, max_bytes=256 * 1024)
    if not response.content.lstrip(b"\xef\xbb\xbf").startswith(b"#EXTM3U"):
        raise FeedError("Luồng không trả về danh sách phát HLS (#EXTM3U)")
