"""The whole transition table, allowed and refused, through the one transition step every service uses."""

import pytest
from django.db import transaction

from citizen_portal.api.exceptions import ApplicationError
from reports.models import Report, ReportHistory
from reports.services import _transition
from reports.workflow import ALLOWED_TRANSITIONS, ANSWER_REQUIRED, ReportStatus


@pytest.fixture
def report(categories, citizen, ward):
    return Report.objects.create(
        reporter=citizen, category=categories["fallen_tree"], description="Cây đổ", address="1 Trần Hưng Đạo", ward=ward
    )


@pytest.mark.django_db
@pytest.mark.parametrize("current", ReportStatus.values)
def test_every_transition_is_allowed_or_refused_as_the_table_says(report, officer, current):
    for target in ReportStatus.values:
        Report.objects.filter(pk=report.pk).update(status=current)  # arrange the starting state
        history_before = ReportHistory.objects.count()
        answer = "Đã xử lý." if target in ANSWER_REQUIRED else ""
        if target in ALLOWED_TRANSITIONS[current]:
            with transaction.atomic():
                moved = _transition(report, target, actor=officer, public_text=answer)
            assert moved.status == target, (current, target)
            last = ReportHistory.objects.latest("id")
            assert (last.from_status, last.to_status, last.actor) == (current, target, officer)
        else:
            with pytest.raises(ApplicationError) as refused, transaction.atomic():
                _transition(report, target, actor=officer, public_text=answer)
            assert refused.value.get_codes() == "transition_not_allowed", (current, target)
            assert Report.objects.get(pk=report.pk).status == current
            assert ReportHistory.objects.count() == history_before


@pytest.mark.django_db
@pytest.mark.parametrize("target", sorted(ANSWER_REQUIRED))
def test_resolving_rejecting_or_marking_duplicate_needs_a_public_answer(report, officer, target):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.IN_PROGRESS)
    with pytest.raises(ApplicationError) as refused:
        _transition(report, target, actor=officer, public_text="  ")
    assert refused.value.get_codes() == "answer_required"
    assert Report.objects.get(pk=report.pk).status == ReportStatus.IN_PROGRESS


def test_closed_and_duplicate_lead_nowhere():
    assert ALLOWED_TRANSITIONS[ReportStatus.CLOSED] == set() == ALLOWED_TRANSITIONS[ReportStatus.DUPLICATE]
