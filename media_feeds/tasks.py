from django_tasks import task

from media_feeds.services import (
    article_announce,
    articles_publish_due,
    channels_check,
    feeds_import_due,
    orphan_images_purge,
)


@task()
def publish_due() -> int:
    return articles_publish_due()


@task()
def import_feeds() -> dict:
    return feeds_import_due()


@task()
def check_streams() -> dict:
    return channels_check()


@task()
def announce_article(article_id: int) -> int:
    return article_announce(article_id=article_id)


@task()
def housekeeping() -> dict:
    return {"images_purged": orphan_images_purge()}
