"""The whole transition table, allowed and refused, through the one transition step every service uses."""

import pytest
from django.db import transaction

from citizen_portal.api.exceptions import ApplicationError
from dossiers.models import Dossier, DossierHistory, DossierPause
from dossiers.services import _transition
from dossiers.workflow import ALLOWED_TRANSITIONS, PAUSED_STATUSES, DossierStatus

PAIRS = [(a, b) for a in DossierStatus.values for b in DossierStatus.values if a != b]


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_every_transition_is_allowed_or_refused_as_the_table_says(
    submitted_birth_registration, officer, current, target
):
    Dossier.objects.filter(pk=submitted_birth_registration.pk).update(status=current)  # arrange the starting state
    history_before = DossierHistory.objects.count()
    if target in ALLOWED_TRANSITIONS[current]:
        with transaction.atomic():
            moved = _transition(submitted_birth_registration, target, actor=officer)
        assert moved.status == target
        assert DossierHistory.objects.count() == history_before + 1
        last = DossierHistory.objects.latest("id")
        assert (last.from_status, last.to_status, last.actor) == (current, target, officer)
        if target in PAUSED_STATUSES:
            assert DossierPause.objects.filter(dossier=moved, ended_at__isnull=True, reason=target).exists()
    else:
        with pytest.raises(ApplicationError) as refused, transaction.atomic():
            _transition(submitted_birth_registration, target, actor=officer)
        assert refused.value.get_codes() == "transition_not_allowed"
        assert Dossier.objects.get(pk=submitted_birth_registration.pk).status == current
        assert DossierHistory.objects.count() == history_before


def test_final_states_lead_nowhere():
    for final in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED):
        assert ALLOWED_TRANSITIONS[final] == set()
