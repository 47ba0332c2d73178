"""What each dashboard page shows, as tables of cells: the page draws them, the CSV and XLSX exports write the very
same cells (so an export always matches the screen), and charts are drawn from the same rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString

from dashboards import selectors as s
from dashboards.charts import horizontal_bars, stacked_bars
from dashboards.periods import Period
from dashboards.scope import Scope


def number_text(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


FORMATS: dict[str, Callable[[object], str]] = {
    "count": lambda v: number_text(v),
    "rate": lambda v: "—" if v is None else f"{number_text(v * 100, 1)} %",
    "days": lambda v: "—" if v is None else f"{number_text(v, 1)} ngày",
    "hours": lambda v: "—" if v is None else f"{number_text(v)} giờ",
    "stars": lambda v: "—" if v is None else f"{number_text(v, 1)} / 5",
    "score": lambda v: "—" if v is None else f"{number_text(v, 1)} điểm",
    "money": lambda v: "—" if v is None else f"{number_text(v)} đ",
    "text": lambda v: "" if v is None else str(v),
}


@dataclass(frozen=True)
class Cell:
    value: object
    kind: str = "text"
    link: str = ""

    @property
    def text(self) -> str:
        return FORMATS[self.kind](self.value)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    chart: SafeString | None = None
    compact: bool = False  # short numbers only: stays a table on a phone

    def labelled_rows(self) -> list[list[tuple[str, Cell]]]:
        """Each cell with its column's title (a phone shows the title beside each value)."""
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class Board:
    slug: str
    title: str
    tables: list[Table] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Context:
    scope: Scope
    period: Period
    now: dt.datetime
    query: dict  # the page's own parameters (period and picks), for links that keep them
    drill: bool  # may open the records behind a figure


def _compare_columns(context: Context) -> list[str]:
    return [
        context.period.label,
        f"Kỳ trước ({context.period.previous().label})",
        f"Cùng kỳ năm trước ({context.period.last_year().label})",
    ]


def _indicator_rows(indicators, values: list[dict], links: dict[str, str]) -> list[list[Cell]]:
    return [
        [
            Cell(indicator.label, link=links.get(indicator.key, "")),
            *(Cell(figures[indicator.key], indicator.kind) for figures in values),
            Cell(indicator.formula),
        ]
        for indicator in indicators
    ]


DRILLS = {
    "received": "tiep-nhan",
    "online_rate": "truc-tuyen",
    "average_resolution_days": "xu-ly-xong",
    "on_time_rate": "tre-han",
    "overdue_now": "qua-han",
}


def drill_url(context: Context, which: str) -> str:
    return f"{reverse('dashboards:records')}?{urlencode({**context.query, 'chi-so': which})}"


def dossiers_board(context: Context) -> Board:
    scope, period, now = context.scope, context.period, context.now
    figures = [s.dossier_figures(scope, period, now=now)]
    figures += [s.dossier_figures(scope, p, now=now, overdue=0) for p in (period.previous(), period.last_year())]
    for earlier in figures[1:]:
        earlier["overdue_now"] = None  # a count of now: an earlier period has none
    links = {key: drill_url(context, which) for key, which in DRILLS.items()} if context.drill else {}
    board = Board("ho-so", "Hồ sơ thủ tục hành chính")
    board.tables.append(
        Table(
            "Chỉ số theo Quyết định 766/QĐ-TTg",
            ["Chỉ số", *_compare_columns(context), "Cách tính"],
            _indicator_rows(s.DOSSIER_INDICATORS, figures, links),
        )
    )
    board.tables.append(
        Table(
            "Điểm theo nhóm chỉ số (ước tính)",
            ["Nhóm", "Điểm tối đa", context.period.label, "Cách tính"],
            [
                [Cell(g["label"]), Cell(g["points"], "count"), Cell(g["score"], "score"), Cell(g["formula"])]
                for g in s.group_scores(figures[0])
            ],
            note="Ước tính từ dữ liệu của cổng theo 5 nhóm của Bộ chỉ số; "
            "điểm chính thức do cơ quan có thẩm quyền công bố.",
        )
    )
    monthly = s.dossier_monthly(scope, period.last)
    labels = [f"{m['month']:%m/%y}" for m in monthly]
    board.tables.append(
        Table(
            "Hồ sơ tiếp nhận theo tháng (12 tháng đến hết kỳ)",
            ["Tháng", "Tiếp nhận", "Trực tuyến", "Kênh khác", "Đúng hạn"],
            compact=True,
            rows=[
                [
                    Cell(f"{m['month']:%m/%Y}"),
                    Cell(m["received"], "count"),
                    Cell(m["online"], "count"),
                    Cell(m["received"] - m["online"], "count"),
                    Cell(m["on_time_rate"], "rate"),
                ]
                for m in monthly
            ],
            chart=stacked_bars(
                "Hồ sơ tiếp nhận theo tháng",
                labels,
                [
                    ("Trực tuyến", [m["online"] for m in monthly]),
                    ("Kênh khác", [m["received"] - m["online"] for m in monthly]),
                ],
            ),
        )
    )
    channels = figures[0]["received_by_channel"]
    channel_names = {"online": "Trực tuyến", "in_person": "Trực tiếp", "post": "Bưu chính công ích"}
    board.tables.append(
        Table(
            "Hồ sơ tiếp nhận theo kênh",
            ["Kênh", "Số hồ sơ", "Tỷ lệ"],
            compact=True,
            rows=[
                [Cell(name), Cell(channels[key], "count"), Cell(s.rate(channels[key], figures[0]["received"]), "rate")]
                for key, name in channel_names.items()
            ],
        )
    )
    board.tables.append(
        Table(
            "Theo cơ quan tiếp nhận",
            ["Cơ quan", "Tiếp nhận", "Trực tuyến", "Xử lý xong", "Đúng hạn"],
            [
                [
                    Cell(row["agency"], link=_narrow_url(context, "co-quan", row["agency_id"])),
                    Cell(row["received"], "count"),
                    Cell(row["online_rate"], "rate"),
                    Cell(row["finished"], "count"),
                    Cell(row["on_time_rate"], "rate"),
                ]
                for row in s.dossier_by_agency(scope, period)
            ],
        )
    )
    board.tables.append(
        Table(
            f"Thời gian giải quyết theo thủ tục ({s.PROCEDURE_ROWS} thủ tục có nhiều hồ sơ xử lý xong nhất)",
            ["Thủ tục", "Tiếp nhận", "Xử lý xong", "Trung bình"],
            [
                [
                    Cell(row["procedure"]),
                    Cell(row["received"], "count"),
                    Cell(row["finished"], "count"),
                    Cell(row["average_resolution_days"], "days"),
                ]
                for row in s.procedure_resolution(scope, period)
            ],
        )
    )
    return board


def _narrow_url(context: Context, key: str, value) -> str:
    return f"?{urlencode({**context.query, key: value})}"


def reports_board(context: Context) -> Board:
    scope, period = context.scope, context.period
    figures = [s.report_figures(scope, p) for p in (period, period.previous(), period.last_year())]
    report_links = {}
    if context.drill:
        drills = {"received": "pa-tiep-nhan", "on_time_rate": "pa-tre-han", "reopen_rate": "pa-xem-lai"}
        report_links = {key: drill_url(context, which) for key, which in drills.items()}
    board = Board("phan-anh", "Phản ánh hiện trường")
    board.tables.append(
        Table(
            "Chỉ số phản ánh",
            ["Chỉ số", *_compare_columns(context), "Cách tính"],
            _indicator_rows(s.REPORT_INDICATORS, figures, report_links),
        )
    )
    for by, title, first in (("category", "Theo loại phản ánh", "Loại"), ("ward", "Theo phường, xã", "Phường, xã")):
        rows = s.report_breakdown(scope, period, by)
        board.tables.append(
            Table(
                title,
                [first, "Tiếp nhận", "Đã trả lời", "Trong hạn"],
                [
                    [
                        Cell(row["name"]),
                        Cell(row["received"], "count"),
                        Cell(row["resolved"], "count"),
                        Cell(row["on_time_rate"], "rate"),
                    ]
                    for row in rows
                ],
                chart=horizontal_bars(
                    f"Phản ánh tiếp nhận — {title.lower()}", [(r["name"], r["received"]) for r in rows[:10]]
                )
                if by == "category"
                else None,
            )
        )
    return board


def questions_board(context: Context) -> Board:
    scope, period = context.scope, context.period
    figures = [s.question_figures(scope, p) for p in (period, period.previous(), period.last_year())]
    board = Board("hoi-dap", "Hỏi đáp")
    board.tables.append(
        Table(
            "Chỉ số hỏi đáp",
            ["Chỉ số", *_compare_columns(context), "Cách tính"],
            _indicator_rows(s.QUESTION_INDICATORS, figures, {}),
            note="Câu hỏi không gắn với phường, xã: khi chọn một phường, xã thì không có số liệu hỏi đáp.",
        )
    )
    return board


REACH_INDICATORS = [
    s.Indicator(
        "citizens",
        "Người dùng (công dân)",
        "Số tài khoản công dân đang hoạt động, tính đến thời điểm chụp số liệu.",
        "count",
    ),
    s.Indicator(
        "level2_rate", "Tỷ lệ định danh mức 2", "Tài khoản đã xác thực danh tính mức 2 ÷ tài khoản công dân.", "rate"
    ),
    s.Indicator(
        "over_45_rate",
        "Tỷ lệ người từ 45 tuổi",
        "Người từ 45 tuổi trở lên ÷ người biết tuổi (ngày sinh đã xác thực, hoặc năm sinh tự khai).",
        "rate",
    ),
    s.Indicator("new_citizens", "Tài khoản mới", "Số tài khoản công dân tạo trong kỳ.", "count"),
    s.Indicator(
        "visits", "Lượt truy cập", "Số lần mở cổng từ bên ngoài (không đếm từng trang; không theo dõi ai).", "count"
    ),
]


def reach_board(context: Context) -> Board:
    period = context.period
    figures = [s.reach_figures(p) for p in (period, period.previous(), period.last_year())]
    board = Board("nguoi-dung", "Người dùng và lượt truy cập (toàn tỉnh)")
    board.tables.append(
        Table(
            "Chỉ số người dùng",
            ["Chỉ số", *_compare_columns(context), "Cách tính"],
            _indicator_rows(REACH_INDICATORS, figures, {}),
            note="Tài khoản không gắn với phường, xã nên số liệu này là của toàn tỉnh.",
        )
    )
    names = {"web": "Trình duyệt", "zalo": "Trình duyệt trong Zalo", "miniapp": "Zalo Mini App"}
    board.tables.append(
        Table(
            "Lượt truy cập theo kênh",
            ["Kênh", "Lượt truy cập", "Tỷ lệ"],
            compact=True,
            rows=[
                [
                    Cell(name),
                    Cell(figures[0]["visits_by_channel"][key], "count"),
                    Cell(figures[0]["channel_mix"][key], "rate"),
                ]
                for key, name in names.items()
            ],
        )
    )
    monthly = s.reach_monthly(period.last)
    board.tables.append(
        Table(
            "Theo tháng (12 tháng đến hết kỳ)",
            ["Tháng", "Tài khoản mới", "Người dùng hoạt động", "Lượt truy cập"],
            compact=True,
            rows=[
                [
                    Cell(f"{m['month']:%m/%Y}"),
                    Cell(m["new_citizens"], "count"),
                    Cell(m["active_users"], "count"),
                    Cell(m["visits"], "count"),
                ]
                for m in monthly
            ],
            chart=stacked_bars(
                "Người dùng hoạt động theo tháng",
                [f"{m['month']:%m/%y}" for m in monthly],
                [("Người dùng hoạt động", [m["active_users"] for m in monthly])],
            ),
        )
    )
    return board


def shops_board(context: Context) -> Board:
    rows = s.shops_per_ward(context.scope)
    board = Board("cua-hang", "Cửa hàng 4.0")
    board.tables.append(
        Table(
            "Cửa hàng 4.0 đã xác nhận theo phường, xã (hiện tại)",
            ["Phường, xã", "Số cửa hàng"],
            compact=True,
            rows=[[Cell(row["ward"]), Cell(row["shops"], "count")] for row in rows],
            chart=horizontal_bars("Cửa hàng 4.0 theo phường, xã", [(r["ward"], r["shops"]) for r in rows[:10]]),
        )
    )
    return board


def tuition_board(context: Context) -> Board:
    rows = s.tuition_per_school(context.scope, context.period)
    board = Board("hoc-phi", "Học phí")
    board.tables.append(
        Table(
            f"Học phí đã thu theo trường ({context.period.label})",
            ["Trường", "Đã thu", "Số khoản"],
            compact=True,
            rows=[
                [Cell(row["school"]), Cell(row["collected"], "money"), Cell(row["charges"], "count")] for row in rows
            ],
        )
    )
    return board


BOARDS: dict[str, tuple[str, Callable[[Context], Board]]] = {
    "ho-so": ("Hồ sơ", dossiers_board),
    "phan-anh": ("Phản ánh", reports_board),
    "hoi-dap": ("Hỏi đáp", questions_board),
    "nguoi-dung": ("Người dùng", reach_board),
    "cua-hang": ("Cửa hàng 4.0", shops_board),
    "hoc-phi": ("Học phí", tuition_board),
}
