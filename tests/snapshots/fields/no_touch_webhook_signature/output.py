"""Already v3 (the webhook's own secret), and another service's HMAC (a nylas word only here): silent."""
import hashlib
import hmac
import os

from flask import request

WEBHOOK_SECRET = os.environ["NYLAS_WEBHOOK_SECRET"]


def verified():
    digest = hmac.new(WEBHOOK_SECRET.encode(), request.get_data(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, request.headers.get("X-Nylas-Signature", ""))


def stripe_ok(secret):
    return hmac.new(secret.encode(), request.get_data(), hashlib.sha256).hexdigest()
