"""Citizen pages for 4.0 shops: the public directory and shop page (with VietQR codes, an amount the buyer types
makes a dynamic one), the certificate (page and PDF), and the owner's registration: form → review → status."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import content_disposition
from citizen_portal.links import citizen_link
from identity.permissions import requires_level
from shops.certificate import certificate_pdf, page_qr_svg
from shops.forms import AmountForm, DirectoryForm, ShopForm, initial_from
from shops.models import Shop, ShopPhoto
from shops.selectors import directory, figures_by_ward, listings, payment_codes, public_shop
from shops.services import (
    ShopInvalid,
    shop_changes_discard,
    shop_changes_submit,
    shop_draft_discard,
    shop_photo_discard,
    shop_photos_stash,
    shop_save,
    shop_submit,
    waiting_photos,
)
from shops.workflow import EDITABLE_STATUSES, ChangeStatus, ShopStatus

S = ShopStatus
C = ChangeStatus


def shop_page_link(request: HttpRequest, shop) -> str:
    """The shop page a certificate's QR opens: the mini app when there is one (citizen_link), else this site."""
    if settings.ZALO_MINIAPP_ID:
        return citizen_link(shop.get_absolute_url())
    return request.build_absolute_uri(shop.get_absolute_url())


def index(request: HttpRequest) -> HttpResponse:
    """The public directory: search without diacritics, filters, nearest first when the visitor shares where they
    are; a plain list that works without scripts, a map on demand."""
    form = DirectoryForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    near = None
    if filters.get("vi_do") is not None and filters.get("kinh_do") is not None:
        near = (filters["vi_do"], filters["kinh_do"])
    entries = directory(
        query=filters.get("q", ""),
        ward=filters.get("ward"),
        business_type=filters.get("loai"),
        method=filters.get("thanh_toan", ""),
        near=near,
    )
    page = Paginator(entries, settings.SHOPS["DIRECTORY_PAGE_SIZE"]).get_page(request.GET.get("trang"))
    kept = request.GET.copy()
    kept.pop("trang", None)
    without_location = kept.copy()
    for key in ("vi_do", "kinh_do"):
        without_location.pop(key, None)
    context = {
        "form": form,
        "page": page,
        "listings": listings(page.object_list),
        "filters": kept.urlencode(),
        "without_location": without_location.urlencode(),
        "near": near,
        "map_settings": settings.MAP,
        "searched": bool(filters.get("q")),
    }
    return render(request, "shops/index.html", context)


def map_points(request: HttpRequest) -> JsonResponse:
    """The filtered directory as pins for the on-demand map (shops with a pin, at most 500)."""
    form = DirectoryForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = directory(
        query=filters.get("q", ""),
        ward=filters.get("ward"),
        business_type=filters.get("loai"),
        method=filters.get("thanh_toan", ""),
    )
    pinned = Shop.objects.filter(pk__in=[entry.shop_id for entry in entries], latitude__isnull=False)
    points = [
        {
            "code": shop.code,
            "title": shop.live.name,
            "status": shop.live.business_type.name,
            "lat": float(shop.latitude),
            "lon": float(shop.longitude),
            "url": shop.get_absolute_url(),
        }
        for shop in pinned.select_related("live__business_type")[:500]
    ]
    return JsonResponse(points, safe=False)


def figures(request: HttpRequest) -> HttpResponse:
    """Listed 4.0 shops per ward and by payment method: public figures, the same the dashboards read."""
    rows = figures_by_ward()
    totals = {
        name: sum(getattr(row, name) for row in rows) for name in ("shops", "bank", "zalopay", "momo", "vnpay", "card")
    }
    return render(request, "shops/figures.html", {"rows": rows, "totals": totals})


def detail(request: HttpRequest, code: str) -> HttpResponse:
    shop = public_shop(code)
    if shop is None:
        raise Http404
    amount_form = AmountForm(request.GET if "so_tien" in request.GET else None)
    amount = amount_form.cleaned_data["so_tien"] if amount_form.is_bound and amount_form.is_valid() else None
    listed = shop.status == S.APPROVED
    context = {
        "shop": shop,
        "version": shop.live,
        "listed": listed,
        "codes": payment_codes(shop, amount=amount) if listed else [],
        "amount": amount,
        "amount_form": amount_form,
        "is_owner": request.user.is_authenticated and shop.owner_id == request.user.pk,
    }
    return render(request, "shops/detail.html", context, status=400 if amount_form.errors else 200)


def certificate(request: HttpRequest, code: str) -> HttpResponse:
    """The printable certificate (A5; fits A6): name, number, verifying agency, a QR to the public page, and a
    VietQR code for each bank account. A suspended shop's certificate says so and shows no payment code."""
    shop = public_shop(code)
    if shop is None or not shop.certificate_number:
        raise Http404
    listed = shop.status == S.APPROVED
    page_url = shop_page_link(request, shop)
    context = {
        "shop": shop,
        "version": shop.live,
        "listed": listed,
        "codes": payment_codes(shop) if listed else [],
        "page_url": page_url,
        "page_qr": page_qr_svg(page_url),
        "size": "a6" if request.GET.get("kho") == "a6" else "a5",
    }
    return render(request, "shops/certificate.html", context)


def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    shop = public_shop(code)
    if shop is None or not shop.certificate_number:
        raise Http404
    page_url = shop_page_link(request, shop)
    size = "a6" if request.GET.get("kho") == "a6" else "a5"
    data = certificate_pdf(shop, page_url=page_url, size=size)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"chung-nhan-{shop.code}.pdf", inline=True)
    return response


def photo(request: HttpRequest, public_id, size: str = "") -> FileResponse:
    """Photos of a listed shop's public version are public; the others only for the owner and the verifying
    agency's officers."""
    item = get_object_or_404(ShopPhoto.objects.select_related("version__shop"), public_id=public_id)
    shop = item.version.shop if item.version_id else None
    public = shop is not None and shop.live_id == item.version_id and shop.status in (S.APPROVED, S.SUSPENDED)
    visible = (
        public
        or (request.user.is_authenticated and item.uploaded_by_id == request.user.pk and shop is None)
        or (shop is not None and request.user.is_authenticated and shop.owner_id == request.user.pk)
        or (shop is not None and Shop.objects.for_user(request.user).filter(pk=shop.pk).exists())
    )
    if not visible:
        raise Http404
    field = item.thumbnail if size == "nho" else item.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response


# The owner's side.


def _photos_in_hand(request: HttpRequest) -> tuple[list[ShopPhoto], str]:
    """The photos this form carries (minus any taken back), plus new files stored now, before anything else is
    judged. Returns them and a message if a new file was refused."""
    kept = waiting_photos(request.user, request.POST.getlist("anh"))
    order = {value: index for index, value in enumerate(request.POST.getlist("anh"))}
    kept.sort(key=lambda photo: order.get(str(photo.public_id), 0))
    drop = request.POST.get("bo-anh")
    for photo in [p for p in kept if str(p.public_id) == drop]:
        kept.remove(photo)
        if photo.version_id is None:
            shop_photo_discard(photo=photo, owner=request.user)
    uploads = request.FILES.getlist("photos")
    if not uploads:
        return kept, ""
    try:
        kept += shop_photos_stash(owner=request.user, photos=uploads, already=len(kept))
    except ApplicationError as error:
        return kept, str(error.detail)
    return kept, ""


def _show_errors(form: ShopForm, error: ShopInvalid) -> None:
    for key, message in error.errors.items():
        if key == "bank_accounts":
            key = "bank_1"
        form.add_error(key if key in form.fields else None, message)


def _shop_form(request: HttpRequest, shop: Shop | None) -> HttpResponse:
    """One form for a new registration, a draft, a returned registration and a change to a listed shop. Photos
    are kept from the first tap; a mistake anywhere re-shows everything typed with the error summary on top."""
    version = (shop.working or shop.live) if shop else None
    form = ShopForm(request.POST or None, initial=initial_from(version) if version else {})
    if request.method == "POST":
        photos, photo_error = _photos_in_hand(request)
    else:
        photos, photo_error = (list(version.photos.all()) if version else []), ""
    if request.headers.get("X-Upload"):  # a photo sent by the page's script the moment it was chosen
        html = render_to_string("shops/_photos.html", {"photos": photos}, request=request)
        return JsonResponse(
            {"detail": photo_error or f"Đã lưu {len(photos)} ảnh.", "html": html}, status=400 if photo_error else 200
        )
    action = request.POST.get("action", "")
    finished = request.method == "POST" and action in ("luu", "gui")
    if request.method == "POST" and not finished:
        # Photos went up (or one was taken back): show what was typed as it was, without judging it yet.
        form = ShopForm(initial=request.POST.dict())
    if finished and form.is_valid() and not photo_error:
        send = action == "gui"
        if shop is None and _registered_lately(request.user) >= settings.SHOPS["REGISTRATIONS_PER_HOUR_USER"]:
            form.add_error(None, "Bạn đã đăng ký nhiều cửa hàng trong một giờ qua. Vui lòng thử lại sau.")
        else:
            try:
                saved = shop_save(
                    owner=request.user, data=form.shop_data(), shop=shop, kept_photos=photos, complete=send
                )
            except ShopInvalid as error:
                _show_errors(form, error)
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                return _after_save(request, saved, send)
    elif finished and photo_error:
        form.add_error("photos", photo_error)
    # After a photo-only post the form is shown unjudged; a refused file is still said, beside the photos.
    photo_message = photo_error if photo_error and "photos" not in form.errors else ""
    context = {
        "form": form,
        "photos": photos,
        "shop": shop,
        "map_settings": settings.MAP,
        "photo_message": photo_message,
    }
    return render(request, "shops/form.html", context, status=400 if form.errors or photo_error else 200)


def _registered_lately(user) -> int:
    """Shops this person started in the last hour: only registrations that were made count, never mistakes."""
    return Shop.objects.filter(owner=user, created_at__gte=timezone.now() - dt.timedelta(hours=1)).count()


def _after_save(request: HttpRequest, shop: Shop, send: bool) -> HttpResponse:
    page = redirect("shops:mine_detail", public_id=shop.public_id)
    if not send:
        messages.success(request, "Đã lưu. Bạn có thể sửa tiếp rồi bấm “Gửi để xác nhận”.")
        return page
    try:
        if shop.status in EDITABLE_STATUSES:
            shop_submit(shop=shop, owner=request.user)
            messages.success(request, "Đã gửi đăng ký. Cơ quan xác nhận sẽ xem xét và báo kết quả cho bạn.")
        else:
            shop_changes_submit(shop=shop, owner=request.user)
            messages.success(
                request, "Đã gửi thay đổi. Trang công khai giữ thông tin cũ cho đến khi thay đổi được xác nhận."
            )
    except ApplicationError as error:
        messages.error(request, f"Đã lưu nhưng chưa gửi được: {error.detail}")
    return page


@requires_level(1)
def register(request: HttpRequest) -> HttpResponse:
    return _shop_form(request, None)


def _own(request: HttpRequest, public_id) -> Shop:
    return get_object_or_404(
        Shop.objects.for_owner(request.user).select_related("live", "working", "agency"), public_id=public_id
    )


@requires_level(1)
def edit(request: HttpRequest, public_id) -> HttpResponse:
    shop = _own(request, public_id)
    if shop.status == S.SUBMITTED or shop.change_status == C.SUBMITTED:
        messages.info(request, "Cửa hàng đang chờ cơ quan xác nhận; bạn sửa được sau khi có kết quả.")
        return redirect("shops:mine_detail", public_id=shop.public_id)
    if shop.status == S.REJECTED:
        raise Http404
    return _shop_form(request, shop)


@requires_level(1)
def mine(request: HttpRequest) -> HttpResponse:
    shops = Shop.objects.for_owner(request.user).select_related("live", "working").order_by("-created_at")
    return render(request, "shops/mine.html", {"shops": shops})


@requires_level(1)
def mine_detail(request: HttpRequest, public_id) -> HttpResponse:
    shop = _own(request, public_id)
    version = shop.working or shop.live
    history = shop.history.exclude(action="note").order_by("-at", "-id")
    context = {"shop": shop, "version": version, "history": history, "photos": version.photos.all()}
    return render(request, "shops/mine_detail.html", context)


@require_POST
@requires_level(1)
def owner_action(request: HttpRequest, public_id) -> HttpResponse:
    """Send, send the change, or throw away a draft or an unsent change (the owner's buttons on the status page)."""
    shop = _own(request, public_id)
    action = request.POST.get("action", "")
    if action == "gui" and shop.under_review:  # a second tap on "Gửi": it went the first time
        messages.info(request, "Đã gửi rồi; cửa hàng đang chờ cơ quan xác nhận.")
        return redirect(reverse("shops:mine_detail", args=[shop.public_id]))
    try:
        if action == "gui" and shop.status in EDITABLE_STATUSES:
            shop_submit(shop=shop, owner=request.user)
            messages.success(request, "Đã gửi đăng ký. Cơ quan xác nhận sẽ báo kết quả cho bạn.")
        elif action == "gui":
            shop_changes_submit(shop=shop, owner=request.user)
            messages.success(request, "Đã gửi thay đổi để xác nhận.")
        elif action == "bo-nhap":
            shop_draft_discard(shop=shop, owner=request.user)
            messages.success(request, "Đã bỏ bản đăng ký chưa gửi.")
            return redirect("shops:mine")
        elif action == "bo-thay-doi":
            shop_changes_discard(shop=shop, owner=request.user)
            messages.success(request, "Đã bỏ thay đổi chưa gửi; trang công khai vẫn như cũ.")
    except ShopInvalid as error:
        messages.error(request, f"Chưa gửi được. {error.detail} Bấm “Sửa thông tin” để bổ sung.")
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    return redirect(reverse("shops:mine_detail", args=[shop.public_id]))
