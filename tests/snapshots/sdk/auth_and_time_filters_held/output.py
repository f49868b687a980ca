"""The cases of auth_and_time_filters.py that cannot be rewritten: revoking tokens (v6: client.auth.revoke,
one v3 token; v3 has no revoke-all) holds the client back, so it and all its uses stay on v2 (SDK090 at the
constructor names them; each keeps its RUN070)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def sign_out():
    nylas.revoke_token()


def sign_out_everywhere():
    nylas.revoke_all_tokens(keep_access_token=None)
