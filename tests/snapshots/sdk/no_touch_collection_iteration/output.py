"""Iterating `.messages` of objects that are not a Nylas client (a nylas word only here): silent."""


class Inbox:
    def __init__(self, messages):
        self.messages = messages


def subjects(inbox, user):
    out = [m.subject for m in inbox.messages]
    for m in user.messages:
        out.append(m.subject)
    messages = user.messages
    return out + list(messages.all())
