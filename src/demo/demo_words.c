/* Word and phrase lists for the demo database.  Plain data: demo.c draws
 * from them with its own seeded generator. */
#include "demo_words.h"

#include <stddef.h>

#define L(...) static const char *const __VA_ARGS__
#define N(a) (int)(sizeof a / sizeof a[0])

L(ho[]) = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ",
           "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn",
           "Trương", "Lâm", "Mai", "Tô", "Cao", "Châu"};
L(dem_nam[]) = {"Văn", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Công", "Xuân",
                "Ngọc", "Hoàng", "Thành", "Tấn", "Đình", "Anh"};
L(ten_nam[]) = {"An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh",
                "Long", "Nam", "Phong", "Phúc", "Quang", "Sơn", "Thắng", "Trung",
                "Tuấn", "Vinh", "Toàn", "Lợi", "Nhân", "Tài", "Thịnh", "Định"};
L(dem_nu[]) = {"Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Bảo", "Hồng",
               "Thùy", "Mỹ", "Phương", "Diệu"};
L(ten_nu[]) = {"Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Tâm",
               "Thảo", "Trang", "Vân", "Yến", "Nhung", "Oanh", "Quyên", "Thủy",
               "Loan", "Dung", "Uyên"};
L(staff_pos[]) = {"Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng",
                  "Trưởng phòng", "Công chức", "Viên chức", "Kế toán trưởng",
                  "Chuyên viên phụ trách công nghệ thông tin"};

L(bn_notreg[]) = {
    "Chưa có quy định về việc công nhận kết quả số hóa hồ sơ thay cho bản giấy, "
    "nên người dân vẫn phải nộp lại giấy tờ đã có trong cơ sở dữ liệu.",
    "Chưa có quy định cho phép tiếp nhận và trả kết quả thủ tục hành chính không "
    "phụ thuộc địa giới hành chính cấp xã.",
    "Chưa có cơ chế chia sẻ dữ liệu giữa các sở, ngành và cấp xã; mỗi nơi một "
    "phần mềm, dữ liệu không liên thông.",
    "Chưa có quy định về chế độ hỗ trợ cho tổ công nghệ số cộng đồng và người "
    "tham gia hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    "Chưa có hướng dẫn về việc giao quyền tự chủ tuyển dụng, sử dụng nhân sự "
    "cho đơn vị sự nghiệp tự bảo đảm một phần chi thường xuyên.",
};
L(bn_unsuit[]) = {
    "Quy trình hiện hành yêu cầu xin ý kiến tuần tự nhiều cơ quan, kéo dài 20–30 "
    "ngày làm việc, không phù hợp với yêu cầu thu hút đầu tư.",
    "Thời gian cấp giấy chứng nhận quyền sử dụng đất lần đầu kéo dài do phải "
    "chuyển hồ sơ giấy qua nhiều cấp, nhiều khâu trùng lặp.",
    "Định mức chi cho ứng dụng công nghệ thông tin thấp, không tương xứng với "
    "khối lượng công việc thực tế tại cơ sở.",
    "Việc đánh giá cán bộ còn nặng về hình thức, chưa gắn với kết quả, sản phẩm "
    "cụ thể nên chưa khuyến khích người dám nghĩ, dám làm.",
    "Quy định phân cấp hiện hành tập trung nhiều thẩm quyền ở cấp tỉnh, làm chậm "
    "việc giải quyết các vấn đề phát sinh tại cơ sở.",
    "Cơ chế tài chính đối với đơn vị sự nghiệp công lập còn cứng nhắc, không "
    "khuyến khích tăng nguồn thu và nâng cao chất lượng dịch vụ.",
};
L(necessity[]) = {
    "Tháo gỡ điểm nghẽn kéo dài nhiều năm, giảm thời gian và chi phí cho người "
    "dân, doanh nghiệp; góp phần nâng cao chỉ số PAR Index và SIPAS của tỉnh.",
    "Cụ thể hóa Kết luận 14-KL/TW về khuyến khích và bảo vệ cán bộ năng động, "
    "sáng tạo; tạo chuyển biến rõ nét trong thực thi công vụ tại cơ sở.",
    "Đáp ứng yêu cầu chuyển đổi số, xây dựng chính quyền số; khắc phục tình trạng "
    "hồ sơ tồn đọng, trễ hạn.",
    "Huy động nguồn lực xã hội, giảm áp lực ngân sách, nâng cao chất lượng dịch "
    "vụ công; yêu cầu: đúng pháp luật, công khai, minh bạch, có kiểm tra, giám sát.",
};
L(content[]) = {
    "Rà soát, chuẩn hóa quy trình nội bộ, cắt giảm ít nhất 30% thời gian giải quyết.",
    "Xây dựng phần mềm, kho dữ liệu dùng chung, kết nối với Cổng dịch vụ công.",
    "Phân công một đầu mối chịu trách nhiệm xuyên suốt, công khai tiến độ từng hồ sơ.",
    "Tổ chức tập huấn cho công chức, viên chức và hướng dẫn người dân.",
    "Ban hành quy chế phối hợp giữa các phòng, ban và Ủy ban nhân dân cấp xã.",
    "Sơ kết sau 6 tháng, tổng kết sau 12 tháng; đề xuất nhân rộng nếu hiệu quả.",
    "Thành lập tổ công tác liên ngành, họp giao ban hằng tuần để tháo gỡ vướng mắc.",
    "Lấy ý kiến người dân, doanh nghiệp về mức độ hài lòng qua mã QR.",
};
L(scope[]) = {
    "Các phòng chuyên môn và bộ phận một cửa của đơn vị; người dân, doanh nghiệp "
    "có thủ tục liên quan.",
    "Công chức, viên chức của đơn vị và Ủy ban nhân dân các xã, phường, thị trấn "
    "trên địa bàn.",
    "Thí điểm tại 3 đơn vị trực thuộc trước khi triển khai toàn đơn vị.",
    "Cán bộ, đảng viên các chi bộ trực thuộc; tổ công nghệ số cộng đồng.",
};
L(people_req[]) = {"02 công chức chuyên trách", "01 chuyên viên công nghệ thông tin",
                   "03 viên chức kiêm nhiệm", "Tổ công tác 05 người", ""};
L(equip_req[]) = {"02 máy quét tài liệu tốc độ cao", "01 máy chủ và thiết bị mạng",
                  "Ki-ốt tra cứu thông tin", "Bản quyền phần mềm chữ ký số", ""};
L(feasibility[]) = {
    "Đơn vị đã có hạ tầng mạng, đội ngũ công chức trẻ, được cấp ủy, chính quyền "
    "ủng hộ; kinh phí nằm trong khả năng cân đối.",
    "Đã khảo sát thực tế tại 3 đơn vị; người dân, doanh nghiệp đồng tình; các "
    "cơ quan liên quan thống nhất phối hợp.",
    "Giải pháp không làm phát sinh biên chế, tận dụng phần mềm sẵn có của tỉnh.",
};
L(scientific[]) = {
    "Kế thừa kinh nghiệm của các tỉnh đã thực hiện thành công mô hình tương tự.",
    "Dựa trên phân tích số liệu hồ sơ 3 năm gần nhất và khảo sát mức độ hài lòng.",
    "Ý kiến của chuyên gia về quản trị công và chuyển đổi số.",
};
L(practical[]) = {
    "Năm trước có hơn 1.200 hồ sơ trễ hạn, chủ yếu do luân chuyển hồ sơ giấy.",
    "Người dân phải đi lại nhiều lần; nhiều ý kiến phản ánh qua đường dây nóng.",
    "Kết quả thí điểm bước đầu tại một xã cho thấy thời gian giải quyết giảm một nửa.",
};
L(law[]) = {
    "Kết luận 14-KL/TW ngày 22/9/2021 của Bộ Chính trị",
    "Nghị định 73/2023/NĐ-CP ngày 29/9/2023 của Chính phủ",
    "Kế hoạch ngày 10/01/2022 của Ban Thường vụ Tỉnh ủy Bình Định",
};
L(impact_pos[]) = {
    "Giảm thời gian, chi phí tuân thủ thủ tục; tăng sự hài lòng của người dân.",
    "Nâng cao trách nhiệm người đứng đầu; tạo động lực cho cán bộ dám nghĩ, dám làm.",
    "Tiết kiệm ngân sách, minh bạch hóa quy trình, hạn chế tiêu cực.",
};
L(impact_neg[]) = {
    "Giai đoạn đầu tăng khối lượng công việc cho công chức do vừa làm vừa chuyển đổi.",
    "Một bộ phận người dân cao tuổi chưa quen sử dụng dịch vụ trực tuyến.",
    "Có thể phát sinh vướng mắc khi phối hợp với cơ quan ngành dọc.",
};
L(effect[]) = {
    "Rút ngắn 30–50% thời gian giải quyết; 95% hồ sơ đúng hạn.",
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 60% sau 12 tháng.",
    "Có thể nhân rộng ra các đơn vị cùng cấp trong tỉnh.",
};
L(risks[]) = {
    "Rủi ro về an toàn thông tin: áp dụng chữ ký số, phân quyền, sao lưu định kỳ.",
    "Rủi ro chậm tiến độ do thiếu kinh phí: phân kỳ đầu tư, ưu tiên hạng mục thiết yếu.",
    "Rủi ro lợi dụng chính sách: công khai quy trình, kiểm tra, giám sát thường xuyên.",
};
L(edit[]) = {
    "Đã bổ sung cơ sở pháp lý và dự toán kinh phí chi tiết theo ý kiến trả lại.",
    "Đã làm rõ phạm vi thí điểm, tiến độ và cơ chế phối hợp theo yêu cầu.",
    "Đã bổ sung đánh giá tác động và biện pháp phòng ngừa rủi ro.",
};
L(opinion[]) = {
    "Đề xuất có cơ sở khoa học và thực tiễn, phù hợp khuôn khổ pháp luật; đề nghị "
    "cho thực hiện.",
    "Thống nhất về chủ trương; đề nghị thí điểm trong phạm vi hẹp, có sơ kết rút "
    "kinh nghiệm trước khi mở rộng.",
    "Nội dung cơ bản phù hợp; đề nghị làm rõ thêm nguồn kinh phí và tiến độ.",
    "Đề xuất chưa bảo đảm tính khả thi về nguồn lực; đề nghị cân nhắc.",
};
L(party_op[]) = {
    "Ban Thường vụ thống nhất chủ trương, giao người đứng đầu chỉ đạo triển khai "
    "và chịu trách nhiệm; định kỳ báo cáo kết quả.",
    "Đồng ý chủ trương thí điểm; yêu cầu tăng cường kiểm tra, giám sát, kịp thời "
    "tháo gỡ khó khăn, vướng mắc.",
    "Thống nhất; đề nghị lồng ghép với nhiệm vụ chuyển đổi số của địa phương.",
};
L(party_eval[]) = {
    "Ban Thường vụ ghi nhận kết quả, đề nghị tập thể lãnh đạo đánh giá khách quan, "
    "công tâm, làm rõ nguyên nhân.",
    "Thống nhất với báo cáo kết quả; đề nghị xem xét nhân rộng nếu đạt mục tiêu.",
    "Đề nghị đánh giá đầy đủ trách nhiệm, bảo vệ cán bộ dám nghĩ, dám làm vì lợi ích chung.",
};
L(ret[]) = {
    "Hồ sơ chưa có dự toán kinh phí chi tiết; đề nghị bổ sung.",
    "Cơ sở pháp lý chưa đầy đủ; đề nghị rà soát, bổ sung các văn bản liên quan.",
    "Phạm vi, đối tượng thực hiện chưa rõ; đề nghị hoàn thiện.",
    "Chưa đánh giá tác động và rủi ro; đề nghị bổ sung trước khi trình.",
};
L(withdraw[]) = {
    "Nội dung đã được giải quyết theo quy định mới ban hành.",
    "Tác giả chuyển công tác; đơn vị đề nghị rút để hoàn thiện lại.",
    "Trùng với đề án của cơ quan cấp trên đang triển khai.",
};
L(reject[]) = {
    "Đề xuất vượt thẩm quyền, chưa bảo đảm phù hợp với quy định của pháp luật hiện hành.",
    "Nguồn lực đề nghị quá lớn so với khả năng cân đối, hiệu quả chưa rõ.",
    "Nội dung thuộc nhiệm vụ thường xuyên, không phải đề xuất đổi mới, sáng tạo.",
};
L(override[]) = {
    "Người đứng đầu quyết định cho thực hiện bằng văn bản và chịu trách nhiệm theo "
    "Nghị định 73/2023/NĐ-CP vì yêu cầu cấp bách của thực tiễn.",
    "Tập thể chưa thống nhất về tiến độ; người đứng đầu chấp thuận thí điểm trong "
    "phạm vi hẹp, chịu trách nhiệm về quyết định.",
};
L(pilot_scope[]) = {
    "Thí điểm tại bộ phận một cửa và 03 xã trực thuộc trong 12 tháng.",
    "Thí điểm trong phạm vi đơn vị, đối với nhóm thủ tục có số lượng hồ sơ lớn.",
    "Thí điểm tại 02 đơn vị sự nghiệp trực thuộc.",
};
L(milestones[]) = {
    "Tháng thứ 3: hoàn thành quy trình; tháng thứ 6: sơ kết; tháng thứ 12: tổng kết.",
    "Quý I: chuẩn bị; quý II–III: triển khai; quý IV: đánh giá, báo cáo.",
};
L(people_grant[]) = {"02 công chức chuyên trách", "Tổ công tác 05 người kiêm nhiệm", ""};
L(equip_grant[]) = {"02 máy quét tài liệu", "Máy chủ, thiết bị mạng", ""};
L(facil_grant[]) = {"Phòng làm việc của bộ phận một cửa", "Hội trường tầng 2", ""};
L(finding[]) = {
    "Triển khai đúng kế hoạch; quy trình mới được áp dụng ổn định.",
    "Tỷ lệ hồ sơ đúng hạn tăng rõ rệt so với cùng kỳ.",
    "Người dân đánh giá cao; một số khâu còn chậm do đường truyền.",
    "Đã hoàn thành phần lớn hạng mục; cần đẩy nhanh phần đào tạo.",
};
L(problem[]) = {
    "Phần mềm chưa kết nối được với hệ thống của ngành dọc.",
    "Kinh phí bố trí chậm so với tiến độ.",
    "Một số công chức còn lúng túng khi vận hành quy trình mới.",
    "",
};
L(support[]) = {
    "Sở Thông tin và Truyền thông hỗ trợ kỹ thuật kết nối.",
    "Đề nghị cơ quan tài chính ứng trước kinh phí.",
    "Tổ chức tập huấn bổ sung cho công chức.",
    "",
};
L(adjust[]) = {"Điều chỉnh tiến độ giai đoạn 2 thêm 01 tháng.",
               "Bổ sung nhóm thủ tục đất đai vào phạm vi thí điểm.", ""};
L(violation[]) = {
    "Sử dụng kinh phí thí điểm sai mục đích, chi cho nội dung ngoài dự toán.",
    "Lợi dụng thí điểm để thu phí ngoài quy định đối với người dân.",
};
L(corrective[]) = {"Yêu cầu dừng ngay việc chi sai, thu hồi kinh phí.",
                   "Yêu cầu hoàn trả khoản thu sai, kiểm điểm trách nhiệm."};
L(suspend[]) = {
    "Tạm dừng để điều chỉnh phạm vi thí điểm sau kiểm tra.",
    "Tạm dừng chờ hướng dẫn của bộ, ngành về kết nối dữ liệu.",
    "Tạm dừng để làm rõ phản ánh của người dân về quy trình mới.",
};
L(resume[]) = {"Đã khắc phục tồn tại; cho tiếp tục thực hiện.",
               "Đã có hướng dẫn của cấp trên; tiếp tục thí điểm."};
L(referral[]) = {"Chuyển Ủy ban Kiểm tra cấp ủy cùng cấp xem xét, xử lý kỷ luật",
                 "Chuyển cơ quan thanh tra xem xét, xử lý theo quy định"};
L(results[]) = {
    "Hoàn thành các chỉ tiêu đề ra: thời gian giải quyết giảm 45%, 97% hồ sơ đúng hạn.",
    "Đạt phần lớn mục tiêu; tỷ lệ hồ sơ trực tuyến đạt 52% (mục tiêu 60%).",
    "Chưa đạt mục tiêu do vướng mắc kết nối dữ liệu và thiếu kinh phí.",
    "Mô hình vận hành ổn định, được người dân đánh giá hài lòng trên 90%.",
};
L(obj_cause[]) = {
    "Quy định của cấp trên thay đổi trong quá trình thực hiện; dịch bệnh, thiên tai.",
    "Hệ thống của ngành dọc chưa cho phép kết nối; kinh phí bố trí chậm.",
};
L(subj_cause[]) = {
    "Công tác phối hợp giữa các cơ quan chưa chặt chẽ; dự báo tiến độ chưa sát.",
    "Năng lực một bộ phận công chức còn hạn chế; kiểm tra, đôn đốc chưa thường xuyên.",
};
L(repl_text[]) = {
    "Mô hình đạt hiệu quả rõ rệt, đề nghị Ban Thường vụ cho nhân rộng ra các đơn vị "
    "cùng cấp trong tỉnh.",
    "Qua sơ kết, tổng kết, mô hình phù hợp điều kiện của nhiều địa phương; đề nghị nhân rộng.",
};
L(repl_decision[]) = {"Ban Thường vụ Tỉnh ủy đồng ý nhân rộng mô hình, giao Ban Tổ chức "
                      "theo dõi, đôn đốc.",
                      "Đồng ý nhân rộng theo lộ trình 2 năm, định kỳ báo cáo kết quả."};
L(decline[]) = {"Chưa nhân rộng vì điều kiện hạ tầng của các địa phương chưa đồng bộ.",
                "Mô hình đặc thù của đơn vị, chưa phù hợp để nhân rộng."};
L(commend[]) = {"Có đề xuất đổi mới, sáng tạo mang lại hiệu quả thiết thực.",
                "Đã dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
                "Mô hình được Ban Thường vụ cho nhân rộng."};
L(dissem[]) = {"Quán triệt Kết luận 14-KL/TW và Nghị định 73/2023/NĐ-CP.",
               "Sinh hoạt chuyên đề về khuyến khích, bảo vệ cán bộ năng động, sáng tạo.",
               "Tuyên truyền trên trang thông tin điện tử và hệ thống truyền thanh cơ sở.",
               "Phổ biến Kế hoạch của Ban Thường vụ Tỉnh ủy; giới thiệu các mô hình hay."};
L(close_note[]) = {"Kết thúc hồ sơ; lưu trữ theo quy định.",
                   "Đã hoàn tất các bước; kết thúc theo dõi."};
L(note[]) = {"Đang lấy ý kiến các phòng chuyên môn trước khi gửi.",
             "Tác giả đề nghị bổ sung số liệu khảo sát.",
             "Đã trao đổi với Văn phòng về hình thức trình bày."};

L(submit[]) = {"Kính trình lãnh đạo xem xét, cho ý kiến.",
               "Đề nghị lãnh đạo xem xét, đưa ra tập thể lãnh đạo cho ý kiến."};
L(accept[]) = {"Tiếp nhận, giao bộ phận tham mưu thẩm định."};
L(vote[]) = {"Họp tập thể lãnh đạo, biểu quyết theo Nghị định 73/2023/NĐ-CP."};
L(start[]) = {"Bắt đầu triển khai theo quyết định của cấp có thẩm quyền."};
L(terminate[]) = {"Đình chỉ thực hiện đề xuất do vi phạm."};
L(evaluate[]) = {"Tập thể lãnh đạo đánh giá kết quả thực hiện, làm rõ nguyên nhân."};
/* Party bodies (by the start of their names) and the fields they propose in. */
L(party_organ[]) = {"Ban ", "Văn phòng", "Ủy ban Kiểm tra"};
L(party_field[]) = {"to_chuc", "xay_dung_dang", "chuyen_doi_so"};

#define E(a) {a, N(a)}
const dw_list dw[DW_COUNT] = {
    E(ho), E(dem_nam), E(ten_nam), E(dem_nu), E(ten_nu), E(staff_pos),
    E(bn_notreg), E(bn_unsuit), E(necessity), E(content), E(scope), E(people_req),
    E(equip_req), E(feasibility), E(scientific), E(practical), E(law),
    E(impact_pos), E(impact_neg), E(effect), E(risks), E(edit),
    E(opinion), E(party_op), E(party_eval), E(ret), E(withdraw), E(reject),
    E(override), E(pilot_scope), E(milestones), E(people_grant), E(equip_grant),
    E(facil_grant), E(finding), E(problem), E(support), E(adjust), E(violation),
    E(corrective), E(suspend), E(resume), E(referral), E(results), E(obj_cause),
    E(subj_cause), E(repl_text), E(repl_decision), E(decline), E(commend),
    E(dissem), E(close_note), E(note), E(submit), E(accept), E(vote), E(start),
    E(terminate), E(evaluate), E(party_organ), E(party_field),
};

const dw_text dw_texts[] = {
    {"create", "necessity", DW_NECESSITY}, {"create", "scope_implementers", DW_SCOPE},
    {"create", "people_requested", DW_PEOPLE_REQ},
    {"create", "equipment_requested", DW_EQUIP_REQ},
    {"create", "scientific_basis", DW_SCIENTIFIC}, {"create", "practical_basis", DW_PRACTICAL},
    {"create", "impact_positive", DW_IMPACT_POS}, {"create", "impact_negative", DW_IMPACT_NEG},
    {"create", "expected_effect", DW_EFFECT}, {"create", "risks", DW_RISKS},
    {"note", "text", DW_NOTE}, {"submit", "comment", DW_SUBMIT},
    {"return", "reason", DW_RETURN}, {"resubmit", "comment", DW_EDIT},
    {"withdraw", "reason", DW_WITHDRAW}, {"accept", "comment", DW_ACCEPT},
    {"vote", "comment", DW_VOTE}, {"approve", "people_granted", DW_PEOPLE_GRANT},
    {"approve", "equipment_granted", DW_EQUIP_GRANT},
    {"approve", "facilities_granted", DW_FACIL_GRANT}, {"approve", "milestones", DW_MILESTONES},
    {"reject", "reject_detail", DW_REJECT}, {"start", "comment", DW_START},
    {"suspend", "reason", DW_SUSPEND}, {"resume", "comment", DW_RESUME},
    {"terminate", "violation", DW_VIOLATION}, {"terminate", "referral", DW_REFERRAL},
    {"terminate", "comment", DW_TERMINATE}, {"evaluate", "comment", DW_EVALUATE},
    {"propose_replication", "text", DW_REPL_TEXT}, {"replicate", "text", DW_REPL_DECISION},
    {"decline_replication", "text", DW_DECLINE}, {"close", "comment", DW_CLOSE},
    {"commend", "note", DW_COMMEND},
};
const int dw_ntexts = N(dw_texts);

const dw_field dw_fields[] = {
    {"hanh_chinh", {"Thí điểm số hóa hồ sơ một cửa tại %s",
                    "Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính tại %s",
                    "Rút ngắn thời gian giải quyết thủ tục liên thông tại %s",
                    "Ứng dụng chữ ký số cho toàn bộ văn bản đi, đến tại %s"},
     "Nghị định 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông"},
    {"to_chuc", {"Giao biên chế theo vị trí việc làm và kết quả công việc tại %s",
                 "Thí điểm thi tuyển chức danh lãnh đạo cấp phòng tại %s",
                 "Đánh giá cán bộ theo kết quả, sản phẩm cụ thể tại %s",
                 "Luân chuyển công chức trẻ về cơ sở của %s"},
     "Nghị định 60/2021/NĐ-CP về cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập"},
    {"kinh_te", {"Rút gọn quy trình chấp thuận chủ trương đầu tư tại %s",
                 "Tổ công tác đặc biệt hỗ trợ nhà đầu tư tại %s",
                 "Xã hội hóa đầu tư hạ tầng chợ nông thôn tại %s",
                 "Đối thoại định kỳ với doanh nghiệp tại %s"},
     "Luật Đầu tư năm 2020"},
    {"dat_dai", {"Rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất tại %s",
                 "Số hóa bản đồ địa chính và hồ sơ đất đai tại %s",
                 "Đối thoại trực tiếp trong giải phóng mặt bằng tại %s",
                 "Công khai trực tuyến quy hoạch sử dụng đất tại %s"},
     "Luật Đất đai năm 2024"},
    {"nong_nghiep", {"Liên kết sản xuất lúa giống theo chuỗi giá trị tại %s",
                     "Truy xuất nguồn gốc cá ngừ đại dương tại %s",
                     "Cấp mã số vùng trồng dừa xiêm xanh tại %s",
                     "Nuôi bò thịt chất lượng cao theo tổ hợp tác tại %s"},
     "Nghị định 98/2018/NĐ-CP về khuyến khích liên kết sản xuất"},
    {"xa_hoi", {"Chi trả trợ cấp xã hội không dùng tiền mặt tại %s",
                "Thiết chế văn hóa cộng đồng tự quản tại %s",
                "Đưa võ cổ truyền vào sinh hoạt cộng đồng tại %s",
                "Hỗ trợ người cao tuổi sử dụng dịch vụ công trực tuyến tại %s"},
     "Nghị định 20/2021/NĐ-CP về chính sách trợ giúp xã hội"},
    {"giao_duc", {"Giao quyền tự chủ tuyển dụng giáo viên tại %s",
                  "Thí điểm mô hình trường học số tại %s",
                  "Học bạ điện tử và sổ liên lạc số tại %s",
                  "Liên kết đào tạo nghề theo đơn đặt hàng tại %s"},
     "Luật Giáo dục năm 2019"},
    {"y_te", {"Khám chữa bệnh từ xa giữa tuyến tỉnh và tuyến xã tại %s",
              "Hồ sơ sức khỏe điện tử cho người dân tại %s",
              "Đặt lịch khám bệnh trực tuyến tại %s",
              "Tự chủ tài chính cho trạm y tế tại %s"},
     "Luật Khám bệnh, chữa bệnh năm 2023"},
    {"chuyen_doi_so", {"Trợ lý ảo giải đáp thủ tục hành chính tại %s",
                       "Tổ công nghệ số cộng đồng tại %s",
                       "Kho dữ liệu dùng chung của %s",
                       "Họp không giấy và điều hành trên môi trường số tại %s"},
     "Nghị định 45/2020/NĐ-CP về thủ tục hành chính trên môi trường điện tử"},
    {"xay_dung_dang", {"Số hóa hồ sơ đảng viên tại %s",
                       "Sinh hoạt chi bộ chuyên đề gắn với nhiệm vụ chính trị tại %s",
                       "Tiếp nhận ý kiến nhân dân qua ứng dụng di động tại %s",
                       "Đánh giá tổ chức cơ sở đảng theo bộ tiêu chí định lượng tại %s"},
     "Quy định 124-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng"},
    {"quoc_phong", {"Camera an ninh cộng đồng tại %s",
                    "Tổ an ninh trật tự cơ sở tự quản tại %s",
                    "Ứng dụng báo tin tội phạm cho người dân tại %s",
                    "Phòng cháy, chữa cháy liên gia tại %s"},
     "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở năm 2023"},
    {"khac", {"Đo lường sự hài lòng của người dân bằng mã QR tại %s",
              "Đối thoại định kỳ giữa người đứng đầu với người dân tại %s",
              "Ngày thứ Bảy tình nguyện giải quyết hồ sơ tồn đọng tại %s",
              "Công khai tiến độ công việc của cán bộ tại %s"},
     "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"},
};
const int dw_nfields = N(dw_fields);

const dw_post dw_posts[] = {
    {"Sở", "Giám đốc Sở", "Phó Giám đốc Sở"},
    {"Ban", "Trưởng ban", "Phó Trưởng ban"},
    {"Văn phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng"},
    {"Phòng", "Trưởng phòng", "Phó Trưởng phòng"},
    {"Ủy ban Kiểm tra", "Chủ nhiệm Ủy ban Kiểm tra", "Phó Chủ nhiệm Ủy ban Kiểm tra"},
    {"Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"},
    {"Tỉnh ủy", "Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy"},
    {"Huyện ủy", "Bí thư Huyện ủy", "Phó Bí thư Huyện ủy"},
    {"Thị ủy", "Bí thư Thị ủy", "Phó Bí thư Thị ủy"},
    {"Thành ủy", "Bí thư Thành ủy", "Phó Bí thư Thành ủy"},
    {"Đảng ủy", "Bí thư Đảng ủy", "Phó Bí thư Đảng ủy"},
    {"Trường", "Hiệu trưởng", "Phó Hiệu trưởng"},
    {"Bệnh viện", "Giám đốc Bệnh viện", "Phó Giám đốc Bệnh viện"},
    {"Trung tâm", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"},
    {"", "Thủ trưởng đơn vị", "Phó Thủ trưởng đơn vị"},
};
const int dw_nposts = N(dw_posts);

/* Words in a unit's name that suggest its usual field. */
const dw_affinity dw_affinities[] = {
    {"Tài nguyên", "dat_dai"}, {"Xây dựng", "dat_dai"}, {"Nông nghiệp", "nong_nghiep"},
    {"Y tế", "y_te"}, {"Giáo dục", "giao_duc"}, {"Thông tin", "chuyen_doi_so"},
    {"Khoa học", "chuyen_doi_so"}, {"Đầu tư", "kinh_te"}, {"Tài chính", "kinh_te"},
    {"Giao thông", "kinh_te"}, {"Nội vụ", "to_chuc"}, {"Tổ chức", "to_chuc"},
    {"Tuyên giáo", "xay_dung_dang"}, {"Kiểm tra", "xay_dung_dang"},
    {"Dân vận", "xa_hoi"}, {"Nội chính", "quoc_phong"}, {"Tư pháp", "hanh_chinh"},
    {"Văn phòng", "chuyen_doi_so"}, {"Đảng ủy", "xay_dung_dang"},
};
const int dw_naffinities = N(dw_affinities);

/* How a Party committee's name reads as a place: "Huyện ủy An Lão" →
 * "huyện An Lão", "Đảng ủy phường Lê Lợi" → "phường Lê Lợi". */
const dw_post dw_places[] = {
    {"Đảng ủy ", "", NULL}, {"Huyện ủy ", "huyện ", NULL}, {"Thị ủy ", "thị xã ", NULL},
    {"Thành ủy ", "thành phố ", NULL}, {"Tỉnh ủy ", "tỉnh ", NULL},
};
const int dw_nplaces = N(dw_places);
