"""Another ORM's where().first(), a `drafts` attribute, a `messages` collection: no nylas import, no change."""
from sqlalchemy.orm import Session


def first_user(session: Session, email):
    return session.query("users").where(email=email).first()


class Mailbox:
    def __init__(self):
        self.drafts = []
        self.messages = {}

    def latest(self, repo):
        return repo.messages.where(unread=True).all(), self.drafts.count("x")
