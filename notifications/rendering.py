"""Turns an event and its facts into the text each channel sends, from the template files (HOUSE_STYLE §24).

Rendering happens once, when the notification is written, and the result is stored on the outbox row: what the
officer sees in the back office is exactly what was (or will be) sent.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template, render_to_string

from notifications.events import Event
from notifications.models import Channel

OA_TEXT_LIMIT = 2000  # Zalo OA text messages
SMS_TEXT_LIMIT = 160  # one SMS without diacritics


class RenderError(Exception):
    """The facts do not fit a channel's template (e.g. a ZNS parameter longer than Zalo accepts)."""


def _render(name: str, context: dict) -> str | None:
    try:
        return render_to_string(name, context).strip()
    except TemplateDoesNotExist:
        return None


def _render_zns(event: Event, context: dict) -> dict | None:
    try:
        source = get_template(f"notifications/{event.name}/zns.json").template.source
    except TemplateDoesNotExist:
        return None
    spec = json.loads(source)
    engine = engines["django"]
    data = {}
    for name, param in spec["params"].items():
        value = " ".join(engine.from_string(param["value"]).render(context).split())
        limit = param["max_length"]
        if len(value) > limit:
            if not param.get("truncate"):
                raise RenderError(f"ZNS parameter {name!r} is {len(value)} characters; Zalo accepts {limit}")
            value = value[: limit - 1].rstrip() + "…"
        if not value:
            raise RenderError(f"ZNS parameter {name!r} is empty")
        data[name] = value
    template_id = settings.ZALO["ZNS_TEMPLATE_IDS"].get(event.name, spec["template_id"])
    return {"template_id": str(template_id), "template_data": data}


def render_message(event: Event, context: dict) -> dict:
    """{channel: content} for every channel this event has templates for. The inbox is always present."""
    context = {"portal_name": settings.PORTAL_NAME, **context}
    base = f"notifications/{event.name}"
    title = _render(f"{base}/inbox_title.txt", context)
    body = _render(f"{base}/inbox_body.txt", context)
    if title is None or body is None:
        raise TemplateDoesNotExist(f"{base}/inbox_title.txt and inbox_body.txt are required for every event")
    content: dict[str, dict] = {Channel.INBOX: {"title": title[:200], "body": body, "link": context.get("link", "")}}

    try:
        zns = _render_zns(event, context)
    except RenderError as error:
        zns = {"error": str(error)}
    if zns is not None:
        content[Channel.ZNS] = zns

    oa_text = _render(f"{base}/oa.txt", context)
    if oa_text is not None:
        content[Channel.OA] = {"text": oa_text[:OA_TEXT_LIMIT]}

    sms_text = _render(f"{base}/sms.txt", context)
    if sms_text is not None:
        content[Channel.SMS] = {"text": sms_text[:SMS_TEXT_LIMIT]}

    subject = _render(f"{base}/email_subject.txt", context)
    text = _render(f"{base}/email_body.txt", context)
    if subject is not None and text is not None:
        content[Channel.EMAIL] = {
            "subject": " ".join(subject.split()),
            "text": text,
            "html": _render(f"{base}/email_body.html", context) or "",
        }
    return content
