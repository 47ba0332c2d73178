"""What each utility makes searchable. A utility registers a source in its AppConfig.ready(); the search app
imports no utility.

    register(SearchSource(
        name="procedures", label="Thủ tục hành chính", order=10,
        model=Procedure, queryset=lambda: Procedure.objects.published(), document=procedure_document,
    ))

`document(obj)` returns a Document (or None when the object must not be found, e.g. an unpublished answer).
Saving or deleting a row of `model` re-indexes it after the transaction commits; `related` lists other models
whose change re-indexes the rows `related_objects(instance)` returns (a procedure's cases and documents).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    title: str
    url: str
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class SearchSource:
    name: str  # stable slug: the index's `source`, the API's `source`, the page's ?nguon=
    label: str  # Vietnamese heading of its group of results
    model: type
    queryset: Callable[[], object]  # everything that may be found
    document: Callable[[object], Document | None]
    order: int = 100
    related: tuple[tuple[type, Callable[[object], Iterable]], ...] = field(default=())


SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    SOURCES[source.name] = source
    from search import signals

    signals.watch(source)


def ordered_sources() -> list[SearchSource]:
    return sorted(SOURCES.values(), key=lambda source: (source.order, source.name))


@dataclass(frozen=True)
class NoResultAction:
    """Offered when a search finds nothing, so it is never a dead end ("Đặt câu hỏi")."""

    label: str
    url_name: str


NO_RESULT_ACTIONS: list[NoResultAction] = []


def register_no_result_action(action: NoResultAction) -> None:
    if action not in NO_RESULT_ACTIONS:
        NO_RESULT_ACTIONS.append(action)
