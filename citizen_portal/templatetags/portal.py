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
