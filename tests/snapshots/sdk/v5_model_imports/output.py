"""Imports from the v5 nylas.client package, which v6 does not have: each is reported."""
from typing import List

from nylas import APIClient
from nylas.client.restful_models import Draft, Message
from nylas.client.neural_api_models import NeuralMessageOptions
import nylas.client.outbox_models

api = APIClient("id", "secret", "token")


def subjects(messages: List[Message]) -> List[str]:
    return [m.subject for m in messages]


def is_draft(obj) -> bool:
    return isinstance(obj, Draft) or isinstance(obj, nylas.client.outbox_models.OutboxMessage)
