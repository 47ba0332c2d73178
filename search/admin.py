from django.contrib import admin

from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Heads keep the list of words citizens use; a change is used by the next search (the cached table is cleared)."""

    list_display = ("term", "replacement", "is_active")
    list_editable = ("is_active",)
    list_filter = ("is_active",)
    search_fields = ("term", "replacement", "term_norm", "replacement_norm")
    fields = ("term", "replacement", "is_active")
