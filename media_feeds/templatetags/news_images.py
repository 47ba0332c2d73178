from django import template

register = template.Library()


@register.filter
def srcset(image, fmt: str) -> str:
    return image.srcset(fmt)


@register.filter
def smallest(image, fmt: str) -> str:
    widths = image.widths(fmt)
    return image.url(widths[0], fmt) if widths else ""


@register.filter
def og_image(image) -> dict:
    """The JPEG Zalo and Facebook show in a link preview: the widest kept up to 1200 px (their recommended size)."""
    widths = [w for w in image.widths("jpeg") if w <= 1200] or image.widths("jpeg")
    width = widths[-1]
    return {"url": image.url(width, "jpeg"), "width": width, "height": image.height_for(width)}
