"""Uploaded files attached to a sent draft become inline attachments; downloads need the message's id."""
import io
import os

from nylas import Client

nylas = Client(api_key="token")


def with_stream(email, path):
    nylas.messages.send("me", request_body={"subject": "Your file", "to": [{"email": email}], "attachments": [{"filename": os.path.basename(path), "content_type": "application/octet-stream", "content": open(path, "rb")}]}).data


def with_bytes(email, path):
    with open(path, "rb") as fh:
        report = fh.read()
    nylas.messages.send("me", request_body={"to": [{"email": email}], "attachments": [{"filename": "report.pdf", "content_type": "application/pdf", "content": io.BytesIO(report), "size": len(report)}]}).data


def read_bytes(email, path):
    content = open(path, "rb").read()
    nylas.messages.send("me", request_body={"to": [{"email": email}], "attachments": [{"filename": "report.pdf", "content_type": "application/octet-stream", "content": io.BytesIO(content), "size": len(content)}]}).data


def downloads(message_id):
    message = nylas.messages.find("me", message_id).data
    out = []
    for attachment in message.attachments:
        out.append(nylas.attachments.download_bytes("me", attachment.id, query_params={"message_id": message.id}))
    return out


def attached_without_save(email, path):
    # v5 attach() uploaded an unsaved file itself
    nylas.messages.send("me", request_body={"to": [{"email": email}], "subject": "Notes", "attachments": [{"filename": "notes.txt", "content_type": "application/octet-stream", "content": open(path, mode="rb")}]}).data
