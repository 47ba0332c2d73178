"""Finding: a query becomes groups of words (synonyms as alternatives), the database brings candidates, one scorer
ranks them the same way on both databases.

- PostgreSQL: full-text search under the `simple` configuration (GIN indexes on the title's and the whole
  document's tsvector), widening until there are 100 candidates: all groups in the title, in the whole document,
  then any of the words in the title; pg_trgm word similarity on the title when nothing else matched (typos).
- SQLite (`make run` on a bare machine): rows containing any of the words, scored the same way.

Scoring, in order of weight: how many of the query's groups a document answers (a word anywhere, or one typo away
in the title; a synonym table's phrase as a phrase), where they were found (title > summary > body; the citizen's
own words a little above a synonym's), how much of the title the query covers, and the query's words in the
title's order.
"""

from __future__ import annotations

import difflib  # the portable path's spelling suggestions
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.db import connection
from django.db.models import Q

from search.models import SearchDocument
from search.normalise import STOPWORDS, normalise
from search.registry import SOURCES, ordered_sources
from search.services import synonym_table

CANDIDATES = 100
RELEVANT_SHARE = 0.4
MAX_QUERY_WORDS = 12
MAX_QUERY_LENGTH = 200


@dataclass
class ParsedQuery:
    text: str  # normalised
    # AND over groups; a group is answered by any of its alternatives; an alternative needs all of its words.
    groups: list[list[tuple[str, ...]]]

    @property
    def all_words(self) -> set[str]:
        return {word for group in self.groups for alternative in group for word in alternative}


@dataclass
class Hit:
    source: str
    key: str
    title: str
    summary: str
    url: str
    score: float


@dataclass
class Group:
    source: str
    label: str
    hits: list[Hit]


@dataclass
class Results:
    query: str
    groups: list[Group] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(group.hits for group in self.groups)


def parse(query: str, synonyms: dict[str, list[str]] | None = None) -> ParsedQuery:
    text = " ".join(normalise(query[:MAX_QUERY_LENGTH]).split()[:MAX_QUERY_WORDS])
    synonyms = synonym_table() if synonyms is None else synonyms
    groups: list[list[tuple[str, ...]]] = []
    rest = f" {text} "
    for term in sorted(synonyms, key=lambda t: (-len(t.split()), t)):  # the longest phrase claims its words first
        if f" {term} " in rest:
            alternatives = [tuple(term.split())]
            alternatives += [tuple(r.split()) for r in synonyms[term] if tuple(r.split()) not in alternatives]
            groups.append(alternatives)
            rest = rest.replace(f" {term} ", " | ")
    remaining = [word for word in rest.split() if word != "|"]
    content = [word for word in remaining if word not in STOPWORDS] or ([] if groups else remaining)
    for word in dict.fromkeys(content):
        if not any(alternative == (word,) for group in groups for alternative in group):
            groups.append([(word,)])
    return ParsedQuery(text=text, groups=groups)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped ("hong"/"hon", "khia"/"khai")."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1 :]


def _near(word: str, candidates: set[str]) -> bool:
    """One typo away ("hong" for "hon", "khia" for "khai"), or the start of a word still being typed ("sin")."""
    if len(word) < 3:
        return False
    if any(other.startswith(word) for other in candidates):
        return True
    return len(word) >= 4 and any(len(other) >= 3 and _one_edit_apart(word, other) for other in candidates)


def _close_together(words: tuple[str, ...], tokens: list[str], slack: int = 2) -> bool:
    """All `words` within a window of their own length plus `slack` somewhere in `tokens`."""
    span = len(words) + slack
    wanted = set(words)
    for start, token in enumerate(tokens):
        if token == words[0] and wanted <= set(tokens[max(0, start - span + 1) : start + span]):
            return True
    return False


def score(parsed: ParsedQuery, title: str, summary: str, body: str) -> float:
    title_words, summary_words, body_words = set(title.split()), set(summary.split()), set(body.split())
    everywhere = title_words | summary_words | body_words
    fields = ((f" {title} ", 3.0), (f" {summary} ", 1.5), (f" {body} ", 0.5))
    answered, placement, used = 0, 0.0, set()
    for group in parsed.groups:
        best = 0.0
        for index, alternative in enumerate(group):
            typed = 0.5 if index == 0 and len(group) > 1 else 0.0  # the citizen's own words before a synonym's
            if len(alternative) > 1:
                # What the citizen typed counts when its words stand close together ("hộ khẩu", "sửa chữa nhà"; not
                # "hồ sơ … xuất khẩu"); the administrative term it stands for, as words of one field ("thay đổi,
                # cải chính hộ tịch" for "thay đổi hộ tịch").
                found = [
                    weight
                    for text, weight in fields
                    if (
                        _close_together(alternative, text.split())
                        if index == 0
                        else all(f" {word} " in text for word in alternative)
                    )
                ]
                if found:
                    best = max(best, found[0] + typed)
                    used.update(alternative)
            elif alternative[0] in everywhere:
                word = alternative[0]
                best = max(best, 3.0 if word in title_words else 1.5 if word in summary_words else 0.5)
                used.add(word)
            elif _near(alternative[0], title_words):
                best = max(best, 1.0)
        if best:
            answered += 1
            placement += best
    if not answered:
        return 0.0
    title_list = title.split()
    title_cover = sum(1 for word in title_list if word in used) / max(1, len(title_list))
    in_order = any(
        len(alternative) > 1 and f" {' '.join(alternative)} " in f" {title} "
        for group in parsed.groups
        for alternative in group
    ) or (len(parsed.text.split()) > 1 and f" {parsed.text} " in f" {title} ")
    return round(10.0 * answered / len(parsed.groups) + placement + 2.0 * title_cover + (1.0 if in_order else 0.0), 4)


def _group_query(group: list[tuple[str, ...]]) -> str:
    return "(" + " | ".join("(" + " & ".join(alternative) + ")" for alternative in group) + ")"


def _tsqueries(parsed: ParsedQuery) -> tuple[str, str]:
    """Every group; any word of any group."""
    strict = " & ".join(_group_query(group) for group in parsed.groups)
    return strict, " | ".join(sorted(parsed.all_words))


FIELDS = ("pk", "key", "title", "summary", "url", "title_norm", "summary_norm", "body_norm")


def _postgres_candidates(rows, parsed: ParsedQuery) -> list[tuple]:
    """Widening until there are enough: all groups in the title, in the whole document, then any of the words in the
    title, then titles spelled alike. Not ordered by the database: ordering means reading every match's row, seconds for
    a common word over 100,000 documents; the scorer orders the candidates."""
    found: dict[int, tuple] = {}

    def take(queryset, limit):
        for row in queryset.values_list(*FIELDS)[:limit]:
            found.setdefault(row[0], row)

    strict, loose = _tsqueries(parsed)
    query = SearchQuery(strict, search_type="raw", config="simple")
    take(rows.filter(title_vector=query), CANDIDATES)
    if len(found) < CANDIDATES:
        take(rows.filter(vector=query).exclude(pk__in=list(found)), CANDIDATES - len(found))
    if len(found) < CANDIDATES // 2:
        take(rows.filter(title_vector=SearchQuery(loose, search_type="raw", config="simple")), CANDIDATES)
    if not found:  # a typo in every word (a trigram scan of common letters is slow: only as the last resort)
        take(
            rows.annotate(similar=TrigramWordSimilarity(parsed.text, "title_norm"))
            .filter(title_norm__trigram_word_similar=parsed.text)
            .order_by("-similar"),
            20,
        )
    return [row[1:] for row in found.values()]


def _candidates(source: str, parsed: ParsedQuery):
    rows = SearchDocument.objects.filter(source=source)
    if connection.vendor == "postgresql":
        return _postgres_candidates(rows, parsed)
    fields = FIELDS[1:]
    any_word = Q()
    for word in parsed.all_words:
        any_word |= Q(words__contains=f" {word} ")
    found = list(rows.filter(any_word).values_list(*fields)[: CANDIDATES * 5])
    if not found:  # a typo in every word: the titles closest in spelling (a small database: the demo)
        found = list(rows.values_list(*fields)[:2000])
    return found


def search_source(source: str, query: str, limit: int = 5, parsed: ParsedQuery | None = None) -> list[Hit]:
    parsed = parsed or parse(query)
    if not parsed.groups:
        return []
    scored = []
    for key, title, summary, url, title_norm, summary_norm, body_norm in _candidates(source, parsed):
        points = score(parsed, title_norm, summary_norm, body_norm)
        if points > 0:
            scored.append(Hit(source, key, title, summary, url, points))
    scored.sort(key=lambda hit: (-hit.score, hit.title))
    # A document answering a third of what was asked is noise beside one answering all of it.
    best = scored[0].score if scored else 0
    return [hit for hit in scored if hit.score >= RELEVANT_SHARE * best][:limit]


def suggestions(query: str, limit: int = 3) -> list[str]:
    """Titles spelled closest to what was typed, for a search that found nothing."""
    text = normalise(query)
    if not text:
        return []
    if connection.vendor == "postgresql":
        rows = (
            SearchDocument.objects.annotate(similar=TrigramWordSimilarity(text, "title_norm"))
            .filter(similar__gt=0.3)
            .order_by("-similar")
            .values_list("title", flat=True)[: limit * 3]
        )
        titles = list(rows)
    else:
        titles_by_norm = dict(SearchDocument.objects.values_list("title_norm", "title")[:5000])
        close = difflib.get_close_matches(text, list(titles_by_norm), n=limit * 3, cutoff=0.5)
        titles = [titles_by_norm[norm] for norm in close]
    return list(dict.fromkeys(titles))[:limit]


def search(query: str, sources: list[str] | None = None, limit: int = 5) -> Results:
    results = Results(query=query.strip()[:MAX_QUERY_LENGTH])
    parsed = parse(results.query)
    wanted = [s for s in ordered_sources() if not sources or s.name in sources]
    for source in wanted:
        results.groups.append(Group(source.name, source.label, search_source(source.name, "", limit, parsed)))
    if results.empty and parsed.groups:
        results.suggestions = suggestions(results.query)
    return results


def source_labels() -> dict[str, str]:
    return {name: source.label for name, source in SOURCES.items()}
