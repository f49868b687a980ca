"""Settings shared by the app (the Nylas base URL among them)."""
NYLAS_API_BASE_URL = "https://api.us.nylas.com"
SEND_EMAIL_URI = "send"
PAGE_SIZE = 25
