"""Another OAuth library's revoke_token (a nylas word only here): silent."""
from authlib.integrations.requests_client import OAuth2Session

session = OAuth2Session("id", "secret")


def sign_out(token):
    session.revoke_token("https://accounts.example.com/revoke", token=token)
