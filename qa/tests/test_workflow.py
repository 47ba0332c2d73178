import pytest

from qa.workflow import ALLOWED_TRANSITIONS, ANSWERED_STATUSES, OPEN_STATUSES, QuestionStatus, can_transition

S = QuestionStatus

# Every move the Q&A workflow allows, written out: a change to the table is a decision, made here too.
EXPECTED = {
    (S.SUBMITTED, S.SUBMITTED),  # transferred to another agency
    (S.SUBMITTED, S.ASSIGNED),
    (S.SUBMITTED, S.ANSWERED),
    (S.SUBMITTED, S.REJECTED),
    (S.ASSIGNED, S.SUBMITTED),
    (S.ASSIGNED, S.ASSIGNED),
    (S.ASSIGNED, S.ANSWERED),
    (S.ASSIGNED, S.REJECTED),
    (S.ANSWERED, S.AWAITING_APPROVAL),
    (S.ANSWERED, S.PUBLISHED),
    (S.ANSWERED, S.PRIVATE),
    (S.AWAITING_APPROVAL, S.PUBLISHED),
    (S.AWAITING_APPROVAL, S.ANSWERED),
    (S.PRIVATE, S.AWAITING_APPROVAL),
    (S.PRIVATE, S.PUBLISHED),
    (S.PUBLISHED, S.PRIVATE),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_the_transition_table(current, target):
    assert can_transition(current, target) == ((current, target) in EXPECTED)


def test_every_status_has_a_row_and_rejection_is_final():
    assert set(ALLOWED_TRANSITIONS) == set(S)
    assert ALLOWED_TRANSITIONS[S.REJECTED] == set()
    assert OPEN_STATUSES.isdisjoint(ANSWERED_STATUSES)
