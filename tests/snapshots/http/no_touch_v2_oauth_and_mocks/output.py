"""Look-alikes (a nylas word only here): another login host, another API client patched: silent."""
from unittest import mock


def authorize_url():
    return "https://login.example.com/oauth/authorize?client_id=x"


def test_slack(mocker):
    mocker.patch("app.chat.SlackAPIClient")
    with mock.patch("app.chat.APIClients"):
        pass
    return "APIClient"
