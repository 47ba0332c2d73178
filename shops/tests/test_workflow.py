"""The transition table walked through the services: from every state, every move either happens (with its
history row) or is refused with `transition_not_allowed` and nothing changes."""

import threading

import pytest

from citizen_portal.api.exceptions import ApplicationError
from shops.models import Shop
from shops.services import (
    shop_approve,
    shop_changes_approve,
    shop_changes_discard,
    shop_changes_reject,
    shop_changes_return,
    shop_changes_submit,
    shop_reinstate,
    shop_reject,
    shop_return,
    shop_save,
    shop_submit,
    shop_suspend,
)
from shops.workflow import ALLOWED_TRANSITIONS, CHANGE_TRANSITIONS, ChangeStatus, ShopStatus, can_transition

S = ShopStatus
C = ChangeStatus

EXPECTED = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.APPROVED),
    (S.SUBMITTED, S.NEEDS_CHANGES),
    (S.SUBMITTED, S.REJECTED),
    (S.NEEDS_CHANGES, S.SUBMITTED),
    (S.APPROVED, S.SUSPENDED),
    (S.SUSPENDED, S.APPROVED),
}


def test_the_table_allows_exactly_the_moves_of_the_programme():
    allowed = {(a, b) for a in S for b in S if can_transition(a, b)}
    assert allowed == EXPECTED
    assert set(ALLOWED_TRANSITIONS) == set(S)
    assert set(CHANGE_TRANSITIONS) == set(C)


@pytest.fixture
def in_state(make_shop, citizen, officer):
    def make(status: str) -> Shop:
        if status == S.DRAFT:
            return make_shop(citizen, send=False)
        shop = make_shop(citizen)
        if status == S.NEEDS_CHANGES:
            shop = shop_return(shop=shop, officer=officer, items=["Ảnh mờ"])
        elif status == S.REJECTED:
            shop = shop_reject(shop=shop, officer=officer, reason="Không kinh doanh tại địa chỉ này")
        elif status in (S.APPROVED, S.SUSPENDED):
            shop = shop_approve(shop=shop, officer=officer)
            if status == S.SUSPENDED:
                shop = shop_suspend(shop=shop, officer=officer, reason="Ngừng nhận chuyển khoản")
        assert shop.status == status
        return shop

    return make


MOVES = {
    S.SUBMITTED: lambda shop, owner, officer: shop_submit(shop=shop, owner=owner),
    S.APPROVED: lambda shop, owner, officer: (
        shop_reinstate(shop=shop, officer=officer)
        if shop.status == S.SUSPENDED
        else shop_approve(shop=shop, officer=officer)
    ),
    S.NEEDS_CHANGES: lambda shop, owner, officer: shop_return(shop=shop, officer=officer, items=["Thiếu ảnh"]),
    S.REJECTED: lambda shop, owner, officer: shop_reject(shop=shop, officer=officer, reason="Trùng cửa hàng khác"),
    S.SUSPENDED: lambda shop, owner, officer: shop_suspend(shop=shop, officer=officer, reason="Khách phản ánh"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("target", list(MOVES))
def test_every_move_from_every_state(in_state, citizen, officer, start, target):
    shop = in_state(start)
    history = shop.history.count()
    if (start, target) in EXPECTED:
        moved = MOVES[target](shop, citizen, officer)
        assert moved.status == target
        assert shop.history.count() == history + 1
    else:
        with pytest.raises(ApplicationError) as refused:
            MOVES[target](shop, citizen, officer)
        # A draft is the owner's alone: no officer can even see it.
        officer_move = target != S.SUBMITTED
        expected = "not_your_agency" if start == S.DRAFT and officer_move else "transition_not_allowed"
        assert refused.value.get_codes() == expected
        shop.refresh_from_db()
        assert shop.status == start and shop.history.count() == history


@pytest.mark.django_db
def test_the_change_review_walks_its_own_table(make_shop, make_data, citizen, officer):
    shop = make_shop(citizen, approve_by=officer)
    live = shop.live_id
    with pytest.raises(ApplicationError):  # nothing to send yet
        shop_changes_submit(shop=shop, owner=citizen)
    shop = shop_save(
        owner=citizen, shop=shop, data=make_data(opening_hours="Cả ngày"), kept_photos=list(shop.live.photos.all())
    )
    assert shop.change_status == C.EDITING and shop.live_id == live and shop.working_id != live
    for refused in (shop_changes_approve, shop_changes_return, shop_changes_reject):
        with pytest.raises(ApplicationError):
            refused(
                shop=shop,
                officer=officer,
                **(
                    {"items": ["x"]}
                    if refused is shop_changes_return
                    else {"reason": "x"}
                    if refused is shop_changes_reject
                    else {}
                ),
            )
    shop = shop_changes_submit(shop=shop, owner=citizen)
    assert shop.change_status == C.SUBMITTED
    with pytest.raises(ApplicationError) as refused:  # the owner waits while it is reviewed
        shop_save(owner=citizen, shop=shop, data=make_data(), kept_photos=[])
    assert refused.value.get_codes() == "change_under_review"
    with pytest.raises(ApplicationError):
        shop_changes_discard(shop=shop, owner=citizen)
    shop = shop_changes_return(shop=shop, officer=officer, items=["Giờ mở cửa ghi rõ giờ"])
    assert shop.change_status == C.NEEDS_CHANGES and shop.fix_items == ["Giờ mở cửa ghi rõ giờ"]
    shop = shop_changes_submit(shop=shop, owner=citizen)
    shop = shop_changes_approve(shop=shop, officer=officer)
    assert shop.change_status == C.NONE and shop.working_id is None and shop.live.opening_hours == "Cả ngày"


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_get_one_success_and_one_refusal(make_shop, citizen, officer, run_concurrently):
    from agencies.tests.factories import OfficerFactory

    colleague = OfficerFactory(agency=officer.memberships.get().agency)
    shop = make_shop(citizen)

    turns, lock = iter([0, 1]), threading.Lock()

    def decide():
        with lock:
            index = next(turns)
        try:
            if index == 0:
                shop_approve(shop=Shop.objects.get(pk=shop.pk), officer=officer)
            else:
                shop_reject(shop=Shop.objects.get(pk=shop.pk), officer=colleague, reason="Trùng")
            return "done"
        except ApplicationError as error:
            return error.get_codes()

    results = run_concurrently(decide, count=2)
    assert sorted(results) == ["done", "transition_not_allowed"]
    shop.refresh_from_db()
    assert shop.history.filter(action__in=["approved", "rejected"]).count() == 1
