from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from search.registry import NO_RESULT_ACTIONS, SOURCES
from search.selectors import MAX_QUERY_LENGTH, search

PER_GROUP = 5
ONE_SOURCE = 20


def results(request: HttpRequest) -> HttpResponse:
    """/tim-kiem/?q=…[&nguon=thu-tuc]: every utility's best few, or one utility's results when chosen."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    source = request.GET.get("nguon", "")
    chosen = SOURCES.get(source)
    found = search(query, sources=[chosen.name] if chosen else None, limit=ONE_SOURCE if chosen else PER_GROUP)
    context = {
        "q": query,
        "results": found if query else None,
        "chosen": chosen,
        "more_threshold": PER_GROUP,
        "no_result_actions": [(action.label, reverse(action.url_name)) for action in NO_RESULT_ACTIONS],
    }
    return render(request, "search/results.html", context)
