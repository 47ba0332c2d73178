"""Published articles in the portal search: the title, then the summary, then the body's words."""

from __future__ import annotations

from media_feeds.models import Article
from media_feeds.sanitise import plain_text
from media_feeds.selectors import SEARCH_SOURCE
from search.registry import Document, SearchSource


def _public():
    return Article.objects.public().select_related("category", "agency")


def article_document(article: Article) -> Document | None:
    if not article.is_public():
        return None
    return Document(
        title=article.title,
        url=article.get_absolute_url(),
        summary=f"{article.category.name} · {article.published_at:%d/%m/%Y} · {article.summary}"[:300],
        body=plain_text(article.body, limit=4000),
    )


NEWS = SearchSource(
    name=SEARCH_SOURCE, label="Tin tức", model=Article, queryset=_public, document=article_document, order=50
)
