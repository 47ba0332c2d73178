from django.contrib.auth import login
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from citizen_portal.api.exceptions import ApplicationError
from identity.api.serializers import (
    ConsentInput,
    DeleteAccountInput,
    MeSerializer,
    ZaloLocationInput,
    ZaloLoginInput,
    ZaloPhoneInput,
)
from identity.handoff import handoff_link
from identity.models import ApiToken, ConsentNotice
from identity.services import (
    account_delete,
    citizen_login_with_zalo_token,
    consent_give,
    location_from_zalo,
    personal_data_export,
    phone_verify_from_zalo,
)
from identity.tokens import api_token_revoke
from identity.views import MODEL_BACKEND


class LoginThrottle(AnonRateThrottle):
    rate = "30/min"


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def me(request: Request) -> Response:
    """The signed-in person's own account (never anyone else's)."""
    return Response(MeSerializer(request.user).data)


@extend_schema(
    request=ZaloLoginInput,
    responses=inline_serializer(
        "ZaloLogin",
        {
            "token": serializers.CharField(),
            "token_type": serializers.CharField(),
            "expires_at": serializers.DateTimeField(),
            "user": MeSerializer(),
        },
    ),
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([LoginThrottle])
def zalo_login(request: Request) -> Response:
    """Mini app login: send the Zalo access token from zmp-sdk `getAccessToken()`. We verify it with Zalo Graph
    ourselves and answer with an API token (`Authorization: Bearer …`) that expires at `expires_at`; after that
    (401 `token_expired`) the app signs in again the same way. Other clients also get a session cookie."""
    data = ZaloLoginInput(data=request.data)
    data.is_valid(raise_exception=True)
    user, key, token = citizen_login_with_zalo_token(
        access_token=data.validated_data["access_token"], client=request.headers.get("X-Client", "")
    )
    if request.headers.get("X-Client") != "zalo-miniapp":  # the mini app lives on its token; no session row for it
        login(request._request, user, backend=MODEL_BACKEND)
    return Response(
        {"token": key, "token_type": "Bearer", "expires_at": token.expires_at, "user": MeSerializer(user).data}
    )


@extend_schema(request=None, responses={204: None})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def logout(request: Request) -> Response:
    """Sign out this device: the bearer token used for this request stops working at once."""
    if isinstance(request.auth, ApiToken):  # the token this request was authenticated with, not a re-read header
        api_token_revoke(token=request.auth)
    return Response(status=204)


@extend_schema(
    request=None,
    responses=inline_serializer("WebLink", {"url": serializers.URLField(), "expires_in": serializers.IntegerField()}),
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def web_link(request: Request) -> Response:
    """A single-use link (2 minutes) that opens the web portal signed in as the same citizen, at the level-2 step:
    the mini app opens it with `openWebview` for the provincial SSO, which then links to this same account."""
    return Response({"url": handoff_link(request.user), "expires_in": 120})


@extend_schema(
    request=ZaloLocationInput,
    responses=inline_serializer(
        "ZaloLocation", {"latitude": serializers.FloatField(), "longitude": serializers.FloatField()}
    ),
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def zalo_location(request: Request) -> Response:
    """Turn the mini app's one-time location token (`getLocation()`) into coordinates, at Zalo Graph."""
    data = ZaloLocationInput(data=request.data)
    data.is_valid(raise_exception=True)
    latitude, longitude = location_from_zalo(**data.validated_data)
    return Response({"latitude": latitude, "longitude": longitude})


@extend_schema(responses=inline_serializer("PersonalData", {"data": serializers.DictField()}))
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def my_data(request: Request) -> Response:
    """Everything the portal holds about the signed-in citizen (the same export as "Dữ liệu của tôi")."""
    return Response({"data": personal_data_export(user=request.user)})


@extend_schema(request=DeleteAccountInput, responses={204: None})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def delete_me(request: Request) -> Response:
    """Delete the account (type "XOA" to confirm). Every token of the account stops working."""
    data = DeleteAccountInput(data=request.data)
    data.is_valid(raise_exception=True)
    if data.validated_data["confirm"].strip().upper() != "XOA":
        raise ApplicationError("Vui lòng gõ chữ XOA để xác nhận xoá tài khoản.", code="confirm_required")
    account_delete(user=request.user)
    return Response(status=204)


@extend_schema(request=ZaloPhoneInput, responses=MeSerializer)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def zalo_phone(request: Request) -> Response:
    """Store the phone number from the mini app's one-time token (`getPhoneNumber()`, valid 2 minutes)."""
    data = ZaloPhoneInput(data=request.data)
    data.is_valid(raise_exception=True)
    user = phone_verify_from_zalo(
        user=request.user,
        access_token=data.validated_data["access_token"],
        phone_token=data.validated_data["phone_token"],
    )
    return Response(MeSerializer(user).data)


@extend_schema(
    methods=["GET"],
    responses=inline_serializer(
        "ConsentNoticeText",
        {"version": serializers.CharField(), "title": serializers.CharField(), "text": serializers.CharField()},
    ),
)
@extend_schema(methods=["POST"], request=ConsentInput, responses=MeSerializer)
@api_view(["GET", "POST"])
@permission_classes([IsAuthenticated])
def consent(request: Request) -> Response:
    """GET: the current personal-data notice, to show in full before asking. POST: agree to it (its version is in
    `/me/` as `consent_required`)."""
    if request.method == "GET":
        notice = ConsentNotice.current()
        if notice is None:
            raise ApplicationError("Chưa có thông báo nào.", code="not_found", status_code=404)
        return Response({"version": notice.version, "title": notice.title, "text": notice.text})
    data = ConsentInput(data=request.data)
    data.is_valid(raise_exception=True)
    notice = ConsentNotice.current()
    if notice is None or notice.version != data.validated_data["version"]:
        raise ApplicationError("Phiên bản thông báo không còn hiệu lực; vui lòng tải lại.", code="consent_outdated")
    consent_give(user=request.user, notice=notice)
    return Response(MeSerializer(request.user).data)
