_by_user = {}


def remember(user_id, client):  # nylas-upgrade: client=client
    _by_user[user_id] = client


def recent(user_id):
    client = _by_user[user_id]  # nylas-upgrade: client
    return client.messages.list("me", query_params={"limit": 5}).data

