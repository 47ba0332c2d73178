"""QuickSelect writes the same <select> as Django's Select, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from citizen_portal.forms import QuickSelect

CHOICES = [
    ("", "— Chọn —"),
    ("🌳 Cây xanh", [(1, "Cây gãy, đổ"), (2, 'Cành "nguy hiểm" <b>')]),
    (3, "Đèn đường & điện"),
]


@pytest.mark.parametrize("value", [None, "", 2, "3", "khong-co"])
@pytest.mark.parametrize("attrs", [{}, {"data-searchable": "", "aria-invalid": "true", "required": True}])
def test_it_writes_what_djangos_select_writes(value, attrs):
    ours = QuickSelect(attrs=attrs, choices=CHOICES).render("ward", value, attrs={"id": "id_ward"})
    django = forms.Select(attrs=attrs, choices=CHOICES).render("ward", value, attrs={"id": "id_ward"})
    assert parse_html(ours) == parse_html(django)
    assert "<b>" not in ours and "&lt;b&gt;" in ours  # labels are escaped


@pytest.mark.django_db
def test_the_feed_filter_marks_the_chosen_ward(client, settings):
    from agencies.models import Ward
    from citizen_portal.scale import scale_seed

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    scale_seed(label="qs", dossiers=0, reports=5, citizens=5, agencies=3, log=lambda *_: None)
    ward = Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("name")[3]
    page = client.get("/phan-anh/", {"ward": ward.code}).content.decode()
    assert f'<option value="{ward.code}" selected>{ward.name}</option>' in page
