"""Field report API (HOUSE_STYLE §14-15): public reads, the citizen's own reports, and the officers' routes apart;
transitions as POST actions calling the same services as the pages and the back office."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from agencies.models import Agency, Ward
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.api.inputs import validated
from citizen_portal.api.pagination import NewestFirstCursorPagination
from identity.models import User
from reports.api.serializers import (
    AnswerInput,
    CategoryInput,
    CategorySerializer,
    DuplicateInput,
    FollowInput,
    MyReportSerializer,
    NearbyInput,
    NearbySerializer,
    OfficerReportSerializer,
    OptionalTextInput,
    PublicReportSerializer,
    RateInput,
    ReportAssignInput,
    ReportCreateInput,
    TextInput,
    TransferInput,
)
from reports.models import Category, Report
from reports.selectors import public_reports, report_for_viewer, with_photos
from reports.services import (
    open_reports_near,
    report_assign,
    report_change_category,
    report_close,
    report_draft_create,
    report_follow,
    report_mark_duplicate,
    report_note_add,
    report_provide_info,
    report_rate,
    report_reject,
    report_reopen,
    report_request_info,
    report_resolve,
    report_start,
    report_submit,
    report_transfer,
    report_unfollow,
)
from reports.views import submission_allowed


def _input(serializer_class, request):
    return validated(serializer_class, request.data)


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = CategorySerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return Category.objects.reportable().select_related("parent").order_by("parent__order", "order")


class PublicReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Public reports with their answers. Filters: `group` (category group slug), `ward` (ward code), `status`
    (open/closed), `q` (search, diacritics ignored)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = PublicReportSerializer
    lookup_field = "code"
    pagination_class = NewestFirstCursorPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("group", str),
            OpenApiParameter("ward", int),
            OpenApiParameter("status", str, enum=["open", "closed"]),
            OpenApiParameter("q", str),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        ward = Ward.objects.filter(code=params["ward"]).first() if params.get("ward", "").isdigit() else None
        return public_reports(
            group=params.get("group"), ward=ward, status=params.get("status"), query=params.get("q", "")
        )

    def retrieve(self, request, code=None):
        report = report_for_viewer(request.user, code)
        if report is None or not report.category.publicly_visible:
            raise ApplicationError("Không tìm thấy phản ánh.", code="not_found", status_code=404)
        return Response(PublicReportSerializer(report, context={"with_timeline": True}).data)

    @extend_schema(parameters=[NearbyInput], responses=NearbySerializer(many=True))
    @action(detail=False, methods=["get"])
    def nearby(self, request):
        """Open public reports of the category near a point: offer "me too" before filing a new one."""
        data = validated(NearbyInput, request.query_params)
        found = open_reports_near(category=data["category"], latitude=data["latitude"], longitude=data["longitude"])
        return Response(NearbySerializer(found, many=True).data)

    @extend_schema(request=FollowInput, responses=None)
    @action(detail=True, methods=["post", "delete"], permission_classes=[permissions.IsAuthenticated])
    def follow(self, request, code=None):
        report = report_for_viewer(request.user, code)
        if report is None:
            raise ApplicationError("Không tìm thấy phản ánh.", code="not_found", status_code=404)
        if request.method == "DELETE":
            report_unfollow(report=report, user=request.user)
            return Response(status=204)
        report_follow(report=report, user=request.user, me_too=_input(FollowInput, request)["me_too"])
        return Response({"following": True})


class MyReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The signed-in citizen's reports. POST (multipart, with `photos`) files and sends one in a single call;
    look at `nearby` first to offer "me too"."""

    serializer_class = MyReportSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return with_photos(
            Report.objects.for_reporter(self.request.user)
            .submitted()
            .select_related("category__parent", "ward", "agency", "duplicate_of")
        ).order_by("-received_at")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "with_timeline": self.action != "list"}

    @extend_schema(request=ReportCreateInput, responses={201: MyReportSerializer})
    def create(self, request):
        data = _input(ReportCreateInput, request)
        if not submission_allowed(request):
            raise Throttled(detail="Bạn đã gửi nhiều phản ánh trong một giờ qua. Vui lòng thử lại sau.")
        ward = None
        if data["ward"] is not None:
            ward = Ward.objects.filter(code=data["ward"], province_id=settings.HOME_PROVINCE_CODE).first()
            if ward is None:
                raise ApplicationError("Xã, phường không hợp lệ.", code="ward_invalid")
        draft = report_draft_create(
            reporter=request.user,
            category=data["category"],
            description=data["description"],
            photos=request.FILES.getlist("photos"),
            latitude=data["latitude"],
            longitude=data["longitude"],
            address=data["address"],
            ward=ward,
            show_name=data["show_name"],
            source="api",
        )
        report = report_submit(report=draft, reporter=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data, status=201)

    @extend_schema(request=TextInput, responses=MyReportSerializer)
    @action(detail=True, methods=["post"], url_path="provide-info")
    def provide_info(self, request, code=None):
        report = report_provide_info(report=self.get_object(), reporter=request.user, **_input(TextInput, request))
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(request=RateInput, responses=MyReportSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, code=None):
        report = report_rate(report=self.get_object(), reporter=request.user, **_input(RateInput, request))
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)


class OfficerReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports of the officer's agencies, late ones first."""

    serializer_class = OfficerReportSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        reports = Report.objects.for_user(self.request.user).select_related(
            "category__parent", "ward", "agency", "duplicate_of", "assignee"
        )
        status = self.request.query_params.get("status")
        if status:
            reports = reports.filter(status=status)
        return with_photos(reports).overdue_first()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "with_timeline": self.action != "list"}

    def _done(self, report):
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(request=ReportAssignInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, code=None):
        report = self.get_object()
        data = _input(ReportAssignInput, request)
        assignee = get_object_or_404(User, public_id=data["assignee"]) if data["assignee"] else None
        return self._done(report_assign(report=report, officer=request.user, assignee=assignee))

    @extend_schema(request=None, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, code=None):
        report = self.get_object()
        return self._done(report_start(report=report, officer=request.user))

    @extend_schema(request=TextInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"], url_path="request-info")
    def request_info(self, request, code=None):
        report = self.get_object()
        text = _input(TextInput, request)["text"]
        return self._done(report_request_info(report=report, officer=request.user, question=text))

    @extend_schema(request=AnswerInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, code=None):
        report = self.get_object()
        data = _input(AnswerInput, request)
        data["photos"] = request.FILES.getlist("photos")
        return self._done(report_resolve(report=report, officer=request.user, **data))

    @extend_schema(request=AnswerInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, code=None):
        report = self.get_object()
        data = _input(AnswerInput, request)
        data.pop("photos")
        return self._done(report_reject(report=report, officer=request.user, **data))

    @extend_schema(request=DuplicateInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"], url_path="mark-duplicate")
    def mark_duplicate(self, request, code=None):
        report = self.get_object()
        data = _input(DuplicateInput, request)
        original = Report.objects.submitted().filter(code=data["original"]).first()
        if original is None:
            raise ApplicationError("Không tìm thấy phản ánh gốc.", code="original_invalid")
        return self._done(
            report_mark_duplicate(report=report, officer=request.user, original=original, answer=data["answer"])
        )

    @extend_schema(request=TransferInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, code=None):
        report = self.get_object()
        data = _input(TransferInput, request)
        agency = Agency.objects.filter(identifier=data["agency"]).first()
        if agency is None:
            raise ApplicationError("Không tìm thấy cơ quan nhận.", code="agency_invalid")
        report = report_transfer(report=report, officer=request.user, agency=agency, note=data["note"])
        return Response(OfficerReportSerializer(report, context=self.get_serializer_context()).data)

    @extend_schema(request=CategoryInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"], url_path="change-category")
    def change_category(self, request, code=None):
        report = self.get_object()
        category = _input(CategoryInput, request)["category"]
        return self._done(report_change_category(report=report, officer=request.user, category=category))

    @extend_schema(request=OptionalTextInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, code=None):
        report = self.get_object()
        text = _input(OptionalTextInput, request)["text"]
        return self._done(report_reopen(report=report, officer=request.user, note=text))

    @extend_schema(request=OptionalTextInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, code=None):
        report = self.get_object()
        text = _input(OptionalTextInput, request)["text"]
        return self._done(report_close(report=report, officer=request.user, note=text))

    @extend_schema(request=TextInput, responses=OfficerReportSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, code=None):
        report = self.get_object()
        report = report
        report_note_add(report=report, officer=request.user, note=_input(TextInput, request)["text"])
        return self._done(report)
