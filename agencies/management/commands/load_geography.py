from django.core.management.base import BaseCommand

from agencies.services import geography_load


class Command(BaseCommand):
    help = "Load (or refresh) the 34 provinces and 3,321 wards in force since 1 July 2025. Safe to run again."

    def handle(self, *args, **options) -> None:
        result = geography_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Địa giới hành chính: {result.provinces} tỉnh, thành phố ({result.provinces_created} mới); "
                f"{result.wards} phường, xã ({result.wards_created} mới)."
            )
        )
