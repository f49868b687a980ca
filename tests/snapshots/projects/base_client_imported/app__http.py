"""One HTTP client on the Nylas API for the whole app."""
import os

import httpx

NYLAS_API = os.environ.get("NYLAS_API_SERVER", "https://api.us.nylas.com")

nylas_http = httpx.Client(base_url=NYLAS_API, headers={"Authorization": f"Bearer {os.environ['NYLAS_TOKEN']}"})


def close():
    nylas_http.close()
