from django.contrib import admin, messages
from django.db.models import Count, Q

from citizen_portal.admin import ReadOnlyTabularInline
from citizen_portal.api.exceptions import ApplicationError
from notifications.events import EVENTS
from notifications.models import DeliveryAttempt, InboxMessage, Notification, NotificationStatus, ZaloOAToken
from notifications.services import notification_retry


class DeliveryAttemptInline(ReadOnlyTabularInline):
    model = DeliveryAttempt
    fields = ("attempted_at", "channel", "succeeded", "retryable", "error", "provider_message_id")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent to whom, on which channel, and why not. Retry goes through the service."""

    list_display = ("created_at", "recipient", "event_label", "channel", "status", "attempts", "short_error")
    list_filter = ("status", "event", "channel", "essential")
    list_select_related = ("recipient",)
    search_fields = ("recipient__username", "recipient__full_name", "recipient__phone", "dedupe_key")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["retry"]
    inlines = [DeliveryAttemptInline]
    readonly_fields = (
        "public_id",
        "recipient",
        "agency",
        "event",
        "essential",
        "plan",
        "channel",
        "template",
        "content",
        "status",
        "attempts",
        "channel_attempts",
        "last_error",
        "provider_message_id",
        "dedupe_key",
        "next_attempt_at",
        "created_at",
        "sent_at",
    )
    exclude = ("claim_token", "claimed_at")

    def get_queryset(self, request):
        return Notification.objects.for_user(request.user).select_related("recipient")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="sự kiện", ordering="event")
    def event_label(self, obj) -> str:
        event = EVENTS.get(obj.event)
        return event.label if event else obj.event

    @admin.display(description="lỗi gần nhất")
    def short_error(self, obj) -> str:
        return obj.last_error[:80]

    @admin.action(description="Gửi lại các thông báo đã chọn", permissions=["change"])
    def retry(self, request, queryset) -> None:
        retried, refused = 0, []
        for notification in queryset:
            try:
                notification_retry(notification=notification)
                retried += 1
            except ApplicationError as error:
                refused.append(f"{notification}: {error.detail}")
        if retried:
            self.message_user(request, f"Đã xếp gửi lại {retried} thông báo.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    def changelist_view(self, request, extra_context=None):
        counts = (
            Notification.objects.for_user(request.user)
            .values("event")
            .annotate(
                total=Count("id"),
                sent=Count("id", filter=Q(status=NotificationStatus.SENT)),
                pending=Count("id", filter=Q(status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING])),
                failed=Count("id", filter=Q(status=NotificationStatus.FAILED)),
            )
            .order_by("event")
        )
        rows = [
            {**row, "label": EVENTS[row["event"]].label if row["event"] in EVENTS else row["event"]} for row in counts
        ]
        return super().changelist_view(request, {**(extra_context or {}), "event_counts": rows})


@admin.register(InboxMessage)
class InboxMessageAdmin(admin.ModelAdmin):
    """Citizens' inboxes are private: only superusers may look, for support."""

    list_display = ("created_at", "recipient", "title", "read_at")
    list_select_related = ("recipient",)
    readonly_fields = (
        "public_id",
        "recipient",
        "notification",
        "event",
        "title",
        "body",
        "link",
        "created_at",
        "read_at",
    )
    show_full_result_count = False

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ZaloOAToken)
class ZaloOATokenAdmin(admin.ModelAdmin):
    """Shows when the OA token was refreshed and expires; the tokens themselves are never displayed."""

    list_display = ("app_id", "access_expires_at", "refreshed_at")
    fields = ("app_id", "access_expires_at", "refreshed_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False
