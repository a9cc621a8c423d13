"""Vietnamese wording of known error codes, shared by the `camket` command and the window;
the English window words them from desktop/messages_en.py where that has them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from desktop import messages_en as english
from desktop.domain.errors import FileLine, KnownError

if TYPE_CHECKING:
    from desktop.domain.import_rows import RowIssue
    from desktop.domain.movements import MovementKind
    from desktop.domain.validation import Issue
    from desktop.services.export_repairs import Repair
    from desktop.services.import_lists import ImportReport

# Wording lives here, not where errors are raised, so the same failure reads the same in
# the terminal and in a dialog. The English window reads messages_en.py's wording of the
# same id where it has one (README, Languages, says which); the rest stays Vietnamese.
MESSAGES: dict[str, str] = {
    "db.missing": "Không tìm thấy tệp sổ đăng ký: {path}",
    "db.folder_missing": "Thư mục không tồn tại: {path}",
    "db.is_directory": "Đây là một thư mục, không phải tệp sổ đăng ký: {path}",
    "db.not_a_file": (
        "Đây là một thiết bị hay ống dẫn, không phải một tệp sổ đăng ký: {path}. Hãy chọn"
        " một tệp, ví dụ camket.sqlite3."
    ),
    "db.exists": "Tệp đã có sẵn, không ghi đè: {path}",
    "db.unreadable": "Không đọc được tệp sổ đăng ký: {path}",
    "db.not_a_register": "Tệp không phải sổ đăng ký CamKet (hoặc đã hỏng): {path}",
    "db.corrupt": (
        "Tệp sổ đăng ký bị hỏng, không mở được: {path}. Lệnh camket check --db {path} cho"
        " biết các bản sao lưu gần nhất; khôi phục một bản bằng camket restore TỆP --db {path}."
    ),
    "db.too_new": (
        "Tệp {path} được tạo bởi phiên bản CamKet mới hơn; hãy cập nhật phần mềm để mở."
    ),
    "db.no_commune": (
        "Sổ đăng ký chưa được lập xong (tệp rỗng hoặc chưa có thông tin xã): {path}. "
        "Hãy lập sổ bằng lệnh camket init, hoặc mở tệp trong cửa sổ CamKet để lập sổ."
    ),
    "backup.failed": "Không sao lưu được vào {path}: {detail}",
    "backup.disk_full": (
        "Không sao lưu được vào {path}: ổ đĩa đã đầy. Hãy giải phóng chỗ trống hoặc chọn ổ khác;"
        " chưa ghi gì."
    ),
    "backup.too_large_here": (
        "Không sao lưu được vào {path}: nơi lưu không nhận tệp lớn như vậy (USB hay thẻ nhớ"
        " định dạng FAT32 chỉ nhận tệp đến 4 GB, hoặc đã tới hạn mức); chưa ghi gì. Hãy chọn"
        " ổ khác."
    ),
    "backup.folder_gone": (
        "Không sao lưu được vào {path}: thư mục {folder} không còn nữa (USB đã bị rút ra?);"
        " chưa ghi gì. Hãy cắm lại rồi sao lưu lại."
    ),
    "backup.read_only": (
        "Không sao lưu được vào {path}: thư mục hoặc ổ đĩa không cho ghi (chỉ đọc, hay USB bị"
        " khoá ghi); chưa ghi gì."
    ),
    # What CamKet repaired itself before an export (repair_lines), a line a value.
    "repair.done": (
        "CamKet đã tự sửa {count} ô không màn hình nào sửa được (ghi vào sổ bởi phiên bản cũ"
        " hay bị sửa ngoài CamKet) để máy nhận không từ chối tệp; mỗi lần sửa có ghi trong nhật"
        " ký:"
    ),
    "repair.cut": "{field}: dài {length} ký tự, đã tự cắt còn {maximum}",
    "repair.nul": "{field}: đã bỏ ký tự rỗng (NUL)",
    "repair.cleared": "{field}: “{old}” sổ không đọc được, đã xoá trống",
    "repair.reset": "{field}: “{old}” sổ không đọc được, đã đặt lại “{new}”",
    "repair.renamed": "{field}: “{old}” đổi thành “{new}”",
    "backup.missing": "Không tìm thấy bản sao lưu: {path}",
    "backup.is_folder": (
        "{path} là một thư mục, không phải bản sao lưu: hãy chọn tệp .sqlite3 trong đó (các bản"
        " sao lưu tự động của sổ: camket backup list)."
    ),
    "backup.damaged": "Bản sao lưu bị hỏng, không khôi phục: {path} ({detail})",
    "backup.is_register": "Đây chính là tệp sổ đăng ký, không phải bản sao lưu: {path}",
    "backup.other_commune": (
        "Không khôi phục: {path} là sổ của {theirs}, không phải bản sao lưu của sổ này ({ours})."
        " Muốn làm việc trên sổ đó, hãy mở nó bằng Tệp › Mở sổ đăng ký…"
    ),
    "backup.upper_over_commune": (
        "Không khôi phục: {path} là sổ cấp trên “{theirs}”, không phải bản sao lưu của sổ xã"
        " này ({ours}). Muốn làm việc trên sổ đó, hãy mở nó bằng Tệp › Mở sổ đăng ký…"
    ),
    "backup.commune_over_upper": (
        "Không khôi phục: {path} là sổ của {theirs}, không phải bản sao lưu của sổ cấp trên"
        " “{ours}” này. Muốn làm việc trên sổ đó, hãy mở nó bằng Tệp › Mở sổ đăng ký…"
    ),
    "backup.sample_over_real": (
        "Không khôi phục: {path} là sổ dữ liệu mẫu (hộ gia đình bịa ra để dùng thử), không phải"
        " bản sao lưu của sổ thật này."
    ),
    "backup.restore_failed": "Không khôi phục được sổ {path}: {detail}",
    "bundle.missing": "Không tìm thấy tệp dữ liệu trao đổi: {file}",
    "bundle.damaged": (
        "Tệp {file} bị hỏng hoặc không đọc được ({detail}); không nhận gì từ tệp này. "
        "Hãy xin nơi gửi xuất lại."
    ),
    "bundle.truncated": (
        "Tệp {file} bị cắt cụt (có lẽ chưa chép xong, hoặc USB bị rút ra quá sớm); không nhận gì"
        " từ tệp này. Hãy chép lại tệp từ máy gửi."
    ),
    "bundle.sample_data": (
        "Tệp {file} được xuất từ sổ dữ liệu mẫu (hộ gia đình bịa ra để dùng thử); sổ thật "
        "không nhận tệp này."
    ),
    "bundle.not_a_bundle": "Tệp {file} không phải tệp dữ liệu trao đổi CamKet (.camket).",
    "bundle.unknown_format": (
        "Tệp {file} ghi một định dạng mà CamKet không có ({detail}); không nhận gì từ tệp này."
    ),
    "bundle.newer_format": (
        "Tệp {file} được xuất bởi phiên bản CamKet mới hơn (định dạng {version}); "
        "hãy cập nhật phần mềm rồi nhận lại."
    ),
    "bundle.tampered": ("Tệp {file} đã bị sửa sau khi xuất ({detail}); không nhận gì từ tệp này."),
    "bundle.bad_signature": (
        "Chữ ký của tệp {file} không khớp: tệp đã bị sửa hoặc không phải do máy gửi xuất; "
        "không nhận gì từ tệp này."
    ),
    "bundle.key_mismatch": (
        "Tệp {file} nhận là của máy {installation}… nhưng ký bằng khoá khác với khoá đã biết "
        "của máy đó; không nhận gì từ tệp này."
    ),
    "bundle.unconfirmed": (
        "Chưa nhận tệp {file}: máy {installation} gửi dữ liệu đến sổ này lần đầu và chưa được"
        " xác nhận; sổ không thay đổi."
    ),
    "bundle.unsafe_path": (
        "Tệp {file} chứa đường dẫn ra ngoài tệp ({entry}); từ chối toàn bộ tệp."
    ),
    "bundle.unknown_entry": "Tệp {file} chứa mục lạ ({entry}); từ chối toàn bộ tệp.",
    "bundle.too_large": (
        "Tệp {file} có mục {entry} vượt giới hạn kích thước ({limit} byte); từ chối toàn bộ tệp."
    ),
    "bundle.bad_row": "Tệp {file}: {entry}, dòng {row} sai số cột; không nhận gì từ tệp này.",
    "bundle.nul": (
        "Tệp {file}: {entry}, dòng {row} có ký tự rỗng (NUL), không phải chữ; "
        "không nhận gì từ tệp này."
    ),
    "bundle.missing_column": "{where}: thiếu cột {column}; không nhận gì từ tệp này.",
    "bundle.unknown_column": (
        "{where}: có cột lạ “{column}” mà định dạng tệp không có (tệp của phần mềm khác hoặc"
        " CamKet mới hơn); không nhận gì từ tệp này."
    ),
    "bundle.column_twice": "{where}: cột {column} có hai lần; không nhận gì từ tệp này.",
    "bundle.bad_value": "{where}: cột {column} có giá trị sai “{value}”; không nhận gì từ tệp này.",
    "bundle.date_out_of_range": (
        "{where}: cột {column} có ngày “{value}” ngoài các năm {first}–{last} sổ giữ;"
        " không nhận gì từ tệp này."
    ),
    "bundle.text_too_long": (
        "{where}: cột {column} (“{field}”) dài {length} ký tự, quá {maximum} ký tự sổ giữ;"
        " không nhận gì từ tệp này."
    ),
    "export.unsendable": (
        "Chưa xuất: sổ có {count} ô ghi bởi phiên bản cũ hay bị sửa ngoài CamKet, vì chúng mà"
        " máy nhận sẽ từ chối cả tệp. Hãy sửa từng ô như ghi bên cạnh (camket check liệt kê"
        " đủ) rồi xuất lại:\n{rows}"
    ),
    "export.upper_unsendable": (
        "Chưa xuất: sổ có {count} ô của các xã gửi lên (từ phiên bản cũ) mà máy nhận sẽ từ"
        " chối cả tệp. Sổ cấp trên không sửa dữ liệu của xã: hãy nhờ xã xuất lại bằng CamKet"
        " bản mới (khi xuất, CamKet của xã tự sửa các ô này hoặc chỉ cách sửa), nhận tệp đó"
        " vào sổ này rồi xuất lại:\n{rows}"
    ),
    "bundle.unsafe_file_name": (
        "{where}: cột file_name có tên tệp “{value}” là một đường dẫn hoặc tên thiết bị"
        " (dấu /, \\, ký tự điều khiển, CON, NUL, …), không phải tên tệp; không nhận gì từ tệp này."
    ),
    "bundle.missing_parent": (
        "Tệp {file} có dòng ({table}) thiếu dữ liệu gốc trong sổ: có lẽ là tệp thay đổi "
        "sau một tệp chưa nhận. Hãy xin nơi gửi xuất tệp đầy đủ."
    ),
    "bundle.unique_clash": (
        "Tệp {file} có dòng ({table}) trùng {columns} với một dòng khác đã có trong sổ; "
        "không nhận gì từ tệp này. Hãy gửi tệp cho người quản trị CamKet xem."
    ),
    "bundle.rule_broken": (
        "Tệp {file} có dòng ({table}) trái quy tắc của sổ ({detail}); không nhận gì từ tệp này."
    ),
    "bundle.encrypted": ("Tệp {file} đã được mã hoá cho một sổ khác; sổ này không mở được."),
    "bundle.not_for_us": (
        "Tệp {file} được mã hoá cho nơi nhận khác, không phải sổ này; không mở được."
    ),
    "init.option_of_another_kind": (
        "{option} chỉ dùng cùng {owner}, không dùng với {kind}; lệnh không tạo gì."
    ),
    "init.identity_without_bundle": (
        "--identity chỉ dùng cùng --from TỆP.camket: đó là khóa mở tệp gửi đã được mã hoá."
    ),
    "bundle.not_for_identity": (
        "Tệp {file} không được mã hoá cho khóa bí mật đã chỉ ra; cần khóa của đúng nơi nhận "
        "mà máy gửi đã dùng khi xuất (camket export --to)."
    ),
    "bundle.needs_identity": (
        "Tệp {file} đã được mã hoá cho một nơi nhận (khóa age, camket export --to). Để dựng "
        "sổ từ tệp này, chỉ ra tệp khóa bí mật của nơi nhận đó: camket init --db SỔ --from "
        "{file} --identity TỆP-KHÓA (tệp có dòng AGE-SECRET-KEY-1…, như age-keygen tạo)."
    ),
    "bundle.bad_identity_file": (
        "Tệp {file} không chứa khóa bí mật age đúng (một dòng AGE-SECRET-KEY-1…, như "
        "age-keygen tạo); có thể đã chép sai một chữ."
    ),
    "bundle.identity_file_missing": "Không tìm thấy tệp khóa bí mật {file}.",
    "bundle.set_up_apart": (
        "Chưa nhận tệp {file}: nó đến từ một sổ của xã này được lập riêng, không từ tệp của sổ"
        " này (không có thôn nào chung), nên gộp vào sẽ nhân đôi mọi thôn, hộ và người; sổ"
        " không thay đổi. Hãy dựng lại máy kia từ một tệp .camket của sổ này (Dựng sổ từ tệp"
        " .camket…, hoặc camket init --from), rồi chuyển những gì máy kia đã ghi bằng bảng"
        " tính (camket spreadsheet, rồi Nhập danh sách)."
    ),
    "bundle.commune_set_up_apart": (
        "Chưa nhận tệp {file}: sổ này đã có dữ liệu của {commune} từ một sổ khác của xã, được"
        " lập riêng (không có thôn nào chung với tệp này), nên gộp vào sẽ đếm mọi hộ và người"
        " của xã hai lần; sổ không thay đổi. Cách xử lý: (a) nếu xã đang dùng hai sổ lập riêng,"
        " xã hãy thống nhất dùng một sổ (dựng lại máy kia từ tệp .camket của sổ giữ lại) rồi"
        " gửi tệp của sổ đó; (b) nếu sổ cũ của xã không còn dùng (máy hỏng, xã đã lập sổ mới),"
        " hãy xoá dữ liệu cũ của xã khỏi sổ này trước (Trao đổi dữ liệu → Các xã → Xoá dữ liệu"
        " của xã…, hoặc camket commune forget --db SỔ {code}) rồi nhận lại tệp này."
    ),
    "bundle.relayed_set_up_apart": (
        "Chưa nhận tệp {file} (của sổ cấp trên {name}): tệp có dữ liệu của {communes} lấy từ"
        " một sổ của xã được lập riêng với sổ mà sổ này đã nhận (không có thôn nào chung), nên"
        " gộp vào sẽ đếm mọi hộ và người của xã hai lần; sổ không thay đổi. Hãy thống nhất với"
        " nơi gửi sổ nào của xã còn dùng: nơi giữ dữ liệu của sổ cũ xoá dữ liệu của xã"
        " (camket commune forget) rồi nhận lại tệp của sổ đang dùng."
    ),
    "commune.forget_in_commune_register": (
        "Sổ của xã chỉ giữ dữ liệu của xã mình, không xoá cả xã được; chỉ sổ cấp trên mới"
        " xoá dữ liệu của một xã đã nhận (khi xã lập lại sổ mới)."
    ),
    "commune.not_held": "Sổ này không có dữ liệu của xã {code}; không xoá gì.",
    "commune.keep_not_its": (
        "Tệp {file} không phải tệp xuất toàn bộ sổ của xã {code} (nó là {what}); --keep cần"
        " tệp xuất toàn bộ mới nhất của sổ xã giữ lại (camket export không có --since)."
        " Không xoá gì."
    ),
    "commune.forget_unconfirmed": (
        "Chưa xoá: hãy chạy lại lệnh với --yes để xác nhận xoá {households} hộ của {commune}."
    ),
    "bundle.other_commune": (
        "Tệp {file} là dữ liệu của {communes}, không phải của {own}, xã của sổ này; "
        "không nhận. Sổ cấp trên mới nhận dữ liệu nhiều xã."
    ),
    "bundle.from_upper": (
        "Tệp {file} được xuất từ một sổ cấp trên ({name}); sổ của xã chỉ nhận tệp do các máy "
        "của xã mình xuất. Không nhận gì từ tệp này."
    ),
    "bundle.other_province": (
        "Tệp {file} có dữ liệu của {commune}, không thuộc {ours}, tỉnh của sổ cấp trên này; "
        "không nhận."
    ),
    "bundle.not_full": (
        "Tệp {file} chỉ chứa các thay đổi sau một tệp trước, không đủ để dựng sổ mới; "
        "hãy xuất toàn bộ sổ (camket export không có --since) rồi dựng lại."
    ),
    "bundle.commune_row_missing": (
        "Tệp {file} không có dòng thông tin của xã {codes} (tên xã, tỉnh) trong bảng commune "
        "(tables/commune.csv) mà sổ này cũng chưa có: các hộ của xã sẽ không có tên xã. Hãy "
        "xuất lại tệp bằng CamKet, hoặc chương trình làm ra tệp phải ghi dòng của xã "
        "(xem docs/bundle-format.md). Chưa nhận gì từ tệp này."
    ),
    "bundle.commune_row_id": (
        "Tệp {file} ghi dòng thông tin của xã {codes} (bảng commune) với mã dòng (id) khác mã "
        "mọi sổ CamKet dùng cho xã đó: nhận vào, sổ sẽ có hai dòng cho một xã và các hộ của "
        "xã bị đếm hai lần. Chương trình làm ra tệp phải dùng mã dòng ghi trong "
        "docs/bundle-format.md. Chưa nhận gì từ tệp này."
    ),
    "bundle.gap": (
        "Tệp {file} chứa các thay đổi sau một tệp mà sổ này chưa nhận; nhận tệp đó trước, "
        "hoặc xin nơi gửi xuất toàn bộ sổ. Chưa nhận gì từ tệp này."
    ),
    "bundle.not_a_commune": (
        "Tệp {file} không phải dữ liệu của một xã (có thể là của sổ cấp trên); "
        "không dựng được sổ xã từ tệp này. Sổ cấp trên được dựng lại bằng camket init --upper,"
        " rồi camket merge tệp này vào sổ mới."
    ),
    "export.since_is_out": (
        "Tệp {file} vừa là tệp đã gửi trước (--since) vừa là tệp sẽ ghi ra (--out): ghi đè lên"
        " nó sẽ mất tệp mà phần thay đổi nối tiếp. Hãy ghi ra một tệp tên khác."
    ),
    "export.no_commune": (
        "Sổ cấp trên này chưa gộp dữ liệu của xã nào: chưa có gì để xuất. Hãy gộp các tệp "
        ".camket của các xã trước."
    ),
    "export.bad_key_file": (
        "Tệp khoá {file} không có khoá nhận đúng (một dòng age1…); có thể đã chép sai một "
        "chữ. Lấy khoá bằng lệnh camket keys ở máy nhận."
    ),
    "export.key_file_missing": (
        "Không tìm thấy tệp khoá {file}. Lấy khoá nhận (age1…) bằng lệnh camket keys ở máy nhận."
    ),
    "export.key_file_unreadable": "Không đọc được tệp khoá {file}: {detail}.",
    "export.since_foreign": (
        "Tệp {file} không phải do sổ này xuất trên máy này (hoặc sổ đã được chép sang máy "
        "khác hay khôi phục từ bản sao lưu sau khi xuất nó), nên không xuất được phần thay "
        "đổi sau nó; hãy xuất toàn bộ sổ."
    ),
    "conflict.missing": "Không có xung đột mã {id}.",
    "conflict.ambiguous": "Có {count} xung đột ứng với mã {id}; hãy ghi mã dài hơn.",
    "half_deleted.upper": (
        "Sổ cấp trên không khôi phục hay xoá hộ {code} của xã: xã xử lý trên máy của xã rồi"
        " gửi tệp lên lại."
    ),
    "conflict.bad_version": (
        "Chọn bản current (đang dùng) hoặc other (bản kia), không phải {version}."
    ),
    "print.upper": (
        "Sổ cấp trên không in bản cam kết: bản cam kết do xã in cho các hộ ký, trên máy của xã"
        " (camket print pledges ở sổ của xã). Ở sổ cấp trên, xem tiến độ bằng camket report"
        " progress, hoặc xuất bảng tính bằng camket spreadsheet."
    ),
    "upper.read_only": (
        "Sổ cấp trên chỉ gộp và xem dữ liệu của các xã, không sửa (chỉ giải quyết xung đột):"
        " hãy sửa trên máy của xã rồi gửi tệp lên."
    ),
    "upper.no_name": "Hãy đặt tên cho sổ cấp trên (--name), ví dụ “Đồn Biên phòng Sìn Hồ”.",
    "upper.formula_like": (
        "Tên sổ cấp trên “{name}” bắt đầu bằng =, +, - hoặc @ (bảng tính hiểu là công thức);"
        " hãy bỏ dấu đó."
    ),
    "province.unknown": (
        "Không có tỉnh “{code}” trong danh mục đơn vị hành chính: hãy ghi mã tỉnh hai chữ số"
        " (12 là Lai Châu) hoặc tên tỉnh."
    ),
    "identity.unreadable": (
        "Không đọc được danh tính của máy này ({path}): {detail}. "
        "Hãy khôi phục tệp đó từ bản sao, hoặc xoá nó để máy nhận danh tính mới."
    ),
    "db.needs_passphrase": (
        "Sổ {path} được mã hóa: cần mật khẩu (hoặc mã khôi phục). Nhập khi được hỏi, "
        "hoặc đặt biến môi trường CAMKET_PASSPHRASE."
    ),
    "db.wrong_passphrase": "Mật khẩu hoặc mã khôi phục không đúng cho sổ {path}.",
    "db.passphrase_not_here": (
        "Mật khẩu không mở được sổ {path}: mật khẩu sai, hoặc máy này chưa giữ mật khẩu "
        "của sổ (sổ chép hay khôi phục từ máy khác). Lần đầu trên máy này hãy nhập mã "
        "khôi phục (tám nhóm bốn chữ và số), rồi đặt mật khẩu cho máy này bằng "
        "camket passphrase (hoặc Tệp › Đổi mật khẩu…)."
    ),
    "encrypt.unavailable": (
        "Máy này thiếu thư viện SQLCipher (sqlcipher3) nên không mở được sổ mã hóa."
    ),
    "encrypt.already": "Sổ {path} đã được mã hóa, các bản sao lưu của sổ cũng vậy.",
    "encrypt.failed": "Không mã hóa được {path}; sổ vẫn như cũ: {detail}",
    "encrypt.backup_failed": (
        "Sổ đã được mã hóa, nhưng chưa mã hóa được bản sao lưu {path}: {detail}. "
        "Chạy lại “camket encrypt” để mã hóa nốt các bản sao lưu."
    ),
    "encrypt.passphrase_short": "Mật khẩu cần ít nhất {length} ký tự.",
    "encrypt.passphrases_differ": "Hai lần nhập mật khẩu không giống nhau.",
    "encrypt.passphrase_like_recovery": (
        "Mật khẩu không được có dạng của mã khôi phục; hãy chọn mật khẩu khác."
    ),
    "encrypt.no_passphrase": (
        "Cần mật khẩu cho sổ mã hóa: chạy lệnh trong cửa sổ dòng lệnh để được hỏi, "
        "hoặc đặt biến môi trường CAMKET_PASSPHRASE."
    ),
    "encrypt.not_encrypted": (
        "Sổ {path} chưa được mã hóa nên không có mật khẩu để đổi; "
        "mã hóa sổ bằng lệnh “camket encrypt”."
    ),
    "encrypt.no_new_passphrase": (
        "Cần mật khẩu mới: chạy lệnh trong cửa sổ dòng lệnh để được hỏi, "
        "hoặc đặt biến môi trường CAMKET_NEW_PASSPHRASE."
    ),
    "encrypt.keys_unwritable": "Không ghi được khóa vào {path}: {detail}",
    "commune.unknown": "Không có mã xã {code} trong danh mục đơn vị hành chính.",
    "commune.has_households": (
        "Sổ đã có {count} hộ nên không đổi được xã; muốn lập sổ cho xã khác, hãy tạo sổ mới."
    ),
    "hamlet.duplicate": "Xã đã có thôn/bản “{name}” (trùng tên, không kể dấu và chữ hoa).",
    "hamlet.empty_name": "Tên thôn/bản không được để trống.",
    "hamlet.formula_like": (
        "Tên thôn/bản “{name}” bắt đầu bằng =, +, - hoặc @ (bảng tính hiểu là công thức);"
        " hãy bỏ dấu đó."
    ),
    "household.code_taken": "Mã hộ {code} đã có trong sổ.",
    "household.missing": "Không tìm thấy hộ gia đình.",
    "household.invalid": "Hộ {code} còn {count} lỗi; sửa các lỗi trước khi lưu.",
    "db.busy": (
        "Sổ đăng ký đang bận: một việc khác (nhập danh sách, in, một cửa sổ hay lệnh camket "
        "khác) đang ghi vào sổ; chưa ghi gì. Hãy chờ việc đó xong rồi làm lại."
    ),
    "db.busy_job": (
        "Chưa lưu: sổ đăng ký vẫn bận với việc “{job}” của cửa sổ này sau {seconds} giây chờ. "
        "Những gì bạn đã nhập vẫn còn nguyên; hãy lưu lại khi việc đó xong."
    ),
    "register.open_elsewhere": (
        "Sổ đăng ký này đang mở trong một cửa sổ CamKet khác (người dùng {user}, máy {host}, "
        "từ {since}). Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại. Nếu cửa sổ đó đã tắt hẳn "
        "(máy kia đã tắt), hãy xoá tệp {lock} rồi mở lại."
    ),
    "output.is_database": (
        "Không ghi ra {path}: đó là sổ đăng ký, bản sao lưu hay một cơ sở dữ liệu khác "
        "(hoặc tệp đi kèm của nó); ghi đè sẽ mất dữ liệu. Hãy chọn tên tệp khác."
    ),
    "output.is_directory": "Không ghi được tệp {path}: đó là một thư mục; hãy ghi cả tên tệp.",
    "output.folder_missing": "Không ghi được tệp {path}: thư mục {folder} không tồn tại.",
    "output.disk_full": (
        "Không ghi được tệp {path}: ổ đĩa chứa tệp đã đầy; chưa ghi gì. Hãy giải phóng chỗ"
        " trống hoặc lưu vào ổ khác."
    ),
    "output.not_a_file": (
        "Không ghi được tệp {path}: đó không phải một tệp thường (thiết bị, ống dẫn); hãy ghi"
        " ra một tệp trong một thư mục, ví dụ bao-cao.pdf."
    ),
    "output.pdf_is_csv": (
        "Tệp {path} vừa là tệp PDF (--out) vừa là tệp CSV (--csv): tệp sau sẽ ghi đè tệp "
        "trước. Hãy đặt hai tên khác nhau, ví dụ bao-cao.pdf và bao-cao.csv."
    ),
    "spreadsheet.bad_suffix": "Bảng tính phải là tệp .csv hoặc .xlsx: {path}",
    "spreadsheet.bad_delimiter": "Dấu phân cách cột phải là ; hoặc , (không phải {delimiter}).",
    "spreadsheet.too_many_rows": (
        "Bảng tính có {rows} dòng, quá giới hạn {limit} dòng của Excel; hãy xuất ra tệp .csv "
        "hoặc xuất từng xã (--commune)."
    ),
    "spreadsheet.no_campaign": (
        "Sổ chưa chọn đợt cam kết đang thực hiện trên máy này; hãy chọn một đợt "
        "(camket campaign list, rồi camket campaign use ID) rồi xuất lại."
    ),
    "spreadsheet.other_commune": (
        "Sổ này là sổ của {name} (mã {own}), không có dữ liệu của xã “{code}”."
    ),
    "spreadsheet.commune_missing": (
        "Sổ cấp trên này chưa có dữ liệu của xã “{code}” (các xã trong sổ: {held})."
    ),
    "db.damaged": (
        "Sổ đăng ký {path} bị hỏng ({detail}); CamKet không ghi gì vào sổ hỏng. Hãy chạy "
        "camket check để xem chỗ hỏng, rồi khôi phục từ bản sao lưu (camket backup list, "
        "camket restore)."
    ),
    "db.disk_full": "Ổ đĩa đã đầy; chưa ghi gì. Hãy giải phóng chỗ trống rồi làm lại.",
    "db.write_refused": (
        "Ổ đĩa không nhận ghi thêm vào sổ (tệp sổ đã tới giới hạn kích thước hoặc hạn mức của"
        " ổ, hoặc ổ USB bị rút ra); chưa ghi gì, sổ vẫn như trước. Hãy giải phóng chỗ hoặc"
        " chép sổ sang ổ đĩa khác rồi làm lại."
    ),
    "db.replaced": (
        "Sổ đăng ký {path} vừa được thay bằng một tệp khác (mã hóa, hoặc khôi phục từ bản sao"
        " lưu) trong lúc việc này đang làm; chưa ghi gì. Hãy làm lại."
    ),
    "db.is_backup": (
        "Tệp {path} là một bản sao lưu trong thư mục sao lưu của CamKet, không phải sổ đăng ký"
        " đang dùng; chưa ghi gì. Bản sao lưu cũ sẽ bị xoá dần, nên những gì ghi vào nó sẽ mất."
        " Muốn dùng lại bản này, hãy khôi phục nó vào sổ (camket restore TỆP --db SỔ, hoặc"
        " Tệp › Khôi phục từ bản sao lưu… trong cửa sổ)."
    ),
    "db.read_only": (
        "Tệp sổ đăng ký {path} chỉ đọc được (tệp hoặc ổ đĩa không cho ghi: đĩa CD, USB khoá"
        " ghi, thư mục dùng chung); chưa ghi gì. Hãy chép tệp vào một thư mục ghi được (ví dụ"
        " Tài liệu) rồi mở bản chép, hoặc nhờ người quản lý máy cho quyền ghi tệp."
    ),
    "household.changed_elsewhere": (
        "Hộ {code} vừa được sửa ở nơi khác (cửa sổ khác hoặc khi nhập danh sách) "
        "sau khi mở ra; chưa lưu. Hãy đóng và mở lại hộ để sửa tiếp."
    ),
    "row.missing": "Không tìm thấy bản ghi cần sửa.",
    "task.failed": "Lỗi khi {title}: {detail}",
    "qr.malformed": "Mã quét không phải mã cam kết CamKet: {text}",
    "campaign.none": (
        "Sổ chưa có đợt cam kết nào đang thực hiện trên máy này. Hãy chọn một đợt ở Cam kết ›"
        " Đợt cam kết… (Ctrl+D), hoặc bằng lệnh: camket campaign list rồi camket campaign use"
        " ID (sổ cấp trên chưa gộp tệp của xã nào thì hãy gộp trước)."
    ),
    "campaign.missing": "Không có đợt cam kết mã {id} trong sổ.",
    "campaign.ambiguous": (
        "Có {count} đợt cam kết ứng với {id}; hãy ghi mã đợt dài hơn (xem camket campaign list)."
    ),
    "campaign.title_missing": "Hãy ghi tên đợt cam kết.",
    "campaign.title_formula_like": (
        "Tên đợt cam kết “{title}” bắt đầu bằng =, +, - hoặc @ (bảng tính hiểu là công thức);"
        " hãy bỏ dấu đó."
    ),
    "campaign.ends_before_start": (
        "Ngày kết thúc {ends} trước ngày bắt đầu {starts}; hãy sửa lại ngày."
    ),
    "campaign.target_out_of_range": "Chỉ tiêu phải từ 1 đến 100 %, không phải {target} %.",
    "campaign.nothing_to_edit": (
        "Hãy cho biết điều cần sửa: --from NGÀY_BẮT_ĐẦU, --to NGÀY_KẾT_THÚC (để trống '' là"
        " không ghi ngày) hoặc --target PHẦN_TRĂM."
    ),
    "campaign.starts_after_results": (
        "Không sửa ngày bắt đầu thành {starts}: {count} hộ đã ghi kết quả của đợt trước ngày đó"
        " ({households}). Hãy chọn ngày bắt đầu từ {earliest} trở về trước, hoặc sửa ngày ký"
        " của các hộ đó trước (trang Cam kết, hoặc camket sign MÃ_HỘ --on DD/MM/YYYY)."
    ),
    "household.unknown_code": "Không có hộ mã {code} trong sổ.",
    "report.upper_register": (
        "Sổ cấp trên không in báo cáo theo thể thức của Ủy ban nhân dân xã; số liệu của từng "
        "xã xuất bằng camket spreadsheet (--what progress, households, people…)."
    ),
    "household.code_shared": (
        "Mã hộ {code} đang dùng cho {count} hộ (hai máy cùng đặt mã này); hãy đổi mã một hộ "
        "trong cửa sổ (Trao đổi dữ liệu ▸ Xung đột) rồi làm lại."
    ),
    "pledge.missing": "Không tìm thấy bản cam kết.",
    "pledge.bad_status": "Kết quả không hợp lệ: {status}; chỉ ghi đã ký, từ chối hoặc vắng mặt.",
    "pledge.date_in_future": "Ngày {date} ở tương lai; hãy ghi ngày ký thực tế.",
    "pledge.date_before_campaign": (
        "Ngày {date} trước ngày bắt đầu đợt cam kết ({starts}). Nếu hộ ký thật vào ngày đó"
        " (tờ giấy ký trước khi đợt được ghi vào sổ), hãy sửa ngày bắt đầu của đợt trước:"
        " Cam kết › Đợt cam kết… (Ctrl+D) › Sửa ngày, chỉ tiêu…, hoặc lệnh camket campaign"
        " edit {campaign} --from {date}; nếu không, hãy ghi ngày ký thực tế."
    ),
    "pledge.date_before_known_campaign": (
        "Lưu ý: đợt “{title}” không ghi ngày bắt đầu và ngày ký {date} trước ngày đợt được lập"
        " trong sổ ({since}); ngày này vẫn được ghi. Nếu ngày đó đúng, hãy ghi ngày bắt đầu của"
        " đợt (Cam kết › Đợt cam kết… (Ctrl+D) › Sửa ngày, chỉ tiêu…, hoặc lệnh camket campaign"
        " edit {id} --from DD/MM/YYYY) để ngày ký được đối chiếu; nếu nhầm, hãy sửa lại ngày ký."
    ),
    "pledge.signer_missing": "Hộ chưa có chủ hộ: hãy chọn người ký trong các thành viên của hộ.",
    "pledge.signer_not_member": "Người ký phải là thành viên của hộ.",
    "pledge.signer_unknown": "Hộ không có thành viên tên “{name}”.",
    "pledge.signer_gone": (
        "{name} đã chết hoặc đã chuyển đi (theo sổ biến động), không ký thay hộ được; "
        "hãy chọn người ký khác trong hộ."
    ),
    "pledge.reason_missing": "Hãy ghi lý do khi hộ từ chối hoặc vắng mặt.",
    "date.unparseable": "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/01/2026: “{text}”",
    "date.invalid": "Ngày không có thật: {text}",
    "option.bad_value": "{option}: {reason}",
    "text.too_long": "“{field}” dài {length} ký tự, quá {maximum} ký tự sổ giữ; hãy viết gọn lại.",
    "date.out_of_range": (
        "Năm của ngày “{text}” không hợp lý: chỉ nhận ngày từ năm {first} đến năm {last}."
    ),
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
    "hamlet.ambiguous": "Có nhiều thôn/bản tên “{name}”: {names}; hãy ghi đủ tên.",
    "campaign.template_missing": "Sổ không còn mẫu cam kết {id} (phiên bản {version}).",
    "file.unwritable": "Không ghi được tệp {path}: {detail}",
    "file.name_too_long": (
        "Tên tệp dài quá, ổ đĩa không nhận (một tên tệp hay thư mục tối đa 255 byte, khoảng"
        " 85–250 chữ tuỳ dấu): {path}. Hãy đặt tên ngắn hơn."
    ),
    "db.name_too_long": (
        "Tên tệp sổ đăng ký dài quá (độ dài {size}; tên tệp sổ tối đa {limit}, để SQLite"
        " ghi được tệp phụ cạnh sổ): {path}. Hãy đặt tên ngắn hơn; chưa ghi gì."
    ),
    "output.in_use": (
        "Không ghi được tệp {path}: tệp đang mở trong một chương trình khác (Excel, trình xem"
        " PDF) hoặc chỉ cho đọc; tệp cũ vẫn giữ nguyên. Hãy đóng tệp đó rồi làm lại, hoặc"
        " ghi ra một tên khác."
    ),
    "file.read_only_here": (
        "Không ghi được tệp {path}: thư mục hoặc ổ đĩa không cho ghi (chỉ đọc, hay USB bị khoá"
        " ghi); chưa ghi gì. Hãy mở khoá ghi của USB hoặc chọn nơi khác."
    ),
    "file.too_large_here": (
        "Không ghi được tệp {path}: tệp lớn hơn mức nơi lưu này nhận (USB hay thẻ nhớ định"
        " dạng FAT32 chỉ nhận tệp đến 4 GB); chưa ghi gì. Hãy lưu vào ổ đĩa khác."
    ),
    "file.is_register": "Tệp {path} là sổ đăng ký đang mở, không phải tệp dùng được ở đây.",
    "pdf.unreadable": "Không đọc được tệp PDF {path}: {detail}",
    "print.printer_unavailable": "Không mở được máy in {printer}.",
    "template.syntax": "Mẫu cam kết {file}, dòng {line}: sai cú pháp TOML ({detail}).",
    "template.missing_key": "Mẫu cam kết {file}: thiếu mục “{key}”.",
    "template.bad_value": "Mẫu cam kết {file}, dòng {line}: giá trị của “{key}” không hợp lệ.",
    "template.unknown_key": (
        "Mẫu cam kết {file}, dòng {line}: không có mục “{key}”; các mục có: {choices}."
    ),
    "template.unknown_placeholder": (
        "Mẫu cam kết {file}, dòng {line}: không có trường “{{{name}}}” để điền."
    ),
    "template.stray_brace": (
        "Mẫu cam kết {file}, dòng {line}: dấu ngoặc nhọn thiếu cặp; để in dấu ngoặc, "
        "viết “{{{{” hoặc “}}}}”."
    ),
    "template.out_of_range": (
        "Mẫu cam kết {file}, dòng {line}: “{key}” = {value} nằm ngoài khoảng {low}–{high} "
        "theo Nghị định 30/2020/NĐ-CP."
    ),
    "template.unknown": "Không có mẫu cam kết “{name}”; các mẫu có: {choices}.",
    "template.unreadable": "Không đọc được mẫu cam kết: {file}",
    "template.unprintable": (
        "Mẫu cam kết {file} có ký tự “{char}” ({code}) mà phông chữ không có; hãy sửa lại nội dung."
    ),
    "font.missing": "Thiếu tệp phông chữ để in: {file}",
    "print.nothing": "Không có hộ nào để in.",
    "print.nobody_lives": (
        "Hộ {code} không còn ai cư trú (mọi thành viên đã chết hoặc chuyển đi): không in bản "
        "cam kết; hãy xóa hộ hoặc cập nhật thành viên."
    ),
    "print.bad_copies": "Số bản in mỗi hộ phải từ 1 đến 3: {copies}",
    "print.bad_signature": "Ảnh chữ ký của hộ {code} bị hỏng, không in được.",
    "search.empty_query": "Từ khoá tìm kiếm phải có chữ hoặc số: “{query}”",
    "search.too_many_words": (
        "Tìm “{query}”: quá {maximum} từ khác nhau; hãy gõ ít từ hơn (họ tên, mã hộ,"
        " số định danh hoặc số điện thoại)."
    ),
    "demo.bad_count": "Số hộ phải từ 1 đến {maximum}: {count}",
    "screenshot.bad_size": "Kích thước ảnh phải có dạng RỘNGxCAO, ví dụ 1366x768: {size}",
    "screenshot.bad_page": "Không có mục Ctrl+{page}; các mục của cửa sổ: {shortcuts}.",
    "screenshot.unwritable": "Không ghi được ảnh: {path}",
    "import.file_missing": "Không tìm thấy tệp: {file}",
    "import.empty": "Tệp {file} trống, không có dòng dữ liệu nào.",
    "import.encrypted": (
        "Tệp {file} được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại."
    ),
    "import.old_xls": (
        "Tệp {file} là định dạng Excel cũ (.xls); hãy mở bằng Excel và lưu thành .xlsx."
    ),
    "import.damaged": "Tệp {file} bị hỏng hoặc không đầy đủ, không đọc được ({detail}).",
    "import.damaged_row": "Tệp {file}, dòng {row}: không đọc được ({detail}).",
    "import.open_quote": (
        'Tệp {file}, dòng {row}: một ô mở dấu ngoặc kép (") mà không đóng, nên các dòng sau'
        " đều bị đọc vào ô đó. Hãy đóng hoặc bỏ dấu ngoặc kép ở dòng đó rồi lưu lại."
    ),
    "import.text_after_quote": (
        'Tệp {file}, dòng {row}: một ô bắt đầu bằng chữ trong dấu ngoặc kép ("…") rồi còn'
        " chữ tiếp sau. Hãy bỏ dấu ngoặc kép, hoặc đặt cả ô trong ngoặc kép và viết mỗi"
        ' dấu ngoặc kép bên trong thành hai ("").'
    ),
    "import.not_spreadsheet": "Tệp {file} không phải bảng tính CSV hoặc Excel (.xlsx).",
    "import.cut_short": (
        "Tệp {file} bị cắt cụt: dừng giữa một chữ ở dòng {row}, phần sau của danh sách không"
        " có (chép hoặc tải về chưa xong). Hãy chép lại tệp đầy đủ rồi nhập lại."
    ),
    "import.two_encodings": (
        "Tệp {file} trộn hai bảng mã: dòng {utf8} là Unicode (UTF-8), dòng {other} thì không"
        " (có lẽ ghép từ hai tệp). Hãy mở từng phần, lưu lại cùng một bảng mã (Excel: CSV"
        " UTF-8) rồi nhập lại."
    ),
    "cli.not_unicode": (
        "“{text}” có byte không phải chữ Unicode (UTF-8), có lẽ của một bảng mã cũ (TCVN3, VNI,"
        " Windows-1258); hãy gõ lại bằng Unicode. Chưa làm gì."
    ),
    "import.nul": (
        "Tệp {file}, dòng {row}: có ký tự NUL (mã 0), không có trong một danh sách chữ; tệp"
        " có thể bị hỏng khi lưu. Hãy mở tệp bằng Excel, sửa dòng đó rồi lưu lại dạng CSV."
    ),
    "import.too_many_rows": "Tệp {file} có quá {maximum} dòng; hãy chia thành nhiều tệp.",
    "import.too_large": (
        "Tệp {file} chứa {size_mb} MB dữ liệu, quá lớn cho một danh sách hộ"
        " (tối đa {maximum_mb} MB)."
    ),
    "import.too_many_columns": (
        "Tệp {file}, dòng {row}, cột {column}: quá {maximum} cột, không phải một danh sách hộ;"
        " hãy xoá các cột thừa rồi lưu lại."
    ),
    "import.sheet_too_large": (
        "Tệp {file}: trang tính khai báo vùng {area} ({rows} dòng × {columns} cột), quá lớn"
        " cho một danh sách hộ; hãy chép riêng phần danh sách sang một tệp mới."
    ),
    "import.hidden_rows": (
        "trang tính “{sheet}” của tệp {file} có {count} hàng đang ẩn hoặc bị lọc khỏi tầm nhìn"
        " (hàng {rows}): các hàng này vẫn được nhập như mọi hàng."
    ),
    "import.hidden_rows_left_out": (
        "không nhập {count} hàng đang ẩn hoặc bị lọc khỏi tầm nhìn của trang tính “{sheet}”"
        " (tệp {file}, hàng {rows}), như đã chọn."
    ),
    "import.hidden_columns": (
        "trang tính “{sheet}” của tệp {file} có {count} cột đang ẩn ({columns}): các cột này"
        " vẫn được nhập như mọi cột."
    ),
    "import.cell_too_long": (
        "Tệp {file} có ô dài quá {maximum} ký tự (giới hạn của Excel): tệp bị hỏng"
        " hoặc không phải danh sách hộ."
    ),
    "import.cell_too_long_at": (
        "Tệp {file}, dòng {row}: có ô dài quá {maximum} ký tự (giới hạn của Excel)."
    ),
    "import.no_columns": (
        "Tệp {file}: không nhận ra cột nào (cần ít nhất cột “Họ và tên”); "
        "hãy chọn cột bằng tay hoặc dùng tệp ánh xạ cột."
    ),
    "import.mapping_bad_field": (
        "Tệp ánh xạ: cột “{column}” gán cho trường không có: “{field}” (tệp {file})."
    ),
    "import.mapping_bad_header_row": "Tệp {file} không có dòng tiêu đề {row}.",
    "import.mapping_unknown_column": "Tệp {file} không có cột “{column}” như tệp ánh xạ ghi.",
    "import.mapping_too_large": (
        "Tệp {file} lớn hơn {maximum_mb} MB: không phải tệp ánh xạ cột (chỉ vài dòng JSON)."
    ),
    "import.mapping_unreadable": "Không đọc được tệp ánh xạ cột {file}: {detail}",
    "import.has_errors": "Tệp {file} có {count} lỗi; chưa nhập gì vào sổ.",
    # The residency ledger (Biến động) and the tip log: the commune's working ledger, not
    # the legal registration of residence.
    "movement.unknown_kind": "Không có loại biến động “{kind}”; các loại: {choices}.",
    "movement.choose_person": (
        "Hãy chọn người: gõ vài chữ của họ tên, số định danh hoặc mã hộ vào ô “Người” rồi chọn "
        "trong danh sách (↓ và Enter)."
    ),
    "movement.choose_person_typed": (
        "Chưa chọn người nào cho “{typed}”: chọn một người trong danh sách dưới ô “Người” "
        "(↓ và Enter)."
    ),
    "form.bad_day": "“{field}”: {reason}",
    "form.day_missing": "Hãy ghi “{field}” (ngày/tháng/năm, ví dụ 05/01/2026).",
    "movement.guest_formula_like": (
        "Họ tên khách “{name}” bắt đầu bằng =, +, - hoặc @ (bảng tính hiểu là công thức);"
        " hãy bỏ dấu đó."
    ),
    "text.legacy_font": (
        "“{text}” có vẻ được dán từ văn bản gõ bằng phông cũ {font} nên sai dấu (có lẽ là "
        "“{meant}”); hãy gõ lại bằng Unicode (Unikey: bảng mã Unicode)."
    ),
    "movement.unknown_person": "Không có người nào trong sổ với số định danh hoặc mã “{person}”.",
    "movement.ambiguous_person": (
        "Có {count} người cùng số định danh “{person}”; hãy ghi mã người (xem camket search)."
    ),
    "movement.person_required": (
        "Biến động loại {kind} phải ghi cho một người trong sổ (--person); "
        "chỉ lưu trú mới ghi cho khách ngoài sổ."
    ),
    "movement.host_missing": "Hãy ghi mã hộ nơi khách lưu trú (ví dụ NT-012).",
    "movement.guest_name_missing": "Hãy ghi họ tên khách lưu trú.",
    "movement.ends_before_start": "Ngày kết thúc {until} trước ngày bắt đầu {start}.",
    "movement.luu_tru_too_long": ("Lưu trú {days} ngày là từ 30 ngày trở lên: hãy ghi là tạm trú."),
    "movement.tam_tru_until_missing": "Tạm trú phải ghi ngày hết hạn.",
    "movement.tam_tru_too_long": (
        "Tạm trú đến {until} là quá 2 năm kể từ ngày bắt đầu; thời hạn tạm trú tối đa 2 năm."
    ),
    "movement.country_missing": "Hãy ghi nước đi hoặc nước về.",
    "movement.gate_and_trail": (
        "Chỉ ghi một trong hai: qua cửa khẩu (--gate) hoặc qua đường mòn, lối mở (--trail)."
    ),
    "movement.after_death": "Người này đã chết ngày {died}; không ghi biến động sau đó.",
    "movement.already_dead": "Sổ đã ghi người này chết; không ghi lần nữa.",
    "movement.already_born": "Sổ đã ghi biến động Sinh của người này ngày {day}.",
    "movement.birth_not_on_birth_day": (
        "“{field}”: biến động Sinh ghi ngày {date}, nhưng sổ ghi người này sinh {born};"
        " hãy ghi đúng ngày sinh (hoặc sửa ngày sinh ở màn hình Hộ gia đình trước)."
    ),
    "movement.tam_vang_open": (
        "Người này đang có tạm vắng từ {since} chưa kết thúc; hãy ghi ngày về trước."
    ),
    "movement.moved_out": (
        "Người này đã chuyển đi ngày {day}; hãy ghi chuyển đến (nếu đã về) trước khi ghi {kind}."
    ),
    "movement.tam_tru_overlap": (
        "Người này đã có tạm trú từ {since} đến {until}, trùng thời gian; hãy sửa hoặc kết thúc "
        "tạm trú đó trước (gia hạn: ghi tạm trú mới từ ngày hết hạn)."
    ),
    "movement.tam_vang_overlap": (
        "Tạm vắng này trùng với tạm vắng đã ghi từ {since} đến {until}; hãy xem lại ngày."
    ),
    "movement.not_lasting": "Biến động loại {kind} xảy ra trong một ngày, không có ngày kết thúc.",
    "movement.already_ended": "Biến động này đã kết thúc ngày {ended}.",
    "movement.missing": "Không có biến động mã {id} trong sổ.",
    "hamlet.changed_elsewhere": (
        "Thôn này vừa được sửa ở nơi khác (cửa sổ khác hoặc khi gộp gói dữ liệu) sau khi mở ra,"
        " ở chính ô bạn sửa; chưa lưu. Hãy chọn lại thôn để xem bản mới rồi sửa tiếp."
    ),
    "movement.changed_elsewhere": (
        "Biến động này vừa được sửa ở nơi khác (cửa sổ khác, khi nhập hoặc khi gộp gói dữ liệu)"
        " sau khi mở ra, ở chính ô bạn sửa; chưa lưu. Hãy đóng, mở lại để xem bản mới rồi sửa"
        " tiếp."
    ),
    "movement.in_future": "“{field}”: ngày {date} ở tương lai; hãy ghi ngày thực tế.",
    "movement.too_far_ahead": (
        "“{field}”: ngày {date} còn hơn {days} ngày nữa; chỉ ghi trước biến động đã định trong"
        " {days} ngày tới (như tạm vắng khai báo trước khi đi). Hãy xem lại ngày và năm."
    ),
    "movement.before_birth": (
        "“{field}”: ngày {date} trước khi người này sinh ra ({born}); hãy xem lại ngày và năm."
    ),
    "movement.strands_later": (
        "Ghi như vậy thì {kind} từ {day} đã ghi sẽ rơi vào lúc người này đã chuyển đi (ngày "
        "{moved}); hãy xem lại ngày, hoặc sửa {kind} đó trước."
    ),
    "movement.bad_birth_year": "Năm sinh của khách không hợp lệ: {year}",
    "movement.border_belt_only_luu_tru": (
        "Vào vành đai biên giới và giấy phép chỉ ghi cho khách lưu trú, không cho biến động "
        "loại {kind}."
    ),
    "movement.movements_after_death": (
        "Sổ đã ghi biến động của người này từ {day}, sau ngày chết {died}; hãy xem lại ngày."
    ),
    "tip.time_unparseable": (
        "Thời điểm phải có dạng ngày/tháng/năm giờ:phút, ví dụ 05/01/2026 21:30: “{text}”"
    ),
    "tip.time_invalid": ("Giờ không có thật (giờ từ 0 đến 23, phút từ 00 đến 59): “{text}”"),
    "tip.place_missing": "Hãy ghi nơi xảy ra (thôn/bản, địa danh, cột mốc).",
    "tip.about_missing": "Hãy ghi tin báo về việc gì.",
    "tip.in_future": "Thời điểm nhận tin {at} ở tương lai.",
    "tip.bad_people": "Số người không hợp lệ: {people}",
    "tip.handed_before_received": "Thời điểm chuyển tin trước thời điểm nhận tin.",
    "tip.missing": "Không có tin báo mã {id} trong sổ.",
    "tip.changed_elsewhere": (
        "Tin báo này vừa được sửa ở nơi khác (cửa sổ khác hoặc khi gộp gói dữ liệu) sau khi mở"
        " ra, ở chính ô bạn sửa; chưa lưu. Hãy đóng, mở lại để xem bản mới rồi sửa tiếp."
    ),
    "tip.phone_invalid": (
        "“Điện thoại người báo” không phải số điện thoại Việt Nam (di động 10 chữ số như "
        "0912 345 678, hoặc +84 912 345 678); để trống nếu không có."
    ),
}

# Field names as a clerk reads them, for messages about one field.
FIELD_LABELS: dict[str, str] = {
    "signed_on": "Ngày ký",
    "signer_id": "Người ký",
    "reason": "Lý do",
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
    "head_name": "Trưởng thôn/bản",
    "hamlet": "Thôn/bản",
    "relationship": "Quan hệ",
    "ethnicity": "Dân tộc",
    "residence": "Cư trú",
    "occupation": "Nghề nghiệp",
    "country": "Nước",
    "since": "Đi từ",
    "departure": "Xuất cảnh",
    "contact": "Liên lạc",
    "plans_to_return": "Dự định trở về",
    "household": "Hộ",
    "position": "Thứ tự",
    # The other columns of the synced tables, as a conflict between two PCs names them.
    "commune_code": "Xã",
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh",
    "clerk_name": "Cán bộ phụ trách sổ",
    "border_post": "Đồn Biên phòng",
    "border_officer": "Cán bộ Biên phòng",
    "kind": "Loại",
    "is_border": "Biên giới",
    "household_id": "Hộ",
    "person_id": "Người",
    "template_id": "Mẫu cam kết",
    "version": "Phiên bản",
    "title": "Tên",
    "source": "Nội dung mẫu",
    "based_on": "Dựa trên mẫu",
    "template_version": "Phiên bản mẫu",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "target_percent": "Chỉ tiêu (%)",
    "campaign_id": "Đợt cam kết",
    "status": "Trạng thái",
    "printed_at": "In lúc",
    "witnesses": "Người chứng kiến",
    "pledge_id": "Bản cam kết",
    "mime": "Loại tệp",
    "sha256": "Mã SHA-256",
    "size": "Dung lượng",
    "bytes": "Tệp",
    "file_name": "Tên tệp",
    "id": "Mã dòng",
    "guest_name": "Họ tên khách",
    "guest_birth_year": "Năm sinh của khách",
    "guest_id_number": "CCCD hoặc hộ chiếu",
    "guest_nationality": "Quốc tịch",
    "until": "Đến ngày",
    "ended_on": "Kết thúc ngày",
    "place": "Nơi",
    "gate": "Cửa khẩu",
    "via_trail": "Không qua cửa khẩu",
    "handed_over_on": "Bàn giao Biên phòng ngày",
    "reported_on": "Khai báo lưu trú ngày",
    "border_belt": "Vào vành đai biên giới",
    "border_permit": "Giấy phép",
    "received_at": "Thời điểm nhận tin",
    "informant_name": "Người báo tin",
    "informant_phone": "Điện thoại người báo",
    "people_count": "Số người",
    "description": "Mô tả",
    "about": "Nội dung",
    "handed_to": "Chuyển cho",
    "handed_at": "Thời điểm chuyển",
    "outcome": "Kết quả xử lý",
    "tip_id": "Tin báo",
    "deleted": "Đã xoá",
    # A row's version and sync: no screen shows them (services.unsendable names them).
    "created_at": "Thời điểm tạo dòng",
    "updated_at": "Thời điểm sửa dòng",
    "updated_by": "Máy sửa dòng",
    "rev": "Số lần sửa dòng",
    "vv": "Phiên bản đồng bộ",
    "private_vv": "Phiên bản đồng bộ của người báo tin",
}

ISSUE_MESSAGES: dict[str, str] = {
    "pledge.no_date": "chưa ghi ngày",
    "pledge.date_in_future": "{date} ở tương lai",
    "pledge.date_before_campaign": (
        "{date} trước ngày bắt đầu đợt cam kết ({starts}); sửa ngày ký ở trang Cam kết, hoặc"
        " ngày bắt đầu đợt (Đợt cam kết… › Sửa ngày, chỉ tiêu…; camket campaign edit)"
    ),
    "pledge.date_after_campaign": (
        "{date} sau ngày kết thúc đợt cam kết ({ends}); vẫn được tính. Nếu đợt kéo dài, hãy"
        " sửa ngày kết thúc đợt (Đợt cam kết… › Sửa ngày, chỉ tiêu…; camket campaign edit)"
    ),
    "pledge.no_signer": "bản cam kết đã ký nhưng chưa ghi người ký",
    "pledge.no_reason": "chưa ghi lý do từ chối hoặc vắng mặt",
    "pledge.signer_elsewhere": "người ký không còn là thành viên của hộ",
    "required.missing": "chưa nhập",
    "name.single_word": "chỉ có một từ; kiểm tra lại họ và tên",
    "name.has_digits": "không được chứa chữ số",
    "name.legacy_font": "có vẻ gõ bằng phông cũ {font} nên sai dấu; có lẽ là “{meant}”: hãy gõ lại",
    "gender.invalid": "không hợp lệ",
    "birth.unparseable": "không đọc được; nhập dd/mm/yyyy, mm/yyyy hoặc năm sinh yyyy",
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
    "value.unreadable_kept": (
        "sổ đang ghi “{value}”, CamKet không đọc được; nhập giá trị đúng, hoặc để trống thì"
        " khi lưu vẫn giữ nguyên như đang ghi"
    ),
    "value.unreadable_choose": "sổ đang ghi “{value}”, CamKet không đọc được; hãy chọn lại",
    "phone.read_as": "số Excel làm mất số 0 ở đầu; đọc là {kept}",
    "phone.others_to_notes": (
        "có nhiều số: giữ {kept} làm số điện thoại, ghi {others} vào Ghi chú (“SĐT khác”)"
    ),
    "id_number.read_as": "số Excel định dạng (mất số 0 ở đầu hay thêm “.0”); đọc là {kept}",
    "household.code_invalid": "chỉ gồm chữ, số, dấu - hoặc /, tối đa {max_length} ký tự",
    "household.code_taken": "đã có hộ khác dùng mã này",
    "household.no_members": "hộ phải có ít nhất một người",
    "household.head_missing": "chưa chọn chủ hộ trong số nhân khẩu",
    "household.half_deleted": (
        "bị xoá dở: một máy xoá hộ trong khi máy khác vẫn thêm hay sửa người trong hộ; xem ở"
        " Trao đổi dữ liệu → Xung đột (camket conflicts) để khôi phục hay xoá hẳn"
    ),
    "commune.doubled": (
        "{hamlets} có hai lần, từ hai sổ của xã được lập riêng (hai thôn cùng tên chưa từng"
        " qua cùng một sổ): các hộ và người của xã có thể bị đếm hai lần. Cách sửa: xã thống"
        " nhất dùng một sổ (dựng lại máy kia từ tệp .camket của sổ giữ lại); ở sổ này, nhận tệp"
        " xuất toàn bộ mới nhất của sổ giữ lại rồi chạy camket commune forget --db SỔ {code}"
        " --keep TỆP.camket (tệp đó): dữ liệu của sổ kia bị xoá, của sổ giữ lại còn nguyên"
    ),
    "id_number.duplicate": "trùng với {name} (hộ {household_code})",
    "person.possible_duplicate": (
        "trùng họ tên và năm sinh với {name}, sinh {birth_year} (hộ {household_code})"
    ),
    "since.unparseable": "không đọc được; nhập năm, tháng/năm hoặc ngày/tháng/năm",
    "since.in_future": "ở tương lai",
    "since.too_early": "năm {year} không hợp lý: chỉ nhận từ năm {first} trở đi",
    "text.formula_like": (
        "bắt đầu bằng =, +, - hoặc @ (bảng tính hiểu là công thức); hãy bỏ dấu đó"
    ),
    "text.too_long": "dài {length} ký tự, quá {maximum} ký tự sổ giữ; hãy viết gọn lại",
    "notes.too_long_with_phones": (
        "thêm “{kept}” (số điện thoại thứ hai) thì dài {length} ký tự, quá {maximum} ký tự"
        " sổ giữ; hãy viết gọn lại"
    ),
    "text.too_long_to_send": "dài {length} ký tự, quá {maximum} ký tự tệp trao đổi mang được",
    "file_name.not_plain": (
        '“{name}” không phải tên tệp dùng được trên mọi máy (có dấu : " / \\ * ? < > |,'
        " ký tự điều khiển, dấu chấm hay khoảng trắng ở cuối, hoặc là tên thiết bị)"
    ),
    "text.cut_at_export": (
        "dài {length} ký tự, quá {maximum} ký tự sổ giữ; không màn hình nào mở dòng này, nên"
        " CamKet tự cắt còn {maximum} khi xuất (hoặc ngay: camket check --fix)"
    ),
    "file_name.renamed_at_export": (
        "“{name}” không phải tên tệp dùng được trên mọi máy; CamKet tự đổi thành tên dùng"
        " được khi xuất (hoặc ngay: camket check --fix)"
    ),
    "text.has_nul": "có ký tự rỗng (NUL), không phải chữ",
    "value.unreadable": "“{value}” không phải giá trị sổ đọc được",
    "value.bad_date": "“{value}” không phải ngày có thật trong các năm sổ giữ",
    "row.other_commune": "thuộc xã {commune}, không phải xã nào của sổ này",
    "row.no_parent": "trỏ đến một dòng không còn trong sổ (bị xoá ngoài CamKet)",
    "attachment.size_wrong": "ghi {value} byte nhưng tệp có {length} byte",
    "attachment.too_large_to_send": (
        "tệp nặng {size_mb} MB, quá {limit_mb} MB mà một tệp gửi đi được (máy nhận từ chối cả"
        " tệp gửi)"
    ),
    "row.second_commune": (
        "sổ này là sổ của xã {own} nhưng giữ thêm xã này; máy nhận là sổ xã sẽ từ chối cả tệp"
        " gửi như dữ liệu của xã khác"
    ),
    "import.gender_guessed": "giới tính không ghi; đoán theo tên đệm",
    "import.id_zero_restored": ("Excel lưu ô này thành số nên mất {zeros} số 0 ở đầu; đã thêm lại"),
    "import.formula_without_value": (
        "ô có công thức nhưng chưa có giá trị: mở và lưu lại bằng Excel"
    ),
    "import.cell_error": "ô báo lỗi {error} trong Excel: sửa ô này rồi lưu lại",
    "import.residence_invalid": "“{text}” không rõ; ghi Thường trú hoặc Tạm trú (hoặc để trống)",
    "import.other_commune": (
        "dòng của {commune}, không phải {own} của sổ này; hãy nhập tệp (hay các dòng này)"
        " vào sổ của xã đó"
    ),
    "import.duplicate_id": "trùng số định danh với dòng {first}",
    "import.no_household": "không thuộc hộ nào (thiếu mã hộ hoặc dòng chủ hộ phía trên)",
    "import.two_heads": "hộ đã có chủ hộ ở dòng {head}",
    "import.no_head": (
        "hộ{household} không có dòng nào là chủ hộ; người ở dòng này (quan hệ “{relationship}”)"
        " được ghi là chủ hộ"
    ),
    "import.hamlet_other": (
        "thôn/bản “{name}” khác thôn/bản của hộ (“{household}”, dòng {at}); người này được"
        " ghi vào hộ ở “{household}”"
    ),
    "import.hamlet_missing": "chưa có thôn/bản; thêm cột thôn/bản hoặc chọn thôn/bản mặc định",
    "import.hamlet_new": "thôn/bản “{name}” chưa có trong sổ, sẽ được thêm mới",
    "import.code_invalid": "chỉ gồm chữ, số, dấu - hoặc /, tối đa {max_length} ký tự",
    "import.code_kept": "hộ này đã có trong sổ với mã {code}; giữ mã cũ",
    "import.same_household": "là cùng một hộ trong sổ với hộ ở dòng {row}",
    "import.phone_zero_restored": ("Excel lưu ô này thành số nên mất số 0 ở đầu; đã thêm lại"),
    "import.id_scientific": (
        "Excel đã lưu số này ở dạng số mũ (như 3,10851E+11) nên mất các chữ số cuối, không "
        "khôi phục được: trong Excel, định dạng cột này là Văn bản (Text), gõ lại số rồi lưu lại"
    ),
}

# Why a backup was taken (desktop/store/backups.py REASONS), as `backup list` and the
# restore dialog show it.
BACKUP_REASONS: dict[str, str] = {
    "manual": "sao lưu theo yêu cầu",
    "open": "tự động khi mở sổ",
    "import": "trước khi nhập danh sách",
    "merge": "trước khi gộp dữ liệu",
    "migration": "trước khi nâng cấp sổ",
    "restore": "trước khi khôi phục",
    "encrypt": "trước khi mã hóa",
    "forget": "trước khi xoá dữ liệu một xã",
}


def file_size_text(size: int) -> str:
    """'820 KB', '12,4 MB' (a decimal comma, as Vietnamese writes it; '12.4 MB' in the
    English window)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    text = f"{size / 1_000_000:.1f} MB"
    return text if _language == "en" else text.replace(".", ",")


# What comes of a value a bundle may not carry (services.unsendable, Issue param "then"),
# said after what is wrong with it.
THEN: dict[str, str] = {
    "screen": " (sửa ở màn hình {screen})",
    "export": (
        "; không màn hình nào mở dòng này, nên CamKet tự {done} khi xuất (hoặc ngay: camket"
        " check --fix)"
    ),
    "stuck": (
        "; không màn hình nào mở dòng này và CamKet không tự sửa được an toàn: hãy khôi phục"
        " bản sao lưu từ trước khi ô bị ghi như vậy (camket backup list), hoặc gửi sổ cho"
        " người quản trị CamKet"
    ),
    "damaged": (
        "; CamKet không đọc được ô này nên không màn hình nào sửa được: hãy khôi phục bản sao"
        " lưu từ trước khi ô bị ghi như vậy (camket backup list), hoặc gửi sổ cho người quản"
        " trị CamKet"
    ),
    "export_any": "; CamKet tự {done} khi xuất (hoặc ngay: camket check --fix)",
    "too_large": (
        "; CamKet không thu nhỏ được tệp đã lưu: hãy khôi phục bản sao lưu từ trước khi tệp"
        " được ghi vào sổ (camket backup list), hoặc gửi sổ cho người quản trị CamKet"
    ),
    "upper": "",
    "conflict": (
        "; đây là một bản đang chờ xem xét: hãy chọn bản giữ lại ở màn hình Trao đổi dữ liệu →"
        " Xung đột (camket conflicts)"
    ),
}
# What CamKet does to it at the export (services.unsendable.Fix), for "export".
DONE: dict[str, str] = {
    "code": "rút mã còn {maximum} ký tự, khác mọi mã hộ khác của xã,",
    "nul": "bỏ ký tự rỗng",
    "clear": "xoá trống ô này",
    "default": "đặt lại “{default}”",
    "size": "ghi đúng số byte của tệp",
}
# The screen (place of the side bar) where a row of each synced table is edited.
SCREENS: dict[str, str] = {
    "commune": "Cài đặt",
    "hamlet": "Cài đặt",
    "household": "Hộ gia đình",
    "person": "Hộ gia đình",
    "relative_abroad": "Hộ gia đình",
    "pledge_template": "Cam kết (mẫu cam kết)",
    "campaign": "Cam kết (đợt cam kết)",
    "pledge": "Cam kết",
    "attachment": "Cam kết",
    "movement": "Biến động",
    "tip": "Biến động (tin báo)",
    "tip_person": "Biến động (tin báo)",
}
# Issues that say themselves what comes of them.
_SAID = frozenset({"text.cut_at_export", "file_name.renamed_at_export"})


_language = "vi"  # the `camket` command never changes it
_kind_name: Callable[[MovementKind], str] | None = None


def use_language(language: str, kind_name: Callable[[MovementKind], str] | None = None) -> None:
    """Word messages in ``language`` ("vi" or "en") from now on: the window calls it with
    its interface language and ``kind_name``, how its Biến động page names a movement kind
    ("Temporary absence"), for the kinds an English message names; the `camket` command
    never does, so it speaks Vietnamese ("tạm vắng")."""
    global _language, _kind_name
    _language = language
    _kind_name = kind_name


def _in_english(english_table: dict[str, str], key: str) -> bool:
    return _language == "en" and key in english_table


def field_label(column: str, *, in_english: bool | None = None) -> str:
    """A column's name as a clerk reads it ('Ngày sinh'), in the window's language."""
    if in_english is None:
        in_english = _in_english(english.FIELD_LABELS, column)
    return (english.FIELD_LABELS if in_english else FIELD_LABELS).get(column, column)


def backup_reason(reason: str) -> str:
    """Why a backup was taken ('tự động khi mở sổ'), in the window's language."""
    table = (
        english.BACKUP_REASONS if _in_english(english.BACKUP_REASONS, reason) else BACKUP_REASONS
    )
    return table.get(reason, reason)


def describe_issue(issue: Issue, *, in_english: bool | None = None) -> str:
    """'Số định danh: mã tỉnh 099 không có trong danh mục', in the window's language
    (``in_english`` given: in the language of the message around it)."""
    if in_english is None:
        in_english = _in_english(english.ISSUE_MESSAGES, issue.code)
    label = field_label(issue.field, in_english=in_english)
    return f"{label}: {issue_text(issue, in_english=in_english)}"


def issue_text(issue: Issue, *, in_english: bool | None = None) -> str:
    """The problem alone, without the field's name: 'ngày không có thật'; and what comes of
    it, for a value a bundle may not carry (THEN)."""
    if in_english is None:
        in_english = _in_english(english.ISSUE_MESSAGES, issue.code)
    issues, then_words, done_words, screens = (
        (english.ISSUE_MESSAGES, english.THEN, english.DONE, english.SCREENS)
        if in_english
        else (ISSUE_MESSAGES, THEN, DONE, SCREENS)
    )
    template = issues.get(issue.code, issue.code)
    params = dict(issue.params)
    then = params.get("then")
    if isinstance(then, str) and issue.code not in _SAID:
        done = done_words.get(str(params.get("done", "")), "")
        params["done"] = done.format(**params) if done else ""
        params["screen"] = screens.get(str(params.get("table", "")), "")
        template += then_words.get(then, "")
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


SHOWN_RANGES = 10  # runs of hidden rows named before "…"


def row_ranges(rows: Sequence[int]) -> str:
    """Sheet rows as runs: "3, 5–7, 13"; the first SHOWN_RANGES runs, then "…"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    shown = [f"{a}–{b}" if b > a else str(a) for a, b in runs[:SHOWN_RANGES]]
    return ", ".join(shown + (["…"] if len(runs) > SHOWN_RANGES else []))


def hidden_rows_warning(
    source: str, sheet: str, rows: Sequence[int], *, left_out: bool = False
) -> str:
    """What the import says of the rows hidden or filtered out of its sheet ``sheet``: read
    as every row, or (``left_out``, as the clerk chose) not imported."""
    code = "import.hidden_rows_left_out" if left_out else "import.hidden_rows"
    error = KnownError(code, file=source, sheet=sheet, count=len(rows), rows=row_ranges(rows))
    if left_out:
        text = describe(error)
        return text[:1].upper() + text[1:]
    return _warning(error)


def hidden_columns_warning(source: str, sheet: str, columns: Sequence[tuple[str, str]]) -> str:
    """What the import says of the columns hidden in its sheet that it reads, named by
    letter and header: “C “Số CCCD”, F”."""
    named = ", ".join(f"{letter} “{header}”" if header else letter for letter, header in columns)
    error = KnownError(
        "import.hidden_columns", file=source, sheet=sheet, count=len(columns), columns=named
    )
    return _warning(error)


def hidden_lines(
    source: str,
    sheet: str,
    rows: Sequence[int],
    columns: Sequence[tuple[str, str]],
    *,
    left_out: bool,
) -> list[str]:
    """What the import says of its sheet's hidden rows (read, or ``left_out``) and of the
    hidden columns it reads: nothing when there are none."""
    lines = [hidden_rows_warning(source, sheet, rows, left_out=left_out)] if rows else []
    return lines + ([hidden_columns_warning(source, sheet, columns)] if columns else [])


def _warning(error: KnownError) -> str:
    """'Cảnh báo: …' ('Warning: …' in the English window)."""
    word = "Warning" if _in_english(english.MESSAGES, error.code) else "Cảnh báo"
    return f"{word}: {describe(error)}"


def describe_row_issue(source: str, row_issue: RowIssue) -> str:
    """'ds.xlsx, dòng 5, cột “Ngày sinh”: ngày không có thật' (one line per problem)."""
    text = issue_text(row_issue.issue)
    column = f", cột “{row_issue.column}”" if row_issue.column else ""
    return f"{source}, dòng {row_issue.row}{column}: {text}"


def repair_lines(repairs: Iterable[Repair]) -> list[str]:
    """What CamKet itself repaired before an export, a line a value (a deleted row's text cut,
    an attachment renamed, a date no one can read emptied), after a line saying why: the
    export's notice to the clerk (`camket check --fix` says the same)."""
    kinds = english.ROW_KINDS if _language == "en" else {}
    lines = [f"  {kinds.get(r.entity, r.entity)} {r.label}: {_repaired(r)}" for r in repairs]
    if not lines:
        return []
    return [describe(KnownError("repair.done", count=len(lines))), *lines]


def _repaired(r: Repair) -> str:
    field = r.field or FIELD_LABELS.get(r.column, r.column)
    if r.maximum:
        return describe(KnownError("repair.cut", field=field, length=r.length, maximum=r.maximum))
    old = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in r.old[:60])
    code = {"nul": "repair.nul", "clear": "repair.cleared", "default": "repair.reset"}
    # repair.renamed: a name, a code
    return describe(KnownError(code.get(r.how, "repair.renamed"), field=field, old=old, new=r.new))


def describe(error: KnownError) -> str:
    """One line for a known error in the window's language (a list it carries, one line an
    item)."""
    in_english = _in_english(english.MESSAGES, error.code)
    template = (english.MESSAGES if in_english else MESSAGES).get(error.code)
    if template is None:
        return str(error)
    params = dict(error.params)
    if error.code.startswith("movement."):  # the kinds it names, in the window's language
        from desktop.domain.movements import MovementKind  # loaded: it raised the error

        for key, value in params.items():
            if isinstance(value, MovementKind):
                params[key] = _kind_word(value, in_english=in_english)
    for key, value in params.items():
        if isinstance(value, FileLine):  # "…, dòng 5", "…, row 5"
            params[key] = f"{value.where}, {'row' if in_english else 'dòng'} {value.number}"
    if in_english and isinstance(field := params.get("field"), str):
        params["field"] = _english_label(field)
    count = params.get("count")
    if isinstance(rows := params.get("rows"), tuple):  # (kind, label, Issue) of each row
        kinds = english.ROW_KINDS if in_english else {}
        shown = [
            f"  {kinds.get(kind, kind)} {label}: {describe_issue(issue, in_english=in_english)}"
            for kind, label, issue in rows
        ]
        more = (count if isinstance(count, int) else len(rows)) - len(rows)
        and_more = f"  … and {more} more" if in_english else f"  … và {more} ô nữa"
        params["rows"] = "\n".join(shown + ([and_more] if more > 0 else []))
    if isinstance(dated := params.get("households"), tuple):  # (code, day) of the first few
        on = "on" if in_english else "ngày"
        named = [f"{code} {on} {day}" for code, day in dated]
        more = isinstance(count, int) and count > len(dated)
        params["households"] = ", ".join(named + (["…"] if more else []))
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return f"{template} ({error})"


def _english_label(label: str) -> str:
    """A field's Vietnamese name ("Ghi chú", as a bound on its text names it) as the English
    window names it ("Notes"); any other text as it is."""
    column = next((c for c, named in FIELD_LABELS.items() if named == label), None)
    return english.FIELD_LABELS[column] if column else english.BOUND_LABELS.get(label, label)


def _kind_word(kind: MovementKind, *, in_english: bool) -> str:
    """A movement kind inside a sentence: "tạm vắng", or in English as the window names it
    ("temporary absence")."""
    from desktop.domain.movements import KIND_LABELS

    named = _kind_name(kind) if in_english and _kind_name is not None else KIND_LABELS[kind]
    return named.lower()


_LEGACY_NAMES = {"tcvn3": "TCVN3 (.VnTime, ABC)", "vni": "VNI (VNI-Times)"}
_GROUPING_WORDS = {
    "code": "theo mã hộ",
    "head_rows": "theo dòng chủ hộ và các dòng tiếp sau",
    "each_row": "mỗi dòng một hộ",
    "auto": "tự động",
}


def report_hidden_lines(report: ImportReport) -> list[str]:
    """hidden_lines of an import's report."""
    return hidden_lines(
        report.source,
        report.sheet_name,
        report.hidden_rows,
        report.hidden_columns,
        left_out=report.hidden_left_out,
    )


def import_report_lines(report: ImportReport) -> Iterator[str]:
    """The import report as a clerk reads it in the terminal: summary, issues, outcome."""
    yield (
        f"Tệp {report.source} ({report.encoding}): {report.rows} dòng, {report.households} hộ;"
        f" chia hộ {_GROUPING_WORDS[report.grouping]}."
    )
    yield from report_hidden_lines(report)
    if report.hidden_rows and not report.hidden_left_out:
        yield "  Để chỉ nhập các hàng đang hiện: camket import --skip-hidden."
    text = report.text
    if text.legacy_cells:
        yield (
            f"Đã chuyển {text.legacy_cells} ô từ phông {_LEGACY_NAMES[text.legacy]} sang Unicode."
        )
    if text.nfc_cells:
        yield f"Đã chuẩn hoá {text.nfc_cells} ô từ Unicode tổ hợp (NFD) sang dựng sẵn (NFC)."
    yield (
        f"Dòng hợp lệ: {report.accepted}; cảnh báo: {len(report.warnings)};"
        f" lỗi: {len(report.errors)}."
    )
    for row_issue in report.issues:
        word = "Lỗi" if row_issue.is_error else "Cảnh báo"
        yield f"  {word}: {describe_row_issue(report.source, row_issue)}"
    yield (
        f"Mới: {report.new} dòng ({report.new_households} hộ mới); cập nhật: {report.updated};"
        f" không đổi: {report.unchanged}."
    )
    if report.new_hamlets:
        yield "Thôn/bản mới: " + ", ".join(report.new_hamlets) + "."
    if report.cancelled:
        yield "Đã dừng: sổ đăng ký giữ nguyên như trước."
    elif report.applied:
        yield "Đã nhập vào sổ đăng ký."
    elif report.errors:
        yield "Có lỗi: chưa nhập gì vào sổ đăng ký."
    else:
        yield "Chạy thử: chưa ghi gì vào sổ đăng ký."
