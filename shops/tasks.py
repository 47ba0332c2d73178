from django_tasks import task

from shops.services import shop_waiting_photos_purge


@task()
def housekeeping() -> dict:
    return {"photos_purged": shop_waiting_photos_purge()}
