"""Keeps the index in step with the utilities' rows, in the same transaction (a rolled-back change is never
findable, a committed one is at once), and the cached synonym table in step with the admin."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.models import Synonym

_watched: set[tuple[str, type]] = set()


def watch(source) -> None:
    from search import services

    def changed(sender, instance, **kwargs):
        services.index_object(source, instance)

    def deleted(sender, instance, **kwargs):
        services.remove(source.name, str(instance.pk))

    def related_changed(objects_of):
        def handler(sender, instance, **kwargs):
            for obj in objects_of(instance):
                services.index_object(source, obj)

        return handler

    if (source.name, source.model) in _watched:
        return
    _watched.add((source.name, source.model))
    uid = f"search-{source.name}"
    post_save.connect(changed, sender=source.model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=source.model, weak=False, dispatch_uid=f"{uid}-delete")
    for model, objects_of in source.related:
        handler = related_changed(objects_of)
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-{model.__name__}-save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-{model.__name__}-delete")


@receiver([post_save, post_delete], sender=Synonym, dispatch_uid="search-synonyms-changed")
def synonyms_changed(**kwargs) -> None:
    from search.services import forget_synonyms

    forget_synonyms()  # this transaction's next search reads the new table
    transaction.on_commit(forget_synonyms)  # and a worker that cached the old one meanwhile forgets it
