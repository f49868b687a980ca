"""The app's async client on the Nylas API, and its base URL for code that opens sessions of its own."""
import os

import httpx

NYLAS_URL = "https://api.us.nylas.com"
HEADERS = {"Authorization": f"Bearer {os.environ['NYLAS_TOKEN']}"}

client = httpx.AsyncClient(base_url=NYLAS_URL, headers=HEADERS)
