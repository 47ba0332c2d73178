"""Dossier API: the public catalogue, the citizen's own dossiers, and the officers' routes (HOUSE_STYLE §14-15:
separate viewsets, transitions as POST actions, the same services as the pages)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.models import Agency
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.api.inputs import validated
from dossiers.api.serializers import (
    AnswersInput,
    AssignInput,
    AttachmentInput,
    AttachmentSerializer,
    DoneInput,
    DossierDetailSerializer,
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
from dossiers.models import AttachmentKind, Dossier, DossierAttachment, DossierHistory, DossierSlip, Procedure
from dossiers.selectors import procedures_search
from dossiers.services import (
    attachment_add,
    attachment_remove,
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
    dossier_supplement_answer,
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
    """The signed-in citizen's dossiers only. One dossier (and every action's answer) comes with its form, papers,
    stored files, slips and what is still missing."""

    serializer_class = DossierSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        public_history = Prefetch("history", queryset=DossierHistory.objects.for_citizen())
        queryset = (
            Dossier.objects.for_citizen(self.request.user).select_related("procedure").prefetch_related(public_history)
        )
        if self.action != "list":
            queryset = queryset.select_related("receiving_agency").prefetch_related(
                Prefetch("attachments", queryset=DossierAttachment.objects.order_by("uploaded_at")),
                Prefetch("slips", queryset=DossierSlip.objects.order_by("created_at")),
            )
        return queryset

    def get_serializer_class(self):
        return DossierSerializer if self.action == "list" else DossierDetailSerializer

    def _fresh(self, dossier) -> dict:
        return DossierDetailSerializer(self.get_queryset().get(pk=dossier.pk)).data

    @extend_schema(request={"multipart/form-data": AttachmentInput}, responses={201: AttachmentSerializer})
    @action(detail=True, methods=["post"], url_path="attachments")
    def attachments(self, request, public_id=None):
        """Store one file for one paper (a draft), or for a supplement the office asked for. A refused file leaves
        nothing behind and what was stored before stays."""
        data = validated(AttachmentInput, request.data)
        dossier = self.get_object()
        if dossier.status == "draft":
            kind = AttachmentKind.CITIZEN
        elif dossier.status == "supplement_requested":
            kind = AttachmentKind.SUPPLEMENT
        else:
            raise ApplicationError(
                "Hồ sơ đã nộp; chỉ thêm giấy tờ khi cơ quan yêu cầu bổ sung.", code="not_editable", status_code=409
            )
        stored = attachment_add(
            dossier=dossier, user=request.user, document_key=data["document"], upload=data["file"], kind=kind
        )
        return Response(AttachmentSerializer(stored).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"attachments/(?P<attachment_id>[0-9a-f-]{36})")
    def attachment_delete(self, request, public_id=None, attachment_id=None):
        """Take back a file of a draft (or of a supplement not yet sent)."""
        attachment = get_object_or_404(DossierAttachment, dossier=self.get_object(), public_id=attachment_id)
        attachment_remove(attachment=attachment, citizen=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=DossierDetailSerializer)
    @action(detail=True, methods=["post"], url_path="supplement-done")
    def supplement_done(self, request, public_id=None):
        """The citizen has added what the office asked for: the office's clock restarts."""
        dossier = dossier_supplement_answer(dossier=self.get_object(), citizen=request.user)
        return Response(self._fresh(dossier))

    def get_permissions(self):
        if self.action in ("create", "submit"):
            return [permissions.IsAuthenticated(), RequiresLevel2()]  # a dossier is started and sent at level 2
        return super().get_permissions()

    @extend_schema(request=DraftStartInput, responses=DossierDetailSerializer)
    def create(self, request):
        data = DraftStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        procedure = get_object_or_404(Procedure.objects.published(), public_id=data.validated_data["procedure"])
        case = get_object_or_404(procedure.cases, pk=data.validated_data["case"])
        agency = get_object_or_404(Agency.objects.active(), identifier=data.validated_data["agency"])
        draft = dossier_draft_start(citizen=request.user, procedure=procedure, case=case, agency=agency)
        return Response(self._fresh(draft), status=201)

    @extend_schema(request=AnswersInput, responses=DossierDetailSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, public_id=None):
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = dossier_draft_save(dossier=self.get_object(), citizen=request.user, **data.validated_data)
        return Response(self._fresh(dossier))

    @extend_schema(request=SubmitInput, responses=DossierDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, public_id=None):
        data = SubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = dossier_submit(
            dossier=self.get_object(), citizen=request.user, submission_token=data.validated_data["submission_token"]
        )
        return Response(self._fresh(dossier))

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
