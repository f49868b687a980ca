"""Stub: clients on a Nylas base URL imported from another module (filled in below)."""


def imported_clients(ctx):
    return []
