"""The one-stop shop's back office for dossiers, scoped to the officer's agencies, and the procedure catalogue.
Status never changes here except through the services (actions)."""

from django.contrib import admin, messages

from citizen_portal.admin import FoldedSearchMixin
from citizen_portal.api.exceptions import ApplicationError
from dossiers.models import (
    Dossier,
    DossierAccess,
    DossierAttachment,
    DossierHistory,
    FormField,
    Procedure,
    ProcedureCase,
    ProcedureField,
    RequiredDocument,
)
from dossiers.services import dossier_receive, dossier_return_result, dossier_start_processing
from dossiers.workflow import DossierStatus


class ProcedureCaseInline(admin.TabularInline):
    model = ProcedureCase
    extra = 0


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0
    fields = ("order", "section", "key", "label", "type", "required", "prefill")


@admin.register(Procedure)
class ProcedureAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "field", "online_level", "fee_amount", "version", "is_active")
    list_filter = ("field", "online_level", "is_active")
    list_select_related = ("field",)
    readonly_fields = ("version",)
    inlines = [ProcedureCaseInline, FormFieldInline]


@admin.register(ProcedureCase)
class ProcedureCaseAdmin(admin.ModelAdmin):
    list_display = ("name", "procedure", "duration", "duration_unit")
    list_select_related = ("procedure",)
    inlines = [type("RequiredDocumentInline", (admin.TabularInline,), {"model": RequiredDocument, "extra": 0})]


admin.site.register(ProcedureField)


class HistoryInline(admin.TabularInline):
    model = DossierHistory
    extra = 0
    can_delete = False
    fields = ("at", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    model = DossierAttachment
    extra = 0
    can_delete = False
    fields = ("kind", "document_key", "original_name", "content_type", "size", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _run(modeladmin, request, queryset, service, done_message):
    done = 0
    for dossier in queryset:
        try:
            service(dossier=dossier, officer=request.user)
            done += 1
        except ApplicationError as error:
            modeladmin.message_user(request, f"{dossier}: {error.detail}", messages.WARNING)
    if done:
        modeladmin.message_user(request, done_message.format(done), messages.SUCCESS)


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("code", "procedure", "citizen", "status", "received_at", "due_at")
    list_filter = ("status", "procedure__field", "channel")
    list_select_related = ("procedure", "citizen")
    search_fields = ("code", "citizen__full_name", "citizen__phone")
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    actions = ["receive", "start_processing", "return_result"]
    inlines = [AttachmentInline, HistoryInline]
    exclude = ("submission_token",)

    def get_queryset(self, request):
        return Dossier.objects.for_user(request.user).select_related("procedure", "citizen", "receiving_agency")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Dossier._meta.fields if f.name != "submission_token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dossier = self.get_queryset(request).filter(pk=object_id).first()
        if dossier is not None:
            DossierAccess.objects.create(dossier=dossier, user=request.user)  # who looked, when
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Tiếp nhận (cấp mã, hẹn trả)", permissions=["change"])
    def receive(self, request, queryset):
        _run(self, request, queryset.filter(status=DossierStatus.SUBMITTED), dossier_receive, "Đã tiếp nhận {} hồ sơ.")

    @admin.action(description="Chuyển xử lý", permissions=["change"])
    def start_processing(self, request, queryset):
        _run(self, request, queryset, dossier_start_processing, "Đã chuyển xử lý {} hồ sơ.")

    @admin.action(description="Đã trả kết quả", permissions=["change"])
    def return_result(self, request, queryset):
        _run(self, request, queryset, dossier_return_result, "Đã trả kết quả {} hồ sơ.")
