"""Article bodies, typed by editors or taken from other sites' feeds, reduced to a safe allow-list of formatting
before they are stored: no script, style, event handler, frame or form survives, links keep only web, mail and
phone addresses, and pictures (the portal's own only) load lazily so a long article does not cost a phone its data
up front."""

from __future__ import annotations

import html as html_module
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "hr",
    "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just their tags (the text of a script is not part of the article).
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "form", "svg", "math"}


def _own_pictures_only(tag: str, attribute: str, value: str) -> str | None:
    """Pictures from other sites would be blocked by our Content-Security-Policy (and would tell those sites who
    reads what): a body keeps only pictures served by the portal itself."""
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def clean_html(html: str) -> str:
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        attribute_filter=_own_pictures_only,
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


def plain_text(html: str, limit: int | None = None) -> str:
    """The words of an HTML fragment (a feed's summary), without any tag, cut at a word boundary."""
    text = " ".join(nh3.clean(html or "", tags=set(), clean_content_tags=DROPPED_WITH_CONTENT).split())
    text = html_module.unescape(text)
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
