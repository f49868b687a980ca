from django.conf import settings


def inbox(request):
    return settings.NYLAS_CLIENT.threads.list("me", query_params={"in": "inbox", "limit": 20}).data


def message(request, message_id):
    client = settings.NYLAS_CLIENT
    return client.messages.find("me", message_id).data
