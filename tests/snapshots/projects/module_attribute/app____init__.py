"""The app's one Nylas client, read by other modules as app.nylas after `import app`."""
import os

from nylas import Client

nylas = Client(api_key=os.environ["NYLAS_TOKEN"])
