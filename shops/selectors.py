"""Reads for the 4.0 shops, shared by the pages, the API and the back office: the public directory, one shop as the
public sees it, its VietQR payment codes, and the figures per ward."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from citizen_portal.geo import distance_m
from payments import vietqr
from shops.models import Shop, ShopBankAccount, ShopPhoto
from shops.workflow import ShopStatus

SEARCH_SOURCE = "cua-hang"

METHOD_FILTERS = {
    "chuyen-khoan": Q(accepts_bank=True),
    "zalopay": Q(accepts_zalopay=True),
    "momo": Q(accepts_momo=True),
    "vnpay": Q(accepts_vnpay=True),
    "the": Q(accepts_card=True),
}


def with_public_parts(shops: QuerySet) -> QuerySet:
    """Everything a shop's card or page shows, in a fixed number of queries however many shops (the photos for
    the page and the API; the list shows none)."""
    return shops.select_related("live__business_type", "live__ward").prefetch_related(
        Prefetch("live__bank_accounts", queryset=ShopBankAccount.objects.select_related("bank")),
        Prefetch("live__photos", queryset=ShopPhoto.objects.order_by("order", "id")),
    )


@dataclass(frozen=True)
class Entry:
    """One place in the directory's order: which shop, and how far from the visitor when they said where."""

    shop_id: int
    distance_m: float | None = None


@dataclass
class Listing:
    shop: Shop
    distance_m: float | None = None

    @property
    def distance_text(self) -> str:
        if self.distance_m is None:
            return ""
        if self.distance_m < 1000:
            return f"{round(self.distance_m / 10) * 10:.0f} m"
        return f"{self.distance_m / 1000:.1f} km".replace(".", ",")


def directory(
    *,
    query: str = "",
    ward=None,
    business_type=None,
    method: str = "",
    near: tuple[float, float] | None = None,
) -> list[Entry]:
    """Listed shops matching the filters, in order, as ids (and distances): the caller pages them and reads only
    the page's shops (`listings`). With `query`, through the portal search (so "tap hoa co ba" finds "Tạp hóa Cô
    Ba"), best match first; with `near`, nearest first (shops without a pin after); else by name."""
    shops = Shop.objects.listed()
    if ward is not None:
        shops = shops.filter(ward=ward)
    if business_type is not None:
        shops = shops.filter(business_type=business_type)
    if method in METHOD_FILTERS:
        shops = shops.filter(METHOD_FILTERS[method])
    ranked: list[int] | None = None
    if query.strip():
        from search.selectors import search_source

        ranked = [int(hit.key) for hit in search_source(SEARCH_SOURCE, query, limit=500)]
        shops = shops.filter(pk__in=ranked)
    rows = list(shops.order_by("live__name", "pk").values_list("pk", "latitude", "longitude"))
    if near is not None:
        entries = [
            Entry(pk, None if lat is None else distance_m(near[0], near[1], float(lat), float(lon)))
            for pk, lat, lon in rows
        ]
        return sorted(entries, key=lambda entry: (entry.distance_m is None, entry.distance_m or 0))
    entries = [Entry(pk) for pk, _, _ in rows]
    if ranked is not None:
        position = {pk: index for index, pk in enumerate(ranked)}
        entries.sort(key=lambda entry: position.get(entry.shop_id, len(position)))
    return entries


def listings(entries) -> list[Listing]:
    """The shops of one page of the directory, with everything their cards show, in the page's order."""
    shops = with_public_parts(Shop.objects.filter(pk__in=[entry.shop_id for entry in entries])).in_bulk()
    return [Listing(shops[entry.shop_id], entry.distance_m) for entry in entries if entry.shop_id in shops]


def public_shop(code: str) -> Shop | None:
    """A shop as anyone may see it: listed ones, and suspended ones (their page says so, nothing else)."""
    shops = Shop.objects.filter(status__in=[ShopStatus.APPROVED, ShopStatus.SUSPENDED], live__isnull=False)
    return with_public_parts(shops.select_related("agency")).filter(code=code).first()


@dataclass(frozen=True)
class PaymentCode:
    account: ShopBankAccount
    payload: str
    svg: str
    amount: int | None


def payment_codes(shop: Shop, *, amount: int | None = None) -> list[PaymentCode]:
    """A VietQR code for each of the live version's bank accounts: static, or with the amount the buyer typed. A
    payload that does not read back to the same account and amount is never shown (`vietqr.build` checks)."""
    codes = []
    note = vietqr.transfer_note(f"{shop.live.name}")[: vietqr.NOTE_MAX] if amount else ""
    for account in shop.live.bank_accounts.all():
        try:
            payload = vietqr.build(account.bank.bin, account.account_number, amount=amount, note=note)
        except vietqr.VietQRError:
            continue
        title = f"Mã VietQR chuyển khoản tới {account.bank.short_name} {account.account_number}"
        codes.append(PaymentCode(account, payload, vietqr.svg(payload, title=title), amount))
    return codes


@dataclass(frozen=True)
class WardFigures:
    ward_code: int
    ward_name: str
    shops: int
    bank: int
    zalopay: int
    momo: int
    vnpay: int
    card: int


def figures_by_ward(wards=None) -> list[WardFigures]:
    """Listed 4.0 shops per ward and how many take each cashless method (the dashboards read this)."""
    shops = Shop.objects.listed()
    if wards is not None:
        shops = shops.filter(ward__in=wards)
    rows = (
        shops.values("ward", "ward__name")
        .annotate(
            shops=Count("pk"),
            bank=Count("pk", filter=Q(accepts_bank=True)),
            zalopay=Count("pk", filter=Q(accepts_zalopay=True)),
            momo=Count("pk", filter=Q(accepts_momo=True)),
            vnpay=Count("pk", filter=Q(accepts_vnpay=True)),
            card=Count("pk", filter=Q(accepts_card=True)),
        )
        .order_by("ward__name")
    )
    return [
        WardFigures(
            row["ward"],
            row["ward__name"],
            row["shops"],
            row["bank"],
            row["zalopay"],
            row["momo"],
            row["vnpay"],
            row["card"],
        )
        for row in rows
    ]


def personal_data(user) -> list[dict]:
    """The owner's shops for "Dữ liệu của tôi": every version they declared, as declared."""
    from citizen_portal.personal_data import local

    shops = Shop.objects.for_owner(user).prefetch_related("versions__bank_accounts__bank").order_by("created_at")
    return [
        {
            "ma_cua_hang": shop.code,
            "trang_thai": shop.get_status_display(),
            "so_giay_chung_nhan": shop.certificate_number,
            "tao_luc": local(shop.created_at),
            "ban_khai": [
                {
                    "ten": version.name,
                    "dia_chi": version.address,
                    "chu_cua_hang": version.owner_name,
                    "dien_thoai_cua_chu": version.owner_phone or None,
                    "dien_thoai_cong_khai": version.public_phone or None,
                    "so_dang_ky_ho_kinh_doanh": version.registration_number or None,
                    "tai_khoan": [
                        f"{account.bank.short_name} {account.account_number} {account.account_name}"
                        for account in version.bank_accounts.all()
                    ],
                    "vi_dien_tu": [f"{label} {value}" for value, label in version.wallet_list()],
                    "tao_luc": local(version.created_at),
                    "xac_nhan_luc": local(version.approved_at),
                }
                for version in shop.versions.all()
            ],
        }
        for shop in shops
    ]
