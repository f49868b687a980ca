"""Error classes: NylasApiError moves; the v5-only ones are reported."""
from nylas.client.errors import MessageRejectedError, NylasApiError, RateLimitError


def safe(call):
    try:
        return call()
    except (RateLimitError, MessageRejectedError, NylasApiError):
        return None
