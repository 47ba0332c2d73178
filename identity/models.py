"""Accounts. Citizens never choose a password (they come through Zalo or the provincial SSO); officers do."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class IdentityLevel(models.IntegerChoices):
    NONE = 0, "Chưa xác thực"
    BASIC = 1, "Mức 1 (Zalo: tên, số điện thoại)"
    VERIFIED = 2, "Mức 2 (xác thực qua nền tảng định danh của tỉnh)"


class User(AbstractUser):
    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    # E.164 (+84…); unique when present so one phone is one citizen.
    phone = models.CharField("số điện thoại", max_length=16, blank=True, null=True, unique=True)
    identity_level = models.PositiveSmallIntegerField(
        "mức định danh", choices=IdentityLevel.choices, default=IdentityLevel.NONE
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # A blank form field arrives as ""; store NULL so many users without a phone do not collide on uniqueness.
        if not self.phone:
            self.phone = None
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return str(self)
