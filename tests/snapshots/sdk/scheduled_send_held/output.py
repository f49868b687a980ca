"""The cases of scheduled_send.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def schedule_with_retry(email, when, until):
    draft = nylas.drafts.create(to=[{"email": email}])
    return nylas.outbox.send(draft, when, retry_limit_datetime=until)
