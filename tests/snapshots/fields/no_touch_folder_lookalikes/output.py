"""folder, labels, files, payload and display_name in code with no Nylas evidence: nothing may change."""
import requests
from django.db import models


class Post(models.Model):
    labels = models.ManyToManyField("Label")

    def label_names(self):
        return [label.display_name for label in self.labels.all()]


def gmail(service):
    msg = service.users().messages().get(userId="me", id="x").execute()
    return msg["payload"]["body"], msg.get("labels"), msg["folder"]


def dropbox(folder_id):
    entries = requests.get("https://api.dropboxapi.com/2/files", params={"folder": folder_id}).json()
    return [(e["files"], e["folder"]["display_name"]) for e in entries]


def upload(path):
    return requests.post("https://uploads.example.com/upload", files={"files": open(path, "rb")},
                         json={"folder_id": 7, "label_ids": [1]})
