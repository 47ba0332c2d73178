"""Abstract models shared by every app."""

from django.db import models

from citizen_portal.text import fold_vietnamese


class FoldedSearchModel(models.Model):
    """Keeps a diacritics-free copy of the row's searchable text, so "ho so" finds "hồ sơ"."""

    search_text = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def search_source(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold_vietnamese(self.search_source())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
