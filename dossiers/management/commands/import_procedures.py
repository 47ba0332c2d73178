from django.core.management.base import BaseCommand, CommandError

from dossiers.catalogue.importer import DEMO_CATALOGUE, CatalogueFormatError, catalogue_import_file


class Command(BaseCommand):
    help = "Import (or update) the procedure catalogue from a JSON or CSV file; without a path, the demo catalogue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEMO_CATALOGUE))

    def handle(self, *args, path: str, **options) -> None:
        try:
            result = catalogue_import_file(path)
        except CatalogueFormatError as error:
            raise CommandError(f"Tệp danh mục không hợp lệ: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Thủ tục: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi."
            )
        )
