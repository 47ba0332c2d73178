from django.core.management.base import BaseCommand, CommandError

from search.registry import SOURCES
from search.services import reindex


class Command(BaseCommand):
    help = "Viết lại chỉ mục tìm kiếm từ dữ liệu của các tiện ích (tất cả, hoặc các nguồn được nêu)."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help=f"nguồn: {', '.join(sorted(SOURCES))}")

    def handle(self, *args, **options):
        unknown = [name for name in options["sources"] if name not in SOURCES]
        if unknown:
            raise CommandError(f"Không có nguồn {', '.join(unknown)}. Các nguồn: {', '.join(sorted(SOURCES))}.")
        for name, count in reindex(options["sources"] or None).items():
            self.stdout.write(f"{SOURCES[name].label}: {count} mục")
