"""The inbox through the API: only one's own messages, newest first; opening one marks it read."""

import pytest

from identity.tokens import api_token_issue
from notifications.services import notify
from notifications.tests.conftest import DOSSIER_FACTS


@pytest.mark.django_db
def test_the_inbox_lists_my_messages_only_and_marks_them_read(client, citizen, other_citizen):
    notify(recipient=citizen, event="dossier_result_ready", context=DOSSIER_FACTS, link="/ho-so/cua-toi/")
    notify(recipient=other_citizen, event="dossier_result_ready", context=DOSSIER_FACTS)
    me = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=citizen)[0]}"}
    listing = client.get("/api/v1/my/inbox/", **me).json()
    assert listing["count"] == 1
    [message] = listing["results"]
    assert message["read"] is False and message["link"] == "/ho-so/cua-toi/"
    assert client.get("/api/v1/my/inbox/?unread=1", **me).json()["count"] == 1
    assert client.get(f"/api/v1/my/inbox/{message['public_id']}/", **me).json()["read"] is True
    assert client.get("/api/v1/my/inbox/?unread=1", **me).json()["count"] == 0
    other = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=other_citizen)[0]}"}
    assert client.get(f"/api/v1/my/inbox/{message['public_id']}/", **other).status_code == 404
    assert client.post("/api/v1/my/inbox/read-all/", **other).json() == {"marked": 1}
    assert client.get("/api/v1/my/inbox/").status_code == 401
