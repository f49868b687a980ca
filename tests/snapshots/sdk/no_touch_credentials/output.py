"""Issue 13 class 3, no-touch: another SDK's client built from id, secret and a server URL, and a config
read of NYLAS_API_SERVER that is only printed: no APIClient, so nothing changes and nothing is reported."""
from decouple import config
from twilio.rest import Client


def sms_client():
    return Client(config("TWILIO_SID"), config("TWILIO_TOKEN"), config("TWILIO_REGION_URL"))


def show_settings():
    print(config("NYLAS_API_SERVER"))
