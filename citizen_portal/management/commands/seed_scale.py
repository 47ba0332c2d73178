from django.core.management.base import BaseCommand, CommandError

from citizen_portal.scale import scale_remove, scale_seed


class Command(BaseCommand):
    help = (
        "Seed a province-scale dataset for benchmarks and dashboards (ward committees, citizens, dossiers and "
        "reports over three years). Use a scratch database. The same --label twice changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dossiers", type=int, default=100_000)
        parser.add_argument("--reports", type=int, default=30_000)
        parser.add_argument("--citizens", type=int, default=20_000)
        parser.add_argument("--agencies", type=int, default=100, help="ward People's Committees (one per ward)")
        parser.add_argument("--procedures", type=int, default=100, help="published procedures at least (variants)")
        parser.add_argument("--label", default="scale", help="1–5 lower-case letters or digits; part of every code")
        parser.add_argument("--replace", action="store_true", help="remove this label's data first, then seed")
        parser.add_argument("--remove", action="store_true", help="only remove this label's data")
        parser.add_argument(
            "--no-facts", action="store_true", help="do not rebuild the dashboards' facts of the three years afterwards"
        )

    def handle(self, *args, **options) -> None:
        label = options["label"]
        if options["remove"]:
            scale_remove(label=label)
            self.stdout.write(f"Đã xoá dữ liệu của lượt “{label}”.")
            return
        try:
            result = scale_seed(
                label=label,
                dossiers=options["dossiers"],
                reports=options["reports"],
                citizens=options["citizens"],
                agencies=options["agencies"],
                procedures=options["procedures"],
                replace=options["replace"],
                facts=not options["no_facts"],
                log=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            self.stdout.write(f"Lượt “{label}” đã có ({result.agencies} cơ quan); dùng --replace để tạo lại.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Lượt “{label}”: {result.agencies} cơ quan, {result.citizens:,} công dân, {result.dossiers:,} hồ sơ, "
                f"{result.reports:,} phản ánh trong {result.seconds:.0f} giây (tạo dữ liệu {result.seed_seconds:.0f} "
                f"giây, dựng số liệu bảng điều khiển {result.seconds - result.seed_seconds:.0f} giây)."
            )
        )
