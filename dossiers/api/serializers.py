from rest_framework import serializers

from dossiers.models import Dossier, DossierHistory, Procedure, ProcedureCase, RequiredDocument


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

    class Meta(ProcedureListSerializer.Meta):
        fields = ProcedureListSerializer.Meta.fields + ["legal_basis", "fee_timing", "version", "cases", "form_fields"]

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
