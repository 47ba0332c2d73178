import pytest
from django.core.management import call_command

from agencies.models import Province, Ward
from agencies.services import geography_load


@pytest.mark.django_db
def test_it_loads_34_provinces_and_3321_wards():
    result = geography_load()
    assert (result.provinces, result.wards) == (34, 3321)
    assert (result.provinces_created, result.wards_created) == (34, 3321)
    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_repairs_edits():
    geography_load()
    Ward.objects.filter(code=25459).update(name="Tên bị sửa nhầm")
    result = geography_load()
    assert (result.provinces_created, result.wards_created) == (0, 0)
    assert Ward.objects.count() == 3321
    assert Ward.objects.get(code=25459).name == "Phường Tân Ninh"


@pytest.mark.django_db
def test_the_home_province_tay_ninh_has_its_wards_after_the_merger(settings):
    geography_load()
    tay_ninh = Province.objects.get(code=settings.HOME_PROVINCE_CODE)
    assert tay_ninh.name == "Tây Ninh"
    names = set(tay_ninh.wards.values_list("name", flat=True))
    # Former Tây Ninh and former Long An wards are both in the merged province.
    assert {"Phường Tân Ninh", "Phường Long An", "Xã Bến Lức"} <= names
    assert Ward.objects.get(code=27991).search_text == "xa ben luc"


@pytest.mark.django_db
def test_the_command_prints_the_counts(capsys):
    call_command("load_geography")
    call_command("load_geography")
    out = capsys.readouterr().out
    assert "34 tỉnh, thành phố (34 mới)" in out
    assert "3321 phường, xã (0 mới)" in out
