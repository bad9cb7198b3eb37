"""Only the Bot Framework gets answers: a request without its valid token does nothing.

The double publishes a signing key as the Bot Framework does; tokens are signed here
with that key (for another app) or with a key of a forger, and the server is told where
the keys are published.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlmodel import Session, select

from core.models import TeamsConversation
from core.storage import create_db_engine
from tests.bot.company import People
from tests.fakes.teams_connector import KEY_ID, TeamsConnectorDouble
from tests.slack.conftest import LoopThread
from tests.teams.conftest import TeamsHarness, serving

APP_ID = "00000000-0000-0000-0000-00000000abcd"
ISSUER = "https://api.botframework.com"

SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
FORGERS_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def secured(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> Iterator[TeamsHarness]:
    public = json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
    double.signing_keys.append(
        {**public, "kid": KEY_ID, "use": "sig", "endorsements": ["msteams"]}
    )
    url, people = database
    environ = {
        "MICROSOFT_APP_ID": APP_ID,
        "MICROSOFT_APP_PASSWORD": "test-app-password",
        "MICROSOFT_OPENID_METADATA_URL": double.openid_url,
    }
    with serving(loop, url, environ) as base:
        yield TeamsHarness(double, base, people, url)


def token(key: Any, service_url: str, audience: str = APP_ID) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": audience,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + 3600,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})


def nothing_happened(harness: TeamsHarness) -> None:
    assert harness.double.calls == []
    engine = create_db_engine(harness.database)
    with Session(engine) as session:
        assert list(session.exec(select(TeamsConversation))) == []
    engine.dispose()


def test_a_request_without_a_token_is_refused(secured: TeamsHarness) -> None:
    sent = secured.post(secured.message("myquota"))

    assert sent.status == 401
    nothing_happened(secured)


def test_a_forged_token_is_refused(secured: TeamsHarness) -> None:
    forged = token(FORGERS_KEY, secured.double.service_url)

    sent = secured.post(secured.message("myquota"), token=forged)

    assert sent.status == 401
    nothing_happened(secured)


def test_a_token_for_another_bot_is_refused(secured: TeamsHarness) -> None:
    theirs = token(SIGNING_KEY, secured.double.service_url, audience="another-bot")

    sent = secured.post(secured.message("myquota"), token=theirs)

    assert sent.status == 401
    nothing_happened(secured)


def test_a_token_for_another_service_url_is_refused(secured: TeamsHarness) -> None:
    elsewhere = token(SIGNING_KEY, "https://attacker.example/")

    sent = secured.post(secured.message("myquota"), token=elsewhere)

    assert sent.status == 401
    nothing_happened(secured)


def test_garbage_for_a_token_is_refused(secured: TeamsHarness) -> None:
    sent = secured.post(secured.message("myquota"), token="not-a-token")

    assert sent.status == 401
    nothing_happened(secured)


def test_without_an_app_id_only_this_machine_is_answered(teams: TeamsHarness) -> None:
    activity = teams.message("myquota")
    activity["serviceUrl"] = "https://smba.trafficmanager.net/emea/"

    sent = teams.post(activity)

    assert sent.status == 401
    nothing_happened(teams)


def test_what_is_not_an_activity_is_a_bad_request(teams: TeamsHarness) -> None:
    assert teams.post({"hello": "world"}).status == 400
    assert teams.post(teams.message("myquota"), content_type="text/plain").status == 415
    nothing_happened(teams)


def test_a_token_the_bot_framework_signed_is_accepted(secured: TeamsHarness) -> None:
    # Being added to a team sends nothing back, so no token for Microsoft is needed.
    genuine = token(SIGNING_KEY, secured.double.service_url)

    sent = secured.post(secured.bot_added(), token=genuine)

    assert sent.status == 201
    engine = create_db_engine(secured.database)
    with Session(engine) as session:
        assert len(list(session.exec(select(TeamsConversation)))) == 1
    engine.dispose()
