import requests

from .. import constants as core_consts


def _headers(token):
    return {"Authorization": f"Bearer {token}"}


def send_email(token, to, subject, body):
    payload = {"to": [{"email": to}], "subject": subject, "body": body}
    r = requests.post(f"{core_consts.NYLAS_API_BASE_URL}/v3/grants/me/messages/send", json=payload, headers=_headers(token))
    return r.status_code


def recent(token):
    r = requests.get(f"{core_consts.NYLAS_API_BASE_URL}/v3/grants/me/messages", params={"limit": core_consts.PAGE_SIZE},
                     headers=_headers(token))
    return r.json()
