from django.apps import AppConfig


class TuitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tuition"
    verbose_name = "Học phí"

    def ready(self) -> None:
        from citizen_portal import personal_data
        from tuition import fees
        from tuition.selectors import personal_data as my_children
        from tuition.services import guardian_erase

        fees.register()
        personal_data.register("hoc_phi", my_children, erase=guardian_erase)
