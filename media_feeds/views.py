"""Citizen pages for news and for TV and radio: plain HTML that works without JavaScript; the player's small script
loads hls.js only on a browser that cannot play the stream itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from citizen_portal.middleware import content_security_policy
from identity.permissions import requires_level
from media_feeds.forms import SubscriptionForm
from media_feeds.models import AnnouncementSubscription, Article, ArticleImage, Category, Channel
from media_feeds.selectors import day_schedule, featured_articles, on_air, public_articles, related_articles
from media_feeds.services import subscription_update
from media_feeds.workflow import ChannelKind


def _category(request: HttpRequest) -> Category | None:
    slug = request.GET.get("chuyen-muc", "")
    return Category.objects.filter(slug=slug).first() if slug else None


def news(request: HttpRequest) -> HttpResponse:
    category = _category(request)
    articles = public_articles(category=category)
    # Featured news of the last weeks heads the first page of "Tất cả"; it is left out of the list below on every
    # page, so the pages do not shift.
    featured = [] if category else list(featured_articles())
    if featured:
        articles = articles.exclude(pk__in=[article.pk for article in featured])
    page = Paginator(articles, settings.MEDIA_FEEDS["PAGE_SIZE"]).get_page(request.GET.get("trang"))
    return render(
        request,
        "media_feeds/news.html",
        {
            "page": page,
            "featured": featured if page.number == 1 else [],
            "category": category,
            "categories": Category.objects.all(),
            "filters": f"chuyen-muc={category.slug}" if category else "",
        },
    )


def _article_page(request: HttpRequest, article: Article, *, preview: bool) -> HttpResponse:
    return render(
        request,
        "media_feeds/article.html",
        {
            "article": article,
            "preview": preview,
            "related": [] if preview else related_articles(article),
            "absolute_url": f"{settings.PUBLIC_BASE_URL}{article.get_absolute_url()}",
            "base_url": settings.PUBLIC_BASE_URL,
        },
    )


def article(request: HttpRequest, slug: str) -> HttpResponse:
    return _article_page(request, get_object_or_404(public_articles(), slug=slug), preview=False)


def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What readers will see, for the article's editors only, whatever its status."""
    found = get_object_or_404(
        Article.objects.for_user(request.user).select_related("cover", "category", "agency"), pk=pk
    )
    response = _article_page(request, found, preview=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def image(request: HttpRequest, public_id, width: int, fmt: str) -> FileResponse:
    """A picture of a published article for everyone; of a draft, for its editors. Addresses never change
    content, so phones keep them."""
    picture = get_object_or_404(ArticleImage, public_id=public_id)
    stored = picture.renditions.get(fmt, {}).get(str(width))
    if not stored:
        raise Http404
    uses = Article.objects.filter(cover=picture)
    public = uses.public().exists()
    if not public and not uses.for_user(request.user).exists():
        raise Http404
    response = FileResponse(picture.original.storage.open(stored, "rb"), content_type=f"image/{fmt}")
    response["Cache-Control"] = "public, max-age=31536000, immutable" if public else "private, no-store"
    return response


@requires_level(1)
def subscription(request: HttpRequest) -> HttpResponse:
    current = list(AnnouncementSubscription.objects.filter(user=request.user).values_list("ward_id", flat=True))
    initial = {"whole_province": None in current, "wards": [pk for pk in current if pk]}
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            subscription_update(
                user=request.user,
                ward_ids=[ward.pk for ward in form.cleaned_data["wards"]],
                whole_province=form.cleaned_data["whole_province"],
            )
            if form.cleaned_data["whole_province"] or form.cleaned_data["wards"]:
                messages.success(request, "Đã lưu. Bạn sẽ nhận thông báo quan trọng qua mục Thông báo và Zalo.")
            else:
                messages.success(request, "Đã lưu. Bạn sẽ không nhận thông báo tin tức nữa.")
            return redirect("media_feeds:subscription")
    else:
        form = SubscriptionForm(initial=initial)
    return render(request, "media_feeds/subscription.html", {"form": form})


# Our own feeds, one per category, for other portals and feed readers.


class ArticlesRss(Feed):
    feed_type = Rss201rev2Feed
    description = "Tin tức, thông báo của chính quyền địa phương"

    def get_object(self, request, slug: str = ""):
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        portal = settings.PORTAL_NAME
        return f"{category.name} — {portal}" if category else f"Tin tức — {portal}"

    def link(self, category):
        return category.get_absolute_url() if category else reverse("media_feeds:news")

    def items(self, category):
        return public_articles(category=category)[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return f"{settings.PUBLIC_BASE_URL}{item.get_absolute_url()}"

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.agency.name

    def item_categories(self, item: Article):
        return [item.category.name]

    def item_enclosure_url(self, item: Article):
        if item.cover and item.cover.widths("jpeg"):
            return f"{settings.PUBLIC_BASE_URL}{item.cover.url(item.cover.widths('jpeg')[-1], 'jpeg')}"
        return None

    def item_enclosure_length(self, item: Article) -> int:
        return 0

    item_enclosure_mime_type = "image/jpeg"


class ArticlesAtom(ArticlesRss):
    feed_type = Atom1Feed
    subtitle = ArticlesRss.description


# TV and radio.


def channels(request: HttpRequest) -> HttpResponse:
    listed = list(Channel.objects.filter(is_active=True))
    playing = on_air(listed)
    return render(
        request,
        "media_feeds/channels.html",
        {
            "tv": [item for item in playing if item.channel.kind == ChannelKind.TV],
            "radio": [item for item in playing if item.channel.kind == ChannelKind.RADIO],
        },
    )


def channel_logo(request: HttpRequest, slug: str) -> FileResponse:
    found = get_object_or_404(Channel, slug=slug, is_active=True)
    if not found.logo:
        raise Http404
    response = FileResponse(found.logo.open("rb"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def channel(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Channel, slug=slug, is_active=True)
    # Radio is sound only; a TV channel plays its sound alone when asked (data saving) and it has such a stream.
    audio_only = found.is_radio or (request.GET.get("chi-nghe") == "1" and bool(found.audio_stream_url))
    stream = found.audio_stream_url if (audio_only and not found.is_radio) else found.stream_url
    today = timezone.localdate()
    playing = on_air([found])[0]
    response = render(
        request,
        "media_feeds/player.html",
        {
            "channel": found,
            "audio_only": audio_only,
            "stream": stream,
            "playing": playing,
            "schedule": day_schedule(found, today),
            "tomorrow": day_schedule(found, today + dt.timedelta(days=1)),
            "today": today,
        },
    )
    response["Content-Security-Policy"] = content_security_policy(media_origins=(stream,))
    return response


def demo_stream(request: HttpRequest, name: str, filename: str) -> FileResponse:
    """The demo channels' short streams (made by `manage.py make_demo_streams`), served only in a demo."""
    from media_feeds.streams import DEMO_DIR

    if not settings.DEBUG:
        raise Http404
    path = (DEMO_DIR / name / filename).resolve()
    if DEMO_DIR.resolve() not in path.parents or not path.is_file():
        raise Http404
    kind = "application/vnd.apple.mpegurl" if filename.endswith(".m3u8") else "video/mp2t"
    return FileResponse(path.open("rb"), content_type=kind)
