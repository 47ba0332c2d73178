from django.apps import AppConfig


class ShopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "shops"
    verbose_name = "Cửa hàng 4.0"

    def ready(self) -> None:
        from citizen_portal import personal_data, workspace
        from search import registry as search_registry
        from shops.search import SHOPS
        from shops.selectors import personal_data as my_shops
        from shops.services import owner_erase
        from shops.workspace import shops_section

        workspace.register(shops_section)
        personal_data.register("cua_hang", my_shops, erase=owner_erase)
        search_registry.register(SHOPS)
