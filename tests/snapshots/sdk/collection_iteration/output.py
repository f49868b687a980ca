"""v5 collections used as values: a call made on the collection itself moves; iterating one (v5 walked every
page) or binding it to a name holds the client on v2: see collection_iteration_held.py."""
from nylas import Client

nylas = Client(api_key="token")


def through_the_client():
    return nylas.threads.list("me", query_params={"limit": 5}).data
