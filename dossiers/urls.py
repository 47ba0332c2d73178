from django.urls import path

from dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("thu-tuc/<uuid:public_id>/", views.procedure_detail, name="procedure"),
    path("thu-tuc/<uuid:public_id>/nop/", views.draft_start, name="start"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("cua-toi/", views.mine, name="mine"),
    path("cua-toi/<uuid:public_id>/", views.mine_detail, name="mine_detail"),
    path("cua-toi/<uuid:public_id>/khai/<int:step>/", views.draft_step, name="step"),
    path("cua-toi/<uuid:public_id>/giay-to/", views.draft_documents, name="documents"),
    path("cua-toi/<uuid:public_id>/giay-to/dung-lai/", views.document_reuse, name="reuse"),
    path("cua-toi/<uuid:public_id>/kiem-tra/", views.draft_check, name="check"),
    path("cua-toi/<uuid:public_id>/da-nop/", views.submitted, name="submitted"),
    path("cua-toi/<uuid:public_id>/rut/", views.withdraw, name="withdraw"),
    path("cua-toi/<uuid:public_id>/xoa/", views.delete_draft, name="delete_draft"),
    path("cua-toi/<uuid:public_id>/danh-gia/", views.rate, name="rate"),
    path("cua-toi/<uuid:public_id>/bo-sung-xong/", views.supplement_done, name="supplement_done"),
    path("tep/<uuid:public_id>/", views.attachment_download, name="attachment"),
    path("phieu/<uuid:public_id>/", views.slip_download, name="slip"),
]
