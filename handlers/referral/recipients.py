"""Who receives a referral: the service's contact e-mail in the knowledge, and the
association's Slack channel when one is configured for its organisation
(`JARJESTOBOTTI_REFERRAL_SLACK_CHANNELS`, organisation id → channel id).

A service with neither gets no *Ohjaa asiakas* button (`can_refer`), and its form
says plainly that the association can't receive referrals through the bot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from index.knowledge.model import Service, pick

__all__ = ["Recipient", "can_refer", "recipient"]


@dataclass(frozen=True)
class Recipient:
    service_id: str
    service_name: str
    organisation: str
    email: str | None
    slack_channel: str | None
    contact_text: str  # phone / e-mail / website, for "contact them directly"


def _org_keys(service: Service) -> tuple[str, ...]:
    org = service.organization
    return (org.id, service.id.split("/", 1)[0])


def can_refer(service: Service, slack_channels: Mapping[str, str]) -> bool:
    """True if the association can receive a referral through the bot."""
    if service.effective_contact().email:
        return True
    return any(slack_channels.get(key) for key in _org_keys(service))


def recipient(service: Service, slack_channels: Mapping[str, str], lang: str) -> Recipient:
    contact = service.effective_contact()
    channel = next((slack_channels[k] for k in _org_keys(service) if slack_channels.get(k)), None)
    parts = (contact.phone, contact.email, service.organization.website)
    return Recipient(
        service_id=service.id,
        service_name=pick(service.name, lang),
        organisation=pick(service.organization.name, lang),
        email=contact.email or None,
        slack_channel=channel,
        contact_text=", ".join(p for p in parts if p),
    )
