"""The app's one Nylas client."""
import os

from nylas import Client

nylas = Client(api_key=os.environ["NYLAS_TOKEN"])
