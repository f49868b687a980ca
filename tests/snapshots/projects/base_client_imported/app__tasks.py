from .http import nylas_http as http


def notify(to):
    body = {"to": [{"email": to}], "subject": "Done", "body": "Your export is ready."}
    return http.post("/v3/grants/me/messages/send", json=body).status_code


def starred():
    return http.get("/v3/grants/me/threads", params={"starred": True, "limit": 10}).json()
