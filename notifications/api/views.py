"""The citizen's inbox for the mini app: every message the portal sent them, newest first, and marking them read.
Links are the web portal's paths; the mini app's router opens the same paths."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications.models import InboxMessage
from notifications.services import inbox_mark_all_read, inbox_mark_read


class InboxMessageSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = InboxMessage
        fields = ["public_id", "event", "title", "body", "link", "created_at", "read"]

    def get_read(self, message) -> bool:
        return message.read_at is not None


class MyInboxViewSet(viewsets.ReadOnlyModelViewSet):
    """`?unread=1` for the unread ones only. Opening one (GET) marks it read."""

    serializer_class = InboxMessageSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"
    queryset = InboxMessage.objects.none()  # for the schema; requests read get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InboxMessage.objects.none()
        queryset = InboxMessage.objects.for_user(self.request.user)
        return queryset.unread() if self.request.query_params.get("unread") else queryset

    def retrieve(self, request, *args, **kwargs):
        message = self.get_object()
        inbox_mark_read(user=request.user, message=message)
        message.refresh_from_db(fields=["read_at"])
        return Response(self.get_serializer(message).data)

    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": inbox_mark_all_read(user=request.user)})
