"""Start the county's common contact form from a conversation.

The form itself (fields, validation, storage) belongs to the contact-request
service; here the conversation only explains it and asks the surface to open it.
"""

from __future__ import annotations

from handlers.context import BotContext
from handlers.labels import label
from handlers.messages import FormRequest, Reply, Text


def start_contact_form(ctx: BotContext, lang: str) -> Reply:
    return Reply(
        parts=[
            Text(label("contact_form_intro", lang)),
            FormRequest("contact", label("contact_form", lang)),
        ],
        language=lang,
        intent="contact",
    )
