"""Citizen pages: the catalogue (open to all), then a dossier from draft to confirmation, "Hồ sơ của tôi", files and
lookup by code. Views parse input, call a service or selector, and render."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.exceptions import ValidationError as FieldErrors

from agencies.models import Agency
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import content_disposition
from citizen_portal.ratelimit import client_ip, hit
from dossiers import fees
from dossiers.downloads import signature_valid
from dossiers.forms import LookupForm, section_form
from dossiers.models import AttachmentKind, Dossier, DossierAttachment, DossierSlip, Procedure, ProcedureField
from dossiers.selectors import agency_near, declaration_sections, procedures_search
from dossiers.services import (
    attachment_add,
    attachment_removable,
    attachment_remove,
    attachment_reuse,
    dossier_draft_delete,
    dossier_draft_save,
    dossier_draft_start,
    dossier_rate,
    dossier_submit,
    dossier_supplement_answer,
    dossier_withdraw,
    submission_gaps,
    verified_answers,
)
from dossiers.workflow import DossierStatus, can_transition
from identity.permissions import requires_level
from identity.validators import normalize_phone
from payments.models import Receipt


def catalogue(request: HttpRequest) -> HttpResponse:
    query, field_code = request.GET.get("q", ""), request.GET.get("linh-vuc", "")
    context = {
        "procedures": procedures_search(query=query, field_code=field_code)[:50],
        "fields": ProcedureField.objects.all(),
        "q": query,
        "field_code": field_code,
    }
    return render(request, "dossiers/catalogue.html", context)


def procedure_detail(request: HttpRequest, public_id) -> HttpResponse:
    procedure = get_object_or_404(Procedure.objects.published().select_related("field", "agency"), public_id=public_id)
    cases = procedure.cases.prefetch_related("documents")
    agencies = (
        [procedure.agency]
        if procedure.agency
        else list(Agency.objects.active().filter(kind=procedure.agency_kind).select_related("ward").order_by("name"))
    )
    context = {
        "procedure": procedure,
        "cases": cases,
        "agencies": agencies,
        "chosen_agency": agency_near(request.user, agencies),
    }
    return render(request, "dossiers/procedure.html", context)


@require_POST
@requires_level(2)
def draft_start(request: HttpRequest, public_id) -> HttpResponse:
    procedure = get_object_or_404(Procedure.objects.published(), public_id=public_id)
    case = procedure.cases.filter(pk=request.POST.get("case") or 0).first()
    agency = Agency.objects.active().filter(pk=request.POST.get("agency") or 0).first()
    if case is None or agency is None:
        messages.error(request, "Vui lòng chọn trường hợp và nơi nộp hồ sơ.")
        return redirect("dossiers:procedure", public_id=public_id)
    try:
        draft = dossier_draft_start(citizen=request.user, procedure=procedure, case=case, agency=agency)
    except ApplicationError as error:
        messages.error(request, str(error.detail))
        return redirect("dossiers:procedure", public_id=public_id)
    return redirect("dossiers:step", public_id=draft.public_id, step=1)


def _my_dossier(request: HttpRequest, public_id) -> Dossier:
    return get_object_or_404(
        Dossier.objects.for_citizen(request.user).select_related("procedure", "receiving_agency"), public_id=public_id
    )


def _sections(dossier: Dossier) -> list[str]:
    seen = []
    for field in dossier.procedure_snapshot["fields"]:
        if field["section"] not in seen:
            seen.append(field["section"])
    return seen


RETURN_TO_CHECK = "kiem-tra"


@login_required
@require_http_methods(["GET", "POST"])
def draft_step(request: HttpRequest, public_id, step: int) -> HttpResponse:
    """One section per page. Every save keeps what is right, even when something else on the page is wrong; after
    "Sửa" from the check page the citizen goes back there, not through every later step."""
    dossier = _my_dossier(request, public_id)
    if dossier.status != DossierStatus.DRAFT:
        return redirect("dossiers:mine_detail", public_id=public_id)
    sections = _sections(dossier)
    if not 1 <= step <= len(sections):
        return redirect("dossiers:documents", public_id=public_id)
    back_to_check = request.GET.get("quay-lai") == RETURN_TO_CHECK
    section = sections[step - 1]
    fields = [f for f in dossier.procedure_snapshot["fields"] if f["section"] == section]
    form = section_form(
        fields,
        data=request.POST if request.method == "POST" else None,
        initial=dossier.answers,
        verified=verified_answers(request.user, fields),
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier_draft_save(dossier=dossier, citizen=request.user, answers=form.cleaned_data, section=section)
        except FieldErrors as errors:
            for key, problems in errors.detail.items():
                for problem in problems:
                    form.add_error(key, str(problem))
        else:
            if back_to_check:
                return redirect("dossiers:check", public_id=public_id)
            if step < len(sections):
                return redirect("dossiers:step", public_id=public_id, step=step + 1)
            return redirect("dossiers:documents", public_id=public_id)
    context = {
        "dossier": dossier,
        "form": form,
        "section": section,
        "step": step,
        "steps": len(sections) + 2,  # the sections, the papers, the check
        "back_to_check": back_to_check,
    }
    return render(request, "dossiers/step.html", context, status=400 if form.errors else 200)


def _documents_context(dossier: Dossier, citizen, errors: dict | None = None) -> dict:
    attachments = list(dossier.attachments.exclude(kind=AttachmentKind.RESULT))
    documents = [
        {
            **doc,
            "files": [a for a in attachments if a.document_key == doc["key"]],
            "error": (errors or {}).get(doc["key"], ""),
        }
        for doc in dossier.procedure_snapshot["documents"]
    ]
    earlier = (
        DossierAttachment.objects.filter(dossier__citizen=citizen, kind=AttachmentKind.CITIZEN)
        .exclude(dossier=dossier)
        .order_by("-uploaded_at")[:10]
    )
    removable = {a.pk for a in attachments if attachment_removable(dossier, a)}
    return {
        "dossier": dossier,
        "documents": documents,
        "earlier": earlier,
        "removable": removable,
        "steps": len(_sections(dossier)) + 2,
        "problems": [
            {"text": f"{d['name']}: {d['error']}", "href": f"#file-{d['key']}"} for d in documents if d["error"]
        ],
    }


def _store_documents(request: HttpRequest, dossier: Dossier) -> tuple[list[str], dict]:
    """Everything the page sent, in one go: files chosen for any paper, papers reused, a file removed. Each file
    is stored (or refused) on its own, so one bad file never costs the good ones."""
    kind = AttachmentKind.CITIZEN if dossier.status == DossierStatus.DRAFT else AttachmentKind.SUPPLEMENT
    saved, errors = [], {}
    remove = request.POST.get("xoa")
    if remove:
        attachment = DossierAttachment.objects.filter(dossier=dossier, public_id=_uuid_or_none(remove)).first()
        if attachment is not None:
            try:
                attachment_remove(attachment=attachment, citizen=request.user)
            except ApplicationError as error:
                errors[attachment.document_key] = str(error.detail)
            else:
                saved.append(f"Đã xoá tệp “{attachment.original_name}”.")
    for doc in dossier.procedure_snapshot["documents"]:
        for upload in request.FILES.getlist(f"file-{doc['key']}"):
            try:
                stored = attachment_add(
                    dossier=dossier, user=request.user, document_key=doc["key"], upload=upload, kind=kind
                )
            except ApplicationError as error:
                errors[doc["key"]] = f"“{upload.name}”: {error.detail}"
            else:
                saved.append(f"Đã lưu tệp “{stored.original_name}” ({stored.size // 1024 + 1} KB).")
        source = _uuid_or_none(request.POST.get(f"dung-lai-{doc['key']}", ""))
        if source and kind == AttachmentKind.CITIZEN:
            original = DossierAttachment.objects.filter(public_id=source).first()
            try:
                if original is None:
                    raise ApplicationError("Không tìm thấy giấy tờ cũ.", code="not_found")
                copy = attachment_reuse(dossier=dossier, citizen=request.user, document_key=doc["key"], source=original)
            except ApplicationError as error:
                errors[doc["key"]] = str(error.detail)
            else:
                saved.append(f"Đã dùng lại “{copy.original_name}”.")
    return saved, errors


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def draft_documents(request: HttpRequest, public_id) -> HttpResponse:
    """All papers on one page with one button: a file chosen and then "Lưu và tiếp tục" is stored, never dropped.
    With scripts, choosing a file sends it at once (X-Upload), and the page shows it back with its name and size."""
    dossier = _my_dossier(request, public_id)
    if dossier.status not in (DossierStatus.DRAFT, DossierStatus.SUPPLEMENT_REQUESTED):
        return redirect("dossiers:mine_detail", public_id=public_id)
    if request.method == "GET":
        return render(request, "dossiers/documents.html", _documents_context(dossier, request.user))
    saved, errors = _store_documents(request, dossier)
    if request.headers.get("X-Upload"):
        context = _documents_context(dossier, request.user, errors)
        key = request.POST.get("document", "")
        document = next((d for d in context["documents"] if d["key"] == key), None)
        if document is None:
            return JsonResponse({"code": "unknown_document", "detail": "Giấy tờ không có trong hồ sơ."}, status=400)
        html = render_to_string("dossiers/_document_files.html", {**context, "doc": document}, request=request)
        status = 400 if errors else 200
        return JsonResponse({"detail": errors.get(key) or " ".join(saved), "html": html}, status=status)
    for message in saved:
        messages.success(request, message)
    if errors:
        context = _documents_context(dossier, request.user, errors)
        return render(request, "dossiers/documents.html", context, status=400)
    if request.POST.get("action") == "tiep-tuc" and dossier.status == DossierStatus.DRAFT:
        return redirect("dossiers:check", public_id=public_id)
    # A supplement stays here: the citizen sees what is stored, then says "Tôi đã bổ sung xong".
    return redirect(reverse("dossiers:documents", args=[public_id]) + "#giay-to")


@login_required
@require_POST
def document_reuse(request: HttpRequest, public_id) -> HttpResponse:
    dossier = _my_dossier(request, public_id)
    source = get_object_or_404(DossierAttachment, public_id=request.POST.get("source") or uuid.uuid4())
    try:
        copy = attachment_reuse(
            dossier=dossier, citizen=request.user, document_key=request.POST.get("document", ""), source=source
        )
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    else:
        messages.success(request, f"Đã dùng lại “{copy.original_name}”.")
    return redirect("dossiers:documents", public_id=public_id)


@login_required
@require_http_methods(["GET", "POST"])
def draft_check(request: HttpRequest, public_id) -> HttpResponse:
    """Check your answers, then submit once: the page carries a token, so a double tap submits once."""
    dossier = _my_dossier(request, public_id)
    if dossier.status != DossierStatus.DRAFT:
        if request.method == "POST" and request.POST.get("token") == str(dossier.submission_token):
            return redirect("dossiers:submitted", public_id=public_id)  # a second tap lands on the same page
        return redirect("dossiers:mine_detail", public_id=public_id)
    if request.method == "POST":
        try:
            token = uuid.UUID(request.POST.get("token", ""))
            submitted = dossier_submit(dossier=dossier, citizen=request.user, submission_token=token)
        except ValueError:
            messages.error(request, "Trang đã cũ, vui lòng bấm nộp lại.")
        except ApplicationError as error:
            messages.error(request, str(error.detail))
        else:
            return redirect("dossiers:submitted", public_id=submitted.public_id)
    rows = [
        {"section": part["title"], "step": index + 1, "answers": [(a["label"], a["text"]) for a in part["answers"]]}
        for index, part in enumerate(declaration_sections(dossier))
    ]
    context = {
        "dossier": dossier,
        "rows": rows,
        "problems": _gap_links(dossier),
        "attachments": dossier.attachments.all(),
        "token": uuid.uuid4(),
    }
    return render(request, "dossiers/check.html", context)


def _gap_links(dossier: Dossier) -> list[dict]:
    """Each missing answer or paper, linked to the exact place to fix it (then back here)."""
    step_of = {section: index + 1 for index, section in enumerate(_sections(dossier))}
    section_of = {f["key"]: f["section"] for f in dossier.procedure_snapshot["fields"]}
    links = []
    for gap in submission_gaps(dossier):
        if gap.field_key:
            step = step_of[section_of[gap.field_key]]
            url = reverse("dossiers:step", args=[dossier.public_id, step])
            href = f"{url}?quay-lai={RETURN_TO_CHECK}#id_{gap.field_key}"
        else:
            href = reverse("dossiers:documents", args=[dossier.public_id]) + f"#doc-{gap.document_key}"
        links.append({"text": gap.text, "href": href})
    return links


@login_required
def submitted(request: HttpRequest, public_id) -> HttpResponse:
    return render(request, "dossiers/submitted.html", {"dossier": _my_dossier(request, public_id)})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    dossiers = Dossier.objects.for_citizen(request.user).select_related("procedure")[:100]
    return render(request, "dossiers/mine.html", {"dossiers": dossiers})


@login_required
def mine_detail(request: HttpRequest, public_id) -> HttpResponse:
    dossier = _my_dossier(request, public_id)
    context = {
        "dossier": dossier,
        "history": dossier.history.for_citizen(),
        "officer_note": dossier.history.for_citizen().filter(to_status=DossierStatus.DONE).exclude(note="").last(),
        "supplement": dossier.open_supplement,
        "results": dossier.attachments.filter(kind=AttachmentKind.RESULT),
        "slips": dossier.slips.all(),
        "fee_invoice": fees.open_fee_invoice(dossier),
        "receipts": Receipt.objects.filter(invoice__in=fees.fee_invoices(dossier)).order_by("issued_at"),
        "rating_choices": [
            (5, "Rất hài lòng"),
            (4, "Hài lòng"),
            (3, "Bình thường"),
            (2, "Chưa hài lòng"),
            (1, "Rất không hài lòng"),
        ],
        "can_withdraw": can_transition(dossier.status, DossierStatus.WITHDRAWN),
    }
    return render(request, "dossiers/mine_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, public_id) -> HttpResponse:
    """Withdrawing is final, so it is asked once, on its own page that says what will happen."""
    dossier = _my_dossier(request, public_id)
    if request.method == "POST":
        try:
            dossier_withdraw(dossier=dossier, citizen=request.user, reason=request.POST.get("reason", ""))
        except ApplicationError as error:
            messages.error(request, str(error.detail))
        else:
            messages.success(request, "Đã rút hồ sơ. Cơ quan ngừng giải quyết hồ sơ này.")
        return redirect("dossiers:mine_detail", public_id=public_id)
    if not can_transition(dossier.status, DossierStatus.WITHDRAWN):
        return redirect("dossiers:mine_detail", public_id=public_id)
    return render(request, "dossiers/withdraw.html", {"dossier": dossier})


@login_required
@require_http_methods(["GET", "POST"])
def delete_draft(request: HttpRequest, public_id) -> HttpResponse:
    dossier = _my_dossier(request, public_id)
    if dossier.status != DossierStatus.DRAFT:
        return redirect("dossiers:mine_detail", public_id=public_id)
    if request.method == "POST":
        dossier_draft_delete(dossier=dossier, citizen=request.user)
        messages.success(request, f"Đã xoá bản nháp “{dossier.procedure.name}” và các tệp đã tải lên.")
        return redirect("dossiers:mine")
    return render(request, "dossiers/delete_draft.html", {"dossier": dossier, "files": dossier.attachments.count()})


@login_required
@require_POST
def rate(request: HttpRequest, public_id) -> HttpResponse:
    dossier = _my_dossier(request, public_id)
    try:
        dossier_rate(
            dossier=dossier,
            citizen=request.user,
            rating=int(request.POST.get("rating") or 0),
            comment=request.POST.get("comment", ""),
        )
    except (ApplicationError, ValueError) as error:
        messages.error(request, str(getattr(error, "detail", "Vui lòng chọn từ 1 đến 5 sao.")))
    else:
        messages.success(request, "Cảm ơn bạn đã đánh giá.")
    return redirect("dossiers:mine_detail", public_id=public_id)


@login_required
@require_POST
def supplement_done(request: HttpRequest, public_id) -> HttpResponse:
    dossier = _my_dossier(request, public_id)
    try:
        dossier_supplement_answer(dossier=dossier, citizen=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    else:
        messages.success(request, "Đã gửi phần bổ sung. Thời hạn giải quyết được tính lại từ bây giờ.")
    return redirect("dossiers:mine_detail", public_id=public_id)


def _ensure_may_see(user, dossier_id: int) -> None:
    """Files and slips of a dossier: its citizen, or an officer whose agency handles it; everyone else gets 404."""
    if Dossier.objects.for_citizen(user).filter(pk=dossier_id).exists():
        return
    if not Dossier.objects.for_user(user).filter(pk=dossier_id).exists():
        raise Http404


def _signed(request: HttpRequest, route: str, public_id) -> bool:
    """A mini app's signed link (dossiers/downloads.py) stands for the sign-in and the check below."""
    return signature_valid(route, public_id, request.GET.get("ky", ""))


@xframe_options_sameorigin  # the officer's workspace previews PDFs in a frame of our own page
def attachment_download(request: HttpRequest, public_id) -> FileResponse:
    """Files are never public: only the dossier's citizen or an officer of its agency gets them (or a link signed
    for one of them). They open in the browser (PDF, images) or, with ?tai-ve=1, download under a real name."""
    signed = _signed(request, "dossiers:attachment", public_id)
    if not signed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attachment = get_object_or_404(DossierAttachment.objects.select_related("dossier"), public_id=public_id)
    if not signed:
        _ensure_may_see(request.user, attachment.dossier_id)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(
        attachment.download_name, inline=not request.GET.get("tai-ve")
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@xframe_options_sameorigin
def slip_download(request: HttpRequest, public_id) -> FileResponse:
    """A slip (PDF) for the dossier's citizen or an officer of its agency (or a link signed for one of them)."""
    signed = _signed(request, "dossiers:slip", public_id)
    if not signed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    slip = get_object_or_404(DossierSlip.objects.select_related("dossier"), public_id=public_id)
    if not signed:
        _ensure_may_see(request.user, slip.dossier_id)
    response = FileResponse(slip.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(slip.download_name, inline=not request.GET.get("tai-ve"))
    response["Cache-Control"] = "private, no-store"
    return response


def _lookup_allowed(request: HttpRequest, contact: str) -> bool:
    """Codes are sequential: guessing them with a victim's phone is slowed per address and per phone/CCCD."""
    limits = settings.LOOKUP_LIMITS
    by_ip = hit("lookup-ip", client_ip(request), limits["PER_IP"])
    by_contact = hit("lookup-contact", "".join(ch for ch in contact if ch.isdigit()), limits["PER_CONTACT"])
    return by_ip and by_contact


# No CSRF token: a lookup changes nothing and its answer goes only to whoever asked, so a forged cross-site POST
# gains nothing; without a token the form page is the same for every visitor and can be shared (public_cache).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Status and dates only, for anyone holding the code and the phone or CCCD used."""
    form = LookupForm(request.POST if request.method == "POST" else None, initial={"code": request.GET.get("ma", "")})
    found = None
    if request.method == "POST" and form.is_valid() and not _lookup_allowed(request, form.cleaned_data["contact"]):
        form.add_error(None, "Bạn đã tra cứu nhiều lần. Vui lòng thử lại sau một giờ hoặc hỏi bộ phận một cửa.")
        return render(request, "dossiers/lookup.html", {"form": form, "found": None}, status=429)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"].strip()
        candidates = Dossier.objects.filter(code_key=form.cleaned_data["code"]).select_related("procedure")
        try:
            phone = normalize_phone(contact)
        except DjangoValidationError:
            phone = None
        matches = Q(citizen__profile__citizen_id=contact) | Q(answers__citizen_id=contact)
        if phone:
            matches |= Q(citizen__phone=phone) | Q(answers__phone=phone)
        found = candidates.filter(matches).first()
        if found is None:
            form.add_error(None, "Không tìm thấy hồ sơ khớp với mã và thông tin đã nhập.")
    return render(request, "dossiers/lookup.html", {"form": form, "found": found})
