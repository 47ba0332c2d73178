"""The procedure catalogue in the portal search: the name is the title, the field the summary, and the cases and
papers the body ("giấy chứng sinh" finds the birth registration)."""

from __future__ import annotations

from django.urls import reverse

from dossiers.models import Procedure, ProcedureCase, RequiredDocument
from search.registry import Document, SearchSource


def _procedures():
    return Procedure.objects.published().select_related("field").prefetch_related("cases__documents")


def procedure_document(procedure: Procedure) -> Document:
    cases = list(procedure.cases.all())
    papers = [document.name for case in cases for document in case.documents.all()]
    return Document(
        title=procedure.name,
        url=reverse("dossiers:procedure", kwargs={"public_id": procedure.public_id}),
        summary=f"Lĩnh vực {procedure.field.name}",
        body=" ".join([procedure.code, *(case.name for case in cases), *papers]),
    )


PROCEDURES = SearchSource(
    name="thu-tuc",
    label="Thủ tục hành chính",
    model=Procedure,
    queryset=_procedures,
    document=procedure_document,
    order=10,
    related=(
        (ProcedureCase, lambda case: [case.procedure]),
        (RequiredDocument, lambda document: [document.case.procedure]),
    ),
)
