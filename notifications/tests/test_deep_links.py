"""Deep links: with a published mini app (ZALO_MINIAPP_ID) a citizen's notification opens it inside Zalo at the
same path as the web page; without one, the web page. Officers' links always open the back office on the web."""

import pytest

from citizen_portal.links import citizen_link
from notifications.services import notify
from notifications.tests.conftest import DOSSIER_FACTS


def test_a_citizen_link_opens_the_mini_app_only_when_there_is_one(settings):
    settings.PUBLIC_BASE_URL = "https://congdan.tayninh.gov.vn"
    settings.ZALO_MINIAPP_ID = ""
    assert citizen_link("/ho-so/cua-toi/abc/") == "https://congdan.tayninh.gov.vn/ho-so/cua-toi/abc/"
    settings.ZALO_MINIAPP_ID = "3176154390286470437"
    assert citizen_link("/ho-so/tra-cuu/?ma=X-1") == "https://zalo.me/s/3176154390286470437/ho-so/tra-cuu/?ma=X-1"
    assert citizen_link("https://example.org/x") == "https://example.org/x"  # not ours: left alone


@pytest.mark.django_db
def test_notifications_point_citizens_into_the_mini_app_and_officers_to_the_web(citizen, officer, settings):
    settings.PUBLIC_BASE_URL = "https://congdan.tayninh.gov.vn"
    settings.ZALO_MINIAPP_ID = "3176154390286470437"
    facts = {**DOSSIER_FACTS, "electronic": True}
    mine = notify(recipient=citizen, event="dossier_result_ready", context=facts, link="/ho-so/cua-toi/abc/")
    assert "https://zalo.me/s/3176154390286470437/ho-so/cua-toi/abc/" in str(mine.content)
    officers = notify(recipient=officer, event="dossier_result_ready", context=facts, link="/admin/x/")
    assert "https://congdan.tayninh.gov.vn/admin/x/" in str(officers.content)
    assert "zalo.me/s/" not in str(officers.content)
