from django.db.models import QuerySet

from citizen_portal.text import fold_vietnamese
from dossiers.models import Procedure


def procedures_search(*, query: str = "", field_code: str = "") -> QuerySet[Procedure]:
    procedures = Procedure.objects.published().select_related("field", "agency")
    if field_code:
        procedures = procedures.filter(field__code=field_code)
    for word in fold_vietnamese(query).split():
        procedures = procedures.filter(search_text__contains=word)
    return procedures
