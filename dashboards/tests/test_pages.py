"""The pages and the API, signed in as each person who uses them; exports against the screen; query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboards.facts import facts_rebuild
from dashboards.tests.conftest import NOW

NOVEMBER = {"ky": "m2026-11"}
BOARDS = ["ho-so", "phan-anh", "hoi-dap", "nguoi-dung", "cua-hang", "hoc-phi"]


@pytest.fixture
def facts(province, settings):
    settings.STAFF_MFA_REQUIRED = False
    facts_rebuild(first=dt.date(2026, 10, 1), last=dt.date(2026, 12, 5), now=NOW)
    return province


class Tables(HTMLParser):
    """The text of every cell of every `table.figures`, row by row (what the screen shows)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell, self._inside, self._summary = [], None, None, False, False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "figures" in (dict(attrs).get("class") or ""):
            self.tables.append([])
            self._inside = True
        elif self._inside and tag == "tr":
            self._row = []
        elif self._inside and tag in ("td", "th"):
            self._cell = ""
        elif tag == "summary":  # the "Cách tính" handle that opens a formula on a phone
            self._summary = True

    def handle_endtag(self, tag):
        if tag == "summary":
            self._summary = False
        elif tag == "table":
            self._inside = False
        elif self._inside and tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif self._inside and tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None and not self._summary:
            self._cell += data


def screen_tables(html: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["ward_dashboard", "ward_viewer", "ward_head", "ward_officer", "district", "department"]
)
def test_every_board_opens_for_each_figures_role(client, facts, people, who):
    client.force_login(people[who])
    for board in BOARDS:
        response = client.get(f"/bang-dieu-khien/{board}/", NOVEMBER)
        assert response.status_code == 200, (who, board)
        assert response["Cache-Control"] == "private, no-store"
    page = client.get("/bang-dieu-khien/", NOVEMBER).content.decode()
    received = screen_tables(page)[0][1]  # the first indicator row: "Hồ sơ tiếp nhận"
    expected = {"ward_dashboard": "12", "ward_viewer": "12", "ward_head": "12", "ward_officer": "12"}
    expected |= {"district": "13", "department": "2"}
    assert received[:2] == ["Hồ sơ tiếp nhận", expected[who]]
    overdue = next(row for row in screen_tables(page)[0] if row[0] == "Đang quá hạn (hiện tại)")
    assert overdue[2:4] == ["—", "—"]  # a count of now: nothing to compare with in earlier periods


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "citizen"])
def test_people_without_a_figures_role_see_nothing(client, facts, people, who):
    client.force_login(people[who])
    for path in ["/bang-dieu-khien/", "/bang-dieu-khien/phan-anh/", "/bang-dieu-khien/danh-sach-ho-so/?chi-so=qua-han"]:
        response = client.get(path, NOVEMBER)
        assert response.status_code == 403, path
        assert "Hồ sơ tiếp nhận" not in response.content.decode() and "A-6" not in response.content.decode()
    assert client.get("/api/v1/dashboards/dossiers/").json()["code"] in ("dashboard_not_allowed", "permission_denied")


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in(client, facts):
    response = client.get("/bang-dieu-khien/")
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/login/?next=")
    assert client.get("/api/v1/dashboards/dossiers/").status_code == 401


@pytest.mark.django_db
def test_the_records_behind_a_figure_for_heads_and_officers_only(client, facts, people):
    client.force_login(people["ward_head"])
    response = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "qua-han"})
    assert response.status_code == 200
    codes = [row[0] for row in screen_tables(response.content.decode())[0][1:]]
    # By due date; D12 waits for papers. A-10 falls due on 3/12/2026: overdue once that day has passed.
    assert codes[:2] == ["A-6", "A-14"] and set(codes[2:]) <= {"A-10"}
    late = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "tre-han"}).content.decode()
    assert sorted(row[0] for row in screen_tables(late)[0][1:]) == ["A-14", "A-2", "A-4", "A-5", "A-6"]
    # The department's D16 counts in ward A's figures, but its file is the department's: the head cannot open it.
    received = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "tiep-nhan"}).content.decode()
    listed = [row[0] for row in screen_tables(received)[0][1:]]
    assert "B-16" not in listed and len(listed) == 11
    # Figures-only roles see the counts, never the list.
    for who in ("ward_dashboard", "ward_viewer", "district"):
        client.force_login(people[who])
        refused = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "qua-han"})
        assert refused.status_code == 403 and "A-6" not in refused.content.decode()
        board = client.get("/bang-dieu-khien/", NOVEMBER).content.decode()
        assert "danh-sach-ho-so" not in board  # no links to lists they may not open
    # Another agency's officer lists only their own agency's dossiers.
    client.force_login(people["department"])
    theirs = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "tiep-nhan"}).content.decode()
    assert sorted(row[0] for row in screen_tables(theirs)[0][1:]) == ["B-13", "B-16"]


@pytest.mark.django_db
def test_mistakes_get_plain_words_and_keep_the_picker(client, facts, people):
    client.force_login(people["ward_dashboard"])
    wrong = client.get("/bang-dieu-khien/", {"ky": "m2026-13"})
    assert wrong.status_code == 400 and "Kỳ báo cáo không hợp lệ" in wrong.content.decode()
    backwards = client.get("/bang-dieu-khien/", {"ky": "tuy-chon", "tu": "2026-11-30", "den": "2026-11-01"})
    assert backwards.status_code == 400
    page = backwards.content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in page and 'value="2026-11-30"' in page  # kept as typed
    elsewhere = client.get("/bang-dieu-khien/", {**NOVEMBER, "co-quan": str(facts.ward_c.pk)})
    assert elsewhere.status_code == 400 and "Bạn không xem được số liệu của cơ quan này." in elsewhere.content.decode()
    api = client.get("/api/v1/dashboards/dossiers/", {"from": "2026-11-01", "to": "hôm qua"})
    assert api.status_code == 400 and api.json()["code"] == "period_invalid"
    assert client.get("/api/v1/dashboards/dossiers/", {"agency": facts.ward_c.pk}).json()["code"] == (
        "agency_not_allowed"
    )
    assert client.get("/bang-dieu-khien/khong-co/").status_code == 404
    pdf = client.get("/bang-dieu-khien/", {**NOVEMBER, "xuat": "pdf"})
    assert pdf.status_code == 400 and "Chỉ tải về được CSV hoặc XLSX." in pdf.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("board", BOARDS)
def test_the_exports_match_the_screen(client, facts, people, board):
    from openpyxl import load_workbook

    client.force_login(people["district"])
    screen = screen_tables(client.get(f"/bang-dieu-khien/{board}/", NOVEMBER).content.decode())
    exported = list(
        csv.reader(
            io.StringIO(
                client.get(f"/bang-dieu-khien/{board}/", {**NOVEMBER, "xuat": "csv"}).content.decode("utf-8-sig")
            )
        )
    )
    shown_rows = [row for table in screen for row in table]
    csv_rows = [row for row in exported if len(row) > 1]
    assert csv_rows == shown_rows
    workbook = load_workbook(io.BytesIO(client.get(f"/bang-dieu-khien/{board}/", {**NOVEMBER, "xuat": "xlsx"}).content))
    sheet_rows = [[cell for cell in row] for row in workbook.active.iter_rows(values_only=True)]
    sheet_rows = [row for row in sheet_rows if sum(cell is not None for cell in row) > 1]
    assert len(sheet_rows) == len(shown_rows)
    for shown, sheet in zip(shown_rows, sheet_rows, strict=True):
        assert sheet[0] == shown[0]  # labels as on screen; the numbers are numbers there
    if board == "ho-so":
        received = next(row for row in sheet_rows if row[0] == "Hồ sơ tiếp nhận")
        online = next(row for row in sheet_rows if row[0] == "Tỷ lệ hồ sơ trực tuyến")
        assert received[1] == 13 and online[1] == pytest.approx(10 / 13)


@pytest.mark.django_db
def test_the_api_answers_with_the_named_keys_as_fractions(client, facts, people):
    client.force_login(people["ward_dashboard"])
    body = client.get("/api/v1/dashboards/dossiers/", {"from": "2026-11-01", "to": "2026-11-30"}).json()
    for key in (
        "received",
        "online_rate",
        "on_time_rate",
        "average_resolution_days",
        "overdue_now",
        "electronic_result_rate",
        "online_payment_rate",
        "digitisation_rate",
        "reuse_rate",
        "satisfaction",
    ):
        assert key in body
    assert (
        body["received"] == 12
        and body["on_time_rate"] == 3 / 8
        and body["period"]
        == {
            "from": "2026-11-01",
            "to": "2026-11-30",
        }
    )
    narrowed = client.get(
        "/api/v1/dashboards/dossiers/", {"from": "2026-11-01", "to": "2026-11-30", "ward": facts.ward_a.ward_id}
    ).json()
    assert narrowed["received"] == 12
    for path in ("reports", "questions", "reach", "shops", "tuition"):
        assert client.get(f"/api/v1/dashboards/{path}/", {"from": "2026-11-01", "to": "2026-11-30"}).status_code == 200
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/dashboards/dossiers/" in schema and "on_time_rate" in schema


@pytest.mark.django_db
@pytest.mark.parametrize(("board", "queries"), [("ho-so", 18), ("phan-anh", 19), ("hoi-dap", 14), ("nguoi-dung", 22)])
def test_query_counts_do_not_grow_with_the_data(client, facts, people, board, queries):
    from dashboards.tests.conftest import _dossier, local

    client.force_login(people["district"])
    client.get(f"/bang-dieu-khien/{board}/", NOVEMBER)  # sessions and the like settle first

    def counted() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/bang-dieu-khien/{board}/", NOVEMBER).status_code == 200
        return len(captured)

    before = counted()
    for n in range(30):  # more dossiers, agencies' rows and days
        _dossier(f"C-{100 + n}", facts.ward_c, facts.procedure, received_at=local(11, 1 + n % 28), due_at=local(12, 20))
    facts_rebuild(first=dt.date(2026, 11, 1), last=dt.date(2026, 11, 30), now=NOW)
    assert before == counted() == queries


@pytest.mark.django_db
def test_the_reports_behind_a_figure(client, facts, people, reports_and_questions):
    client.force_login(people["ward_head"])
    board = client.get("/bang-dieu-khien/phan-anh/", NOVEMBER).content.decode()
    assert "chi-so=pa-tre-han" in board
    late = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "pa-tre-han"}).content.decode()
    assert [row[0] for row in screen_tables(late)[0][1:]] == ["PA-2"]
    again = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "pa-xem-lai"}).content.decode()
    assert [row[0] for row in screen_tables(again)[0][1:]] == ["PA-2"]
    received = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "pa-tiep-nhan"}).content.decode()
    assert sorted(row[0] for row in screen_tables(received)[0][1:]) == ["PA-1", "PA-2", "PA-3", "PA-4"]
    client.force_login(people["department"])  # another agency's officer: none of ward A's reports
    theirs = client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "pa-tiep-nhan"}).content.decode()
    assert "PA-1" not in theirs and "Danh sách trống." in theirs
    client.force_login(people["ward_dashboard"])
    assert client.get("/bang-dieu-khien/danh-sach-ho-so/", {**NOVEMBER, "chi-so": "pa-tre-han"}).status_code == 403
