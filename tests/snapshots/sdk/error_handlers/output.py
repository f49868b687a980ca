"""Error handling around v2 SDK calls: nylas 6 errors are not requests exceptions."""
import logging

import backoff
import nylas
import requests
from nylas import Client
from nylas.models.errors import NylasApiError
from requests.exceptions import HTTPError, RequestException
from tenacity import retry, retry_if_exception_type, stop_after_attempt

client = Client(api_key="token")


def thread_or_none(thread_id):
    try:
        return client.threads.find("me", thread_id).data
    except NylasApiError as e:
        if e.status_code == 404:
            return None
        raise


def mark_read(message_id):
    try:
        client.messages.find("me", message_id).data
    except NylasApiError:
        logging.warning("could not read %s", message_id)


def with_other_calls(message_id):
    try:
        requests.post("https://hooks.example.com/seen", json={"id": message_id})
        return client.messages.find("me", message_id).data
    except HTTPError as e:
        if e.response.status_code == 429:
            return None
        raise


def logs_the_error(message_id):
    try:
        return client.messages.find("me", message_id).data
    except HTTPError as e:
        logging.error("nylas failed: %s", e)


def tuple_handler(message_id):
    try:
        return client.messages.find("me", message_id).data
    except (HTTPError, ValueError):
        return None


def any_request_error():
    try:
        return client.folders.list("me").data
    except RequestException:
        return []


def broad_handler(draft_id):
    try:
        client.drafts.destroy("me", draft_id)
    except Exception as e:
        if e.response.status_code == 404:
            return False
        logging.error("%s", e.response.text)
    return True


@backoff.on_exception(backoff.expo, requests.exceptions.HTTPError, max_tries=5)
def unread():
    return client.messages.list("me", query_params={"unread": True, "limit": 10}).data


@retry(retry=retry_if_exception_type(HTTPError), stop=stop_after_attempt(3))
def first_thread():
    return next(iter(client.threads.list("me", query_params={"limit": 1}).data), None)


def rejected(draft):
    try:
        draft.send()
    except nylas.client.errors.MessageRejectedError:
        return False
    except nylas.client.errors.NylasApiError as e:
        logging.error("send failed: %s", e)
        return False
    return True


def other_service(url):
    try:
        return requests.get(url, timeout=5).json()
    except HTTPError as e:
        if e.response.status_code == 404:
            return None
        raise


@backoff.on_exception(backoff.expo, HTTPError, max_tries=3)
def other_retry(url):
    return requests.get(url).json()


def parse_the_text(thread_id):
    try:
        return client.threads.find("me", thread_id).data
    except Exception as e:
        if "401" in str(e):
            return None
        raise
