"""The cases of file_attachments.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
import os

from nylas import APIClient

nylas = APIClient("id", "secret", "token")


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


def download_unknown_message(file_id):
    return nylas.files.get(file_id).download()


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
    draft = nylas.drafts.create()
    draft.to = [{"email": email}]
    draft.send()
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
