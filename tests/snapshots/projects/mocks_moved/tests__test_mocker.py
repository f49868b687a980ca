"""requests_mock's fixture and Mocker answer app.mail's requests too; one mocks a request no module makes."""
import requests_mock

from app import mail


def test_message(requests_mock):
    requests_mock.get("https://api.us.nylas.com/v3/grants/me/messages/m1", json={"id": "m1", "account_id": "a1"})
    assert mail.message("token", "m1")["id"] == "m1"


def test_folders_nobody_asks_for():
    with requests_mock.Mocker() as m:
        m.get("https://api.nylas.com/folders", json=[{"id": "f1"}])
