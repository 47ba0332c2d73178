from rest_framework.routers import DefaultRouter

from payments.api.views import MyInvoiceViewSet, MyPaymentViewSet

router = DefaultRouter()
router.register("my/invoices", MyInvoiceViewSet, basename="my-invoice")
router.register("my/payments", MyPaymentViewSet, basename="my-payment")
