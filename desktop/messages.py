"""Vietnamese wording of known error codes, shared by the `camket` command and the window."""

from __future__ import annotations

from desktop.domain.errors import KnownError
from desktop.domain.validation import Issue

# Wording lives here, not where errors are raised, so the same failure reads the same in
# the terminal and in a dialog. The window passes these through Qt's tr() for English.
MESSAGES: dict[str, str] = {
    "db.missing": "Không tìm thấy tệp sổ đăng ký: {path}",
    "db.folder_missing": "Thư mục không tồn tại: {path}",
    "db.is_directory": "Đây là một thư mục, không phải tệp sổ đăng ký: {path}",
    "db.exists": "Tệp đã có sẵn, không ghi đè: {path}",
    "db.unreadable": "Không đọc được tệp sổ đăng ký: {path}",
    "db.not_a_register": "Tệp không phải sổ đăng ký CamKet (hoặc đã hỏng): {path}",
    "db.corrupt": "Tệp sổ đăng ký bị hỏng, không mở được: {path}",
    "db.too_new": (
        "Tệp {path} được tạo bởi phiên bản CamKet mới hơn; hãy cập nhật phần mềm để mở."
    ),
    "db.no_commune": "Sổ đăng ký chưa có thông tin xã: {path}",
    "commune.unknown": "Không có mã xã {code} trong danh mục đơn vị hành chính.",
    "hamlet.duplicate": "Thôn/bản “{name}” được nhập hai lần.",
    "hamlet.empty_name": "Tên thôn/bản không được để trống.",
    "household.code_taken": "Mã hộ {code} đã có trong sổ.",
    "household.missing": "Không tìm thấy hộ gia đình.",
    "household.invalid": "Hộ {code} còn {count} lỗi; sửa các lỗi trước khi lưu.",
    "row.missing": "Không tìm thấy bản ghi cần sửa.",
    "task.failed": "Lỗi khi {title}: {detail}",
    "qr.malformed": "Mã quét không phải mã cam kết CamKet: {text}",
    "campaign.none": "Sổ chưa có đợt cam kết nào đang thực hiện.",
    "campaign.missing": "Không có đợt cam kết mã {id} trong sổ.",
    "household.unknown_code": "Không có hộ mã {code} trong sổ.",
    "pledge.missing": "Không tìm thấy bản cam kết.",
    "pledge.bad_status": "Kết quả không hợp lệ: {status}; chỉ ghi đã ký, từ chối hoặc vắng mặt.",
    "pledge.date_in_future": "Ngày {date} ở tương lai; hãy ghi ngày ký thực tế.",
    "pledge.signer_missing": "Hộ chưa có chủ hộ: hãy chọn người ký trong các thành viên của hộ.",
    "pledge.signer_not_member": "Người ký phải là thành viên của hộ.",
    "pledge.signer_unknown": "Hộ không có thành viên tên “{name}”.",
    "pledge.reason_missing": "Hãy ghi lý do khi hộ từ chối hoặc vắng mặt.",
    "date.unparseable": "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/01/2026: “{text}”",
    "date.invalid": "Ngày không có thật: {text}",
    "checkin.empty": "Hãy quét mã QR trên bản cam kết hoặc gõ mã hộ.",
    "checkin.other_commune": "Bản cam kết này của xã khác (mã xã {code}), không thuộc sổ này.",
    "checkin.other_campaign": (
        "Bản cam kết này thuộc đợt “{title}”, không phải đợt đang thực hiện “{current}”."
    ),
    "checkin.unknown_campaign": (
        "Bản cam kết này thuộc một đợt không có trong sổ; đợt đang thực hiện: “{current}”."
    ),
    "checkin.unknown_household": "Mã QR chỉ đến một hộ không có (hoặc đã xoá) trong sổ.",
    "attachment.too_large": "Tệp {name} nặng {size_mb} MB, vượt giới hạn {limit_mb} MB.",
    "attachment.empty": "Tệp {name} rỗng.",
    "attachment.signature_not_png": "Chữ ký phải là ảnh PNG: {name}",
    "attachment.not_image_or_pdf": "Tệp {name} không phải ảnh (PNG, JPEG) hay PDF.",
    "attachment.unreadable": "Không đọc được tệp {name}: {detail}",
    "hamlet.unknown": "Không có thôn/bản “{name}” trong sổ.",
    "template.missing": "Sổ không còn mẫu cam kết {id} (phiên bản {version}).",
    "file.unwritable": "Không ghi được tệp {path}: {detail}",
    "pdf.unreadable": "Không đọc được tệp PDF {path}: {detail}",
    "print.printer_unavailable": "Không mở được máy in {printer}.",
    "search.empty_query": "Từ khoá tìm kiếm phải có chữ hoặc số: “{query}”",
    "demo.bad_count": "Số hộ phải từ 1 đến {maximum}: {count}",
    "screenshot.bad_size": "Kích thước ảnh phải có dạng RỘNGxCAO, ví dụ 1366x768: {size}",
    "screenshot.unwritable": "Không ghi được ảnh: {path}",
}

# Field names as a clerk reads them, for messages about one field.
FIELD_LABELS: dict[str, str] = {
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth": "Ngày sinh",
    "id_number": "Số định danh",
    "phone": "Số điện thoại",
    "code": "Mã hộ",
    "hamlet_id": "Thôn/bản",
    "name": "Tên",
    "members": "Nhân khẩu",
    "head_id": "Chủ hộ",
    "address": "Địa chỉ",
    "notes": "Ghi chú",
    "relationship": "Quan hệ",
    "ethnicity": "Dân tộc",
    "residence": "Cư trú",
    "occupation": "Nghề nghiệp",
    "country": "Nước",
    "since": "Đi từ",
    "departure": "Xuất cảnh",
    "contact": "Liên lạc",
    "plans_to_return": "Dự định trở về",
}

ISSUE_MESSAGES: dict[str, str] = {
    "required.missing": "chưa nhập",
    "name.single_word": "chỉ có một từ; kiểm tra lại họ và tên",
    "name.has_digits": "không được chứa chữ số",
    "gender.invalid": "không hợp lệ",
    "birth.unparseable": "không đọc được; nhập dd/mm/yyyy hoặc năm sinh yyyy",
    "birth.invalid_date": "ngày không có thật",
    "birth.in_future": "ở tương lai",
    "birth.implausible_age": "cho tuổi {age}, quá {max_age} tuổi",
    "birth.very_old": "cho tuổi {age}; kiểm tra lại",
    "id_number.not_digits": "chỉ gồm chữ số",
    "id_number.bad_length": "có {length} chữ số; cần 12 (định danh) hoặc 9 (CMND cũ)",
    "id_number.unknown_province": "mã tỉnh {prefix} không có trong danh mục",
    "id_number.gender_mismatch": "chữ số thế kỷ/giới tính không khớp giới tính đã nhập",
    "id_number.century_mismatch": "chữ số thế kỷ không khớp năm sinh",
    "id_number.year_mismatch": "hai số năm sinh không khớp năm sinh",
    "phone.invalid": "không phải số điện thoại Việt Nam",
    "household.code_invalid": "chỉ gồm chữ, số, dấu - hoặc /, tối đa {max_length} ký tự",
    "household.code_taken": "đã có hộ khác dùng mã này",
    "household.no_members": "hộ phải có ít nhất một người",
    "household.head_missing": "chưa chọn chủ hộ trong số nhân khẩu",
    "id_number.duplicate": "trùng với {name} (hộ {household_code})",
    "person.possible_duplicate": (
        "trùng họ tên và năm sinh với {name}, sinh {birth_year} (hộ {household_code})"
    ),
    "since.unparseable": "không đọc được; nhập năm, tháng/năm hoặc ngày/tháng/năm",
    "since.in_future": "ở tương lai",
}


def describe_issue(issue: Issue) -> str:
    """'Số định danh: mã tỉnh 099 không có trong danh mục'."""
    label = FIELD_LABELS.get(issue.field, issue.field)
    template = ISSUE_MESSAGES.get(issue.code, issue.code)
    try:
        return f"{label}: {template.format(**issue.params)}"
    except (KeyError, IndexError):
        return f"{label}: {template}"


def describe(error: KnownError) -> str:
    """One line in Vietnamese for a known error."""
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error)
    try:
        return template.format(**error.params)
    except (KeyError, IndexError):
        return f"{template} ({error})"
