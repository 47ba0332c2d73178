"""Listed shops in the portal search: the name is the title, the type and ward the summary, the address,
description and opening hours the body. Drafts, shops under first review and suspended shops are never found."""

from __future__ import annotations

from search.registry import Document, SearchSource
from shops.models import Shop
from shops.selectors import SEARCH_SOURCE


def _listed():
    return Shop.objects.listed().select_related("live__business_type", "live__ward")


def shop_document(shop: Shop) -> Document:
    version = shop.live
    return Document(
        title=version.name,
        url=shop.get_absolute_url(),
        summary=f"Cửa hàng 4.0 · {version.business_type.name} · {version.ward.name}",
        body=f"{version.address} {version.description} {version.opening_hours}",
    )


SHOPS = SearchSource(
    name=SEARCH_SOURCE, label="Cửa hàng 4.0", model=Shop, queryset=_listed, document=shop_document, order=40
)
