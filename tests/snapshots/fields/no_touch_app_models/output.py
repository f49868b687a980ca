"""Issue 13 class 1, no-touch: Nylas field names on the app's own objects, in a module that does talk to Nylas.
An SQLAlchemy model with thread timestamp columns, a Django model with account_id and an `events` manager,
a dataclass of the app, a value annotated with an app class: none of them is Nylas's, so nothing changes
and nothing is reported, even though the names match v2 fields."""
from dataclasses import dataclass

import nylas  # noqa: F401 - the module talks to Nylas elsewhere
from django.db import models
from sqlalchemy import Column, Integer, String

from .db import Base, db

class SyncedThread(Base):
    __tablename__ = "synced_threads"
    id = Column(String, primary_key=True)
    first_message_timestamp = Column(Integer)
    last_message_timestamp = Column(Integer)


class Mailbox(models.Model):
    account_id = models.CharField(max_length=64)

    def owner(self):
        return self.account_id


@dataclass
class ThreadSummary:
    first_message_timestamp: int
    last_message_sent_timestamp: int


def refresh(thread_id):
    rec: SyncedThread = SyncedThread.query.filter_by(id=thread_id).first()
    started = rec.first_message_timestamp
    rec.last_message_timestamp = started
    db.session.commit()
    return rec


def mailbox_owner(pk):
    box = Mailbox.objects.get(pk=pk)
    upcoming = box.events.filter(start__gte=0).order_by("start")
    return box.account_id, upcoming


def summary(rec: SyncedThread):
    return ThreadSummary(rec.first_message_timestamp, rec.last_message_timestamp)


def summarize_all():
    rows = [ThreadSummary(1, 2), ThreadSummary(3, 4)]
    return [row.first_message_timestamp for row in rows]


def from_query(session):
    for row in session.query(SyncedThread).all():
        print(row.first_message_timestamp, row.last_message_timestamp)


def as_dict(box: Mailbox):
    data = Mailbox.objects.values().get(pk=box.pk)
    return data["account_id"]
