"""Chained factories: client_for(user) returns what make_client() built; both annotated."""
import os
from typing import Optional

import nylas


def make_client(token: str) -> nylas.Client:
    return nylas.Client(api_key=token)


def client_for(user) -> Optional[nylas.Client]:
    if not user.nylas_token:
        raise ValueError("no Nylas account connected")
    client = make_client(user.nylas_token)
    return client
