"""The client, built once."""
import os

from nylas import Client

nylas = Client(api_key=os.environ["NYLAS_TOKEN"])
