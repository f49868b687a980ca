"""The cases of v5_model_imports.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from typing import List

from nylas import APIClient
from nylas.client.restful_models import Draft, Message
from nylas.client.neural_api_models import NeuralMessageOptions
import nylas.client.outbox_models

api = APIClient("id", "secret", "token")


def cleaned(message_id):
    options = NeuralMessageOptions(ignore_links=True)
    return api.neural.clean_conversation([message_id], options)
