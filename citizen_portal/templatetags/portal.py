from django import template

from citizen_portal.text import format_phone, format_vnd

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """{{ fee|vnd }} → "50.000 đồng"."""
    return format_vnd(int(amount or 0))


@register.filter
def phone(number) -> str:
    """{{ user.phone|phone }} → "0912 345 678"."""
    return format_phone(number)


@register.filter
def local_time(value) -> str:
    """An export's ISO time ("2026-11-29T09:05+07:00") as people read it: "09:05 29/11/2026"."""
    import datetime as dt

    if not value:
        return "—"
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{moment:%H:%M %d/%m/%Y}"
