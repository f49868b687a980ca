"""A client whose Calendar, Events and account uses have no v6 rewrite: the client and every use stay on v2.

Before, the constructor and the Email calls moved to v6 while these stayed v5 calls on a v6 Client, which
raise AttributeError under nylas 6. Now the constructor names each use that holds it back (SDK090).
"""
import os

from nylas import APIClient

nylas = APIClient(os.environ["NYLAS_ID"], os.environ["NYLAS_SECRET"], os.environ["NYLAS_TOKEN"])


def unread():
    return nylas.threads.where(unread=True).all()


def meetings(calendar_id):
    for event in nylas.events.where(calendar_id=calendar_id):
        event.title = event.title.upper()
        event.save()


def calendars():
    return nylas.calendars.all()


def who_am_i():
    return nylas.account.email_address
