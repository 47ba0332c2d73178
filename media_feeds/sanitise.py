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


_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


def text_to_html(text: str) -> str:
    """What an officer types as plain text, as paragraphs and lists: a blank line between paragraphs, lines that
    start with "- ", "• " or "1." become a list. A body that already holds HTML (pasted from a portal) is kept as it
    is; either way it is then sanitised."""
    if _HTML_TAG.search(text or ""):
        return text
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            numbered = bool(re.match(r"^\s*\d", lines[0]))
            items = "".join(f"<li>{html_module.escape(_LIST_ITEM.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>" if numbered else f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>".join(html_module.escape(line) for line in lines) + "</p>")
    return "".join(blocks)
