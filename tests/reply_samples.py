"""A service card as the handlers build it, for the tests of each surface's rendering."""

from __future__ import annotations

import datetime as dt

from handlers.messages import ContactInfo, ServiceCard


def service_card(
    rank: int,
    *,
    name: str = "Leskien vertaisryhmä",
    link: str | None = "https://example.fi/lesket",
    description: str = "",
) -> ServiceCard:
    """Service number `rank` (id jarjesto/palvelu-<rank>) with every field filled in."""
    return ServiceCard(
        id=f"jarjesto/palvelu-{rank}",
        rank=rank,
        name=name,
        organization="Lähteellä ry",
        summary="Vertaistukea leskeksi jääneille.",
        why=("Vantaa", "kieli: suomi"),
        how_to_join="Soita ohjaajalle.",
        referral="Ei lähetettä",
        cost="maksuton",
        languages="suomi",
        place="Tikkurila – Vantaa",
        schedule="ti klo 13–15",
        contact=ContactInfo("Ohjaaja", "ohjaaja@example.fi", "040 000 0000"),
        link=link,
        updated=dt.date(2025, 1, 15),
        stale=False,
        source="services/lahteella-ry.yaml",
        description=description,
    )
