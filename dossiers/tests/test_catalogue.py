import pytest
from django.core.management import CommandError, call_command

from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
from dossiers.models import Dossier, FormField, Procedure
from dossiers.tests.conftest import procedure

CSV = """row_type,code,name,field_code,field_name,agency,agency_kind,online_level,legal_basis,fee_amount,fee_timing,result_type,case,duration,duration_unit,key,required,copies,accepted_types,section,type,choices,prefill,help_text
procedure,2.000001.000.00.00.H56,Cấp giấy phép tổ chức lễ hội,van-hoa,Văn hóa,,ward_committee,partial,Nghị định 110/2018/NĐ-CP,,,paper,,,,,,,,,,,,
case,2.000001.000.00.00.H56,,,,,,,,,,,Lễ hội cấp xã,5,working_days,,,,,,,,,
document,2.000001.000.00.00.H56,Kế hoạch tổ chức lễ hội,,,,,,,,,,Lễ hội cấp xã,,,ke-hoach,1,1,pdf,,,,,
field,2.000001.000.00.00.H56,Tên lễ hội,,,,,,,,,,,,,ten-le-hoi,1,,,Lễ hội,text,,,
field,2.000001.000.00.00.H56,Quy mô,,,,,,,,,,,,,quy-mo,0,,,Lễ hội,choice,Nhỏ|Vừa|Lớn,,
"""


@pytest.mark.django_db
def test_the_demo_catalogue_has_at_least_15_real_procedures_and_imports_idempotently(catalogue):
    assert catalogue.created == Procedure.objects.count() >= 15
    again = catalogue_import_file(DEMO_CATALOGUE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, Procedure.objects.count())


@pytest.mark.django_db
def test_a_changed_procedure_gets_a_new_version_and_dossiers_keep_theirs(
    catalogue, submitted_birth_registration, tmp_path
):
    import json

    data = json.loads(DEMO_CATALOGUE.read_text())
    births = next(p for p in data["procedures"] if p["name"] == "Đăng ký khai sinh")
    births["form_fields"].append(
        {"section": "Khác", "key": "note", "label": "Ghi chú", "type": "text", "required": False}
    )
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    result = catalogue_import_file(path)
    assert (result.updated, result.unchanged) == (1, Procedure.objects.count() - 1)
    assert procedure("Đăng ký khai sinh").version == 2
    dossier = Dossier.objects.get(pk=submitted_birth_registration.pk)
    assert dossier.procedure_version == 1
    assert "note" not in [f["key"] for f in dossier.procedure_snapshot["fields"]]


@pytest.mark.django_db
def test_the_catalogue_can_come_from_a_spreadsheet_csv(tmp_path, capsys):
    path = tmp_path / "le-hoi.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("import_procedures", str(path))
    assert "1 mới" in capsys.readouterr().out
    festival = Procedure.objects.get(code="2.000001.000.00.00.H56")
    assert festival.field.name == "Văn hóa" and festival.agency_kind == "ward_committee"
    case = festival.cases.get()
    assert case.duration_text() == "5 ngày làm việc"
    assert list(case.documents.values_list("key", "accepted_types")) == [("ke-hoach", ["pdf"])]
    size = FormField.objects.get(procedure=festival, key="quy-mo")
    assert (size.required, size.choices) == (False, ["Nhỏ", "Vừa", "Lớn"])


@pytest.mark.django_db
def test_a_broken_csv_is_refused_with_the_line_and_nothing_imported(tmp_path):
    path = tmp_path / "sai.csv"
    path.write_text(CSV.replace("case,2.000001", "hop,2.000001"), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_procedures", str(path))
    assert "dòng 3" in str(error.value)
    assert not Procedure.objects.exists()
