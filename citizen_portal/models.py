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


class ScheduledJob(models.Model):
    """When each periodic job is next due. Schedulers claim a run by moving `next_run_at` with a conditional
    update, so two schedulers never enqueue the same run twice."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "việc định kỳ"
        verbose_name_plural = "việc định kỳ"

    def __str__(self) -> str:
        return self.name
