"""v2 names that no URL rule sees: OAuth on login.nylas.com, and tests patching the v5 client."""
from unittest import mock
from urllib.parse import urlencode

import app.mail


def authorize_url(client_id, redirect_uri):
    params = {"client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code"}
    return "https://login.nylas.com/oauth/authorize?" + urlencode(params)


def test_sends(mocker):
    fake = mocker.patch("app.mail.APIClient")
    app.mail.send("a@b.c")
    assert fake.called


@mock.patch("nylas.APIClient")
def test_reads(fake):
    with mock.patch.object(app.mail, "APIClient"):
        app.mail.read()
