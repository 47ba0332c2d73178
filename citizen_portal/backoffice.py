"""The shape every case workspace in the back office shares (a dossier, a field report, and the utilities to come):
one page per case, the actions its workflow allows from the current status, each a small form posted to its own
URL and running one service. Utilities describe their actions and their page; this module wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from citizen_portal.api.exceptions import ApplicationError


class NoteForm(forms.Form):
    """An internal note on a case: colleagues read it, the person who filed it never does."""

    note = forms.CharField(
        label="Ghi chú nội bộ (người dân không thấy)", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class TakeOnForm(forms.Form):
    """Take a case on, or give it to a colleague who works in the case's agency (officers and heads)."""

    assignee = forms.ModelChoiceField(label="Giao cho cán bộ (để trống: tôi nhận)", queryset=None, required=False)

    def __init__(self, *args, agency_id: int, **kwargs):
        from identity.models import User

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            is_active=True, memberships__agency=agency_id, memberships__role__in=["officer", "head"]
        ).order_by("full_name")
        self.fields["assignee"].label_from_instance = lambda user: user.full_name or user.username


class TransferForm(forms.Form):
    """Hand a case to the agency that should answer it."""

    agency = forms.ModelChoiceField(label="Chuyển tới cơ quan", queryset=None)
    note = forms.CharField(label="Lý do chuyển (nội bộ)", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, **kwargs):
        from agencies.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active()


class NoFieldsForm(forms.Form):
    """Actions that need nothing but the officer's click (receive, start, return the result)."""


@dataclass(frozen=True)
class OfficerAction:
    key: str  # the URL segment: /admin/<app>/<model>/<pk>/xu-ly/<key>/
    title: str
    button: str
    form_class: type[forms.Form]
    allowed: Callable[[object], bool]  # from the case's current status (workflow.py)
    run: Callable[[object, object, forms.Form], object]  # (case, officer, valid form) → one service call
    help: str = ""
    danger: bool = False
    # A permission the officer needs besides changing the case (refunds); without it the action is not offered.
    permission: str = ""
    # Extra arguments a form needs to build itself from the case (choices, initial values).
    form_kwargs: Callable[[object, object], dict] = field(default=lambda case, officer: {})

    def form(self, case, officer, data=None, files=None) -> forms.Form:
        return self.form_class(data, files, prefix=self.key, **self.form_kwargs(case, officer))


class CaseWorkspaceAdmin:
    """A ModelAdmin mixin: the change page becomes the workspace, and `<pk>/xu-ly/<action>/` runs one action.
    Subclasses set `actions_registry` (key → OfficerAction), `workspace_template`, `status_word` (how a refusal
    names the case) and implement `case_queryset(request)` and `workspace_context(case, user)`."""

    actions_registry: dict[str, OfficerAction] = {}
    workspace_template = ""
    status_word = "Hồ sơ"

    def case_queryset(self, request):
        return self.get_queryset(request)

    def action_checkbox(self, obj):
        """The queue's row checkbox, written out: the admin renders a form widget through the template engine for
        every row, a fifth of the whole queue page's time. Same markup, same label."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def workspace_context(self, case, user) -> dict:
        raise NotImplementedError

    def case_opened(self, request, case) -> None:
        """Called each time an officer opens the workspace (dossiers record who looked)."""

    def _url_name(self, view: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        action = path(
            "<int:pk>/xu-ly/<slug:action>/",
            self.admin_site.admin_view(self.action_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_action",
        )
        return [action, *super().get_urls()]

    def _case(self, request, pk):
        return get_object_or_404(self.case_queryset(request), pk=pk)

    def _workspace(self, request, case, bound: dict | None = None, status: int = 200):
        """The one page an officer works a case from; `bound` is an action's form coming back with errors."""
        bound = bound or {}
        may_act = self.has_change_permission(request, case)
        allowed = (
            [
                action
                for action in self.actions_registry.values()
                if action.allowed(case) and (not action.permission or request.user.has_perm(action.permission))
            ]
            if may_act
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            **self.workspace_context(case, request.user),
            "actions": [
                {
                    "action": action,
                    "form": bound.get(action.key) or action.form(case, request.user),
                    "url": reverse(self._url_name("action"), args=[case.pk, action.key]),
                }
                for action in allowed
            ],
            "open_action": next(iter(bound), ""),
            "title": str(case),
            "opts": self.opts,
        }
        return TemplateResponse(request, self.workspace_template, context, status=status)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404
        case = self._case(request, object_id)
        if not self.has_view_permission(request, case):
            raise PermissionDenied
        self.case_opened(request, case)
        return self._workspace(request, case)

    def action_view(self, request, pk, action):
        """One action, one small form, one service call; a refusal comes back on the page in plain words."""
        page = reverse(self._url_name("change"), args=[pk])
        if request.method != "POST":
            return redirect(page)
        case = self._case(request, pk)
        chosen = self.actions_registry.get(action)
        if chosen is None or not self.has_change_permission(request, case):
            raise PermissionDenied
        if chosen.permission and not request.user.has_perm(chosen.permission):
            raise PermissionDenied
        if not chosen.allowed(case):
            self.message_user(
                request,
                f"{self.status_word} đang ở trạng thái “{case.get_status_display()}”: không thể “{chosen.title}”.",
                messages.ERROR,
            )
            return redirect(page)
        form = chosen.form(case, request.user, request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():  # an action of several service calls stands or falls whole
                    chosen.run(case, request.user, form)
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                self.message_user(request, f"Đã thực hiện: {chosen.title}.", messages.SUCCESS)
                return redirect(page)
        return self._workspace(request, self._case(request, pk), {chosen.key: form}, status=400)
