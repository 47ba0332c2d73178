from django.core.management.base import BaseCommand

from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file


class Command(BaseCommand):
    help = "Import (or update) the procedure catalogue from a JSON file; without a path, the demo catalogue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEMO_CATALOGUE))

    def handle(self, *args, path: str, **options) -> None:
        result = catalogue_import_file(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Thủ tục: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi."
            )
        )
