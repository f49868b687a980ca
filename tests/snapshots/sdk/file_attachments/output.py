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


def text_or_bytes(email, path):
    # Nylas's v5 example read the file in text mode: a str, which io.BytesIO refuses
    text = open(path).read()
    pdf = nylas.files.create()
    pdf.filename = "notes.txt"
    pdf.data = text
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(pdf)
    draft.send()


def computed_bytes(email, path):
    pdf = nylas.files.create()
    pdf.filename = "report.pdf"
    pdf.data = open(path, "rb").read()
    pdf.save()
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(pdf)
    draft.send()


def file_reused(email, report):
    pdf = nylas.files.create()
    pdf.filename = "report.pdf"
    pdf.data = report
    pdf.save()
    draft = nylas.drafts.create()
    draft.to = [{"email": email}]
    draft.attach(pdf)
    draft.send()
    return pdf.id


def saved_with_file(email, report):
    pdf = nylas.files.create()
    pdf.filename = "report.pdf"
    pdf.data = report
    pdf.save()
    draft = nylas.drafts.create()
    draft.attach(pdf)
    draft.save()


def downloads(message_id):
    message = nylas.messages.find("me", message_id).data
    out = []
    for attachment in message.attachments:
        out.append(nylas.attachments.download_bytes("me", attachment.id, query_params={"message_id": message.id}))
    return out


def download_unknown_message(file_id):
    return nylas.files.get(file_id).download()


def attached_without_save(email, path):
    # v5 attach() uploaded an unsaved file itself
    nylas.messages.send("me", request_body={"to": [{"email": email}], "subject": "Notes", "attachments": [{"filename": "notes.txt", "content_type": "application/octet-stream", "content": open(path, mode="rb")}]}).data


def framework_upload(email, uploaded):
    attachment = nylas.files.create()
    attachment.filename = uploaded.filename
    attachment.stream = uploaded.stream
    attachment.save()
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(attachment)
    draft.send()


def text_mode_stream(email, path):
    doc = nylas.files.create()
    doc.filename = "doc.txt"
    doc.stream = open(path)
    doc.save()
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(doc)
    draft.send()


def unrelated_upload_first(email, path):
    kept = nylas.files.create()
    kept.filename = "kept.txt"
    kept.stream = open(path, "rb")
    kept.save()
    nylas.messages.send("me", request_body={"to": [{"email": email}]}).data
    return kept.id


def comment_between(email, path):
    upload = nylas.files.create()
    upload.filename = "a.txt"
    upload.stream = open(path, "rb")
    upload.save()
    # a comment here would be lost in one call: left for a human
    draft = nylas.drafts.create(to=[{"email": email}])
    draft.attach(upload)
    draft.send()
