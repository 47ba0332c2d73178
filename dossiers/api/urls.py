from rest_framework.routers import DefaultRouter

from dossiers.api.views import MyDossierViewSet, OfficerDossierViewSet, ProcedureViewSet

router = DefaultRouter()
router.register("procedures", ProcedureViewSet, basename="procedure")
router.register("my/dossiers", MyDossierViewSet, basename="my-dossier")
router.register("officer/dossiers", OfficerDossierViewSet, basename="officer-dossier")
