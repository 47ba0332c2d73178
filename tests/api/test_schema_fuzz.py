"""Schemathesis against our OpenAPI schema, in process, anonymous and as a citizen with a token: whatever it
generates, the answer is never a 500 (issue 12's audit found 26,000 fuzzed calls' worth of them). Bounded examples
per operation keep CI short; FUZZ_EXAMPLES=200 by hand for a deeper run."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))


@pytest.fixture
def api_schema(settings, catalogue, agency):
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # External services we cannot reach answer at once (a closed port), as they would during an outage.
    closed = "http://127.0.0.1:9"
    settings.ZALO = {
        **settings.ZALO,
        "OAUTH_URL": closed,
        "GRAPH_URL": closed,
        "OPENAPI_URL": closed,
        "TIMEOUT_SECONDS": 1,
    }
    # As Django's test client does: the end of a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Calls that end the session they are made with: fuzzed first, they would leave every later call a bare 401.
# Their own tests are in identity/tests/test_api_tokens.py.
ENDS_THE_SESSION = {"/api/v1/auth/logout/", "/api/v1/me/delete/"}


def server_errors(schema, headers: dict, skip: frozenset = frozenset()) -> tuple[list[str], int]:
    """Every operation, EXAMPLES generated calls each; the calls that got a 5xx, and how many calls were made."""
    failures, calls = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in skip:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            nonlocal calls
            calls += 1
            response = case.call(headers=headers)
            # 503 is ours to give (an external service away, said in the API format); anything else 5xx is a bug.
            if response.status_code >= 500 and response.status_code != 503:
                failures.append(
                    f"{case.method} {case.formatted_path} {response.status_code}: {response.content[:300]!r}"
                )

        call()
    return failures, calls


@pytest.mark.django_db
def test_no_generated_call_is_a_server_error_anonymously(api_schema):
    failures, calls = server_errors(api_schema, {})
    print(f"{calls} anonymous calls")
    assert calls > 100 and failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_no_generated_call_is_a_server_error_as_a_citizen(api_schema, verified_citizen):
    from identity.tokens import api_token_issue

    token = api_token_issue(user=verified_citizen)[0]
    failures, calls = server_errors(api_schema, {"Authorization": f"Bearer {token}"}, skip=ENDS_THE_SESSION)
    print(f"{calls} calls as a citizen")
    assert calls > 100 and failures == [], "\n".join(failures)
    assert client_still_signed_in(token), "a fuzzed call ended the session: the later calls tested nothing"


def client_still_signed_in(token: str) -> bool:
    from django.test import Client

    return Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
