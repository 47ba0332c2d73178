from rest_framework import serializers

from dossiers.downloads import signed_url
from dossiers.models import (
    Dossier,
    DossierAttachment,
    DossierHistory,
    DossierSlip,
    Procedure,
    ProcedureCase,
    RequiredDocument,
)


class RequiredDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["key", "name", "required", "copies", "accepted_types"]


class ProcedureCaseSerializer(serializers.ModelSerializer):
    documents = RequiredDocumentSerializer(many=True, read_only=True)
    duration_text = serializers.CharField(read_only=True)

    class Meta:
        model = ProcedureCase
        fields = ["id", "name", "duration", "duration_unit", "duration_text", "documents"]


class ProcedureListSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.name")

    class Meta:
        model = Procedure
        fields = ["public_id", "code", "name", "field", "online_level", "fee_amount", "result_type"]


class ProcedureDetailSerializer(ProcedureListSerializer):
    cases = ProcedureCaseSerializer(many=True, read_only=True)
    form_fields = serializers.SerializerMethodField()
    agencies = serializers.SerializerMethodField(help_text="where it may be submitted (identifier, name)")
    suggested_agency = serializers.SerializerMethodField(
        help_text="the office to offer first: the only one, the citizen's last choice, or their ward's; else null"
    )

    class Meta(ProcedureListSerializer.Meta):
        fields = ProcedureListSerializer.Meta.fields + [
            "legal_basis",
            "fee_timing",
            "version",
            "cases",
            "form_fields",
            "agencies",
            "suggested_agency",
        ]

    def _agencies(self, procedure) -> list:
        if not hasattr(self, "_agency_list"):
            from agencies.models import Agency

            self._agency_list = (
                [procedure.agency]
                if procedure.agency_id
                else list(Agency.objects.active().filter(kind=procedure.agency_kind).order_by("name"))
            )
        return self._agency_list

    def get_agencies(self, procedure) -> list[dict]:
        return [{"identifier": a.identifier, "name": a.name} for a in self._agencies(procedure)]

    def get_suggested_agency(self, procedure) -> str | None:
        from dossiers.selectors import agency_near

        request = self.context.get("request")
        agencies = self._agencies(procedure)
        chosen = agency_near(request.user if request else None, agencies) if request else None
        return next((a.identifier for a in agencies if a.pk == chosen), None)

    def get_form_fields(self, procedure) -> list[dict]:
        return [
            {
                "key": f.key,
                "section": f.section,
                "label": f.label,
                "type": f.type,
                "required": f.required,
                "choices": f.choices,
                "help_text": f.help_text,
            }
            for f in procedure.form_fields.all()
        ]


class HistorySerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="to_status")
    status_display = serializers.CharField(source="get_to_status_display")

    class Meta:
        model = DossierHistory
        fields = ["status", "status_display", "note", "at"]


class DossierSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.name")
    status_display = serializers.CharField(source="get_status_display")
    national_status_code = serializers.IntegerField(read_only=True)
    due_at = serializers.DateTimeField(source="effective_due_at", read_only=True)
    history = HistorySerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "public_id",
            "code",
            "procedure",
            "status",
            "status_display",
            "national_status_code",
            "submitted_at",
            "received_at",
            "due_at",
            "finished_at",
            "returned_at",
            "fee_amount",
            "answers",
            "history",
        ]


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField(help_text="signed for 10 minutes: open it with openWebview/downloadFile")

    class Meta:
        model = DossierAttachment
        fields = ["public_id", "document_key", "kind", "name", "size", "content_type", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        return signed_url("dossiers:attachment", attachment.public_id)


class SlipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_form_display")
    url = serializers.SerializerMethodField(help_text="signed for 10 minutes")

    class Meta:
        model = DossierSlip
        fields = ["public_id", "form", "name", "url"]

    def get_url(self, slip) -> str:
        return signed_url("dossiers:slip", slip.public_id)


class DossierDetailSerializer(DossierSerializer):
    """One dossier with what the mini app needs to fill, check and follow it: the form and papers it was started
    with, the files stored, the slips issued, and, for a draft, everything still missing in plain words."""

    procedure_id = serializers.UUIDField(source="procedure.public_id", read_only=True)
    agency = serializers.CharField(source="receiving_agency.name", read_only=True)
    fields_spec = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)
    slips = SlipSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField()
    verified_fields = serializers.SerializerMethodField(
        help_text="answers taken from the verified identity: shown, not editable (the server keeps them)"
    )

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + [
            "verified_fields",
            "procedure_id",
            "agency",
            "fields_spec",
            "documents",
            "attachments",
            "slips",
            "missing",
        ]

    def get_fields_spec(self, dossier) -> list[dict]:
        return [{k: v for k, v in f.items() if k != "prefill"} for f in dossier.procedure_snapshot.get("fields", [])]

    def get_verified_fields(self, dossier) -> list[str]:
        from dossiers.services import verified_answers

        if dossier.status != "draft" or dossier.citizen is None:
            return []
        return sorted(verified_answers(dossier.citizen, dossier.procedure_snapshot.get("fields", [])))

    def get_documents(self, dossier) -> list[dict]:
        return dossier.procedure_snapshot.get("documents", [])

    def get_missing(self, dossier) -> list[dict]:
        from dossiers.services import submission_gaps

        if dossier.status != "draft":
            return []
        return [{"text": g.text, "field": g.field_key, "document": g.document_key} for g in submission_gaps(dossier)]


class AttachmentInput(serializers.Serializer):
    document = serializers.CharField(max_length=64, help_text="the paper's key (documents[].key)")
    file = serializers.FileField(help_text="PDF, JPEG or PNG (iPhone HEIC photos are converted), up to 10 MB")


class DraftStartInput(serializers.Serializer):
    procedure = serializers.UUIDField()
    case = serializers.IntegerField()
    agency = serializers.CharField(help_text="the receiving agency's identifier")


class AnswersInput(serializers.Serializer):
    answers = serializers.DictField()
    section = serializers.CharField(required=False)


class SubmitInput(serializers.Serializer):
    submission_token = serializers.UUIDField(help_text="a fresh UUID per submit button; repeat it on retries")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ItemsInput(serializers.Serializer):
    items = serializers.ListField(child=serializers.CharField(), min_length=1)


class FeeInput(serializers.Serializer):
    amount = serializers.IntegerField(min_value=1)


class DoneInput(serializers.Serializer):
    electronic_result = serializers.BooleanField(default=False)


class RescheduleInput(serializers.Serializer):
    new_due_at = serializers.DateTimeField()
    reason = serializers.CharField()


class AssignInput(serializers.Serializer):
    agency = serializers.CharField(help_text="identifier of the agency that takes the step")
    assignee = serializers.UUIDField(required=False, help_text="public id of the officer, if one is named")
    working_days = serializers.FloatField(min_value=0.1)
    note = serializers.CharField(required=False, allow_blank=True, default="")
