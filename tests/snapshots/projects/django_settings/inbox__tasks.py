from django.conf import settings as conf


def drafts():
    return conf.NYLAS_CLIENT.drafts.list("me").data
