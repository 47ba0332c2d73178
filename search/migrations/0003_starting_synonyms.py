"""The words citizens use for what the catalogue calls otherwise; officers edit the list in the admin."""

from django.db import migrations

from search.normalise import normalise

STARTING_SET = [
    # Residence: the household book was abolished in 2023, but everyone still says it.
    ("hộ khẩu", "cư trú"),
    ("hộ khẩu", "thường trú"),
    ("sổ hộ khẩu", "cư trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("chuyển hộ khẩu", "đăng ký thường trú"),
    ("tách hộ khẩu", "đăng ký thường trú"),
    ("KT3", "tạm trú"),
    ("tạm vắng", "cư trú"),
    ("CT07", "xác nhận thông tin về cư trú"),
    ("giấy xác nhận cư trú", "xác nhận thông tin về cư trú"),
    # Civil status.
    ("giấy khai sinh", "khai sinh"),
    ("làm giấy khai sinh", "đăng ký khai sinh"),
    ("làm khai sinh", "đăng ký khai sinh"),
    ("con mới sinh", "khai sinh"),
    ("em bé mới sinh", "khai sinh"),
    ("bản sao giấy khai sinh", "trích lục hộ tịch"),
    ("xin lại giấy khai sinh", "trích lục hộ tịch"),
    ("trích lục khai sinh", "trích lục hộ tịch"),
    ("cưới", "kết hôn"),
    ("lấy vợ", "kết hôn"),
    ("lấy chồng", "kết hôn"),
    ("giấy đăng ký kết hôn", "kết hôn"),
    ("độc thân", "tình trạng hôn nhân"),
    ("giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("người mất", "khai tử"),
    ("báo tử", "khai tử"),
    ("giấy chứng tử", "khai tử"),
    ("qua đời", "khai tử"),
    ("đổi tên", "thay đổi hộ tịch"),
    ("sửa tên", "cải chính hộ tịch"),
    ("sửa năm sinh", "cải chính hộ tịch"),
    ("sửa ngày sinh", "cải chính hộ tịch"),
    ("sai ngày sinh", "cải chính hộ tịch"),
    ("nhận con", "nhận cha mẹ con"),
    ("nhận cha", "nhận cha mẹ con"),
    # Certification.
    ("sao y", "chứng thực"),
    ("sao y bản chính", "chứng thực bản sao từ bản chính"),
    ("công chứng", "chứng thực"),
    ("photo công chứng", "chứng thực bản sao"),
    ("thị thực chữ ký", "chứng thực chữ ký"),
    # Identity papers.
    ("CCCD", "căn cước"),
    ("làm CCCD", "căn cước"),
    ("chứng minh nhân dân", "căn cước"),
    ("CMND", "căn cước"),
    # Land and building.
    ("sổ đỏ", "quyền sử dụng đất"),
    ("sổ hồng", "quyền sử dụng đất"),
    ("thổ cư", "chuyển mục đích sử dụng đất"),
    ("lên thổ cư", "chuyển mục đích sử dụng đất"),
    ("đất ruộng lên đất ở", "chuyển mục đích sử dụng đất"),
    ("xin phép xây nhà", "giấy phép xây dựng"),
    ("xây nhà", "xây dựng nhà ở"),
    ("sửa nhà", "xây dựng nhà ở"),
    # Business.
    ("giấy phép kinh doanh", "hộ kinh doanh"),
    ("mở quán", "hộ kinh doanh"),
    ("mở cửa hàng", "hộ kinh doanh"),
    ("buôn bán", "kinh doanh"),
    ("kinh doanh cá thể", "hộ kinh doanh"),
    # Records and insurance.
    ("LLTP", "lý lịch tư pháp"),
    ("giấy không tiền án", "lý lịch tư pháp"),
    ("BHYT", "bảo hiểm y tế"),
    ("thẻ bảo hiểm", "bảo hiểm y tế"),
    ("BHXH", "bảo hiểm xã hội"),
    ("lương hưu", "bảo hiểm xã hội"),
]


def add_starting_set(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, replacement in STARTING_SET:
        Synonym.objects.get_or_create(
            term_norm=normalise(term),
            replacement_norm=normalise(replacement),
            defaults={"term": term, "replacement": replacement},
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_indexes")]

    operations = [migrations.RunPython(add_starting_set, migrations.RunPython.noop)]
