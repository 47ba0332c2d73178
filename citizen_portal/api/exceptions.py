"""One error format for the whole API (HOUSE_STYLE §16).

Every error body is `{"code", "title", "detail", "errors"}`: `code` is stable for clients to switch on, `title`
and `detail` are plain Vietnamese a mini app may show to a citizen, `errors` maps field names to messages
(present only for validation errors).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)

TITLES = {
    "validation_error": "Dữ liệu không hợp lệ",
    "parse_error": "Không đọc được dữ liệu gửi lên",
    "not_authenticated": "Cần đăng nhập",
    "authentication_failed": "Đăng nhập không thành công",
    "token_invalid": "Cần đăng nhập lại",
    "token_expired": "Cần đăng nhập lại",
    "token_revoked": "Cần đăng nhập lại",
    "permission_denied": "Không có quyền truy cập",
    "not_found": "Không tìm thấy",
    "method_not_allowed": "Phương thức không được hỗ trợ",
    "not_acceptable": "Định dạng không được hỗ trợ",
    "unsupported_media_type": "Kiểu dữ liệu không được hỗ trợ",
    "throttled": "Quá nhiều yêu cầu, vui lòng thử lại sau",
    "server_error": "Lỗi hệ thống",
}
# A business rule's refusal is not a system error: its title follows the status when its code has none.
STATUS_TITLES = {
    400: "Yêu cầu chưa thực hiện được",
    403: "Không có quyền thực hiện",
    404: "Không tìm thấy",
    409: "Chưa thực hiện được ở bước này",
    429: "Quá nhiều yêu cầu, vui lòng thử lại sau",
    503: "Hệ thống đang bận, vui lòng thử lại sau",
}


class ApplicationError(exceptions.APIException):
    """A business rule refused the request; services raise it with a stable code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "application_error"
    default_detail = "Yêu cầu không thể thực hiện."

    def __init__(self, detail: str, *, code: str, title: str | None = None, status_code: int | None = None):
        super().__init__(detail=detail, code=code)
        self.title = title
        if status_code is not None:
            self.status_code = status_code


def _code_for(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "validation_error"
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def error_body(*, code: str, detail: str, title: str | None = None, errors: dict | None = None) -> dict:
    body = {"code": code, "title": title or TITLES.get(code, TITLES["server_error"]), "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {
            field: _field_errors(messages) if isinstance(messages, dict) else [str(m) for m in _as_list(messages)]
            for field, messages in detail.items()
        }
    return {"non_field_errors": [str(m) for m in _as_list(detail)]}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def exception_handler(exc: Exception, context: dict) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, (OperationalError, InterfaceError)):  # the database is away for a moment: say so, 503
        from citizen_portal.middleware import outage_response

        set_rollback()
        return outage_response(context["request"])
    if not isinstance(exc, exceptions.APIException):
        logger.exception("Unhandled error in API view", exc_info=exc)
        set_rollback()
        return Response(
            error_body(code="server_error", detail="Đã có lỗi xảy ra. Dữ liệu của bạn không bị thay đổi."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    code = _code_for(exc)
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            code=code, detail="Vui lòng kiểm tra lại các trường được đánh dấu.", errors=_field_errors(exc.detail)
        )
    else:
        title = getattr(exc, "title", None) or TITLES.get(code) or STATUS_TITLES.get(exc.status_code)
        body = error_body(code=code, detail=str(exc.detail), title=title)

    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)
