"""v2 SDK calls whose receiver comes from somewhere the tool cannot see (a parameter, app state, g): each is
reported with what could not be traced and how to help, and nothing is rewritten. The module names the Nylas
host, so it is Nylas code; the receivers are not traced to an APIClient here."""
from flask import g

NYLAS_API = "https://api.nylas.com/oauth/authorize"


def count_unread(nylas, folder):
    return len(nylas.threads.where(in_=folder, unread=True).all())


def latest(request):
    client = request.app.state.nylas
    return client.messages.first()


def inbox_of(api, folder_id):
    return api.messages.where(in_=folder_id)


def me():
    return g.nylas.account.email_address


def reply(message_id, token):
    nylas = SomeWrapper(token)
    thread = nylas.threads.get(message_id)
    return thread.subject
