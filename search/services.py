"""Writing the index: one object, one source, or everything (`manage.py reindex_search`)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction

from search.models import SearchDocument, Synonym
from search.normalise import normalise
from search.registry import SOURCES, Document, SearchSource

SYNONYMS_CACHE_KEY = "search:synonyms"
BATCH = 2000


def _vector():
    return (
        SearchVector("title_norm", weight="A", config="simple")
        + SearchVector("summary_norm", weight="B", config="simple")
        + SearchVector("body_norm", weight="C", config="simple")
    )


def _row(source_name: str, key: str, document: Document) -> SearchDocument:
    title_norm, summary_norm, body_norm = (
        normalise(document.title),
        normalise(document.summary),
        normalise(document.body),
    )
    distinct = dict.fromkeys(f"{title_norm} {summary_norm} {body_norm}".split())
    return SearchDocument(
        source=source_name,
        key=key,
        title=document.title[:500],
        summary=document.summary[:500],
        url=document.url,
        title_norm=title_norm[:500],
        summary_norm=summary_norm[:500],
        body_norm=body_norm,
        words=f" {' '.join(distinct)} ",
    )


def fill_vectors(queryset) -> None:
    """PostgreSQL's weighted tsvector, computed by the database from the normalised columns."""
    if connection.vendor == "postgresql":
        queryset.update(vector=_vector(), title_vector=SearchVector("title_norm", config="simple"))


def index_object(source: SearchSource, obj) -> None:
    key = str(obj.pk)
    findable = source.queryset().filter(pk=obj.pk).first()
    document = source.document(findable) if findable is not None else None
    if document is None:
        remove(source.name, key)
        return
    row = _row(source.name, key, document)
    fields = ["title", "summary", "url", "title_norm", "summary_norm", "body_norm", "words"]
    with transaction.atomic():
        SearchDocument.objects.update_or_create(
            source=source.name, key=key, defaults={name: getattr(row, name) for name in fields}
        )
        fill_vectors(SearchDocument.objects.filter(source=source.name, key=key))


def remove(source_name: str, key: str) -> None:
    SearchDocument.objects.filter(source=source_name, key=key).delete()


def index_documents(source_name: str, documents: list[tuple[str, Document]]) -> int:
    """Bulk-write many documents of one source (a rebuild, a benchmark's corpus); replaces rows with the same key."""
    written = 0
    for start in range(0, len(documents), BATCH):
        batch = documents[start : start + BATCH]
        with transaction.atomic():
            SearchDocument.objects.filter(source=source_name, key__in=[key for key, _ in batch]).delete()
            created = SearchDocument.objects.bulk_create([_row(source_name, key, doc) for key, doc in batch])
            fill_vectors(SearchDocument.objects.filter(pk__in=[row.pk for row in created]))
        written += len(batch)
    return written


def reindex(names: list[str] | None = None) -> dict[str, int]:
    counts = {}
    for name in names or list(SOURCES):
        source = SOURCES[name]
        documents = []
        for obj in source.queryset().iterator(chunk_size=BATCH):
            document = source.document(obj)
            if document is not None:
                documents.append((str(obj.pk), document))
        stale = sorted(
            set(SearchDocument.objects.filter(source=name).values_list("key", flat=True))
            - {key for key, _ in documents}
        )
        for start in range(0, len(stale), BATCH):
            SearchDocument.objects.filter(source=name, key__in=stale[start : start + BATCH]).delete()
        counts[name] = index_documents(name, documents)
    return counts


def synonym_table() -> dict[str, list[str]]:
    """term → replacements, all normalised; cached for every worker until an officer changes one."""
    table = cache.get(SYNONYMS_CACHE_KEY)
    if table is None:
        table = {}
        for term, replacement in Synonym.objects.filter(is_active=True).values_list("term_norm", "replacement_norm"):
            if term and replacement:
                table.setdefault(term, []).append(replacement)
        cache.set(SYNONYMS_CACHE_KEY, table, 3600)
    return table


def forget_synonyms() -> None:
    cache.delete(SYNONYMS_CACHE_KEY)
