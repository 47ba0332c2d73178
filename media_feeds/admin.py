"""The editors' back office: their agencies' articles (with preview, publish now or at a time, archive), the feeds
they import, their channels with stream status and schedule import. Everything is scoped through `for_user`; an
editor of one agency can neither see nor publish for another."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from agencies.models import Agency
from citizen_portal.admin import FoldedSearchMixin
from citizen_portal.api.exceptions import ApplicationError
from media_feeds.images import article_image_create
from media_feeds.models import Article, ArticleHistory, Category, Channel, NewsFeed, Programme
from media_feeds.sanitise import clean_html, text_to_html
from media_feeds.services import (
    announce_when_due,
    article_archive,
    article_publish,
    article_unschedule,
    channel_check,
    feed_import,
    schedule_import,
    unique_slug,
)
from media_feeds.workflow import ArticleStatus

# The buttons under an article, each one service.
PUBLISH, SCHEDULE, UNSCHEDULE, ARCHIVE = "_dang-ngay", "_hen-gio", "_huy-hen-gio", "_luu-tru"


class ScopedToEditedAgencies:
    """Rows of the agencies the user edits for; the agency choices limited to them; another agency's row is a 404."""

    agency_path = "agency"
    # Feeds and streams are https nearly always; an address typed without a scheme becomes https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        edited = Agency.objects.edited_by(request.user)
        return super().get_queryset(request).filter(**{f"{self.agency_path}__in": edited})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = Agency.objects.edited_by(request.user).order_by("name")
        if db_field.name == "channel":
            kwargs["queryset"] = Channel.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found


class ArticleForm(forms.ModelForm):
    cover_upload = forms.FileField(
        label="Ảnh bìa", required=False, help_text="JPEG, PNG, HEIC hoặc WEBP. Ảnh được thu nhỏ thành nhiều cỡ."
    )
    publish_at = forms.SplitDateTimeField(
        label="Hẹn giờ đăng",
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
        help_text="Để trống rồi bấm “Lưu và đăng ngay”, hoặc chọn giờ rồi bấm “Lưu và hẹn giờ đăng”.",
    )

    class Meta:
        model = Article
        fields = [
            "title", "summary", "body", "cover_upload", "cover_alt", "category", "agency",
            "featured", "important", "announce_wards", "publish_at",
        ]  # fmt: skip
        widgets = {"body": forms.Textarea(attrs={"rows": 16}), "summary": forms.Textarea(attrs={"rows": 3})}

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        if not upload:
            return None
        try:
            return article_image_create(upload.read(), name=upload.name)
        except ApplicationError as error:
            raise forms.ValidationError(str(error.detail)) from error

    def clean(self):
        data = super().clean()
        wants_schedule = SCHEDULE in self.data
        when = data.get("publish_at")
        if wants_schedule and not when:
            self.add_error("publish_at", "Chọn ngày giờ đăng để hẹn giờ.")
        elif wants_schedule and when <= timezone.now():
            self.add_error("publish_at", "Giờ hẹn đăng phải ở tương lai. Muốn đăng bây giờ, bấm “Lưu và đăng ngay”.")
        if data.get("body") is not None:
            data["body"] = clean_html(text_to_html(data["body"]))
        return data


class ArticleHistoryInline(admin.TabularInline):
    model = ArticleHistory
    fields = ("at", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Lịch sử"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("media_feeds.view_article")


@admin.register(Article)
class ArticleAdmin(ScopedToEditedAgencies, FoldedSearchMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/media_feeds/article/change_form.html"
    list_display = ("title", "category", "agency", "status", "published", "featured", "important")
    list_filter = ("status", "category", "featured", "important")
    list_select_related = ("category", "agency")
    readonly_fields = ("status_line", "source_line")
    filter_horizontal = ("announce_wards",)
    inlines = [ArticleHistoryInline]
    list_per_page = 50
    actions = None

    def get_queryset(self, request):
        return Article.objects.for_user(request.user).select_related("category", "agency")

    def get_fieldsets(self, request, obj=None):
        main = ["title", "summary", "body", "cover_upload", "cover_alt", "category", "agency", "featured"]
        status = ["status_line"] if obj else []
        source = ["source_line"] if obj and obj.feed_id else []
        return [
            (None, {"fields": status + main + source}),
            ("Gửi thông báo quan trọng", {"fields": ["important", "announce_wards"]}),
            ("Đăng", {"fields": ["publish_at"]}),
        ]  # fmt: skip

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # archive instead: a published address keeps answering

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        agencies = list(Agency.objects.edited_by(request.user).values_list("pk", flat=True)[:2])
        if len(agencies) == 1:  # most editors write for one agency: nothing to choose
            initial.setdefault("agency", agencies[0])
        return initial

    @admin.display(description="đăng lúc", ordering="published_at")
    def published(self, obj):
        return timezone.localtime(obj.published_at).strftime("%d/%m/%Y %H:%M") if obj.published_at else "—"

    @admin.display(description="trạng thái")
    def status_line(self, obj):
        when = f", {self.published(obj)}" if obj.published_at else ""
        return format_html(
            '{}{} · <a href="{}" target="_blank">Xem trước</a>{}',
            obj.get_status_display(),
            when,
            reverse("media_feeds:preview", args=[obj.pk]),
            format_html(' · <a href="{}" target="_blank">Trang công khai</a>', obj.get_absolute_url())
            if obj.is_public()
            else "",
        )

    @admin.display(description="nguồn")
    def source_line(self, obj):
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.source_url or "#", obj.source_name)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.slug = unique_slug(obj.title)
            obj.created_by = request.user
        if form.cleaned_data.get("cover_upload"):
            obj.cover = form.cleaned_data["cover_upload"]
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        try:
            if PUBLISH in request.POST:
                article = article_publish(article=article, actor=request.user)
                messages.success(request, "Đã đăng tin." + (" Đang gửi thông báo." if article.important else ""))
            elif SCHEDULE in request.POST:
                at = form.cleaned_data["publish_at"]
                article_publish(article=article, actor=request.user, at=at)
                messages.success(request, f"Đã hẹn đăng lúc {timezone.localtime(at):%H:%M %d/%m/%Y}.")
            elif UNSCHEDULE in request.POST:
                article_unschedule(article=article, actor=request.user)
                messages.success(request, "Đã huỷ hẹn giờ; tin trở về bản nháp.")
            elif ARCHIVE in request.POST:
                article_archive(article=article, actor=request.user)
                messages.success(request, "Đã đưa tin vào lưu trữ; người dân không còn thấy tin này.")
            else:
                announce_when_due(article)  # marked important after it was published
        except ApplicationError as error:
            messages.error(request, str(error.detail))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["buttons"] = {
            "publish": obj is None or obj.status != ArticleStatus.PUBLISHED,
            "schedule": obj is None or obj.status in (ArticleStatus.DRAFT, ArticleStatus.SCHEDULED),
            "unschedule": obj is not None and obj.status == ArticleStatus.SCHEDULED,
            "archive": obj is not None and obj.status == ArticleStatus.PUBLISHED,
        }  # fmt: skip
        context["button_names"] = {
            "publish": PUBLISH,
            "schedule": SCHEDULE,
            "unschedule": UNSCHEDULE,
            "archive": ARCHIVE,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(NewsFeed)
class NewsFeedAdmin(ScopedToEditedAgencies, admin.ModelAdmin):
    list_display = ("name", "agency", "category", "is_active", "publish_directly", "checked", "health")
    list_filter = ("is_active",)
    readonly_fields = ("checked", "last_success_at", "last_imported", "consecutive_failures", "last_error")
    actions = ["import_now"]

    @admin.display(description="đọc lúc")
    def checked(self, obj):
        return timezone.localtime(obj.last_checked_at).strftime("%d/%m/%Y %H:%M") if obj.last_checked_at else "chưa"

    @admin.display(description="tình trạng")
    def health(self, obj):
        if obj.last_error:
            return format_html(
                '<strong class="errornote">Lỗi ({} lần): {}</strong>', obj.consecutive_failures, obj.last_error[:200]
            )
        return "Tốt" if obj.last_success_at else "—"

    @admin.action(description="Đọc ngay các nguồn đã chọn", permissions=["change"])
    def import_now(self, request, queryset):
        for feed in queryset:
            created = feed_import(feed=feed)
            feed.refresh_from_db()
            if feed.last_error:
                messages.error(request, f"{feed.name}: {feed.last_error}")
            else:
                messages.success(request, f"{feed.name}: {created} tin mới.")


class ProgrammeForm(forms.Form):
    schedule = forms.FileField(label="Tệp lịch phát sóng (CSV hoặc XMLTV)")


@admin.register(Channel)
class ChannelAdmin(ScopedToEditedAgencies, admin.ModelAdmin):
    list_display = ("name", "kind", "agency", "order", "is_active", "stream_status", "stream_checked", "stream_error")
    list_filter = ("kind", "is_active", "stream_status")
    readonly_fields = ("stream_status", "stream_checked", "stream_error", "schedule_link")
    prepopulated_fields = {"slug": ("name",)}
    actions = ["check_now"]

    @admin.display(description="kiểm tra lúc")
    def stream_checked(self, obj):
        return timezone.localtime(obj.stream_checked_at).strftime("%d/%m %H:%M") if obj.stream_checked_at else "chưa"

    @admin.display(description="lịch phát sóng")
    def schedule_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">Nhập lịch từ tệp CSV/XMLTV</a> · <a href="{}?channel__id__exact={}">Xem, sửa lịch</a>',
            reverse("admin:media_feeds_channel_schedule", args=[obj.pk]),
            reverse("admin:media_feeds_programme_changelist"),
            obj.pk,
        )

    @admin.action(description="Kiểm tra tín hiệu ngay", permissions=["change"])
    def check_now(self, request, queryset):
        for channel in queryset:
            status = channel_check(channel=channel)
            messages.info(request, f"{channel.name}: {'đang phát' if status == 'online' else 'mất tín hiệu'}.")

    def get_urls(self):
        return [
            path(
                "<int:pk>/nhap-lich/",
                self.admin_site.admin_view(self.schedule_view),
                name="media_feeds_channel_schedule",
            )
        ] + super().get_urls()

    def schedule_view(self, request, pk: int):
        channel = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, channel) or not request.user.has_perm("media_feeds.add_programme"):
            raise Http404
        form = ProgrammeForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["schedule"]
            try:
                count = schedule_import(channel=channel, data=upload.read(), filename=upload.name)
            except ApplicationError as error:
                form.add_error("schedule", str(error.detail))
            else:
                messages.success(request, f"Đã nhập {count} chương trình cho {channel.name}.")
                return HttpResponseRedirect(reverse("admin:media_feeds_channel_change", args=[channel.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Nhập lịch phát sóng: {channel.name}",
            "channel": channel,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/media_feeds/channel/schedule_import.html", context)


@admin.register(Programme)
class ProgrammeAdmin(ScopedToEditedAgencies, admin.ModelAdmin):
    agency_path = "channel__agency"
    list_display = ("starts_at", "title", "channel", "ends_at")
    list_filter = ("channel",)
    date_hierarchy = "starts_at"
    list_select_related = ("channel",)
    list_per_page = 100
