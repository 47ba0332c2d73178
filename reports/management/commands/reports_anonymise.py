from django.core.management.base import BaseCommand

from reports.services import reports_anonymise


class Command(BaseCommand):
    help = "Wipe reporter contact details of reports closed more than N days ago (default REPORTS['RETENTION_DAYS'])."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        count = reports_anonymise(days=days)
        self.stdout.write(f"Đã ẩn danh {count} phản ánh.")
