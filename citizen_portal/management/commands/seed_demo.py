"""A realistic Tây Ninh setting for the demo and for trying things by hand. Safe to run again."""

import uuid

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.models import Agency, AgencyKind, OfficerRole, Province, Ward
from agencies.services import geography_load, officer_membership_grant
from citizen_portal.demo_people import CITIZENS, sso_accounts
from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
from dossiers.models import Dossier, Procedure
from dossiers.services import dossier_draft_save, dossier_draft_start, dossier_receive, dossier_submit
from identity.models import CitizenProfile, IdentityLevel, User
from identity.services import level2_verify
from notifications.models import NotificationPreference
from payments.demo import seed_collection_accounts

DEMO_PASSWORD = "Demo@2026"  # noqa: S105  (printed on purpose: demo accounts only)
ADMIN_USERNAME = "quantri"

# identifier, name, kind, ward code (None: province level), parent identifier, address
AGENCIES = [
    (
        "TNH-TTHCC",
        "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        AgencyKind.SERVICE_CENTRE,
        27694,
        None,
        "Số 2 Song Hành, Phường Long An, tỉnh Tây Ninh",
    ),
    ("TNH-STP", "Sở Tư pháp tỉnh Tây Ninh", AgencyKind.DEPARTMENT, 27694, None, "Phường Long An, tỉnh Tây Ninh"),
    ("TNH-STC", "Sở Tài chính tỉnh Tây Ninh", AgencyKind.DEPARTMENT, 27694, None, "Phường Long An, tỉnh Tây Ninh"),
    ("TNH-SXD", "Sở Xây dựng tỉnh Tây Ninh", AgencyKind.DEPARTMENT, 27712, None, "Phường Tân An, tỉnh Tây Ninh"),
    (
        "TNH-SGDDT",
        "Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
        AgencyKind.DEPARTMENT,
        27712,
        None,
        "Phường Tân An, tỉnh Tây Ninh",
    ),
    ("TNH-CA", "Công an tỉnh Tây Ninh", AgencyKind.POLICE, 27694, None, "Phường Long An, tỉnh Tây Ninh"),
    ("TNH-UB-25459", "UBND phường Tân Ninh", AgencyKind.WARD_COMMITTEE, 25459, None, "Phường Tân Ninh, tỉnh Tây Ninh"),
    ("TNH-UB-27694", "UBND phường Long An", AgencyKind.WARD_COMMITTEE, 27694, None, "Phường Long An, tỉnh Tây Ninh"),
    (
        "TNH-UB-25645",
        "UBND phường Hoà Thành",
        AgencyKind.WARD_COMMITTEE,
        25645,
        None,
        "Phường Hoà Thành, tỉnh Tây Ninh",
    ),
    ("TNH-UB-27991", "UBND xã Bến Lức", AgencyKind.WARD_COMMITTEE, 27991, None, "Xã Bến Lức, tỉnh Tây Ninh"),
    ("TNH-UB-28159", "UBND xã Cần Giuộc", AgencyKind.WARD_COMMITTEE, 28159, None, "Xã Cần Giuộc, tỉnh Tây Ninh"),
    (
        "TNH-THPT-HLK",
        "Trường THPT chuyên Hoàng Lê Kha",
        AgencyKind.SCHOOL,
        25459,
        "TNH-SGDDT",
        "Phường Tân Ninh, tỉnh Tây Ninh",
    ),
    ("TNH-PCTN", "Công ty Điện lực Tây Ninh", AgencyKind.OTHER, 25459, None, "Phường Tân Ninh, tỉnh Tây Ninh"),
    (
        "TNH-BPTTH",
        "Báo và Phát thanh, Truyền hình Tây Ninh",
        AgencyKind.OTHER,
        27694,
        None,
        "Phường Long An, tỉnh Tây Ninh",
    ),
]

# username, full name, [(agency identifier, role)]
OFFICERS = [
    ("canbo.tthcc", "Nguyễn Thị Hồng", [("TNH-TTHCC", OfficerRole.OFFICER)]),
    ("lanhdao.tthcc", "Trần Văn Minh", [("TNH-TTHCC", OfficerRole.HEAD)]),
    ("canbo.tanninh", "Lê Thị Thu", [("TNH-UB-25459", OfficerRole.OFFICER)]),
    ("lanhdao.tanninh", "Phạm Văn Tâm", [("TNH-UB-25459", OfficerRole.HEAD)]),
    ("canbo.benluc", "Võ Thị Lan", [("TNH-UB-27991", OfficerRole.OFFICER)]),
    ("canbo.truong", "Đặng Văn Phúc", [("TNH-THPT-HLK", OfficerRole.OFFICER)]),
    ("canbo.xaydung", "Ngô Văn Hải", [("TNH-SXD", OfficerRole.OFFICER)]),
    ("canbo.dienluc", "Bùi Thị Ngọc", [("TNH-PCTN", OfficerRole.OFFICER)]),
    ("canbo.congan", "Đỗ Văn Khoa", [("TNH-CA", OfficerRole.OFFICER)]),
    ("canbo.longan", "Châu Thị Yến", [("TNH-UB-27694", OfficerRole.OFFICER)]),
    ("canbo.hoathanh", "Tạ Văn Sơn", [("TNH-UB-25645", OfficerRole.OFFICER)]),
    ("canbo.cangiuoc", "Lâm Thị Kiều", [("TNH-UB-28159", OfficerRole.OFFICER)]),
    ("canbo.tuphap", "Phan Thị Thảo", [("TNH-STP", OfficerRole.OFFICER)]),
    ("canbo.giaoduc", "Mai Văn Đức", [("TNH-SGDDT", OfficerRole.OFFICER)]),
    ("xem.solieu", "Huỳnh Thị Mai", [("TNH-TTHCC", OfficerRole.VIEWER), ("TNH-STP", OfficerRole.VIEWER)]),
    ("solieu.tanninh", "Đinh Thị Thanh", [("TNH-UB-25459", OfficerRole.DASHBOARD)]),
    ("bientap.tanninh", "Trương Thị Hoa", [("TNH-UB-25459", OfficerRole.EDITOR)]),
    ("bientap.baotayninh", "Lý Văn Nghĩa", [("TNH-BPTTH", OfficerRole.EDITOR)]),
]


class Command(BaseCommand):
    help = "Create the demo setting in Tây Ninh: agencies, officer accounts (printed), a few citizens."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="leave out the year of history behind the dashboards (for benchmarks that seed their own province)",
        )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).exists():
            geography_load()
        province = Province.objects.get(code=settings.HOME_PROVINCE_CODE)

        agencies: dict[str, Agency] = {}
        for identifier, name, kind, ward_code, parent_identifier, address in AGENCIES:
            agencies[identifier], _ = Agency.objects.update_or_create(
                identifier=identifier,
                defaults={
                    "name": name,
                    "kind": kind,
                    "province": province,
                    "ward": Ward.objects.get(code=ward_code) if ward_code else None,
                    "parent": agencies.get(parent_identifier),
                    "address": address,
                },
            )

        admin, created = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()

        for username, full_name, memberships in OFFICERS:
            officer, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
            if created:
                officer.set_password(DEMO_PASSWORD)
                officer.save()
            for identifier, role in memberships:
                officer_membership_grant(agency=agencies[identifier], user=officer, role=role)

        for person in CITIZENS:
            citizen, created = User.objects.get_or_create(
                username=person.username,
                defaults={
                    "full_name": person.full_name,
                    "phone": person.phone,
                    "identity_level": person.level,
                    "email": person.email,
                },
            )
            if created:
                citizen.set_unusable_password()  # citizens sign in through Zalo or the provincial SSO
                citizen.save()
            if person.zalo_id:  # "Đăng nhập bằng Zalo" on the Zalo simulator as this person lands on this account
                SocialAccount.objects.get_or_create(
                    provider="zalo",
                    uid=person.zalo_id,
                    defaults={"user": citizen, "extra_data": {"id": person.zalo_id}},
                )
            NotificationPreference.objects.get_or_create(user=citizen, defaults={"zalo_oa_user_id": person.oa_user_id})

        self._demo_level2()
        catalogue_import_file(DEMO_CATALOGUE)
        seed_collection_accounts(agencies)
        self._demo_dossiers(agencies)
        self._demo_reports(agencies)
        self._demo_questions(agencies)
        self._demo_tuition(agencies)
        from shops.demo import seed_shops

        seed_shops()
        self._demo_media()
        if not options["no_history"]:
            self._demo_history()

        self._print_credentials()

    def _demo_media(self) -> None:
        from media_feeds.demo import seed_media, seed_subscriptions

        citizens = list(User.objects.filter(username__in=[p.username for p in CITIZENS[:3]]).order_by("username"))
        seed_subscriptions(citizens, Ward.objects.get(code=25459))
        seed_media(editors={"TNH-UB-25459": User.objects.get(username="bientap.tanninh")})

    def _demo_history(self) -> None:
        """A year of dossiers, reports, questions and usage behind the dashboards (/bang-dieu-khien/)."""
        from dashboards.demo import seed_history

        made = seed_history()
        if made:
            self.stdout.write(
                f"Lịch sử một năm cho bảng số liệu: {made['dossiers']:,} hồ sơ, {made['reports']:,} phản ánh, "
                f"{made['questions']:,} câu hỏi của {made['citizens']:,} người dân."
            )

    def _demo_level2(self) -> None:
        """Trần Thị Bích has verified her identity (as if through Tây Ninh ID)."""
        bich = User.objects.get(username="congdan.bich")
        if not CitizenProfile.objects.filter(user=bich, citizen_id__isnull=False).exists():
            claims = sso_accounts()[next(c.citizen_id for c in CITIZENS if c.username == "congdan.bich")]
            level2_verify(user=bich, provider="Tây Ninh ID", claims=claims)

    def _demo_dossiers(self, agencies: dict[str, Agency]) -> None:
        """Trần Thị Bích's dossiers: two waiting at the desk, one already received (with its slip 01)."""
        bich = User.objects.get(username="congdan.bich")
        if Dossier.objects.filter(citizen=bich).exists():
            return
        ward = agencies["TNH-UB-25459"]
        plans = [
            ("Xác nhận tình trạng hôn nhân", ward, {"purpose": "Đăng ký kết hôn", "declaration": True}, False),
            (
                "Cấp bản sao trích lục hộ tịch",
                ward,
                {"record_type": "Khai sinh", "copies": "2", "declaration": True},
                True,
            ),
            ("Cấp phiếu lý lịch tư pháp", agencies["TNH-STP"], {"form_no": "Phiếu số 1", "declaration": True}, False),
        ]
        officer = User.objects.get(username="canbo.tanninh")
        for name, agency, answers, receive in plans:
            procedure = Procedure.objects.get(name=name)
            draft = dossier_draft_start(citizen=bich, procedure=procedure, case=procedure.cases.first(), agency=agency)
            dossier_draft_save(dossier=draft, citizen=bich, answers=answers)
            dossier = dossier_submit(dossier=draft, citizen=bich, submission_token=uuid.uuid4())
            if receive:
                dossier_receive(dossier=dossier, officer=officer)

    def _demo_reports(self, agencies: dict[str, Agency]) -> None:
        """Field-report categories, routing rules, answer templates and a few dozen reports in every state."""
        from reports.demo import seed_categories, seed_reports

        seed_categories(agencies)
        reporters = list(User.objects.filter(username__in=["congdan.an", "congdan.bich", "congdan.cuong"]))
        officers = {}
        for username, _, memberships in OFFICERS:
            for identifier, role in memberships:
                if role == OfficerRole.OFFICER:
                    officers.setdefault(identifier, User.objects.get(username=username))
        seed_reports(agencies, sorted(reporters, key=lambda user: user.username), officers)

    def _demo_questions(self, agencies: dict[str, Agency]) -> None:
        """Q&A topics and 60-odd questions in every state, asked by the demo citizens."""
        from qa.demo import seed_questions

        citizens = list(User.objects.filter(username__in=["congdan.an", "congdan.bich", "congdan.cuong"]))
        officers, heads = {}, {}
        for username, _, memberships in OFFICERS:
            for identifier, role in memberships:
                chosen = officers if role == OfficerRole.OFFICER else heads if role == OfficerRole.HEAD else None
                if chosen is not None:
                    chosen.setdefault(identifier, User.objects.get(username=username))
        seed_questions(agencies, sorted(citizens, key=lambda user: user.username), officers, heads)

    def _demo_tuition(self, agencies: dict[str, Agency]) -> None:
        """Trường THPT chuyên Hoàng Lê Kha bills the first term; Anh An and Chị Bích are parents there."""
        from tuition.demo import seed_tuition

        parents = {name: User.objects.get(username=f"congdan.{name}") for name in ("an", "bich")}
        seed_tuition(agencies["TNH-THPT-HLK"], officer=User.objects.get(username="canbo.truong"), parents=parents)

    def _print_credentials(self) -> None:
        write = self.stdout.write
        procedures = Procedure.objects.published().count()
        dossiers = Dossier.objects.exclude(status="draft").count()
        from qa.models import Question

        questions = Question.objects.count()
        write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {len(AGENCIES)} cơ quan, {len(OFFICERS)} cán bộ, {len(CITIZENS)} công dân, "
                f"{procedures} thủ tục, {dossiers} hồ sơ, {questions} câu hỏi."
            )
        )
        write(
            "Cửa hàng 4.0: /cua-hang/ (Anh Cường có một quán cà phê đang chờ duyệt thay đổi, Chị Bích một sạp "
            "cần sửa; cán bộ phường duyệt trong trang quản trị)."
        )
        write(f"Cán bộ đăng nhập tại /tai-khoan/login/ (mật khẩu chung: {DEMO_PASSWORD}):")
        write(f"  {ADMIN_USERNAME:<16} quản trị hệ thống")
        for username, full_name, memberships in OFFICERS:
            roles = ", ".join(f"{OfficerRole(role).label} @ {identifier}" for identifier, role in memberships)
            write(f"  {username:<16} {full_name} — {roles}")
        write("Công dân mẫu (không mật khẩu): “Đăng nhập bằng Zalo” rồi chọn người trên trang Zalo giả lập:")
        for person in CITIZENS:
            how = "Zalo" if person.zalo_id else "mã một lần qua SMS (/dang-nhap/ma/)"
            level = {
                IdentityLevel.VERIFIED: "đã xác thực mức 2",
                IdentityLevel.BASIC: "mức 1, lên mức 2 bằng “Xác thực bằng Tây Ninh ID”",
            }.get(person.level, "chưa định danh (tạo tại quầy)")
            phone = "chưa có số điện thoại" if not person.phone else f"số {person.phone}"
            write(f"  {person.full_name:<16} {how}; {level}; {phone}; CCCD {person.citizen_id}")
