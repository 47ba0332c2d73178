from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def portal(request: HttpRequest) -> dict:
    def unread_count() -> int:
        from notifications.models import InboxMessage

        return InboxMessage.objects.for_user(request.user).unread().count()

    # Lazy: pages that do not show the badge, and anonymous visitors, cost no query.
    return {
        "portal_name": settings.PORTAL_NAME,
        "unread_notifications": SimpleLazyObject(unread_count),
        "demo_messages_url": settings.DEMO_MESSAGES_URL,
    }
