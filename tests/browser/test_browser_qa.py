"""Q&A end to end: a citizen on a 360×640 phone searches without diacritics, finds no answer to their question,
asks it (nothing typed lost on a mistake), an officer of the ward answers and publishes it from the back office,
and the citizen is told and sees the answer on the public page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def qa_setting(agency, citizen, catalogue):
    from agencies.tests.factories import OfficerFactory
    from qa.models import Topic

    topic = Topic.objects.create(slug="ho-tich", name="Hộ tịch", deadline_days=5, default_agency=agency)
    officer = OfficerFactory(agency=agency, username="canbo.tanninh", full_name="Trần Văn Cán")
    return {"topic": topic, "officer": officer, "citizen": citizen}


def test_search_ask_answer_publish_and_the_citizen_reads_it(browser, phone, live_server, sign_in, qa_setting):
    from notifications.models import InboxMessage
    from qa.models import Question

    citizen, officer = qa_setting["citizen"], qa_setting["officer"]
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm thủ tục, câu hỏi (gõ có dấu hoặc không dấu)").fill("khai sinh cho con nuoi")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/tim-kiem/?q=*")
    page.wait_for_load_state()  # content() while the results page is still arriving reads ""
    assert "Đăng ký khai sinh" in page.content()  # the procedure is found without diacritics…
    assert "<h2>Hỏi đáp</h2>" not in page.content()  # …but nobody has asked this yet
    page.get_by_role("link", name="Đặt câu hỏi cho cơ quan nhà nước").click()
    assert page.get_by_label("1. Tiêu đề câu hỏi").input_value() == "khai sinh cho con nuoi"

    page.get_by_label("1. Tiêu đề câu hỏi").fill("Khai sinh cho con nuôi làm thế nào?")
    page.get_by_role("button", name="Gửi câu hỏi").click()  # the topic and the question are still missing
    assert "Cần sửa 2 điểm trước khi tiếp tục" in page.content()
    assert page.get_by_label("1. Tiêu đề câu hỏi").input_value() == "Khai sinh cho con nuôi làm thế nào?"
    page.select_option("select[name=topic]", label="Hộ tịch")
    page.get_by_label("3. Nội dung câu hỏi").fill("Tôi nhận nuôi cháu 2 tuổi, làm khai sinh cho cháu ở đâu?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on the phone
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_selector("text=Bạn sẽ được báo khi có câu trả lời.")
    question = Question.objects.get(asker=citizen)

    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    sign_in(desk, officer)
    office = desk.new_page()
    office.goto(live_server.url + "/admin/qa/question/")
    office.get_by_role("link", name=question.code).click()
    office.get_by_text("Trả lời người hỏi", exact=True).click()
    office.get_by_role("textbox", name="Câu trả lời").fill(
        "Trước hết làm thủ tục đăng ký nuôi con nuôi; sau đó đăng ký khai sinh tại UBND phường nơi cư trú."
    )
    office.get_by_label("Thủ tục liên quan", exact=False).select_option(label="Đăng ký khai sinh")
    office.get_by_role("button", name="Gửi trả lời").click()
    office.wait_for_selector("text=Đã thực hiện: Trả lời người hỏi.")
    office.get_by_text("Công khai câu hỏi và trả lời", exact=True).click()
    office.get_by_label("Tiêu đề công khai").fill("Khai sinh cho con nuôi")
    office.get_by_role("button", name="Công khai").click()
    office.wait_for_selector("text=Đã thực hiện: Công khai câu hỏi và trả lời.")
    desk.close()

    assert InboxMessage.objects.filter(recipient=citizen, title="Câu hỏi của bạn đã được trả lời").exists()
    page.goto(live_server.url + "/thong-bao/")
    assert "Câu hỏi của bạn đã được trả lời" in page.content()
    page.goto(live_server.url + f"/hoi-dap/{question.code}/")
    assert "Khai sinh cho con nuôi" in page.content()
    assert "đăng ký khai sinh tại UBND phường nơi cư trú" in page.content()
    page.get_by_role("link", name="Đăng ký khai sinh").click()  # the procedure the answer points to
    page.wait_for_url("**/ho-so/thu-tuc/**")
    assert citizen.full_name not in page.content()
