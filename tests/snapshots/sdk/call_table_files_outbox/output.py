"""sdk_mapping.md §1f and §1g: file, outbox and Neural calls that have no mechanical v6 call here."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def file_rows(file_id, path):
    upload = nylas.files.create()
    upload.filename = "a.txt"
    upload.stream = open(path, "rb")
    upload.save()
    stored = nylas.files.get(file_id)
    data = stored.download()
    every = nylas.files.all()
    mine = nylas.files.where(filename="a.txt")
    return upload, data, every, mine


def outbox_rows(draft, job_id, later):
    job = nylas.outbox.send(draft, later)
    nylas.outbox.update(job_id, send_at=later)
    nylas.outbox.send_grid_verification_status()
    nylas.outbox.delete_send_grid_sub_user("a@b.c")
    return job


def neural_rows(message_id, options):
    cleaned = nylas.neural.clean_conversation([message_id], options)
    mood = nylas.neural.sentiment_analysis_message([message_id])
    text_mood = nylas.neural.sentiment_analysis_text("great")
    signature = nylas.neural.extract_signature([message_id])
    ocr = nylas.neural.ocr_request("file-id", pages=[1])
    category = nylas.neural.categorize([message_id])
    return cleaned, mood, text_mood, signature, ocr, category
