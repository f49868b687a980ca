"""Revoking tokens (v6: client.auth.revoke) and time filters already in Unix seconds (no "pass an int")."""
import calendar
import datetime

from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def sign_out():
    nylas.revoke_token()


def sign_out_everywhere():
    nylas.revoke_all_tokens(keep_access_token=None)


def since_seconds(start: datetime.datetime):
    return nylas.messages.where(received_after=int(start.timestamp()), limit=10).all()


def since_tuple(start):
    return nylas.threads.where(last_message_after=calendar.timegm(start.utctimetuple()) - 3600, limit=5).all()


def since_a_value(start):
    return nylas.messages.where(received_after=start, limit=10).all()
