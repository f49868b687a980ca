"""An app's own calendar client with the same member names: no nylas import, nothing to say."""
from .caldav import Client

client = Client(os.environ["CALDAV_URL"])


def meetings(calendar_id):
    for event in client.events.where(calendar_id=calendar_id):
        event.save()
    return client.account.email_address, client.calendars.all()
