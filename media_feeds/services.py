"""Every change to news and channels: an article's publication, scheduling and archiving (one function per
transition, with its history), sending important announcements to subscribers, reading the provincial feeds,
importing a channel's schedule and checking that its stream is alive."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.text import fold_vietnamese
from media_feeds import epg, importing
from media_feeds.images import article_image_create
from media_feeds.models import (
    AnnouncementSubscription,
    Article,
    ArticleHistory,
    Channel,
    NewsFeed,
    Programme,
)
from media_feeds.sanitise import clean_html, plain_text
from media_feeds.workflow import ArticleStatus, StreamStatus, can_transition

logger = logging.getLogger(__name__)


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """ "Thông báo lịch cắt điện" → "thong-bao-lich-cat-dien", with -2, -3… when taken."""
    base = slugify(fold_vietnamese(title))[:100].strip("-") or "tin"
    taken = set(Article.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _move(article: Article, target: str, *, actor, note: str = "", **fields) -> Article:
    """The steps every transition shares: lock, check the move, save, write the history."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not can_transition(locked.status, target):
        raise ApplicationError(
            f"Tin đang ở trạng thái “{locked.get_status_display()}”, không thể chuyển sang "
            f"“{ArticleStatus(target).label}”. Vui lòng tải lại trang.",
            code="article_status_conflict",
            status_code=409,
        )
    previous = locked.status
    locked.status = target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "updated_at", *fields])
    ArticleHistory.objects.create(article=locked, actor=actor, from_status=previous, to_status=target, note=note)
    return locked


def article_publish(*, article: Article, actor, at: dt.datetime | None = None) -> Article:
    """Publish now, or at `at` when it lies in the future (then the article waits as scheduled)."""
    now = timezone.now()
    with transaction.atomic():
        if at is not None and at > now:
            article = _move(
                article, ArticleStatus.SCHEDULED, actor=actor, published_at=at,
                note=f"Hẹn đăng lúc {timezone.localtime(at):%H:%M %d/%m/%Y}",
            )  # fmt: skip
        else:
            # Republishing an archived article keeps its first date; a draft is dated now.
            when = article.published_at if article.status == ArticleStatus.ARCHIVED and article.published_at else now
            article = _move(article, ArticleStatus.PUBLISHED, actor=actor, published_at=when)
            announce_when_due(article)
    return article


def article_unschedule(*, article: Article, actor) -> Article:
    with transaction.atomic():
        return _move(article, ArticleStatus.DRAFT, actor=actor, published_at=None, note="Huỷ hẹn giờ đăng")


def article_archive(*, article: Article, actor) -> Article:
    with transaction.atomic():
        return _move(article, ArticleStatus.ARCHIVED, actor=actor)


def articles_publish_due(*, now: dt.datetime | None = None) -> int:
    """The minute job: scheduled articles whose time has come become published (each claimed once)."""
    now = now or timezone.now()
    published = 0
    for pk in Article.objects.filter(status=ArticleStatus.SCHEDULED, published_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            claimed = Article.objects.filter(pk=pk, status=ArticleStatus.SCHEDULED).update(
                status=ArticleStatus.PUBLISHED, updated_at=now
            )
            if claimed:
                article = Article.objects.get(pk=pk)
                article.save(update_fields=["updated_at"])  # the search index reads the new status
                ArticleHistory.objects.create(
                    article=article, actor=None, from_status=ArticleStatus.SCHEDULED,
                    to_status=ArticleStatus.PUBLISHED, note="Đăng theo giờ đã hẹn",
                )  # fmt: skip
                announce_when_due(article)
                published += claimed
    return published


# Important announcements.


def announce_when_due(article: Article) -> None:
    """An important article that readers can see and that was never sent goes to its subscribers after commit
    (also when an editor marks an already published article important)."""
    if article.important and article.announced_at is None and article.is_public():
        from media_feeds.tasks import announce_article

        transaction.on_commit(lambda: announce_article.enqueue(article.pk))


def announcement_recipients(article: Article):
    """People who asked for announcements of one of the article's wards, or of the whole province; an article for
    no particular ward reaches every subscriber."""
    from identity.models import User

    wards = list(article.announce_wards.values_list("pk", flat=True))
    subscriptions = AnnouncementSubscription.objects.all()
    if wards:
        subscriptions = subscriptions.filter(Q(ward__isnull=True) | Q(ward__in=wards))
    return User.objects.filter(pk__in=subscriptions.values("user"), is_active=True).order_by("pk")


def article_announce(*, article_id: int) -> int:
    """Send a published important article to its subscribers once. Each message has a dedupe key, so a task run
    twice (a worker died half-way) sends nobody a second copy."""
    from notifications.services import notify

    article = Article.objects.select_related("agency").get(pk=article_id)
    if not article.important or not article.is_public() or article.announced_at is not None:
        return 0
    sent = 0
    for user in announcement_recipients(article).iterator(chunk_size=500):
        with transaction.atomic():
            made = notify(
                recipient=user,
                event="news_announcement",
                context={"article": article, "agency": article.agency.name},
                link=article.get_absolute_url(),
                agency=article.agency,
                dedupe_key=f"news:{article.pk}:{user.pk}",
            )
        sent += made is not None
    Article.objects.filter(pk=article.pk, announced_at__isnull=True).update(announced_at=timezone.now())
    return sent


def subscription_update(*, user, ward_ids: list[int], whole_province: bool) -> list[AnnouncementSubscription]:
    """Replace what a citizen receives: the chosen wards, or the whole province, or nothing."""
    with transaction.atomic():
        AnnouncementSubscription.objects.filter(user=user).delete()
        if whole_province:
            return [AnnouncementSubscription.objects.create(user=user, ward=None)]
        return [AnnouncementSubscription.objects.create(user=user, ward_id=pk) for pk in dict.fromkeys(ward_ids)]


# Feeds.


def feed_import(*, feed: NewsFeed, now: dt.datetime | None = None) -> int:
    """Read one feed and add its new items. Whatever goes wrong is written on the feed, for the admin to show,
    and returns 0: one broken feed never stops the others."""
    now = now or timezone.now()
    try:
        fetched = importing.fetch(feed.url, etag=feed.etag, modified=feed.modified)
        items = [] if fetched.not_modified else importing.parse(fetched.content)
    except importing.FeedError as error:
        NewsFeed.objects.filter(pk=feed.pk).update(
            last_checked_at=now, last_error=str(error)[:2000], consecutive_failures=feed.consecutive_failures + 1
        )
        logger.warning("feed %s: %s", feed.url, error)
        return 0
    created = 0
    for item in items:
        try:
            created += _article_from_item(feed, item, now)
        except Exception:  # one odd item must not lose the rest of the feed
            logger.exception("feed %s: item %s", feed.url, item.guid)
    NewsFeed.objects.filter(pk=feed.pk).update(
        last_checked_at=now,
        last_success_at=now,
        last_error="",
        consecutive_failures=0,
        last_imported=created,
        etag=fetched.etag[:300],
        modified=fetched.modified[:100],
    )
    return created


def _article_from_item(feed: NewsFeed, item: importing.FeedItem, now: dt.datetime) -> int:
    if Article.objects.filter(Q(feed=feed, guid=item.guid) | Q(source_url=item.link, source_url__gt="")).exists():
        return 0
    cover = None
    if item.image_url:
        try:
            data = importing.fetch_image(item.image_url)
            cover = article_image_create(data, name=item.image_url.rsplit("/", 1)[-1], source_url=item.image_url)
        except (importing.FeedError, ApplicationError) as error:
            logger.info("feed %s: picture %s skipped: %s", feed.url, item.image_url, error)
    published = item.published if item.published and item.published <= now else now
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=item.title[:200],
                slug=unique_slug(item.title),
                summary=plain_text(item.summary, limit=400),
                body=clean_html(item.body),
                cover=cover,
                cover_alt=item.title[:200] if cover else "",
                category=feed.category,
                agency=feed.agency,
                status=ArticleStatus.PUBLISHED if feed.publish_directly else ArticleStatus.DRAFT,
                published_at=published if feed.publish_directly else None,
                feed=feed,
                guid=item.guid[:500],
                source_name=feed.name,
                source_url=item.link[:1000],
            )
            ArticleHistory.objects.create(
                article=article, actor=None, from_status="", to_status=article.status, note=f"Lấy từ {feed.name}"
            )
    except IntegrityError:  # the same item imported by a parallel run
        return 0
    return 1


def feeds_import_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    report = {"feeds": 0, "failed": 0, "articles": 0}
    for feed in NewsFeed.objects.filter(is_active=True):
        if not feed.is_due(now):
            continue
        report["feeds"] += 1
        report["articles"] += feed_import(feed=feed, now=now)
        feed.refresh_from_db(fields=["last_error", "last_checked_at"])
        report["failed"] += bool(feed.last_error)
    return report


def orphan_images_purge(*, now: dt.datetime | None = None) -> int:
    """Pictures uploaded with an article form that was never saved (a mistake elsewhere on it), after a day."""
    from django.core.files.storage import default_storage

    from media_feeds.models import ArticleImage

    cutoff = (now or timezone.now()) - dt.timedelta(days=1)
    orphans = ArticleImage.objects.filter(created_at__lt=cutoff).exclude(
        pk__in=Article.objects.filter(cover__isnull=False).values("cover")
    )
    purged = 0
    for image in orphans.iterator():
        names = [image.original.name] + [n for sizes in image.renditions.values() for n in sizes.values()]
        image.delete()
        for name in names:
            default_storage.delete(name)
        purged += 1
    return purged


# Channels.


def schedule_import(*, channel: Channel, data: bytes, filename: str) -> int:
    """Load a CSV or XMLTV schedule: all of it or nothing. Programmes already in the imported period are replaced,
    so importing next week's file twice leaves one week."""
    entries = epg.parse(data, filename=filename, tz=timezone.get_current_timezone(), channel_id=channel.slug)
    if not entries:
        raise ApplicationError("Tệp không có chương trình nào.", code="schedule_empty")
    first, last = entries[0].starts_at, max(e.ends_at or e.starts_at for e in entries)
    with transaction.atomic():
        Channel.objects.select_for_update().get(pk=channel.pk)
        channel.programmes.filter(starts_at__gte=first, starts_at__lte=last).delete()
        Programme.objects.bulk_create(
            Programme(
                channel=channel, starts_at=e.starts_at, ends_at=e.ends_at, title=e.title, description=e.description
            )
            for e in entries
        )
    return len(entries)


def channel_check(*, channel: Channel, now: dt.datetime | None = None) -> str:
    """Ask the stream's playlist whether it answers as HLS; the result shows in the admin and on the player."""
    try:
        importing.check_stream(channel.stream_url)
        status, error = StreamStatus.ONLINE, ""
    except importing.FeedError as failure:
        status, error = StreamStatus.OFFLINE, str(failure)[:300]
    Channel.objects.filter(pk=channel.pk).update(
        stream_status=status, stream_error=error, stream_checked_at=now or timezone.now()
    )
    return status


def channels_check(*, now: dt.datetime | None = None) -> dict[str, int]:
    report = {str(s): 0 for s in (StreamStatus.ONLINE, StreamStatus.OFFLINE)}
    for channel in Channel.objects.filter(is_active=True):
        report[channel_check(channel=channel, now=now)] += 1
    return report


def subscriber_erase(user) -> int:
    """Account deletion: the person no longer receives announcements."""
    return AnnouncementSubscription.objects.filter(user=user).delete()[0]
