"""The dashboards' figures for other systems: the same selectors, scope and periods as the pages. Rates are fractions
0–1 (null when there is nothing to divide by); a period is `from`/`to` (local dates, both included), this month
when left out; `agency=<id>` and `ward=<code>` narrow it inside what the caller may see."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from citizen_portal.api.exceptions import ApplicationError
from dashboards import selectors as s
from dashboards.periods import period_from
from dashboards.scope import narrowed, scope_for

PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Ngày đầu kỳ (YYYY-MM-DD)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Ngày cuối kỳ (YYYY-MM-DD), tính cả ngày này"),
    OpenApiParameter("agency", OpenApiTypes.INT, description="Chỉ một cơ quan (mã số)"),
    OpenApiParameter("ward", OpenApiTypes.INT, description="Chỉ một phường, xã (mã)"),
]


class PeriodSerializer(serializers.Serializer):
    from_ = serializers.DateField(source="first")
    to = serializers.DateField(source="last")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


def _rate():
    return serializers.FloatField(allow_null=True, min_value=0, max_value=1)


class ChannelCountsSerializer(serializers.Serializer):
    online = serializers.IntegerField()
    in_person = serializers.IntegerField()
    post = serializers.IntegerField()


class DossierFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    received = serializers.IntegerField()
    received_by_channel = ChannelCountsSerializer()
    online_rate = _rate()
    on_time_rate = _rate()
    average_resolution_days = serializers.FloatField(allow_null=True)
    overdue_now = serializers.IntegerField()
    electronic_result_rate = _rate()
    online_payment_rate = _rate()
    digitisation_rate = _rate()
    reuse_rate = _rate()
    satisfaction = _rate()
    counts = serializers.DictField(child=serializers.IntegerField())


class ReportFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    received = serializers.IntegerField()
    resolved = serializers.IntegerField()
    on_time_rate = _rate()
    median_resolution_hours = serializers.IntegerField(allow_null=True)
    reopen_rate = _rate()
    average_rating = serializers.FloatField(allow_null=True)
    rated = serializers.IntegerField()


class QuestionFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    on_time_rate = _rate()
    helpful_rate = _rate()
    votes = serializers.IntegerField()


class ReachFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    snapshot_at = serializers.DateTimeField(allow_null=True)
    citizens = serializers.IntegerField(allow_null=True)
    level2_rate = _rate()
    over_45_rate = _rate()
    age_known = serializers.IntegerField(allow_null=True)
    new_citizens = serializers.IntegerField()
    visits = serializers.IntegerField()
    visits_by_channel = serializers.DictField(child=serializers.IntegerField())
    channel_mix = serializers.DictField(child=serializers.FloatField(allow_null=True))


class ShopWardSerializer(serializers.Serializer):
    ward = serializers.CharField()
    shops = serializers.IntegerField()


class ShopFiguresSerializer(serializers.Serializer):
    wards = ShopWardSerializer(many=True)


class SchoolSerializer(serializers.Serializer):
    school = serializers.CharField()
    collected = serializers.IntegerField()
    charges = serializers.IntegerField()


class TuitionFiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    schools = SchoolSerializer(many=True)


class FiguresView(APIView):
    """Signed-in staff with a figures role; the scope as on /bang-dieu-khien/."""

    permission_classes = [permissions.IsAuthenticated]

    def setting(self, request):
        scope = scope_for(request.user)
        if scope.is_empty:
            raise ApplicationError(
                "Tài khoản chưa được giao xem số liệu của cơ quan nào.", code="dashboard_not_allowed", status_code=403
            )
        params = request.query_params
        period = period_from({"from": params.get("from", ""), "to": params.get("to", ""), "ky": params.get("ky", "")})
        return narrowed(scope, agency=params.get("agency", ""), ward=params.get("ward", "")), period

    def respond(self, period, figures: dict) -> Response:
        response = Response({"period": {"from": period.first, "to": period.last}, **figures})
        response["Cache-Control"] = "private, no-store"
        return response


class DossierFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS, responses=DossierFiguresSerializer, operation_id="dashboards_dossiers")
    def get(self, request):
        scope, period = self.setting(request)
        return self.respond(period, s.dossier_figures(scope, period, now=timezone.now()))


class ReportFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS, responses=ReportFiguresSerializer, operation_id="dashboards_reports")
    def get(self, request):
        scope, period = self.setting(request)
        return self.respond(period, s.report_figures(scope, period))


class QuestionFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS, responses=QuestionFiguresSerializer, operation_id="dashboards_questions")
    def get(self, request):
        scope, period = self.setting(request)
        return self.respond(period, s.question_figures(scope, period))


class ReachFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS[:2], responses=ReachFiguresSerializer, operation_id="dashboards_reach")
    def get(self, request):
        _, period = self.setting(request)
        return self.respond(period, s.reach_figures(period))


class ShopFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS[2:], responses=ShopFiguresSerializer, operation_id="dashboards_shops")
    def get(self, request):
        scope, _ = self.setting(request)
        response = Response({"wards": s.shops_per_ward(scope)})
        response["Cache-Control"] = "private, no-store"
        return response


class TuitionFiguresView(FiguresView):
    @extend_schema(parameters=PARAMETERS, responses=TuitionFiguresSerializer, operation_id="dashboards_tuition")
    def get(self, request):
        scope, period = self.setting(request)
        return self.respond(period, {"schools": s.tuition_per_school(scope, period)})
