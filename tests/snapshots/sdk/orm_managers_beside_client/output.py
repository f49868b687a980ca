"""Issue 13 class 1: a module whose v5 client moves to v6 also reads the app's Django models: their
`events` and `contacts` related managers, `account_id` fields and a thread-timestamp column are the app's,
so they are neither rewritten nor reported. Only the Nylas calls change."""
from django.db import models
from nylas import Client

nylas = Client(api_key="token")


class Mailbox(models.Model):
    account_id = models.CharField(max_length=64)
    first_message_timestamp = models.IntegerField(default=0)


def upcoming(pk):
    box = Mailbox.objects.get(pk=pk)
    events = box.events.filter(start__gte=0).order_by("start")
    people = box.contacts.all()
    return box.account_id, box.first_message_timestamp, events, people


def latest_thread():
    return next(iter(nylas.threads.list("me", query_params={"limit": 1}).data), None)
