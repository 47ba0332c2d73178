"""School tuition (thanh toán học phí): students of a school (an agency of kind school), the parents linked to
them, and the charges a school bills, each an invoice of the payments core."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

MAX_GUARDIANS = 2


class StudentQuerySet(models.QuerySet):
    def for_user(self, user) -> StudentQuerySet:
        """Students of the schools this officer works for."""
        from agencies.models import Agency

        if user.is_superuser:
            return self
        return self.filter(school__in=Agency.objects.handled_by(user))

    def of_guardian(self, user) -> StudentQuerySet:
        return self.filter(guardians__user=user, guardians__user__isnull=False)


class Student(models.Model):
    school = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="students",
        limit_choices_to={"kind": "school"},
        verbose_name="trường",
    )
    code = models.CharField("mã học sinh", max_length=20)
    full_name = models.CharField("họ và tên", max_length=100)
    date_of_birth = models.DateField("ngày sinh")
    class_name = models.CharField("lớp", max_length=16)
    is_active = models.BooleanField("đang học", default=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["class_name", "full_name"]
        verbose_name = "học sinh"
        verbose_name_plural = "học sinh"
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="student_code_unique_per_school")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.class_name})"

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()  # parents type codes in any case
        super().save(*args, **kwargs)

    @property
    def subject_key(self) -> str:
        return f"student:{self.pk}"


class Guardian(models.Model):
    """A parent linked to a child: by the parent (student code + date of birth), or by the school with the parent's
    phone (then `user` fills in when that person signs in)."""

    class LinkedBy(models.TextChoices):
        PARENT = "parent", "Phụ huynh tự liên kết"
        SCHOOL = "school", "Nhà trường liên kết theo số điện thoại"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardians", verbose_name="học sinh")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children_links",
        verbose_name="phụ huynh",
    )
    phone = models.CharField("số điện thoại", max_length=16, blank=True)
    linked_by = models.CharField("cách liên kết", max_length=8, choices=LinkedBy.choices)
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "phụ huynh"
        verbose_name_plural = "phụ huynh"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "user"], condition=Q(user__isnull=False), name="one_link_per_parent"
            ),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(phone=""), name="guardian_user_or_phone"),
        ]

    def __str__(self) -> str:
        who = self.user.display_name if self.user_id else self.phone
        return f"{who} — {self.student.full_name}"


class TuitionBatch(models.Model):
    """One import (a file) or one class billing: all its charges were created together, or none."""

    school = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="trường")
    title = models.CharField("tên đợt thu", max_length=200)
    source = models.CharField("nguồn", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người tạo"
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "đợt thu học phí"
        verbose_name_plural = "đợt thu học phí"

    def __str__(self) -> str:
        return self.title


class TuitionCharge(models.Model):
    """What one student owes for one term or month: an invoice of the payments core."""

    batch = models.ForeignKey(TuitionBatch, on_delete=models.PROTECT, related_name="charges", verbose_name="đợt thu")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="charges", verbose_name="học sinh")
    term = models.CharField("kỳ thu", max_length=40)
    invoice = models.OneToOneField(
        "payments.Invoice", on_delete=models.PROTECT, related_name="tuition_charge", verbose_name="khoản thu"
    )

    class Meta:
        ordering = ["student__class_name", "student__full_name"]
        verbose_name = "khoản học phí"
        verbose_name_plural = "khoản học phí"
        constraints = [models.UniqueConstraint(fields=["student", "term"], name="one_charge_per_student_term")]

    def __str__(self) -> str:
        return f"{self.student.full_name} — {self.term}"
