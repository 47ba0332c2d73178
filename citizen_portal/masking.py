"""Personal data shown partly: enough for an officer to tell people apart in a list, not enough to copy."""


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V. A." : the family name and initials."""
    words = name.split()
    if not words:
        return "—"
    if len(words) == 1:
        return f"{words[0][:1]}."
    return " ".join([words[0], *(f"{word[:1]}." for word in words[1:])])


def mask_phone(phone: str) -> str:
    return f"{phone[:4]}•••{phone[-3:]}" if len(phone) > 7 else "•••"


def mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}•••@{domain}" if domain else "•••"


def mask_citizen_id(number: str) -> str:
    return f"{number[:3]}•••••••{number[-2:]}" if len(number) > 6 else "•••"
