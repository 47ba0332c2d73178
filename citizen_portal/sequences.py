"""Gap-free counters (dossier codes per agency and day, report codes per year): a row per counter, created on
first use and locked while it is advanced, so concurrent callers get consecutive numbers and never the same one."""

from django.db import IntegrityError, models, transaction


def next_number(model: type[models.Model], **key) -> int:
    """Advance the counter row of `model` identified by `key` (it has a `last_number` field); call inside the
    transaction that uses the number, so a rollback gives the number back."""
    try:
        with transaction.atomic():
            model.objects.get_or_create(**key)
    except IntegrityError:
        pass  # created concurrently: lock it below
    row = model.objects.select_for_update().get(**key)
    row.last_number += 1
    row.save(update_fields=["last_number"])
    return row.last_number
