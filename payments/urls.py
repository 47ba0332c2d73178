from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("nop/", views.pay, name="pay"),
    path("khoan-thu/<uuid:public_id>/", views.invoice, name="invoice"),
    path("giao-dich/<str:reference>/", views.attempt, name="attempt"),
    path("bien-lai/<uuid:public_id>/", views.receipt, name="receipt"),
    path("vnpay/ipn", views.vnpay_ipn, name="vnpay_ipn"),
    path("zalopay/callback", views.zalopay_callback, name="zalopay_callback"),
    path("zalo-checkout/callback", views.zalo_checkout_callback, name="zalo_checkout_callback"),
    path("ngan-hang/thong-bao", views.bank_notification, name="bank_notification"),
]
