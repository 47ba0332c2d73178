import factory
from factory.django import DjangoModelFactory

from agencies.models import Agency, AgencyKind, OfficerRole, Province, Ward
from identity.models import IdentityLevel, User


def with_totp(user) -> str:
    """Give `user` an activated TOTP authenticator (as if they had scanned the QR code); return its secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return existing.wrap().instance.data["secret"]
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def consented(user):
    """`user` has agreed to the current personal-data notice, as every citizen does at first login."""
    from identity.models import ConsentNotice
    from identity.services import consent_give

    notice = ConsentNotice.current()
    if notice is not None:
        consent_give(user=user, notice=notice)
    return user


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = 80
    name = "Tây Ninh"
    division_type = "tỉnh"
    codename = "tay_ninh"
    phone_code = 276


class WardFactory(DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 90000 + n)
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    division_type = "phường"
    codename = factory.Sequence(lambda n: f"phuong_thu_nghiem_{n}")
    province = factory.SubFactory(ProvinceFactory)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    identifier = factory.Sequence(lambda n: f"TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"UBND phường Thử Nghiệm {n}")
    kind = AgencyKind.WARD_COMMITTEE
    ward = factory.SubFactory(WardFactory)
    province = factory.SelfAttribute("ward.province")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = "Người Dùng"
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-thu-2026")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
            instance.refresh_from_db(fields=["is_staff"])
            if instance.is_staff:
                with_totp(instance)  # the back office demands TOTP of all staff


class CitizenFactory(UserFactory):
    username = factory.Sequence(lambda n: f"congdan{n}")
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    identity_level = IdentityLevel.BASIC


class OfficerFactory(UserFactory):
    """An officer of `agency` (role officer unless given), made through the real membership service."""

    username = factory.Sequence(lambda n: f"canbo{n}")

    @factory.post_generation
    def agency(self, create, extracted, **kwargs):
        from agencies.services import officer_membership_grant

        if create and extracted is not None:
            self.save()
            officer_membership_grant(agency=extracted, user=self, role=kwargs.get("role", OfficerRole.OFFICER))
            self.refresh_from_db(fields=["is_staff"])
