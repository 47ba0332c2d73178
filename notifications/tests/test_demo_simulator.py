"""`make run`'s Zalo simulator: its users are the seeded citizens (a Zalo login lands on their accounts), it plays
the demo's SMS gateway, and its root page shows every message a citizen's phone would get, codes included."""

import io
import re
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from citizen_portal.demo_people import CITIZENS
from identity.tests.test_zalo_login import local, start_login, zalo_consents
from notifications.management.commands.zalo_simulator import demo_simulator


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    simulator = demo_simulator().start()
    settings.ZALO = {
        **django_settings.ZALO,
        **{key: simulator.url for key in ("OAUTH_URL", "GRAPH_URL", "OPENAPI_URL", "BUSINESS_URL")},
        "TIMEOUT_SECONDS": 5,
    }
    settings.SMS_PROVIDER = "notifications.sms.SimulatorSmsProvider"
    settings.SMS_SIMULATOR_URL = simulator.url
    yield simulator
    simulator.stop()


def phone_page(simulator) -> str:
    with urllib.request.urlopen(f"{simulator.url}/", timeout=5) as response:  # noqa: S310 - 127.0.0.1
        return response.read().decode()


@pytest.mark.django_db
def test_the_simulators_zalo_users_are_the_seeded_citizens(client, demo):
    from identity.models import User

    with_zalo = [c for c in CITIZENS if c.zalo_id]
    assert {uid: (u["name"], u["phone"]) for uid, u in demo.state.users.items()} == {
        c.zalo_id: (c.full_name, c.zalo_phone) for c in with_zalo
    }
    an = next(c for c in with_zalo if c.username == "congdan.an")
    demo.state.auto_consent_user = an.zalo_id
    accounts_before = User.objects.count()
    client.get(local(zalo_consents(start_login(client))))
    assert client.session["_auth_user_id"] == str(User.objects.get(username="congdan.an").pk)
    assert User.objects.count() == accounts_before  # the seeded citizen, not a new account


@pytest.mark.django_db
def test_the_message_page_shows_zns_and_sms_codes_newest_first(client, demo, django_capture_on_commit_callbacks):
    from identity.models import User

    assert "Chưa có tin nhắn nào" in phone_page(demo)
    from agencies.tests.factories import consented

    cuong = consented(User.objects.get(username="congdan.cuong"))
    consented(User.objects.get(username="congdan.dung"))
    assert cuong.phone is None  # signed in with Zalo on the web only
    client.force_login(cuong)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "0903 111 222"})
    page = phone_page(demo)
    zns_code = re.search(
        r"Tin nhắn Zalo \(ZNS\) · đến Lê Văn Cường · 0903111222 .*?otp: <strong>(\d{6})</strong>", page
    )
    assert zns_code, page
    client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "+84903111222", "code": zns_code.group(1)})
    cuong.refresh_from_db()
    assert cuong.phone == "+84903111222"

    # Phạm Thị Dung has no Zalo: her login code goes by SMS, and shows on the page above Cường's.
    demo.state.phones_without_zalo.add("84376555888")
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dang-nhap/ma/", {"phone": "0376555888"})
    page = phone_page(demo)
    sms = re.search(r"Tin nhắn SMS · đến 0376555888 [^<]*</p><p>Ma dang nhap Cong Cong dan: (\d{6})", page)
    assert sms, page
    assert page.index("Tin nhắn SMS") < page.index("Lê Văn Cường")  # newest first
    response = client.post("/dang-nhap/ma/", {"phone": "0376555888", "code": sms.group(1)})
    assert client.session["_auth_user_id"] == str(User.objects.get(username="congdan.dung").pk), response


@pytest.mark.django_db
def test_the_demo_banner_links_the_message_page_only_when_configured(client, settings):
    assert "trang tin nhắn giả lập" not in client.get("/").content.decode()
    settings.DEMO_MESSAGES_URL = "http://127.0.0.1:8790/"
    assert 'href="http://127.0.0.1:8790/"' in client.get("/").content.decode()
