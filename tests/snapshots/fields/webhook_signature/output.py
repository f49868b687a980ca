"""A v2 webhook handler: the signature is checked with the application's client secret."""
import hashlib
import hmac
import os

from flask import Flask, request

app = Flask(__name__)
CLIENT_SECRET = os.environ["NYLAS_CLIENT_SECRET"]


@app.route("/webhook", methods=["POST"])
def webhook():
    digest = hmac.new(CLIENT_SECRET.encode("utf-8"), msg=request.get_data(), digestmod=hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Nylas-Signature", "")):
        return "bad signature", 401
    return "ok"


def signature_of(body):
    return hmac.new(CLIENT_SECRET.encode(), body, hashlib.sha256).hexdigest()


@app.route("/webhook2", methods=["POST"])
def webhook_through_a_helper():
    if signature_of(request.get_data()) != request.headers["X-Nylas-Signature"]:
        return "bad signature", 401
    return "ok"
