from rest_framework.pagination import CursorPagination, PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class NewestFirstCursorPagination(CursorPagination):
    """Big public lists (reports): `next`/`previous` links carry a position instead of a page number, so no page
    counts the table and page 5,000 costs what page 1 does."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-received_at", "-id")
