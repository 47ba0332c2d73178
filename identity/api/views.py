from django.contrib.auth import login
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from citizen_portal.api.exceptions import ApplicationError
from identity.api.serializers import ConsentInput, MeSerializer, ZaloLoginInput, ZaloPhoneInput
from identity.models import ConsentNotice
from identity.services import citizen_login_with_zalo_token, consent_give, phone_verify_from_zalo
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
    responses=inline_serializer("ZaloLogin", {"token": serializers.CharField(), "user": MeSerializer()}),
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([LoginThrottle])
def zalo_login(request: Request) -> Response:
    """Mini app login: send the Zalo access token from zmp-sdk `getAccessToken()`. We verify it with Zalo Graph
    ourselves and answer with an API token (use `Authorization: Token …`) and a session cookie."""
    data = ZaloLoginInput(data=request.data)
    data.is_valid(raise_exception=True)
    user, token = citizen_login_with_zalo_token(access_token=data.validated_data["access_token"])
    login(request._request, user, backend=MODEL_BACKEND)
    return Response({"token": token, "user": MeSerializer(user).data})


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


@extend_schema(request=ConsentInput, responses=MeSerializer)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def consent(request: Request) -> Response:
    """Agree to the current personal-data notice (its version is in `/me/` as `consent_required`)."""
    data = ConsentInput(data=request.data)
    data.is_valid(raise_exception=True)
    notice = ConsentNotice.current()
    if notice is None or notice.version != data.validated_data["version"]:
        raise ApplicationError("Phiên bản thông báo không còn hiệu lực; vui lòng tải lại.", code="consent_outdated")
    consent_give(user=request.user, notice=notice)
    return Response(MeSerializer(request.user).data)
