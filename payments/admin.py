"""The back office for money: invoices and payments of the officer's agencies (read-only records; the only writes
are confirming a transfer and refunding, each through its service), receipts, the bank list and collection
accounts."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from agencies.models import Agency
from citizen_portal.admin import CappedPaginator, ReadOnlyTabularInline
from citizen_portal.backoffice import CaseWorkspaceAdmin, OfficerAction
from citizen_portal.text import format_vnd
from payments.models import (
    Bank,
    CollectionAccount,
    Gateway,
    GatewayEvent,
    Invoice,
    InvoiceHistory,
    InvoiceLine,
    PaymentAttempt,
    Receipt,
    Refund,
)
from payments.services import refund_request, transfer_confirm
from payments.workflow import AttemptStatus


class ConfirmTransferForm(forms.Form):
    bank_transaction = forms.CharField(
        label="Mã giao dịch trên sao kê ngân hàng (nếu có)", required=False, max_length=64
    )


class RefundForm(forms.Form):
    amount = forms.IntegerField(label="Số tiền hoàn (đồng)", min_value=1)
    reason = forms.CharField(label="Lý do hoàn tiền", widget=forms.Textarea(attrs={"rows": 3}))


ATTEMPT_ACTIONS = {
    action.key: action
    for action in [
        OfficerAction(
            key="xac-nhan-chuyen-khoan",
            title="Xác nhận đã nhận chuyển khoản",
            button="Xác nhận đã nhận tiền",
            form_class=ConfirmTransferForm,
            allowed=lambda a: (
                a.gateway == Gateway.VIETQR and a.status in (AttemptStatus.PENDING, AttemptStatus.EXPIRED)
            ),
            run=lambda a, o, f: transfer_confirm(
                attempt=a, officer=o, bank_transaction=f.cleaned_data["bank_transaction"]
            ),
            help="Chỉ xác nhận khi sao kê tài khoản thu đã có khoản tiền đúng số tiền và đúng nội dung chuyển khoản.",
            permission="payments.confirm_transfer",
        ),
        OfficerAction(
            key="hoan-tien",
            title="Hoàn tiền",
            button="Hoàn tiền",
            form_class=RefundForm,
            allowed=lambda a: a.status == AttemptStatus.PAID,
            run=lambda a, o, f: _refund(a, o, f),
            help="Tiền được trả lại qua cổng thanh toán đã dùng; người nộp nhận thông báo.",
            danger=True,
            permission="payments.refund_payment",
            form_kwargs=lambda a, o: {"initial": {"amount": a.amount - a.refunded_amount}},
        ),
    ]
}


def _refund(attempt, officer, form):
    from citizen_portal.api.exceptions import ApplicationError

    refund = refund_request(
        attempt=attempt, officer=officer, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"]
    )
    if refund.status == Refund.Status.FAILED:
        # Recorded for the audit, and said plainly: the money has not gone back.
        raise ApplicationError(f"Chưa hoàn được tiền: {refund.message}", code="refund_failed")
    return refund


@admin.display(description="số tiền", ordering="amount")
def _amount_column(obj) -> str:
    return format_vnd(obj.amount)


class ScopedToAgencies:
    agency_path = "payee"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.agency_path}__in": Agency.objects.handled_by(request.user)})

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InvoiceLineInline(ReadOnlyTabularInline):
    model = InvoiceLine
    fields = ("label", "amount")


class InvoiceHistoryInline(ReadOnlyTabularInline):
    model = InvoiceHistory
    fields = ("at", "from_status", "to_status", "actor", "note")


class ReceiptInline(ReadOnlyTabularInline):
    model = Receipt
    fields = ("number", "year", "amount", "method", "paid_at", "refunded_at")


@admin.register(Invoice)
class InvoiceAdmin(ScopedToAgencies, admin.ModelAdmin):
    list_display = ("code", "description", "payer_name", _amount_column, "status", "due_date", "created_at")
    list_filter = ("status", "purpose")
    search_fields = ("code", "payer_name", "description", "=subject_key")
    list_select_related = ("payee",)
    readonly_fields = [f.name for f in Invoice._meta.fields]
    inlines = [InvoiceLineInline, ReceiptInline, InvoiceHistoryInline]
    paginator = CappedPaginator
    show_full_result_count = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class GatewayEventInline(ReadOnlyTabularInline):
    model = GatewayEvent
    fields = ("received_at", "kind", "verified", "outcome", "raw")


class RefundInline(ReadOnlyTabularInline):
    model = Refund
    fields = ("created_at", "amount", "reason", "requested_by", "status", "gateway_refund_id", "message")


class NeedsRefundFilter(admin.SimpleListFilter):
    title = "cần xử lý"
    parameter_name = "can"

    def lookups(self, request, model_admin):
        return [("hoan-tien", "Cần hoàn tiền"), ("chuyen-khoan", "Chuyển khoản chờ xác nhận")]

    def queryset(self, request, queryset):
        if self.value() == "hoan-tien":
            return queryset.filter(needs_refund=True)
        if self.value() == "chuyen-khoan":
            return queryset.filter(gateway=Gateway.VIETQR, status=AttemptStatus.PENDING)
        return queryset


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(CaseWorkspaceAdmin, admin.ModelAdmin):
    actions_registry = ATTEMPT_ACTIONS
    workspace_template = "admin/payments/paymentattempt/workspace.html"
    status_word = "Giao dịch"
    list_display = ("reference", "gateway", _amount_column, "status", "flag", "created_at")
    list_filter = (NeedsRefundFilter, "status", "gateway")
    search_fields = ("reference", "gateway_txn_id")
    paginator = CappedPaginator
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return PaymentAttempt.objects.for_user(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="cần hoàn tiền")
    def flag(self, obj):
        return format_html('<strong class="due late">{}</strong>', obj.needs_refund_reason) if obj.needs_refund else ""

    def workspace_context(self, case, user) -> dict:
        return {
            "attempt": case,
            "invoices": case.invoices.select_related("payee"),
            "events": case.events.all(),
            "refunds": case.refunds.select_related("requested_by"),
            "receipts": case.receipts.select_related("agency"),
        }


@admin.register(Receipt)
class ReceiptAdmin(ScopedToAgencies, admin.ModelAdmin):
    agency_path = "agency"
    list_display = ("number", "year", "payer_name", "amount", "method", "paid_at", "refunded_at")
    list_filter = ("year",)
    search_fields = ("payer_name", "description")
    readonly_fields = [f.name for f in Receipt._meta.fields if f.name != "token"]
    exclude = ("token",)
    paginator = CappedPaginator
    show_full_result_count = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ("short_name", "bin", "name", "is_active")
    search_fields = ("short_name", "name", "bin")


@admin.register(CollectionAccount)
class CollectionAccountAdmin(admin.ModelAdmin):
    list_display = ("agency", "bank", "account_number", "account_name")
    autocomplete_fields = ("agency",)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("agency", "bank")
        return (
            queryset
            if request.user.is_superuser
            else queryset.filter(agency__in=Agency.objects.headed_by(request.user))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency" and not request.user.is_superuser:
            kwargs["queryset"] = Agency.objects.headed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
