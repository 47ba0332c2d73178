"""Demo collection accounts: every demo agency collects transfers into an account at one of the big banks."""

from payments.banks import load_banks
from payments.models import Bank, CollectionAccount
from payments.vietqr import transfer_note

BANKS = ["970418", "970436", "970415", "970405", "970422"]  # BIDV, Vietcombank, VietinBank, Agribank, MB


def seed_collection_accounts(agencies: dict) -> None:
    load_banks(Bank)
    for n, (_, agency) in enumerate(sorted(agencies.items())):
        CollectionAccount.objects.get_or_create(
            agency=agency,
            defaults={
                "bank": Bank.objects.get(bin=BANKS[n % len(BANKS)]),
                "account_number": f"{3741000 + n * 137:07d}{n:03d}",
                "account_name": transfer_note(agency.name).upper(),
            },
        )
