"""nylas-upgrade: rewrite Python code from the Nylas API v2 Email API to API v3."""

__version__ = "0.1.0"
