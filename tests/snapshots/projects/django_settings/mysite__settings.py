"""Django settings that build the app's Nylas client (read elsewhere as settings.NYLAS_CLIENT)."""
import os

from nylas import Client

DEBUG = False
INSTALLED_APPS = ["inbox"]
NYLAS_CLIENT = Client(api_key=os.environ["NYLAS_TOKEN"])
