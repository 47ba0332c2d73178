# ruff: noqa: E501  (sentences of demo data, kept one per line)
"""The demo's questions: what citizens of a province really ask the one-stop shop, with the answers an officer
would give. (topic, title, question, answer); the seed decides who asked and in which state each one is."""

TOPICS = [
    # slug, name, deadline in working days, default agency identifier
    ("ho-tich", "Hộ tịch", 5, "TNH-UB-25459"),
    ("cu-tru", "Cư trú", 5, "TNH-CA"),
    ("dat-dai", "Đất đai", 7, "TNH-UB-27694"),
    ("xay-dung", "Xây dựng", 7, "TNH-SXD"),
    ("kinh-doanh", "Kinh doanh", 5, "TNH-UB-25459"),
    ("giao-duc", "Giáo dục", 5, "TNH-SGDDT"),
    ("y-te", "Y tế, bảo hiểm y tế", 5, "TNH-TTHCC"),
    ("bhxh", "Bảo hiểm xã hội", 5, "TNH-TTHCC"),
    ("chung-thuc", "Chứng thực", 3, "TNH-STP"),
]

QUESTIONS = [
    (
        "ho-tich",
        "Làm giấy khai sinh cho con cần những giấy tờ gì?",
        "Vợ tôi vừa sinh bé ở bệnh viện tỉnh. Tôi muốn làm giấy khai sinh cho con thì cần mang theo giấy tờ gì và làm ở đâu?",
        "Anh nộp tờ khai đăng ký khai sinh và giấy chứng sinh do bệnh viện cấp, xuất trình CCCD của người đi đăng ký. "
        "Anh làm tại UBND xã, phường nơi cư trú của cha hoặc mẹ, hoặc nộp trực tuyến trên Cổng: /ho-so/ → “Đăng ký khai sinh”. "
        "Đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh) không mất lệ phí và nhận kết quả trong ngày.",
    ),
    (
        "ho-tich",
        "Quá 60 ngày mới đăng ký khai sinh có bị phạt không?",
        "Con tôi sinh được 3 tháng nhưng gia đình chưa đi làm giấy khai sinh. Bây giờ đi đăng ký có bị phạt không?",
        "Việc chậm đăng ký khai sinh có thể bị nhắc nhở hoặc xử phạt hành chính theo quy định. Gia đình vẫn đăng ký bình "
        "thường tại UBND xã, phường với giấy chứng sinh; nên đăng ký sớm để con có mã số định danh, làm thẻ BHYT.",
    ),
    (
        "ho-tich",
        "Khai sinh cho con khi cha mẹ chưa đăng ký kết hôn",
        "Tôi và chồng sống chung nhưng chưa đăng ký kết hôn. Làm khai sinh cho con có ghi tên cha được không?",
        "Được. Khi đăng ký khai sinh, cha và mẹ cùng có mặt và làm thủ tục nhận cha, mẹ, con kết hợp với đăng ký khai sinh. "
        "Mang theo giấy chứng sinh, CCCD của cả hai người và văn bản, chứng cứ chứng minh quan hệ cha con nếu có.",
    ),
    (
        "ho-tich",
        "Đăng ký kết hôn ở đâu khi hai người ở hai tỉnh khác nhau?",
        "Tôi ở Tây Ninh, vợ sắp cưới ở Long An. Chúng tôi đăng ký kết hôn ở đâu?",
        "Hai anh chị đăng ký kết hôn tại UBND xã, phường nơi cư trú của một trong hai người. Cả hai cùng có mặt, mang CCCD; "
        "người không cư trú tại nơi đăng ký cần giấy xác nhận tình trạng hôn nhân do nơi mình cư trú cấp.",
    ),
    (
        "ho-tich",
        "Giấy xác nhận tình trạng hôn nhân có giá trị bao lâu?",
        "Tôi xin giấy xác nhận độc thân để làm thủ tục mua nhà. Giấy này dùng được trong bao lâu?",
        "Giấy xác nhận tình trạng hôn nhân có giá trị 6 tháng kể từ ngày cấp và chỉ dùng cho mục đích ghi trong giấy. "
        "Anh chị có thể nộp yêu cầu trực tuyến: /ho-so/ → “Xác nhận tình trạng hôn nhân”.",
    ),
    (
        "ho-tich",
        "Mất giấy khai sinh bản chính thì xin lại thế nào?",
        "Giấy khai sinh của tôi bị mất khi chuyển nhà. Tôi cần bản sao để nộp hồ sơ đi làm.",
        "Anh chị không cần làm lại khai sinh. Hãy yêu cầu cấp bản sao trích lục khai sinh tại UBND xã, phường nơi đã "
        "đăng ký khai sinh, hoặc nộp trực tuyến: /ho-so/ → “Cấp bản sao trích lục hộ tịch”.",
    ),
    (
        "ho-tich",
        "Sửa năm sinh bị ghi sai trong giấy khai sinh",
        "Năm sinh của mẹ tôi trong giấy khai sinh của tôi bị ghi sai so với CCCD. Tôi sửa thế nào?",
        "Anh chị làm thủ tục cải chính hộ tịch tại UBND xã, phường nơi đã đăng ký khai sinh, kèm bản chụp CCCD của mẹ "
        "chứng minh thông tin đúng. Thủ tục có trên Cổng: /ho-so/ → “Đăng ký thay đổi, cải chính hộ tịch”.",
    ),
    (
        "ho-tich",
        "Đổi tên cho con 5 tuổi có được không?",
        "Tên con tôi trùng với người thân trong họ, gia đình muốn đổi tên cho cháu. Có được không?",
        "Việc đổi tên được giải quyết khi có lý do chính đáng như trùng tên người thân gây nhầm lẫn. Cha mẹ nộp tờ khai "
        "thay đổi hộ tịch tại UBND xã, phường nơi đã đăng ký khai sinh; con từ đủ 9 tuổi phải có ý kiến đồng ý của con.",
    ),
    (
        "ho-tich",
        "Người thân mất ở nhà thì đăng ký khai tử thế nào?",
        "Ông tôi mất tại nhà, không có giấy báo tử của bệnh viện. Gia đình làm khai tử ra sao?",
        "Trong 15 ngày kể từ ngày mất, người thân nộp tờ khai đăng ký khai tử tại UBND xã, phường nơi cư trú cuối cùng của "
        "người mất. Khi mất tại nhà, trưởng ấp/khu phố hoặc công an xã xác nhận để thay giấy báo tử.",
    ),
    (
        "ho-tich",
        "Trích lục kết hôn bản sao xin ở đâu?",
        "Tôi cần bản sao giấy đăng ký kết hôn để làm hồ sơ vay ngân hàng.",
        "Anh chị yêu cầu cấp bản sao trích lục kết hôn tại nơi đã đăng ký kết hôn hoặc trực tuyến trên Cổng. "
        "Lệ phí theo quy định của tỉnh; kết quả trong ngày làm việc.",
    ),
    (
        "cu-tru",
        "Sổ hộ khẩu giấy không còn dùng thì chứng minh nơi ở bằng gì?",
        "Nhà tôi vẫn giữ sổ hộ khẩu cũ. Bây giờ làm giấy tờ thì lấy gì chứng minh nơi cư trú?",
        "Từ năm 2023 sổ hộ khẩu giấy không còn giá trị. Thông tin cư trú được tra trong Cơ sở dữ liệu quốc gia về dân cư "
        "bằng CCCD gắn chip hoặc ứng dụng VNeID. Khi cần giấy, đề nghị cấp xác nhận thông tin về cư trú (mẫu CT07).",
    ),
    (
        "cu-tru",
        "Nhập hộ khẩu cho con vào nhà ông bà",
        "Tôi muốn đăng ký thường trú cho con vào nhà ông bà ngoại thì cần gì?",
        "Cần văn bản đồng ý của chủ hộ (ông hoặc bà) và giấy tờ chứng minh quan hệ, như giấy khai sinh của cháu và của mẹ. "
        "Nộp tại công an xã, phường nơi có nhà hoặc trực tuyến: /ho-so/ → “Đăng ký thường trú”.",
    ),
    (
        "cu-tru",
        "Thuê trọ có phải đăng ký tạm trú không?",
        "Tôi từ tỉnh khác đến Tây Ninh làm công nhân, ở trọ. Có bắt buộc đăng ký tạm trú không?",
        "Có. Khi ở nơi khác nơi thường trú từ 30 ngày trở lên, anh chị phải đăng ký tạm trú tại công an xã, phường, với "
        "hợp đồng thuê trọ hoặc văn bản đồng ý của chủ nhà. Có thể nộp trực tuyến: /ho-so/ → “Đăng ký tạm trú”.",
    ),
    (
        "cu-tru",
        "Xin giấy xác nhận cư trú CT07 mất bao lâu?",
        "Tôi cần giấy xác nhận thông tin cư trú để nộp hồ sơ cho con đi học.",
        "Anh chị yêu cầu xác nhận thông tin về cư trú tại công an xã, phường hoặc trực tuyến trên Cổng. "
        "Thời hạn giải quyết không quá 1 ngày làm việc khi thông tin đã có trong cơ sở dữ liệu.",
    ),
    (
        "cu-tru",
        "Tách hộ khi con cái đã lập gia đình",
        "Con trai tôi đã lấy vợ, muốn tách hộ riêng trong cùng căn nhà có được không?",
        "Được, nếu thành viên hộ có năng lực hành vi dân sự đầy đủ và có nhu cầu tách hộ, được chủ hộ đồng ý. "
        "Nộp tờ khai thay đổi thông tin cư trú tại công an xã, phường.",
    ),
    (
        "cu-tru",
        "Đăng ký tạm vắng khi đi làm xa",
        "Tôi đi làm ở nước ngoài 2 năm thì có cần khai báo tạm vắng không?",
        "Người đi khỏi nơi thường trú từ 12 tháng trở lên phải khai báo tạm vắng với công an xã, phường, trừ khi đã "
        "đăng ký tạm trú hoặc xuất cảnh ra nước ngoài. Anh chị có thể khai báo trực tuyến.",
    ),
    (
        "dat-dai",
        "Chuyển đất vườn lên thổ cư cần điều kiện gì?",
        "Gia đình tôi có 500 m² đất trồng cây lâu năm, muốn chuyển 100 m² lên đất ở để xây nhà.",
        "Việc chuyển mục đích sử dụng đất phải phù hợp với kế hoạch sử dụng đất cấp huyện đã được duyệt. Hộ gia đình nộp "
        "đơn và giấy chứng nhận quyền sử dụng đất tại bộ phận một cửa; khi được phép, nộp tiền sử dụng đất theo quy định.",
    ),
    (
        "dat-dai",
        "Làm sổ đỏ lần đầu mất bao lâu?",
        "Đất của cha mẹ tôi để lại chưa có giấy chứng nhận. Làm sổ đỏ lần đầu mất bao lâu?",
        "Thời gian cấp giấy chứng nhận lần đầu không quá 20 ngày làm việc, không tính thời gian trích đo, niêm yết và "
        "thực hiện nghĩa vụ tài chính. Hồ sơ nộp tại bộ phận một cửa nơi có đất.",
    ),
    (
        "dat-dai",
        "Tách thửa đất để cho con có được không?",
        "Tôi có thửa đất 300 m² muốn tách làm hai để cho hai con.",
        "Thửa đất tách phải đạt diện tích tối thiểu theo quy định của UBND tỉnh và có lối đi. Nộp đơn tách thửa kèm giấy "
        "chứng nhận tại bộ phận một cửa; văn phòng đăng ký đất đai kiểm tra và trích đo.",
    ),
    (
        "dat-dai",
        "Đất đang tranh chấp có được cấp giấy chứng nhận không?",
        "Hàng xóm lấn ranh đất nhà tôi, hai bên đang tranh chấp. Tôi có làm sổ đỏ được không?",
        "Đất đang có tranh chấp chưa được cấp giấy chứng nhận. Trước hết hai bên hòa giải tại UBND xã, phường; nếu không "
        "thành thì gửi đơn tới cơ quan có thẩm quyền giải quyết tranh chấp.",
    ),
    (
        "dat-dai",
        "Thừa kế đất khi cha mẹ mất không để lại di chúc",
        "Cha mẹ tôi mất, không có di chúc, để lại một mảnh đất. Anh chị em làm thủ tục thế nào?",
        "Những người thừa kế lập văn bản khai nhận hoặc thỏa thuận phân chia di sản tại tổ chức hành nghề công chứng, rồi "
        "đăng ký biến động đất đai tại văn phòng đăng ký đất đai.",
    ),
    (
        "xay-dung",
        "Xây nhà ở nông thôn có cần giấy phép xây dựng không?",
        "Tôi xây nhà cấp 4 trên đất ở của gia đình tại xã. Có phải xin giấy phép không?",
        "Nhà ở riêng lẻ ở nông thôn không thuộc khu vực có quy hoạch đô thị, khu bảo tồn được miễn giấy phép xây dựng. "
        "Nếu đất nằm trong khu vực đã có quy hoạch chi tiết, cần xin giấy phép: /ho-so/ → “Cấp giấy phép xây dựng nhà ở riêng lẻ”.",
    ),
    (
        "xay-dung",
        "Hồ sơ xin giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        "Tôi chuẩn bị xây nhà 3 tầng ở phường. Cần chuẩn bị hồ sơ gì?",
        "Hồ sơ gồm đơn đề nghị, bản sao giấy chứng nhận quyền sử dụng đất và bản vẽ thiết kế (mặt bằng, mặt cắt, mặt đứng, "
        "móng). Thời hạn giải quyết 15 ngày. Nộp trực tuyến trên Cổng hoặc tại bộ phận một cửa.",
    ),
    (
        "xay-dung",
        "Sửa chữa nhà không thay đổi kết cấu có phải xin phép?",
        "Tôi muốn lát lại nền, sơn lại tường và thay mái tôn.",
        "Sửa chữa bên trong và bên ngoài không làm thay đổi kết cấu chịu lực, công năng và kiến trúc mặt ngoài thì được miễn "
        "giấy phép. Lưu ý bảo đảm an toàn và vệ sinh môi trường khi thi công.",
    ),
    (
        "xay-dung",
        "Giấy phép xây dựng có thời hạn bao lâu?",
        "Tôi được cấp giấy phép tháng 1 nhưng chưa xây. Giấy phép có hết hạn không?",
        "Sau 12 tháng kể từ ngày cấp mà chưa khởi công thì phải đề nghị gia hạn giấy phép; mỗi giấy phép được gia hạn tối đa 2 lần.",
    ),
    (
        "kinh-doanh",
        "Mở quán ăn nhỏ có cần đăng ký hộ kinh doanh không?",
        "Tôi định mở quán bán cơm trước nhà. Có cần giấy phép kinh doanh không?",
        "Hộ gia đình kinh doanh ăn uống có địa điểm cố định phải đăng ký hộ kinh doanh tại UBND xã, phường. Thủ tục có trên "
        "Cổng: /ho-so/ → “Đăng ký thành lập hộ kinh doanh”. Ngoài ra cần bảo đảm điều kiện an toàn thực phẩm.",
    ),
    (
        "kinh-doanh",
        "Bán hàng online có phải đăng ký kinh doanh không?",
        "Tôi bán quần áo qua Zalo và Facebook tại nhà, thu nhập không nhiều.",
        "Cá nhân bán hàng online thường xuyên có thu nhập phải kê khai thuế; nếu có địa điểm kinh doanh cố định và quy mô "
        "lớn thì đăng ký hộ kinh doanh. Chương trình Cửa hàng 4.0 của tỉnh hỗ trợ thanh toán không tiền mặt.",
    ),
    (
        "kinh-doanh",
        "Đăng ký hộ kinh doanh mất bao lâu và lệ phí bao nhiêu?",
        "Tôi muốn đăng ký hộ kinh doanh tạp hóa.",
        "Thời hạn giải quyết 3 ngày làm việc. Lệ phí theo quy định của HĐND tỉnh; nộp trực tuyến được giảm lệ phí. "
        "Hồ sơ gồm giấy đề nghị và bản sao CCCD của chủ hộ.",
    ),
    (
        "kinh-doanh",
        "Tạm ngừng kinh doanh hộ cá thể",
        "Quán tôi muốn nghỉ 6 tháng vì sửa nhà, có phải báo không?",
        "Hộ kinh doanh tạm ngừng kinh doanh từ 30 ngày trở lên phải thông báo cho UBND xã, phường nơi đã đăng ký và cơ quan "
        "thuế chậm nhất 3 ngày làm việc trước khi tạm ngừng.",
    ),
    (
        "giao-duc",
        "Tuyển sinh lớp 1 năm học mới bắt đầu khi nào?",
        "Con tôi năm nay 6 tuổi, khi nào đăng ký vào lớp 1 và đăng ký ở đâu?",
        "Tuyển sinh lớp 1 thường bắt đầu từ tháng 7 theo kế hoạch của Sở Giáo dục và Đào tạo; phụ huynh đăng ký trực tuyến "
        "hoặc tại trường tiểu học theo tuyến cư trú. Nhà trường thông báo lịch cụ thể trên trang của trường.",
    ),
    (
        "giao-duc",
        "Đóng học phí cho con qua điện thoại được không?",
        "Trường của con có cho đóng học phí bằng chuyển khoản hay qua Zalo không?",
        "Được. Các trường trong tỉnh thu học phí không dùng tiền mặt; trên Cổng Công dân, mục “Thanh toán học phí”, phụ "
        "huynh xem khoản phải đóng và thanh toán qua ví hoặc ngân hàng, nhận biên lai điện tử.",
    ),
    (
        "giao-duc",
        "Chuyển trường cho con giữa năm học",
        "Gia đình chuyển chỗ ở sang phường khác giữa năm, muốn chuyển trường cho con học lớp 7.",
        "Phụ huynh làm đơn xin chuyển trường, có xác nhận đồng ý của trường nơi đi và trường nơi đến; hồ sơ gồm học bạ và "
        "giấy giới thiệu chuyển trường. Hiệu trưởng hai trường giải quyết trong 3 ngày làm việc.",
    ),
    (
        "giao-duc",
        "Miễn giảm học phí cho con hộ nghèo",
        "Nhà tôi thuộc hộ cận nghèo, con có được giảm học phí không?",
        "Con em hộ nghèo được miễn, hộ cận nghèo được giảm 50% học phí. Phụ huynh nộp đơn và giấy chứng nhận hộ nghèo, cận "
        "nghèo cho nhà trường trong 30 ngày đầu năm học.",
    ),
    (
        "y-te",
        "Thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi làm ở đâu?",
        "Con tôi mới sinh, làm thẻ BHYT cho con như thế nào?",
        "Khi đăng ký khai sinh, UBND xã, phường liên thông cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi; phụ huynh không phải "
        "làm thủ tục riêng. Thẻ điện tử tra trên VNeID.",
    ),
    (
        "y-te",
        "Đổi nơi khám chữa bệnh ban đầu",
        "Tôi muốn đổi nơi đăng ký khám chữa bệnh ban đầu sang trạm y tế gần nhà.",
        "Người tham gia BHYT được đổi nơi khám chữa bệnh ban đầu vào đầu mỗi quý. Đề nghị tại cơ quan bảo hiểm xã hội hoặc "
        "trên ứng dụng VssID.",
    ),
    (
        "y-te",
        "Khám trái tuyến có được bảo hiểm y tế thanh toán không?",
        "Tôi đi khám ở bệnh viện tỉnh không có giấy chuyển tuyến thì BHYT trả bao nhiêu?",
        "Khám trái tuyến tại bệnh viện tuyến tỉnh được quỹ BHYT thanh toán chi phí điều trị nội trú theo mức hưởng; ngoại "
        "trú trái tuyến tùy quy định hiện hành. Nên mang theo thẻ BHYT và CCCD khi đi khám.",
    ),
    (
        "y-te",
        "Mất thẻ BHYT giấy thì làm lại thế nào?",
        "Tôi làm mất thẻ bảo hiểm y tế giấy.",
        "Ông bà có thể dùng thẻ BHYT trên VNeID hoặc VssID, hoặc CCCD gắn chip khi đi khám. Nếu cần thẻ giấy, đề nghị cấp "
        "lại tại cơ quan bảo hiểm xã hội, không mất phí.",
    ),
    (
        "bhxh",
        "Nhận bảo hiểm xã hội một lần cần điều kiện gì?",
        "Tôi nghỉ việc ở công ty đã 1 năm, có được rút bảo hiểm xã hội một lần không?",
        "Người lao động đủ điều kiện theo Luật Bảo hiểm xã hội hiện hành (như đủ tuổi nghỉ hưu mà chưa đủ số năm đóng, ra "
        "nước ngoài định cư, bệnh hiểm nghèo…) được hưởng một lần. Hồ sơ nộp tại cơ quan BHXH nơi cư trú hoặc qua Cổng Dịch vụ công.",
    ),
    (
        "bhxh",
        "Đóng bảo hiểm xã hội tự nguyện được hỗ trợ bao nhiêu?",
        "Tôi làm nông, muốn đóng BHXH tự nguyện để có lương hưu.",
        "Người tham gia BHXH tự nguyện được Nhà nước hỗ trợ một phần tiền đóng theo tỷ lệ của chuẩn hộ nghèo khu vực nông "
        "thôn (hộ nghèo, cận nghèo được hỗ trợ cao hơn). Đăng ký tại đại lý thu BHXH ở xã, phường.",
    ),
    (
        "bhxh",
        "Trợ cấp thai sản cho người đóng bảo hiểm",
        "Tôi đóng BHXH được 8 tháng thì sinh con, có được hưởng thai sản không?",
        "Lao động nữ đóng BHXH từ đủ 6 tháng trở lên trong 12 tháng trước khi sinh được hưởng chế độ thai sản. Nộp giấy "
        "khai sinh của con cho công ty để làm hồ sơ với cơ quan BHXH.",
    ),
    (
        "bhxh",
        "Lương hưu nhận qua tài khoản ngân hàng",
        "Mẹ tôi đang nhận lương hưu tiền mặt, muốn chuyển sang nhận qua ngân hàng.",
        "Người hưởng lương hưu đề nghị thay đổi hình thức nhận tại cơ quan BHXH hoặc bưu điện nơi đang chi trả, kèm số tài "
        "khoản đứng tên mình.",
    ),
    (
        "chung-thuc",
        "Sao y giấy tờ ở đâu, lệ phí bao nhiêu?",
        "Tôi cần sao y bản chính bằng tốt nghiệp để nộp hồ sơ xin việc.",
        "Anh chị chứng thực bản sao từ bản chính tại UBND xã, phường hoặc tổ chức hành nghề công chứng, mang bản chính để "
        "đối chiếu. Lệ phí 2.000 đồng/trang, từ trang thứ ba 1.000 đồng/trang. Có thể nộp trực tuyến trên Cổng.",
    ),
    (
        "chung-thuc",
        "Chứng thực chữ ký giấy ủy quyền",
        "Tôi ủy quyền cho em trai đi nhận lương hưu thay, cần chứng thực chữ ký không?",
        "Giấy ủy quyền không có thù lao, không chuyển quyền sở hữu tài sản được chứng thực chữ ký tại UBND xã, phường. "
        "Người ủy quyền ký trước mặt người thực hiện chứng thực, mang theo CCCD.",
    ),
    (
        "chung-thuc",
        "Bản sao chứng thực có giá trị trong bao lâu?",
        "Nhiều nơi đòi bản sao chứng thực trong 6 tháng, có đúng không?",
        "Pháp luật không quy định thời hạn sử dụng của bản sao chứng thực; bản sao có giá trị như bản chính trừ khi bản "
        "chính đã thay đổi. Cơ quan tiếp nhận có thể yêu cầu bản sao mới khi thông tin có thể đã thay đổi.",
    ),
    (
        "chung-thuc",
        "Chứng thực bản sao giấy tờ tiếng nước ngoài",
        "Tôi có bằng đại học nước ngoài, chứng thực bản sao ở xã được không?",
        "UBND xã, phường chứng thực bản sao từ bản chính giấy tờ do cơ quan Việt Nam cấp. Giấy tờ nước ngoài chứng thực tại "
        "Phòng Tư pháp hoặc tổ chức hành nghề công chứng, và cần hợp pháp hóa lãnh sự trừ trường hợp được miễn.",
    ),
    (
        "ho-tich",
        "Cấp phiếu lý lịch tư pháp để đi xuất khẩu lao động",
        "Tôi đi làm việc ở Nhật cần phiếu lý lịch tư pháp số 1.",
        "Anh chị yêu cầu cấp phiếu lý lịch tư pháp tại Sở Tư pháp hoặc trực tuyến: /ho-so/ → “Cấp phiếu lý lịch tư pháp”. "
        "Thời hạn giải quyết 10 ngày; có thể nhận kết quả qua bưu điện.",
    ),
    (
        "cu-tru",
        "Làm CCCD cho con 14 tuổi ở đâu?",
        "Con tôi 14 tuổi, làm căn cước cần đi đâu, có mất phí không?",
        "Công dân từ đủ 14 tuổi phải làm thẻ căn cước; đến công an xã, phường hoặc công an tỉnh, có cha mẹ đi cùng. "
        "Cấp lần đầu không mất lệ phí.",
    ),
    (
        "dat-dai",
        "Tra cứu quy hoạch đất trước khi mua",
        "Tôi định mua một lô đất, làm sao biết đất có nằm trong quy hoạch không?",
        "Anh chị đề nghị cung cấp thông tin quy hoạch tại UBND xã, phường hoặc văn phòng đăng ký đất đai, hoặc tra bản đồ "
        "quy hoạch sử dụng đất công bố trên trang của tỉnh.",
    ),
    (
        "xay-dung",
        "Xây tường rào giáp ranh hàng xóm",
        "Tôi xây tường rào sát ranh đất, hàng xóm phản đối. Có cần xin phép không?",
        "Tường rào trên đất của mình, không lấn ranh, không ảnh hưởng công trình liền kề thì không cần giấy phép ở nông thôn; "
        "ở đô thị theo quy định quản lý kiến trúc. Nên thống nhất mốc ranh với hàng xóm trước khi xây.",
    ),
    (
        "kinh-doanh",
        "Giấy chứng nhận an toàn thực phẩm cho quán ăn",
        "Quán ăn nhỏ của tôi có cần giấy chứng nhận đủ điều kiện an toàn thực phẩm không?",
        "Cơ sở kinh doanh dịch vụ ăn uống có đăng ký kinh doanh cần giấy chứng nhận đủ điều kiện an toàn thực phẩm, trừ "
        "hộ kinh doanh nhỏ lẻ thuộc diện ký cam kết. Liên hệ UBND xã, phường để được hướng dẫn.",
    ),
    (
        "giao-duc",
        "Xin bản sao bằng tốt nghiệp THPT",
        "Tôi làm mất bằng tốt nghiệp THPT năm 2010, xin bản sao ở đâu?",
        "Anh chị đề nghị cấp bản sao bằng tốt nghiệp từ sổ gốc tại Sở Giáo dục và Đào tạo, nơi đã cấp bằng. Mang CCCD; có "
        "thể gửi đề nghị qua bưu điện.",
    ),
    (
        "y-te",
        "Tiêm vắc xin miễn phí cho trẻ ở đâu?",
        "Con tôi 2 tháng tuổi, tiêm chủng mở rộng ở đâu?",
        "Trẻ được tiêm chủng mở rộng miễn phí tại trạm y tế xã, phường theo lịch hằng tháng. Mang theo sổ tiêm chủng "
        "hoặc xem lịch trên ứng dụng sổ sức khỏe điện tử.",
    ),
    (
        "bhxh",
        "Trợ cấp thất nghiệp đăng ký thế nào?",
        "Tôi bị cho nghỉ việc, muốn nhận trợ cấp thất nghiệp.",
        "Trong 3 tháng kể từ ngày chấm dứt hợp đồng, anh chị nộp hồ sơ tại Trung tâm dịch vụ việc làm, gồm đề nghị hưởng "
        "và quyết định thôi việc, sổ BHXH. Có thể nộp trực tuyến.",
    ),
    (
        "chung-thuc",
        "Chứng thực hợp đồng mua bán xe máy",
        "Tôi bán xe máy cho người quen, hợp đồng chứng thực ở đâu?",
        "Hợp đồng mua bán, tặng cho xe được chứng thực tại UBND xã, phường nơi cư trú của bên bán hoặc công chứng tại tổ "
        "chức hành nghề công chứng; hai bên mang CCCD và giấy đăng ký xe.",
    ),
    (
        "ho-tich",
        "Ghi chú kết hôn đã đăng ký ở nước ngoài",
        "Tôi kết hôn ở Hàn Quốc, về Việt Nam cần làm thủ tục gì để được công nhận?",
        "Anh chị làm thủ tục ghi vào sổ hộ tịch việc kết hôn đã đăng ký ở nước ngoài tại UBND cấp huyện nơi cư trú, với giấy "
        "tờ kết hôn đã được hợp pháp hóa lãnh sự và dịch sang tiếng Việt.",
    ),
    (
        "cu-tru",
        "Đăng ký thường trú vào nhà thuê",
        "Tôi thuê nhà lâu dài, có đăng ký thường trú vào nhà thuê được không?",
        "Được, nếu có hợp đồng thuê có công chứng hoặc chứng thực, được chủ nhà đồng ý cho đăng ký và bảo đảm diện tích tối "
        "thiểu theo quy định của tỉnh.",
    ),
    (
        "dat-dai",
        "Đính chính sai tên trên giấy chứng nhận quyền sử dụng đất",
        "Tên tôi trên sổ đỏ bị sai dấu so với CCCD.",
        "Anh chị đề nghị đính chính giấy chứng nhận tại văn phòng đăng ký đất đai, kèm bản chính giấy chứng nhận và CCCD. "
        "Không mất lệ phí khi sai sót do cơ quan cấp.",
    ),
    (
        "kinh-doanh",
        "Thay đổi địa chỉ hộ kinh doanh",
        "Tôi chuyển quán sang địa điểm mới trong cùng phường.",
        "Hộ kinh doanh thông báo thay đổi nội dung đăng ký (địa chỉ) tại UBND xã, phường trong 10 ngày kể từ ngày thay đổi.",
    ),
    (
        "giao-duc",
        "Học sinh khuyết tật được hỗ trợ gì?",
        "Con tôi khuyết tật nhẹ, đi học có được hỗ trợ không?",
        "Học sinh khuyết tật thuộc hộ nghèo, cận nghèo được miễn giảm học phí và hỗ trợ học phẩm theo quy định; nhà trường "
        "xây dựng kế hoạch giáo dục cá nhân cho em. Phụ huynh liên hệ giáo viên chủ nhiệm.",
    ),
    (
        "y-te",
        "Cấp giấy chứng nhận nghỉ việc hưởng BHXH",
        "Tôi ốm phải nghỉ 5 ngày, bệnh viện có cấp giấy để công ty thanh toán không?",
        "Cơ sở khám chữa bệnh cấp giấy chứng nhận nghỉ việc hưởng BHXH khi bác sĩ chỉ định nghỉ; giấy được gửi điện tử tới "
        "cơ quan BHXH, anh chị báo cho công ty để lập hồ sơ.",
    ),
    (
        "bhxh",
        "Tra cứu quá trình đóng bảo hiểm xã hội",
        "Tôi muốn xem công ty có đóng đủ BHXH cho mình không.",
        "Anh chị tra cứu quá trình đóng trên ứng dụng VssID hoặc Cổng Dịch vụ công quốc gia bằng mã số BHXH; nếu thiếu, "
        "phản ánh tới cơ quan BHXH nơi công ty đóng.",
    ),
    (
        "xay-dung",
        "Cải tạo nhà trong hẻm có được nâng tầng không?",
        "Nhà tôi trong hẻm 3 m, muốn nâng thêm 1 tầng.",
        "Số tầng tối đa theo quy chế quản lý kiến trúc và chiều rộng hẻm. Anh chị xin giấy phép sửa chữa, cải tạo tại bộ "
        "phận một cửa; cán bộ kiểm tra quy hoạch trước khi cấp.",
    ),
    (
        "ho-tich",
        "Đăng ký giám hộ cho người già yếu",
        "Bà nội tôi lẫn, con cháu muốn làm giám hộ để lo giấy tờ cho bà.",
        "Việc giám hộ người mất năng lực hành vi dân sự cần quyết định của Tòa án; sau đó đăng ký giám hộ tại UBND xã, "
        "phường nơi cư trú của người được giám hộ.",
    ),
]
