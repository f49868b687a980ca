"""Not the Nylas SDK: Django REST framework's test APIClient, reached through its module under a nylas-ish name."""
import rest_framework.test as nylas_api_tests

client = nylas_api_tests.APIClient()


def inbox():
    return client.get("/api/threads/")
