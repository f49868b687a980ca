"""Nylas is mentioned here (a comment: we sync Nylas threads into these models), but these calls are Django
related managers, a Slack client and the Gmail API: nothing is reported."""
from django.db import models
from slack_sdk import WebClient

slack = WebClient(token="x")


def ticket_messages(ticket):
    return list(ticket.messages.all()), ticket.threads.first(), ticket.events.get(pk=1)


def recent(Message):
    return Message.objects.filter(thread__isnull=False)


def gmail_threads(service):
    return service.users().threads().list(userId="me").execute()


def slack_history(channel):
    return slack.conversations_history(channel=channel)["messages"]
