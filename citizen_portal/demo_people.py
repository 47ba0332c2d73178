"""The demo's citizens, as three systems know them: our accounts (seed_demo), Zalo (the Zalo simulator's users,
same ids and phones) and the provincial SSO (the SSO simulator's accounts, same CCCD). One list, so a visitor who
"logs in with Zalo" in `make run` becomes the seeded citizen, not a new account."""

from dataclasses import dataclass

from identity.models import IdentityLevel


@dataclass(frozen=True)
class DemoCitizen:
    username: str
    full_name: str
    zalo_id: str
    zalo_phone: str  # the number Zalo holds (84…); the mini app's phone token reveals it
    phone: str | None  # what our account holds: None for a citizen who only ever signed in with Zalo on the web
    level: int
    email: str
    oa_user_id: str  # follower id of the province's Official Account ("" = does not follow)
    citizen_id: str
    birthdate: str
    gender: str
    address: str


CITIZENS = [
    DemoCitizen(
        "congdan.an",
        "Nguyễn Văn An",
        "2000000000000000001",
        "84912345678",
        "+84912345678",
        IdentityLevel.BASIC,
        "",
        "oa-demo-an",
        "072068001234",
        "1968-03-15",
        "male",
        "12 Cách Mạng Tháng Tám, Phường Tân Ninh, tỉnh Tây Ninh",
    ),
    DemoCitizen(
        "congdan.bich",
        "Trần Thị Bích",
        "2000000000000000002",
        "84987654321",
        "+84987654321",
        IdentityLevel.VERIFIED,
        "bich.tran@example.vn",
        "oa-demo-bich",
        "072185004321",
        "1985-05-20",
        "female",
        "Khu phố 2, Phường Long An, tỉnh Tây Ninh",
    ),
    DemoCitizen(
        "congdan.cuong",
        "Lê Văn Cường",
        "2000000000000000003",
        "84903111222",
        None,
        IdentityLevel.BASIC,
        "",
        "",
        "072072007788",
        "1972-09-02",
        "male",
        "Ấp Bình Trung, Xã Bến Lức, tỉnh Tây Ninh",
    ),
    DemoCitizen(
        "congdan.dung",
        "Phạm Thị Dung",
        "",
        "",
        "+84376555888",
        IdentityLevel.NONE,
        "",
        "",
        "072158003344",
        "1958-12-01",
        "female",
        "Ấp 3, Xã Cần Giuộc, tỉnh Tây Ninh",
    ),
]


def sso_accounts() -> dict:
    """The SSO simulator's accounts: id → the claims Tây Ninh ID releases (profile and address scopes)."""
    return {
        c.citizen_id: {
            "name": c.full_name,
            "birthdate": c.birthdate,
            "gender": c.gender,
            "citizen_id": c.citizen_id,
            "address": {"formatted": c.address},
        }
        for c in CITIZENS
    }
