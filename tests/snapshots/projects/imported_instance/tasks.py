from services.mail import make_client


def unread_count(user):
    nylas = make_client(user.nylas_token)
    return len(nylas.messages.list("me", query_params={"unread": True}).data)
