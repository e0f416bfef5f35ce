"""The audit date: fixed by the caller for reproducible results, else today in the UK."""

from datetime import date, datetime
from zoneinfo import ZoneInfo


def today_in_london() -> date:
    """Today's date where the services are, not where the server is."""
    return datetime.now(ZoneInfo("Europe/London")).date()
