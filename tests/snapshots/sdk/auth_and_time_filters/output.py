"""Time filters already in Unix seconds (no "pass an int"). Revoking tokens holds a client on v2: see
auth_and_time_filters_held.py."""
import calendar
import datetime

from nylas import Client

nylas = Client(api_key="token")


def since_seconds(start: datetime.datetime):
    return nylas.messages.list("me", query_params={"received_after": int(start.timestamp()), "limit": 10}).data


def since_tuple(start):
    return nylas.threads.list("me", query_params={"latest_message_after": calendar.timegm(start.utctimetuple()) - 3600, "limit": 5}).data


def since_a_value(start):
    return nylas.messages.list("me", query_params={"received_after": start, "limit": 10}).data
