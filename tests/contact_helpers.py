"""Shared set-up for contact-request tests: a valid form and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from handlers.contact.form import ContactForm

T0 = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)  # the moment the tests' requests arrive


def contact_form(organisation: str, topic: str, message: str, **more: Any) -> ContactForm:
    """A valid form from Maija Mehiläinen <maija@example.fi>, consent given; `more` adds fields."""
    return ContactForm(
        organisation=organisation,
        contact_person="Maija Mehiläinen",
        email="maija@example.fi",
        topic=topic,
        message=message,
        consent=True,
        **more,
    )


def at(moment: datetime) -> Callable[[], datetime]:
    """A clock that always reads `moment`."""
    return lambda: moment
