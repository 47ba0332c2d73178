"""Dossier API: the public catalogue, the citizen's own dossiers, and the officers' routes (HOUSE_STYLE §14-15:
separate viewsets, transitions as POST actions, the same services as the pages)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.models import Agency
from citizen_portal.api.inputs import validated
from dossiers.api.serializers import (
    AnswersInput,
    AssignInput,
    DoneInput,
    DossierSerializer,
    DraftStartInput,
    FeeInput,
    ItemsInput,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
    ReasonInput,
    RescheduleInput,
    SubmitInput,
)
from dossiers.models import Dossier, DossierHistory, Procedure
from dossiers.selectors import procedures_search
from dossiers.services import (
    dossier_assign,
    dossier_draft_save,
    dossier_draft_start,
    dossier_mark_done,
    dossier_receive,
    dossier_refuse,
    dossier_request_fee,
    dossier_request_supplement,
    dossier_reschedule,
    dossier_return_result,
    dossier_start_processing,
    dossier_stop,
    dossier_submit,
    dossier_withdraw,
)
from identity.permissions import RequiresLevel2


class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_field = "public_id"

    def get_queryset(self):
        queryset = procedures_search(
            query=self.request.query_params.get("q", ""), field_code=self.request.query_params.get("field", "")
        )
        return queryset.prefetch_related("cases__documents", "form_fields") if self.action == "retrieve" else queryset

    def get_serializer_class(self):
        return ProcedureDetailSerializer if self.action == "retrieve" else ProcedureListSerializer


class MyDossierViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in citizen's dossiers only."""

    serializer_class = DossierSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        public_history = Prefetch("history", queryset=DossierHistory.objects.for_citizen())
        return (
            Dossier.objects.for_citizen(self.request.user).select_related("procedure").prefetch_related(public_history)
        )

    def get_permissions(self):
        if self.action in ("create", "submit"):
            return [permissions.IsAuthenticated(), RequiresLevel2()]  # a dossier is started and sent at level 2
        return super().get_permissions()

    @extend_schema(request=DraftStartInput, responses=DossierSerializer)
    def create(self, request):
        data = DraftStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        procedure = get_object_or_404(Procedure.objects.published(), public_id=data.validated_data["procedure"])
        case = get_object_or_404(procedure.cases, pk=data.validated_data["case"])
        agency = get_object_or_404(Agency.objects.active(), identifier=data.validated_data["agency"])
        draft = dossier_draft_start(citizen=request.user, procedure=procedure, case=case, agency=agency)
        return Response(DossierSerializer(draft).data, status=201)

    @extend_schema(request=AnswersInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, public_id=None):
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = dossier_draft_save(dossier=self.get_object(), citizen=request.user, **data.validated_data)
        return Response(DossierSerializer(dossier).data)

    @extend_schema(request=SubmitInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, public_id=None):
        data = SubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = dossier_submit(
            dossier=self.get_object(), citizen=request.user, submission_token=data.validated_data["submission_token"]
        )
        return Response(DossierSerializer(dossier).data)

    @extend_schema(request=ReasonInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, public_id=None):
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            DossierSerializer(
                dossier_withdraw(dossier=self.get_object(), citizen=request.user, reason=data.validated_data["reason"])
            ).data
        )


class OfficerDossierViewSet(viewsets.ReadOnlyModelViewSet):
    """Dossiers of the officer's agencies (never drafts)."""

    serializer_class = DossierSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        return Dossier.objects.for_user(self.request.user).select_related("procedure").prefetch_related("history")

    def _done(self, dossier):
        return Response(DossierSerializer(Dossier.objects.get(pk=dossier.pk)).data)

    @extend_schema(request=None, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, public_id=None):
        dossier = self.get_object()
        return self._done(dossier_receive(dossier=dossier, officer=request.user))

    @extend_schema(request=ReasonInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, public_id=None):
        dossier = self.get_object()
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(dossier_refuse(dossier=dossier, officer=request.user, reason=data.validated_data["reason"]))

    @extend_schema(request=ItemsInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"], url_path="request-supplement")
    def request_supplement(self, request, public_id=None):
        dossier = self.get_object()
        data = ItemsInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            dossier_request_supplement(dossier=dossier, officer=request.user, items=data.validated_data["items"])
        )

    @extend_schema(request=None, responses=DossierSerializer)
    @action(detail=True, methods=["post"], url_path="start-processing")
    def start_processing(self, request, public_id=None):
        dossier = self.get_object()
        return self._done(dossier_start_processing(dossier=dossier, officer=request.user))

    def _input(self, serializer_class):
        return validated(serializer_class, self.request.data)

    @extend_schema(request=FeeInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"], url_path="request-fee")
    def request_fee(self, request, public_id=None):
        dossier = self.get_object()
        data = self._input(FeeInput)
        return self._done(dossier_request_fee(dossier=dossier, officer=request.user, amount=data["amount"]))

    @extend_schema(request=DoneInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"], url_path="mark-done")
    def mark_done(self, request, public_id=None):
        dossier = self.get_object()
        data = self._input(DoneInput)
        return self._done(
            dossier_mark_done(dossier=dossier, officer=request.user, electronic_result=data["electronic_result"])
        )

    @extend_schema(request=None, responses=DossierSerializer)
    @action(detail=True, methods=["post"], url_path="return-result")
    def return_result(self, request, public_id=None):
        dossier = self.get_object()
        return self._done(dossier_return_result(dossier=dossier, officer=request.user))

    @extend_schema(request=ReasonInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def stop(self, request, public_id=None):
        dossier = self.get_object()
        data = self._input(ReasonInput)
        return self._done(dossier_stop(dossier=dossier, officer=request.user, reason=data["reason"]))

    @extend_schema(request=RescheduleInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, public_id=None):
        dossier = self.get_object()
        data = self._input(RescheduleInput)
        return self._done(
            dossier_reschedule(
                dossier=dossier, officer=request.user, new_due_at=data["new_due_at"], reason=data["reason"]
            )
        )

    @extend_schema(request=AssignInput, responses=DossierSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, public_id=None):
        dossier = self.get_object()
        from identity.models import User

        data = self._input(AssignInput)
        agency = get_object_or_404(Agency.objects.active(), identifier=data["agency"])
        assignee = get_object_or_404(User, public_id=data["assignee"]) if data.get("assignee") else None
        dossier = dossier
        dossier_assign(
            dossier=dossier,
            officer=request.user,
            agency=agency,
            assignee=assignee,
            working_days=data["working_days"],
            note=data["note"],
        )
        return self._done(dossier)
