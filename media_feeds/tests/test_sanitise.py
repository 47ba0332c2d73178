from media_feeds.sanitise import clean_html, plain_text, text_to_html


def test_scripts_event_handlers_and_javascript_links_are_removed():
    dirty = (
        '<p onclick="steal()" style="color:red">Lịch <script>alert(1)</script>cắt điện</p>'
        '<a href="javascript:alert(1)">bấm</a> <a href="JaVaScRiPt:alert(2)">bấm</a>'
        '<img src="https://a.vn/x.jpg" onerror="steal()"><iframe src="https://evil"></iframe>'
        '<svg><script>x()</script></svg><a href="data:text/html,<script>x()</script>">d</a>'
        "<style>body{display:none}</style><form action=/x><input name=p></form>"
    )
    clean = clean_html(dirty)
    for forbidden in ("<script", "alert", "onclick", "onerror", "javascript:", "iframe", "<svg", "data:", "<style",
                      "<form", "<input", "style="):  # fmt: skip
        assert forbidden not in clean.lower(), forbidden
    assert "<p>Lịch cắt điện</p>" in clean


def test_allowed_formatting_survives_and_links_are_made_safe():
    html = (
        "<h2>Thời gian</h2><p><strong>Sáng</strong> <em>thứ Hai</em></p><ul><li>Một</li></ul>"
        '<table><tr><th scope="col">Giờ</th></tr><tr><td colspan="2">7:00</td></tr></table>'
        '<a href="https://tayninh.gov.vn/tb" title="Nguồn">nguồn</a> <a href="tel:0276">gọi</a>'
        '<img src="/tin-tuc/anh/ban-do.webp" alt="Bản đồ"><img src="https://tracker.example/a.gif" alt="x">'
        '<img src="//tracker.example/b.gif">'
    )
    clean = clean_html(html)
    for kept in ("<h2>Thời gian</h2>", "<strong>Sáng</strong>", "<em>thứ Hai</em>", "<li>Một</li>",
                 '<th scope="col">Giờ</th>', '<td colspan="2">7:00</td>', 'href="tel:0276"', 'alt="Bản đồ"'):  # fmt: skip
        assert kept in clean, kept
    assert 'href="https://tayninh.gov.vn/tb"' in clean and 'rel="noopener noreferrer nofollow"' in clean
    assert 'loading="lazy"' in clean  # pictures in a body never load before the reader scrolls to them
    assert clean.count("<img") == 1 and "tracker.example" not in clean  # only the portal's own pictures


def test_plain_text_drops_tags_decodes_entities_and_cuts_at_a_word():
    assert plain_text("<p>Điện &amp; nước <b>tạm</b> ngừng</p><script>x</script>") == "Điện & nước tạm ngừng"
    assert plain_text("một hai ba bốn năm", limit=12) == "một hai ba…"


def test_plain_text_typed_by_an_officer_becomes_paragraphs_and_lists():
    typed = (
        "Điện lực thông báo:\nTạm ngừng cấp điện.\n\n- Đường 30/4\n- Đường CMT8\n\n1. Sáng\n2. Chiều\n\n<b>x</b> & y"
    )
    assert text_to_html("Một <script>") == "Một <script>"  # looks like HTML: left to the sanitiser
    html = clean_html(text_to_html(typed.replace("<b>x</b> & y", "a < b & c")))
    assert html == (
        "<p>Điện lực thông báo:<br>Tạm ngừng cấp điện.</p><ul><li>Đường 30/4</li><li>Đường CMT8</li></ul>"
        "<ol><li>Sáng</li><li>Chiều</li></ol><p>a &lt; b &amp; c</p>"
    )
