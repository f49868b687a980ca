"""Stored ids and Bearer tokens for another API (a nylas word only here): silent."""
import requests
from flask import request

SLACK = "https://slack.com/api"


def history(user):
    channel = request.args["nylas_channel_id"]
    return requests.get(f"{SLACK}/conversations/{channel}", headers={"Authorization": f"Bearer {user.token}"})
