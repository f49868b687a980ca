"""The app's one Nylas client, built at import time and imported by the other modules."""
import os

from nylas import Client

nylas = Client(api_key=os.environ["NYLAS_TOKEN"])
