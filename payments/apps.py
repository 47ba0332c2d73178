from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = "Thanh toán"

    def ready(self) -> None:
        from citizen_portal import personal_data
        from payments import checks  # noqa: F401 - registers the deploy check
        from payments.selectors import personal_data as my_payments

        personal_data.register("thanh_toan", my_payments)
