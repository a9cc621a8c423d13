<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>CamKet</source>
        <translation>CamKet</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Sao lưu…</translation>
    </message>
    <message>
        <source>Save a copy of the register to a file you choose</source>
        <translation>Lưu một bản sao của sổ vào tệp bạn chọn</translation>
    </message>
    <message>
        <source>Back up to &amp;USB…</source>
        <translation>Sao lưu ra &amp;USB…</translation>
    </message>
    <message>
        <source>Save a copy of the register into a folder (USB)</source>
        <translation>Lưu một bản sao của sổ vào một thư mục (USB)</translation>
    </message>
    <message>
        <source>Res&amp;tore from a backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>Back up the register</source>
        <translation>Sao lưu sổ đăng ký</translation>
    </message>
    <message>
        <source>CamKet registers ({pattern})</source>
        <translation>Sổ đăng ký CamKet ({pattern})</translation>
    </message>
    <message>
        <source>Back up to a folder (USB)</source>
        <translation>Sao lưu ra thư mục (USB)</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Đang sao lưu</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>Sao lưu tự động</translation>
    </message>
    <message>
        <source>Backed up to {path} ({size})</source>
        <translation>Đã sao lưu vào {path} ({size})</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Wait for the running job to end, then restore.</source>
        <translation>Hãy chờ việc đang chạy xong rồi khôi phục.</translation>
    </message>
    <message>
        <source>Checking the backup {name}…</source>
        <translation>Đang kiểm tra bản sao lưu {name}…</translation>
    </message>
    <message>
        <source>Replace the register with the backup {backup}?

Everything entered since that backup is replaced; the current register is kept beside it, and backed up.</source>
        <translation>Thay sổ đăng ký bằng bản sao lưu {backup}?

Mọi thứ nhập sau lần sao lưu đó sẽ bị thay thế; sổ hiện tại được giữ lại bên cạnh và được sao lưu.</translation>
    </message>
    <message>
        <source>Restoring the register from {name}…</source>
        <translation>Đang khôi phục sổ đăng ký từ {name}…</translation>
    </message>
    <message>
        <source>The register was restored from {backup}.</source>
        <translation>Đã khôi phục sổ đăng ký từ {backup}.</translation>
    </message>
    <message>
        <source>The replaced register is kept at {path}.</source>
        <translation>Sổ cũ được giữ lại tại {path}.</translation>
    </message>
</context>
<context>
    <name>BundleLogTable</name>
    <message>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>From installation</source>
        <translation>Từ máy</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Các xã</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <source>Bundles sent and received</source>
        <translation>Tệp đã gửi và nhận</translation>
    </message>
    <message>
        <source>this PC</source>
        <translation>máy này</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Nhận</translation>
    </message>
</context>
<context>
    <name>CampaignEditDialog</name>
    <message>
        <source>Correct campaign</source>
        <translation>Sửa đợt cam kết</translation>
    </message>
    <message>
        <source>Sheets signed before the campaign was set up in CamKet: move its start back to the day the first one was signed.</source>
        <translation>Tờ cam kết ký trước khi đợt được ghi vào CamKet: hãy lùi ngày bắt đầu về ngày hộ đầu tiên ký.</translation>
    </message>
    <message>
        <source>&amp;Starts on:</source>
        <translation>Ngày &amp;bắt đầu:</translation>
    </message>
    <message>
        <source>&amp;Ends on:</source>
        <translation>Ngày &amp;kết thúc:</translation>
    </message>
    <message>
        <source>The share of households that should sign</source>
        <translation>Tỷ lệ số hộ cần ký</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>Chỉ t&amp;iêu:</translation>
    </message>
</context>
<context>
    <name>CampaignPage</name>
    <message>
        <source>The pledge campaign</source>
        <translation>Đợt cam kết</translation>
    </message>
    <message>
        <source>Which campaign do the households&apos; sheets start with? Later campaigns are started on the Cam kết page (Đợt cam kết…).</source>
        <translation>Bản cam kết của các hộ in theo đợt nào trước? Các đợt sau bắt đầu ở mục Cam kết (Đợt cam kết…).</translation>
    </message>
    <message>
        <source>Campaign templates</source>
        <translation>Các mẫu cam kết</translation>
    </message>
    <message>
        <source>{title}
(template {id}, version {version})</source>
        <translation>{title}
(mẫu {id}, phiên bản {version})</translation>
    </message>
    <message>
        <source>&amp;Sample sheet…</source>
        <translation>Xem bản &amp;mẫu…</translation>
    </message>
    <message>
        <source>A blank sheet of the chosen template, to look at</source>
        <translation>Một bản trắng theo mẫu đang chọn, để xem trước</translation>
    </message>
    <message>
        <source>The share of households that should sign</source>
        <translation>Tỷ lệ số hộ cần ký</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>Từ &amp;ngày:</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>Chỉ t&amp;iêu:</translation>
    </message>
    <message>
        <source>Sample sheet</source>
        <translation>Bản mẫu</translation>
    </message>
</context>
<context>
    <name>CampaignsDialog</name>
    <message>
        <source>The day the drive began: earlier than today when households already signed sheets on paper (a signing day before it is refused)</source>
        <translation>Ngày bắt đầu đợt: trước hôm nay nếu các hộ đã ký trên giấy từ trước (ngày ký trước ngày này sẽ bị từ chối)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Đợt cam kết</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Đang thực hiện</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Đợt</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <source>Campaigns of the register</source>
        <translation>Các đợt cam kết của sổ</translation>
    </message>
    <message>
        <source>&amp;Make current</source>
        <translation>Đặt làm đợt đang thực &amp;hiện</translation>
    </message>
    <message>
        <source>Print sheets and count progress for the chosen campaign from now on</source>
        <translation>Từ nay in bản cam kết và tính tiến độ cho đợt đang chọn</translation>
    </message>
    <message>
        <source>Co&amp;rrect dates and target…</source>
        <translation>&amp;Sửa ngày, chỉ tiêu…</translation>
    </message>
    <message>
        <source>The chosen campaign&apos;s start, end and target as the drive really runs (sheets signed before the campaign was set up in CamKet: its start moved back)</source>
        <translation>Ngày bắt đầu, kết thúc và chỉ tiêu của đợt đang chọn theo thực tế (tờ cam kết ký trước khi đợt được ghi vào CamKet: lùi ngày bắt đầu)</translation>
    </message>
    <message>
        <source>The template&apos;s title when left empty</source>
        <translation>Để trống thì lấy tên của mẫu</translation>
    </message>
    <message>
        <source>The share of households that should sign</source>
        <translation>Tỷ lệ số hộ cần ký</translation>
    </message>
    <message>
        <source>Make it the &amp;current campaign</source>
        <translation>&amp;Chọn làm đợt đang thực hiện</translation>
    </message>
    <message>
        <source>&amp;Start campaign</source>
        <translation>&amp;Bắt đầu đợt</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tên đợt:</translation>
    </message>
    <message>
        <source>T&amp;emplate:</source>
        <translation>&amp;Mẫu:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>Từ &amp;ngày:</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>Chỉ t&amp;iêu:</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Đợt cam kết mới</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>(not kept)</source>
        <translation>(sổ không còn giữ)</translation>
    </message>
    <message>
        <source>{title} (version {version})</source>
        <translation>{title} (phiên bản {version})</translation>
    </message>
    <message>
        <source>{signed} of {households} ({percent} %)</source>
        <translation>{signed} / {households} hộ ({percent} %)</translation>
    </message>
    <message>
        <source>Campaign “{title}” started.</source>
        <translation>Đã bắt đầu đợt “{title}”.</translation>
    </message>
    <message>
        <source>“{title}” is now the current campaign.</source>
        <translation>“{title}” nay là đợt đang thực hiện.</translation>
    </message>
    <message>
        <source>Campaign “{title}” corrected.</source>
        <translation>Đã sửa đợt “{title}”.</translation>
    </message>
</context>
<context>
    <name>ChangeCommuneDialog</name>
    <message>
        <source>Change the commune</source>
        <translation>Đổi xã</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>The new passphrase opens {name} on this computer instead of the old one. The recovery key in the commune&apos;s safe still opens the register and its backups; nothing of them is rewritten.</source>
        <translation>Từ nay mật khẩu mới mở sổ {name} trên máy này, mật khẩu cũ thì không. Mã khôi phục cất trong tủ của xã vẫn mở được sổ và các bản sao lưu; sổ và bản sao lưu không bị ghi lại.</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>ít nhất 8 ký tự</translation>
    </message>
    <message>
        <source>&amp;Passphrase now, or the recovery key:</source>
        <translation>Mật khẩu &amp;hiện tại, hoặc mã khôi phục:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Đổi</translation>
    </message>
    <message>
        <source>Changing the passphrase of {name}…</source>
        <translation>Đang đổi mật khẩu của sổ {name}…</translation>
    </message>
</context>
<context>
    <name>CheckInBox</name>
    <message>
        <source>Scan the QR code or type a household code, then Enter</source>
        <translation>Quét mã QR hoặc gõ mã hộ, rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Check in a returned sheet</source>
        <translation>Nhận lại bản cam kết đã ký</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <source>Province and commune</source>
        <translation>Tỉnh và xã</translation>
    </message>
    <message>
        <source>Type a few letters to filter the official list (Decision 19/2025/QĐ-TTg); marks are optional: “son la” finds Sơn La.</source>
        <translation>Gõ vài chữ để lọc danh mục chính thức (Quyết định 19/2025/QĐ-TTg); không cần gõ dấu: “son la” sẽ tìm ra Sơn La.</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <source>&amp;Province:</source>
        <translation>Tỉn&amp;h, thành phố:</translation>
    </message>
    <message>
        <source>e.g. lai chau</source>
        <translation>ví dụ: lai chau</translation>
    </message>
    <message>
        <source>Co&amp;mmune:</source>
        <translation>&amp;Xã, phường, đặc khu:</translation>
    </message>
    <message>
        <source>e.g. sin ho</source>
        <translation>ví dụ: sin ho</translation>
    </message>
    <message>
        <source>No province or city is called “{typed}”.</source>
        <translation>Không có tỉnh, thành phố nào tên “{typed}”.</translation>
    </message>
    <message>
        <source>{former} is part of {province} since 1 July 2025.</source>
        <translation>{former} nay thuộc {province} (sáp nhập từ 01/07/2025).</translation>
    </message>
    <message>
        <source>Choose the province first (on the left).</source>
        <translation>Chọn tỉnh, thành phố trước (ở cột bên trái).</translation>
    </message>
    <message>
        <source>No commune of {province} is called “{typed}”. Many communes were merged and renamed on 1 July 2025: type part of the new name, or clear the box to see all {count}.</source>
        <translation>{province} không có xã, phường nào tên “{typed}”. Từ 01/07/2025 nhiều xã đã sáp nhập, đổi tên: gõ vài chữ của tên mới, hoặc xoá ô này để xem cả {count} đơn vị.</translation>
    </message>
</context>
<context>
    <name>CommunesView</name>
    <message>
        <source>Find a person or household in every commune (Enter)…</source>
        <translation>Tìm người hoặc hộ trong mọi xã (Enter)…</translation>
    </message>
    <message>
        <source>Search every commune</source>
        <translation>Tìm trong mọi xã</translation>
    </message>
    <message>
        <source>Remove a commune&apos;s data…</source>
        <translation>Xoá dữ liệu của xã…</translation>
    </message>
    <message>
        <source>When the commune set up a new register apart from the one merged here (its old PC is no longer used): remove the old data first, then merge the new bundle</source>
        <translation>Khi xã đã lập sổ mới, riêng với sổ đã gộp vào đây (máy cũ không còn dùng): xoá dữ liệu cũ trước, rồi gộp tệp mới</translation>
    </message>
    <message>
        <source>No commune&apos;s bundle merged yet: on Send and receive, click “Choose files to merge…” and pick the .camket files the communes sent.</source>
        <translation>Chưa gộp tệp của xã nào: ở thẻ Gửi và nhận, bấm “Chọn tệp để gộp…” rồi chọn các tệp .camket các xã gửi lên.</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Các xã</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Last bundle received</source>
        <translation>Tệp nhận gần nhất</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>Signed, per campaign</source>
        <translation>Đã ký, theo từng đợt</translation>
    </message>
    <message>
        <source>Counting the communes</source>
        <translation>Đang đếm số liệu các xã</translation>
    </message>
    <message>
        <source>{commune} ({code}) looks merged twice, from two of its registers set up apart (hamlets held twice: {hamlets}): its households and the share signed are counted twice. camket check says how to fix it.</source>
        <translation>{commune} ({code}) có vẻ đã được gộp hai lần, từ hai sổ của xã được lập riêng (thôn có hai lần: {hamlets}): số hộ và tỉ lệ đã ký của xã bị đếm hai lần. Lệnh camket check chỉ cách sửa.</translation>
    </message>
    <message>
        <source>{communes} communes, {households} households</source>
        <translation>{communes} xã, {households} hộ</translation>
    </message>
    <message>
        <source>{campaign}: {percent} % ({signed}/{households})</source>
        <translation>{campaign}: {percent} % ({signed}/{households} hộ)</translation>
    </message>
    <message>
        <source>no pledges yet</source>
        <translation>chưa có bản cam kết</translation>
    </message>
    <message>
        <source>Remove a commune&apos;s data</source>
        <translation>Xoá dữ liệu của xã</translation>
    </message>
    <message>
        <source>Remove every hamlet, household and person of {commune} ({code}): {households} households, {people} people, from this register?

Do this when the commune set up a new register apart from the one merged here (its old PC is no longer used), then merge the new register&apos;s bundle. A backup copy is taken first. The removal travels with this register&apos;s next bundle: a register it is merged into removes them too.</source>
        <translation>Xoá mọi thôn, hộ và người của {commune} ({code}): {households} hộ, {people} người, khỏi sổ này?

Chỉ làm khi xã đã lập sổ mới, riêng với sổ đã gộp vào đây (máy cũ không còn dùng), rồi gộp tệp của sổ mới. Sổ được sao lưu trước khi xoá. Việc xoá đi theo tệp xuất tiếp theo của sổ này: sổ nào gộp tệp đó cũng xoá các dòng này.</translation>
    </message>
    <message>
        <source>Removing the data of {commune}</source>
        <translation>Đang xoá dữ liệu của {commune}</translation>
    </message>
    <message>
        <source>Removed the data of {commune}: {households} households</source>
        <translation>Đã xoá dữ liệu của {commune}: {households} hộ</translation>
    </message>
</context>
<context>
    <name>ConflictNotice</name>
    <message>
        <source>Review the conflict…</source>
        <translation>Xem xung đột…</translation>
    </message>
    <message>
        <source>Another PC changed this household too: {count} version(s) wait for review in Data exchange. Saving here does not settle them.</source>
        <translation>Một máy khác cũng đã sửa hộ này: {count} phiên bản đang chờ xem xét ở Trao đổi dữ liệu. Lưu ở đây không giải quyết được việc đó.</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Conflicts to review</source>
        <translation>Xung đột cần xem xét</translation>
    </message>
    <message>
        <source>Fields that differ</source>
        <translation>Các trường khác nhau</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Current version (shown now)</source>
        <translation>Bản đang dùng (đang hiển thị)</translation>
    </message>
    <message>
        <source>Other version</source>
        <translation>Bản kia</translation>
    </message>
    <message>
        <source>Keep current</source>
        <translation>Giữ bản đang dùng</translation>
    </message>
    <message>
        <source>Keep other</source>
        <translation>Giữ bản kia</translation>
    </message>
    <message>
        <source>Combine the chosen fields</source>
        <translation>Kết hợp các trường đã chọn</translation>
    </message>
    <message>
        <source>Household codes given twice</source>
        <translation>Mã hộ bị trùng</translation>
    </message>
    <message>
        <source>Open the household to rename it</source>
        <translation>Mở hộ để đổi mã</translation>
    </message>
    <message>
        <source>Open the household</source>
        <translation>Mở hộ</translation>
    </message>
    <message>
        <source>Conflicts (two PCs changed the same row):</source>
        <translation>Xung đột (hai máy cùng sửa một dòng):</translation>
    </message>
    <message>
        <source>Household codes given twice:</source>
        <translation>Mã hộ bị trùng:</translation>
    </message>
    <message>
        <source>{code} ({number} of {count}), {commune}</source>
        <translation>{code} (hộ {number}/{count}), {commune}</translation>
    </message>
    <message>
        <source>No conflict is waiting.</source>
        <translation>Không có xung đột nào đang chờ.</translation>
    </message>
    <message>
        <source>{what} {label}: changed on two PCs since they last met. Every PC shows the current version; choose, field by field, what to keep.</source>
        <translation>{what} {label}: đã được sửa trên hai máy kể từ lần trao đổi trước. Mọi máy đều hiển thị bản đang dùng; hãy chọn giữ gì cho từng trường.</translation>
    </message>
    <message>
        <source>Settling a conflict</source>
        <translation>Đang giải quyết xung đột</translation>
    </message>
    <message>
        <source>Conflict settled.</source>
        <translation>Đã giải quyết xung đột.</translation>
    </message>
    <message>
        <source>Households deleted on one PC while another PC still worked on them:</source>
        <translation>Hộ bị xoá trên một máy trong khi máy khác vẫn làm việc với hộ:</translation>
    </message>
    <message>
        <source>Half-deleted households</source>
        <translation>Hộ bị xoá dở</translation>
    </message>
    <message>
        <source>{code} ({commune}) deleted, still in it: {names}</source>
        <translation>{code} ({commune}) đã xoá, vẫn còn: {names}</translation>
    </message>
    <message>
        <source>{code} ({commune}): every member was deleted</source>
        <translation>{code} ({commune}): mọi người trong hộ đã bị xoá</translation>
    </message>
    <message>
        <source>Household {code} was deleted on one PC, while another PC added or changed {names} in it. Restore the household with the {count} people deleted with it, or delete them all.</source>
        <translation>Hộ {code} đã bị xoá trên một máy, trong khi máy khác thêm hay sửa {names} trong hộ. Khôi phục hộ cùng {count} người bị xoá theo hộ, hoặc xoá hẳn tất cả.</translation>
    </message>
    <message>
        <source>Restore the household</source>
        <translation>Khôi phục hộ</translation>
    </message>
    <message>
        <source>Delete them too</source>
        <translation>Xoá hẳn tất cả</translation>
    </message>
    <message>
        <source>Household {code} was kept, but the {count} people in it were deleted with it on another PC. Restore those people, or delete the household.</source>
        <translation>Hộ {code} vẫn còn, nhưng {count} người trong hộ đã bị xoá cùng hộ trên một máy khác. Khôi phục những người đó, hoặc xoá hẳn hộ.</translation>
    </message>
    <message>
        <source>Restore the people</source>
        <translation>Khôi phục những người đó</translation>
    </message>
    <message>
        <source>Delete the household</source>
        <translation>Xoá hẳn hộ</translation>
    </message>
    <message>
        <source>The commune answers this on its own PC and sends it again.</source>
        <translation>Xã xử lý việc này trên máy của xã rồi gửi tệp lên lại.</translation>
    </message>
    <message>
        <source>Household {code} restored.</source>
        <translation>Đã khôi phục hộ {code}.</translation>
    </message>
    <message>
        <source>Household {code} deleted.</source>
        <translation>Đã xoá hẳn hộ {code}.</translation>
    </message>
    <message>
        <source>Settling a half-deleted household</source>
        <translation>Đang xử lý hộ bị xoá dở</translation>
    </message>
</context>
<context>
    <name>DamagedStart</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Restore it from one of its backups now?</source>
        <translation>Khôi phục sổ từ một bản sao lưu của sổ ngay bây giờ?</translation>
    </message>
    <message>
        <source>It has no backup on this PC. Restore it from a backup file (a USB stick)?</source>
        <translation>Máy này chưa có bản sao lưu nào của sổ. Khôi phục từ một tệp sao lưu (trên USB)?</translation>
    </message>
    <message>
        <source>Checking the backup {name}…</source>
        <translation>Đang kiểm tra bản sao lưu {name}…</translation>
    </message>
    <message>
        <source>Restoring the register from {name}…</source>
        <translation>Đang khôi phục sổ đăng ký từ {name}…</translation>
    </message>
    <message>
        <source>The register was restored from {backup}.</source>
        <translation>Đã khôi phục sổ đăng ký từ {backup}.</translation>
    </message>
    <message>
        <source>The damaged register is kept at {path}.</source>
        <translation>Sổ bị hỏng được giữ lại ở {path}.</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Waiting to save…</source>
        <translation>Đang chờ lưu…</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>lưu</translation>
    </message>
</context>
<context>
    <name>EmptyList</name>
    <message>
        <source>Add a household (Ctrl+N)</source>
        <translation>Thêm hộ (Ctrl+N)</translation>
    </message>
    <message>
        <source>Import a list (Ctrl+I)</source>
        <translation>Nhập danh sách (Ctrl+I)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Xoá tìm kiếm</translation>
    </message>
    <message>
        <source>Data exchange (Ctrl+5)</source>
        <translation>Trao đổi dữ liệu (Ctrl+5)</translation>
    </message>
    <message>
        <source>The register has no household.</source>
        <translation>Sổ chưa có hộ nào.</translation>
    </message>
    <message>
        <source>No commune&apos;s households here yet: merge the bundles the communes send, on Data exchange (Ctrl+5).</source>
        <translation>Sổ chưa có hộ nào của các xã: gộp các tệp các xã gửi lên ở mục Trao đổi dữ liệu (Ctrl+5).</translation>
    </message>
    <message>
        <source>The register has no household yet. Add the first one, or import a list.</source>
        <translation>Sổ chưa có hộ nào. Hãy thêm hộ đầu tiên, hoặc nhập danh sách hộ.</translation>
    </message>
    <message>
        <source>No household matches “{query}”.</source>
        <translation>Không có hộ nào khớp với “{query}”.</translation>
    </message>
    <message>
        <source>This hamlet has no household yet.</source>
        <translation>Thôn/bản này chưa có hộ nào.</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <source>Encrypt the register</source>
        <translation>Mã hóa sổ</translation>
    </message>
    <message>
        <source>{name} will be encrypted: nothing of the file can be read without this passphrase or the recovery key shown next, once. A backup is taken first; its backups are encrypted alike. The window opens the register again when it is done.</source>
        <translation>Sổ {name} sẽ được mã hóa: không đọc được gì trong tệp nếu không có mật khẩu này hoặc mã khôi phục (hiện ngay sau đây, một lần duy nhất). Sổ được sao lưu trước; các bản sao lưu của sổ cũng được mã hóa. Xong việc, cửa sổ mở lại sổ.</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>ít nhất 8 ký tự</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>Mã hóa</translation>
    </message>
</context>
<context>
    <name>EncryptionActions</name>
    <message>
        <source>&amp;Encrypt the register…</source>
        <translation>Mã &amp;hóa sổ…</translation>
    </message>
    <message>
        <source>Nothing of the file readable without the passphrase or the recovery key</source>
        <translation>Không ai đọc được tệp sổ nếu không có mật khẩu hoặc mã khôi phục</translation>
    </message>
    <message>
        <source>Change the &amp;passphrase…</source>
        <translation>Đổ&amp;i mật khẩu…</translation>
    </message>
    <message>
        <source>The passphrase that opens this register on this computer</source>
        <translation>Mật khẩu mở sổ này trên máy này</translation>
    </message>
    <message>
        <source>Encrypt the register</source>
        <translation>Mã hóa sổ</translation>
    </message>
    <message>
        <source>Wait for the running job to end, then encrypt the register.</source>
        <translation>Hãy chờ việc đang chạy xong rồi mã hóa sổ.</translation>
    </message>
    <message>
        <source>Encrypting {name}: a backup first, then the encrypted copy…</source>
        <translation>Đang mã hóa {name}: sao lưu trước, rồi làm bản mã hóa…</translation>
    </message>
    <message>
        <source>Passphrase changed: the old one no longer opens the register on this computer; the recovery key and the backups are as they were.</source>
        <translation>Đã đổi mật khẩu: mật khẩu cũ không mở được sổ trên máy này nữa; mã khôi phục và các bản sao lưu vẫn như cũ.</translation>
    </message>
</context>
<context>
    <name>EncryptionChoice</name>
    <message>
        <source>&amp;Encrypt the register (recommended)</source>
        <translation>Mã hóa &amp;sổ đăng ký (khuyến nghị)</translation>
    </message>
    <message>
        <source>ID numbers, relatives abroad and tips are personal data: encrypted, the file cannot be read without the passphrase or the recovery key.</source>
        <translation>Số định danh, thân nhân ở nước ngoài và tin báo là dữ liệu cá nhân: khi được mã hóa, không ai đọc được tệp nếu không có mật khẩu hoặc mã khôi phục.</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>ít nhất 8 ký tự</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
        <source>A recovery key is shown once after the register is made: print it or write it down for the commune&apos;s safe.</source>
        <translation>Mã khôi phục chỉ hiện một lần sau khi tạo sổ: hãy in ra hoặc chép lại để cất vào tủ của xã.</translation>
    </message>
</context>
<context>
    <name>EndMovementDialog</name>
    <message>
        <source>End a movement</source>
        <translation>Ghi kết thúc biến động</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>Kết thúc ngày</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Relative abroad</source>
        <translation>Thân nhân ở nước ngoài</translation>
    </message>
    <message>
        <source>Pledge template</source>
        <translation>Mẫu cam kết</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Đợt cam kết</translation>
    </message>
    <message>
        <source>Pledge</source>
        <translation>Bản cam kết</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Biến động</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Tin báo</translation>
    </message>
    <message>
        <source>Person in a tip</source>
        <translation>Người trong tin báo</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Đã xoá</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>{new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts</source>
        <translation>{new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} xung đột</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>Không nhận: {reason}</translation>
    </message>
    <message>
        <source>Stopped: nothing was merged from it</source>
        <translation>Đã dừng: không nhận gì từ tệp này</translation>
    </message>
    <message>
        <source>Wrote the changes ({rows} rows) to {path}</source>
        <translation>Đã ghi các thay đổi ({rows} dòng) vào {path}</translation>
    </message>
    <message>
        <source>Wrote the whole register ({rows} rows) to {path}</source>
        <translation>Đã ghi toàn bộ sổ ({rows} dòng) vào {path}</translation>
    </message>
    <message>
        <source>, encrypted for the receiver</source>
        <translation>, đã mã hoá cho nơi nhận</translation>
    </message>
    <message>
        <source>. This is sample data (made up): only a sample register or an upper-level one takes the file, a real commune register refuses it.</source>
        <translation>. Đây là dữ liệu mẫu (bịa ra để dùng thử): chỉ sổ dữ liệu mẫu hoặc sổ cấp trên nhận tệp này, sổ thật của xã sẽ từ chối.</translation>
    </message>
    <message>
        <source>. It was sample data (made up): this register is now marked as holding sample data (to undo, restore the backup made before the merge).</source>
        <translation>. Đó là dữ liệu mẫu (bịa ra để dùng thử): từ nay sổ này được đánh dấu là có dữ liệu mẫu (muốn bỏ, hãy khôi phục bản sao lưu làm trước khi trộn).</translation>
    </message>
    <message>
        <source>. Hamlets of this register with no household that the file brought again (typed twice when this PC was set up) were removed, the file&apos;s kept: {names}.</source>
        <translation>. Các thôn của sổ này chưa có hộ mà tệp cũng có (gõ lại khi cài máy này) đã được bỏ, giữ thôn của tệp: {names}.</translation>
    </message>
    <message>
        <source>changes, {rows} rows</source>
        <translation>các thay đổi, {rows} dòng</translation>
    </message>
    <message>
        <source>whole register, {rows} rows</source>
        <translation>toàn bộ sổ, {rows} dòng</translation>
    </message>
    <message>
        <source>, encrypted</source>
        <translation>, đã mã hoá</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Communes</source>
        <translation>Các xã</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>Gửi và nhận</translation>
    </message>
    <message>
        <source>Bundles sent and received</source>
        <translation>Tệp đã gửi và nhận</translation>
    </message>
    <message>
        <source>Registers meet through .camket files carried on a USB stick: send this register to the commune&apos;s other PC or the upper level, merge what they send.</source>
        <translation>Các sổ trao đổi qua tệp .camket mang bằng USB: gửi sổ này cho máy khác của xã hoặc cho cấp trên, nhận và gộp tệp họ gửi đến.</translation>
    </message>
    <message>
        <source>Import a list… (Ctrl+I)</source>
        <translation>Nhập danh sách… (Ctrl+I)</translation>
    </message>
    <message>
        <source>Export a spreadsheet…</source>
        <translation>Xuất bảng tính…</translation>
    </message>
    <message>
        <source>A CSV or Excel file for offices that take only spreadsheets</source>
        <translation>Tệp CSV hoặc Excel cho nơi chỉ nhận bảng tính</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>Xung đột ({count})</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;New register…</source>
        <translation>Sổ đă&amp;ng ký mới…</translation>
    </message>
    <message>
        <source>&amp;Open register…</source>
        <translation>&amp;Mở sổ đăng ký…</translation>
    </message>
    <message>
        <source>&amp;Recent registers</source>
        <translation>Sổ đăng ký mở &amp;gần đây</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>New register</source>
        <translation>Sổ đăng ký mới</translation>
    </message>
    <message>
        <source>CamKet registers (*.sqlite3)</source>
        <translation>Sổ đăng ký CamKet (*.sqlite3)</translation>
    </message>
    <message>
        <source>{path} exists already. A new register never replaces a file: choose another name, or open it with Open register…</source>
        <translation>Đã có tệp {path}. Sổ đăng ký mới không bao giờ ghi đè một tệp: hãy chọn tên khác, hoặc mở tệp đó bằng Mở sổ đăng ký…</translation>
    </message>
    <message>
        <source>Open register</source>
        <translation>Mở sổ đăng ký</translation>
    </message>
    <message>
        <source>CamKet registers (*.sqlite3 *.db);;All files (*)</source>
        <translation>Sổ đăng ký CamKet (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>{path} is a register never set up (an empty file, or a set-up cut short). Set it up now: the commune, its hamlets, the first campaign?</source>
        <translation>{path} là sổ đăng ký chưa được lập (tệp rỗng, hoặc lần lập sổ bị ngắt giữa chừng). Lập sổ ngay bây giờ: chọn xã, nhập các thôn/bản, đợt cam kết đầu tiên?</translation>
    </message>
    <message>
        <source>Recent registers</source>
        <translation>Sổ đăng ký mở gần đây</translation>
    </message>
    <message>
        <source>The folder {folder} of {name} is not there. If the register is on a USB stick or another disk, plug it in and choose it again.</source>
        <translation>Không thấy thư mục {folder} chứa sổ {name}. Nếu sổ nằm trên USB hay ổ đĩa khác, hãy cắm vào rồi chọn lại.</translation>
    </message>
    <message>
        <source>{name} is no longer in {folder}: it was moved, renamed or deleted, and is taken off the recent registers. Find it where it is now (Open register…)?</source>
        <translation>Sổ {name} không còn ở {folder}: đã bị chuyển đi, đổi tên hoặc xóa, nên được bỏ khỏi danh sách sổ mở gần đây. Tìm sổ ở nơi mới (Mở sổ đăng ký…)?</translation>
    </message>
    <message>
        <source>Opening {name}: checking it and bringing it up to date…</source>
        <translation>Đang mở {name}: kiểm tra và cập nhật sổ…</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Unsaved input</source>
        <translation>Chưa lưu</translation>
    </message>
    <message>
        <source>What was typed here is not saved. Close and drop it?</source>
        <translation>Những gì đã ghi ở đây chưa được lưu. Đóng và bỏ đi?</translation>
    </message>
</context>
<context>
    <name>HamletEditor</name>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Head of hamlet</source>
        <translation>Trưởng thôn/bản</translation>
    </message>
    <message>
        <source>Border or island</source>
        <translation>Biên giới, hải đảo</translation>
    </message>
    <message>
        <source>Hamlets of the commune</source>
        <translation>Các thôn/bản của xã</translation>
    </message>
    <message>
        <source>e.g. Bản Nậm Tăm, Thôn 3</source>
        <translation>ví dụ: Bản Nậm Tăm, Thôn 3</translation>
    </message>
    <message>
        <source>full name, may stay empty</source>
        <translation>họ và tên, có thể để trống</translation>
    </message>
    <message>
        <source>Border or &amp;island hamlet</source>
        <translation>Thôn/bản biên giới hoặc &amp;hải đảo</translation>
    </message>
    <message>
        <source>N&amp;ew hamlet</source>
        <translation>Thôn/bản mớ&amp;i</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Xó&amp;a khỏi danh sách</translation>
    </message>
    <message>
        <source>&amp;Add hamlet</source>
        <translation>Thê&amp;m thôn/bản</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Lư&amp;u thay đổi</translation>
    </message>
    <message>
        <source>Hamlet na&amp;me:</source>
        <translation>Tê&amp;n thôn/bản:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>L&amp;oại:</translation>
    </message>
    <message>
        <source>&amp;Head of hamlet:</source>
        <translation>T&amp;rưởng thôn/bản:</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
</context>
<context>
    <name>HamletKind</name>
    <message>
        <source>thôn (village)</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <source>bản (highland village)</source>
        <translation>Bản</translation>
    </message>
    <message>
        <source>ấp (southern hamlet)</source>
        <translation>Ấp</translation>
    </message>
    <message>
        <source>khu phố (town quarter)</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <source>tổ dân phố (residential group)</source>
        <translation>Tổ dân phố</translation>
    </message>
</context>
<context>
    <name>HamletPage</name>
    <message>
        <source>Hamlets</source>
        <translation>Thôn, bản</translation>
    </message>
    <message>
        <source>Add every thôn, bản, ấp, khu phố or tổ dân phố of {commune}, with its head. Enter adds the hamlet and starts the next one.</source>
        <translation>Nhập từng thôn, bản, ấp, khu phố hoặc tổ dân phố của {commune} cùng trưởng thôn/bản. Nhấn Enter để thêm và nhập tiếp thôn/bản sau.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of household {code}</source>
        <translation>Lịch sử thay đổi của hộ {code}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người sửa</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>No change has been recorded for this household yet.</source>
        <translation>Chưa có thay đổi nào được ghi cho hộ này.</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>máy này</translation>
    </message>
    <message>
        <source>another computer ({id})</source>
        <translation>máy khác ({id})</translation>
    </message>
    <message>
        <source>{name} moved from household {old} to household {new}</source>
        <translation>{name} chuyển từ hộ {old} sang hộ {new}</translation>
    </message>
    <message>
        <source>{name}: cut by CamKet to what a bundle carries, before an export</source>
        <translation>{name}: CamKet tự cắt ô chữ dài quá mức tệp trao đổi mang được, trước khi xuất</translation>
    </message>
    <message>
        <source>{name}: a value CamKet could not read made readable, before an export</source>
        <translation>{name}: CamKet tự sửa một ô sổ không đọc được (để tệp trao đổi mang được), trước khi xuất</translation>
    </message>
    <message>
        <source>Household {name} created</source>
        <translation>Tạo hộ {name}</translation>
    </message>
    <message>
        <source>Household {name} deleted</source>
        <translation>Xoá hộ {name}</translation>
    </message>
    <message>
        <source>Household {name} restored</source>
        <translation>Khôi phục hộ {name}</translation>
    </message>
    <message>
        <source>Household {name}: {changes}</source>
        <translation>Hộ {name}: {changes}</translation>
    </message>
    <message>
        <source>Member {name} added</source>
        <translation>Thêm nhân khẩu {name}</translation>
    </message>
    <message>
        <source>Member {name} removed</source>
        <translation>Bỏ nhân khẩu {name} khỏi hộ</translation>
    </message>
    <message>
        <source>Member {name} restored</source>
        <translation>Khôi phục nhân khẩu {name}</translation>
    </message>
    <message>
        <source>{name}: {changes}</source>
        <translation>{name}: {changes}</translation>
    </message>
    <message>
        <source>Relative abroad {name} added</source>
        <translation>Thêm người thân ở nước ngoài {name}</translation>
    </message>
    <message>
        <source>Relative abroad {name} removed</source>
        <translation>Xoá người thân ở nước ngoài {name}</translation>
    </message>
    <message>
        <source>Relative abroad {name} restored</source>
        <translation>Khôi phục người thân ở nước ngoài {name}</translation>
    </message>
    <message>
        <source>Relative abroad {name}: {changes}</source>
        <translation>Người thân ở nước ngoài {name}: {changes}</translation>
    </message>
    <message>
        <source>(with {members} members, {relatives} relatives abroad)</source>
        <translation>(cùng {members} nhân khẩu, {relatives} người thân ở nước ngoài)</translation>
    </message>
</context>
<context>
    <name>HouseholdDetail</name>
    <message>
        <source>Select a household in the list to see its details.</source>
        <translation>Chọn một hộ trong danh sách để xem chi tiết.</translation>
    </message>
    <message>
        <source>Head of household:</source>
        <translation>Chủ hộ:</translation>
    </message>
    <message>
        <source>Hamlet:</source>
        <translation>Thôn/bản:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <source>Household {code}</source>
        <translation>Hộ {code}</translation>
    </message>
    <message>
        <source>Members ({count}; {gone} dead or moved out, in grey)</source>
        <translation>Nhân khẩu ({count}; {gone} người đã chết hoặc đã chuyển đi, chữ xám)</translation>
    </message>
    <message>
        <source>Members ({count})</source>
        <translation>Nhân khẩu ({count})</translation>
    </message>
    <message>
        <source>Relatives abroad ({count})</source>
        <translation>Người thân ở nước ngoài ({count})</translation>
    </message>
    <message>
        <source>Movements ({count})</source>
        <translation>Biến động ({count})</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>In the table: Tab goes to the next cell, Enter down a row; Ctrl+Tab leaves the table.</source>
        <translation>Trong bảng: Tab sang ô bên cạnh, Enter xuống dòng dưới; Ctrl+Tab để ra khỏi bảng.</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Hộ mới</translation>
    </message>
    <message>
        <source>Edit household {code}</source>
        <translation>Sửa hộ {code}</translation>
    </message>
    <message>
        <source>{errors} error(s), {warnings} warning(s)</source>
        <translation>{errors} lỗi, {warnings} cảnh báo</translation>
    </message>
    <message>
        <source>Members ({count})</source>
        <translation>Nhân khẩu ({count})</translation>
    </message>
    <message>
        <source>Relatives abroad ({count})</source>
        <translation>Người thân ở nước ngoài ({count})</translation>
    </message>
    <message>
        <source>Save the household first: only a saved member can be moved.</source>
        <translation>Hãy lưu hộ trước: chỉ chuyển được nhân khẩu đã lưu.</translation>
    </message>
    <message>
        <source>Recorded in the ledger: {name}, {what} on {day}.</source>
        <translation>Đã ghi vào sổ theo dõi biến động: {name}, {what} ngày {day}.</translation>
    </message>
    <message>
        <source>Not saved: correct the errors marked in red first.</source>
        <translation>Chưa lưu: hãy sửa các lỗi tô đỏ trước.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Chưa lưu</translation>
    </message>
    <message>
        <source>Household {code} saved.</source>
        <translation>Đã lưu hộ {code}.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>The household has unsaved changes. Save them?</source>
        <translation>Hộ này có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>Household code</source>
        <translation>Mã hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Household code:</source>
        <translation>Mã hộ:</translation>
    </message>
    <message>
        <source>Hamlet:</source>
        <translation>Thôn/bản:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Ghi chú:</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>Search by name, personal ID, phone, household code…</source>
        <translation>Tìm theo tên, số định danh, điện thoại, mã hộ…</translation>
    </message>
    <message>
        <source>Find households</source>
        <translation>Tìm hộ gia đình</translation>
    </message>
    <message>
        <source>Ctrl+F comes here; Esc empties the box</source>
        <translation>Ctrl+F để đến đây; Esc để xoá chữ trong ô</translation>
    </message>
    <message>
        <source>Filter by hamlet</source>
        <translation>Lọc theo thôn/bản</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Thêm hộ</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Who changed what in this household, and when</source>
        <translation>Ai đã sửa gì trong hộ này, vào lúc nào</translation>
    </message>
    <message>
        <source>Delete key in the list; Ctrl+Z brings it back</source>
        <translation>Phím Delete trong danh sách; Ctrl+Z để lấy lại</translation>
    </message>
    <message>
        <source>All hamlets</source>
        <translation>Tất cả thôn/bản</translation>
    </message>
    <message>
        <source>{count} households</source>
        <translation>{count} hộ</translation>
    </message>
    <message>
        <source>{count} household</source>
        <translation>{count} hộ</translation>
    </message>
    <message>
        <source>Search failed: {detail}</source>
        <translation>Không tìm được: {detail}</translation>
    </message>
    <message>
        <source>Save the household first: its sheet (Ctrl+P) prints what is saved.</source>
        <translation>Lưu hộ trước (nút Lưu): bản cam kết (Ctrl+P) in theo thông tin đã lưu.</translation>
    </message>
    <message>
        <source>Household {code} deleted. Ctrl+Z brings it back.</source>
        <translation>Đã xoá hộ {code}. Bấm Ctrl+Z để lấy lại.</translation>
    </message>
    <message>
        <source>Household {code} is back.</source>
        <translation>Đã khôi phục hộ {code}.</translation>
    </message>
</context>
<context>
    <name>HouseholdPledgeBox</name>
    <message>
        <source>Print sheet</source>
        <translation>In bản cam kết</translation>
    </message>
    <message>
        <source>This household&apos;s pre-filled pledge sheet (Ctrl+P): a lost or spoiled one</source>
        <translation>In lại bản cam kết của hộ này (Ctrl+P): khi bản cũ bị mất hoặc hỏng</translation>
    </message>
    <message>
        <source>Record result…</source>
        <translation>Ghi kết quả…</translation>
    </message>
    <message>
        <source>Signed, refused or absent, with the date</source>
        <translation>Đã ký, từ chối hoặc vắng mặt, kèm ngày</translation>
    </message>
    <message>
        <source>Another PC recorded this pledge differently: its version waits for review in Data exchange.</source>
        <translation>Một máy khác đã ghi bản cam kết này khác đi: phiên bản của máy đó đang chờ xem xét ở Trao đổi dữ liệu.</translation>
    </message>
    <message>
        <source>Review the conflict…</source>
        <translation>Xem xung đột…</translation>
    </message>
    <message>
        <source>Pledge — {campaign}</source>
        <translation>Cam kết — {campaign}</translation>
    </message>
    <message>
        <source>{state} (printed {day})</source>
        <translation>{state} (in ngày {day})</translation>
    </message>
    <message>
        <source>{state} on {day} by {signer}</source>
        <translation>{state} ngày {day}, người ký: {signer}</translation>
    </message>
    <message>
        <source>{state} on {day}: {reason}</source>
        <translation>{state} ngày {day}: {reason}</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Household code</source>
        <translation>Mã hộ</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>{head} (member: {member})</source>
        <translation>{head} (nhân khẩu: {member})</translation>
    </message>
</context>
<context>
    <name>ImportCheckPage</name>
    <message>
        <source>Check (nothing is written yet)</source>
        <translation>Kiểm tra (chưa ghi gì vào sổ)</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Đang kiểm tra từng dòng…</translation>
    </message>
    <message>
        <source>Checking the list</source>
        <translation>Kiểm tra danh sách</translation>
    </message>
    <message>
        <source>{rows} rows in {households} households: {accepted} rows accepted, {warnings} warnings, {errors} errors. Would add {new} rows ({new_households} new households), update {updated}, leave {unchanged} unchanged.</source>
        <translation>{rows} dòng trong {households} hộ: {accepted} dòng hợp lệ, {warnings} cảnh báo, {errors} lỗi. Sẽ thêm {new} dòng ({new_households} hộ mới), cập nhật {updated}, giữ nguyên {unchanged}.</translation>
    </message>
    <message>
        <source>Correct the errors in the file (or the column choices) and check again: nothing is imported while a row has an error.</source>
        <translation>Hãy sửa các lỗi trong tệp (hoặc cách chọn cột) rồi kiểm tra lại: chưa nhập gì khi còn dòng có lỗi.</translation>
    </message>
</context>
<context>
    <name>ImportColumnsPage</name>
    <message>
        <source>Columns</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>What each column holds. Usual headers are recognised; choose the others, or leave them ignored. A full name column is needed.</source>
        <translation>Mỗi cột chứa gì. Tiêu đề thông dụng được tự nhận ra; chọn cho các cột còn lại hoặc để bỏ qua. Cần có cột họ và tên.</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>Dòng tiêu đề</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Giá trị đầu tiên</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Chứa</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>Dòng tiêu đề:</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(bỏ qua)</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Family name (before the middle name)</source>
        <translation>Họ (trước tên đệm)</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Tên đệm</translation>
    </message>
    <message>
        <source>Birth date or year</source>
        <translation>Ngày sinh hoặc năm sinh</translation>
    </message>
    <message>
        <source>Birth year, male column</source>
        <translation>Năm sinh, cột Nam</translation>
    </message>
    <message>
        <source>Birth year, female column</source>
        <translation>Năm sinh, cột Nữ</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Personal ID number</source>
        <translation>Số định danh (CCCD/CMND)</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>Head of household mark</source>
        <translation>Đánh dấu chủ hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>House number, address</source>
        <translation>Số nhà, địa chỉ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Household code</source>
        <translation>Mã hộ</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Nghề nghiệp</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Residence (permanent or temporary)</source>
        <translation>Cư trú (thường trú hoặc tạm trú)</translation>
    </message>
    <message>
        <source>Commune code</source>
        <translation>Mã xã</translation>
    </message>
    <message>
        <source>Column {letter}</source>
        <translation>Cột {letter}</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose the list</source>
        <translation>Chọn danh sách</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or a CSV file, in any common encoding; lists typed with TCVN3 (.VnTime) or VNI fonts are converted to Unicode.</source>
        <translation>Tệp Excel (.xlsx) hoặc CSV, với bảng mã thông dụng bất kỳ; danh sách gõ bằng phông TCVN3 (.VnTime) hay VNI được chuyển sang Unicode.</translation>
    </message>
    <message>
        <source>List file</source>
        <translation>Tệp danh sách</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Bảng tính (*.xlsx *.csv *.txt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Đang đọc {file}…</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>Đọc danh sách</translation>
    </message>
</context>
<context>
    <name>ImportGroupingPage</name>
    <message>
        <source>Households</source>
        <translation>Chia hộ</translation>
    </message>
    <message>
        <source>How rows of the list make households.</source>
        <translation>Các dòng của danh sách được gộp thành hộ như thế nào.</translation>
    </message>
    <message>
        <source>Automatic: by household code, else by head rows</source>
        <translation>Tự động: theo mã hộ, nếu không có thì theo dòng chủ hộ</translation>
    </message>
    <message>
        <source>By household code (no code: the household above)</source>
        <translation>Theo mã hộ (dòng không có mã thuộc hộ phía trên)</translation>
    </message>
    <message>
        <source>By head of household: a head&apos;s row, then its members</source>
        <translation>Theo chủ hộ: dòng chủ hộ, tiếp theo là các thành viên</translation>
    </message>
    <message>
        <source>One household per row (a list of heads)</source>
        <translation>Mỗi dòng một hộ (danh sách chủ hộ)</translation>
    </message>
    <message>
        <source>Hamlet of rows without one</source>
        <translation>Thôn/bản cho các dòng không ghi</translation>
    </message>
    <message>
        <source>Hamlet of rows without one:</source>
        <translation>Thôn/bản cho các dòng không ghi:</translation>
    </message>
    <message>
        <source>(none: the list says)</source>
        <translation>(không: theo danh sách)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Do not import the {count} rows hidden in the sheet</source>
        <translation>Không nhập {count} hàng đang ẩn trong bảng tính</translation>
    </message>
    <message>
        <source>{file}: {rows} rows of an Excel workbook.</source>
        <translation>{file}: {rows} dòng của tệp Excel.</translation>
    </message>
    <message>
        <source>{file}: {rows} rows, read as {encoding}.</source>
        <translation>{file}: {rows} dòng, đọc theo bảng mã {encoding}.</translation>
    </message>
    <message>
        <source>{count} cells typed with the {font} font were converted to Unicode.</source>
        <translation>Đã chuyển {count} ô gõ bằng phông {font} sang Unicode.</translation>
    </message>
    <message>
        <source>{count} cells in decomposed Unicode (NFD) were composed (NFC).</source>
        <translation>Đã chuẩn hoá {count} ô từ Unicode tổ hợp (NFD) sang dựng sẵn (NFC).</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>Import</source>
        <translation>Nhập vào sổ</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Dừng nhập</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>Đang nhập {file}…</translation>
    </message>
    <message>
        <source>Importing the list</source>
        <translation>Nhập danh sách</translation>
    </message>
    <message>
        <source>The import was stopped: the register is exactly as it was before.</source>
        <translation>Đã dừng nhập: sổ đăng ký giữ nguyên như trước khi nhập.</translation>
    </message>
    <message>
        <source>Nothing was imported: {errors} errors. Check the list again.</source>
        <translation>Chưa nhập gì: có {errors} lỗi. Hãy kiểm tra lại danh sách.</translation>
    </message>
    <message>
        <source>Imported {file}: {new} new rows ({new_households} new households), {updated} updated, {unchanged} unchanged.</source>
        <translation>Đã nhập {file}: {new} dòng mới ({new_households} hộ mới), {updated} dòng cập nhật, {unchanged} dòng không đổi.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a list of households</source>
        <translation>Nhập danh sách hộ gia đình</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
</context>
<context>
    <name>IssueTableModel</name>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
</context>
<context>
    <name>KeepersPage</name>
    <message>
        <source>Who keeps the register</source>
        <translation>Người phụ trách sổ</translation>
    </message>
    <message>
        <source>These names are printed on the pledge sheets and reports; they may stay empty for now and be filled in later in Settings.</source>
        <translation>Các tên này được in trên bản cam kết và báo cáo; có thể để trống và bổ sung sau trong Cài đặt.</translation>
    </message>
    <message>
        <source>e.g. Lò Thị Hoa</source>
        <translation>ví dụ: Lò Thị Hoa</translation>
    </message>
    <message>
        <source>e.g. Đồn Biên phòng Ma Ly Chải</source>
        <translation>ví dụ: Đồn Biên phòng Ma Ly Chải</translation>
    </message>
    <message>
        <source>rank and full name</source>
        <translation>cấp bậc và họ tên</translation>
    </message>
    <message>
        <source>&amp;Clerk&apos;s name:</source>
        <translation>&amp;Cán bộ phụ trách sổ:</translation>
    </message>
    <message>
        <source>Border Guard &amp;post:</source>
        <translation>Đồn Biên &amp;phòng:</translation>
    </message>
    <message>
        <source>Border Guard &amp;officer:</source>
        <translation>Cán bộ &amp;Biên phòng:</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>Temporary residence</source>
        <translation>Tạm trú</translation>
    </message>
    <message>
        <source>Temporary absence</source>
        <translation>Tạm vắng</translation>
    </message>
    <message>
        <source>Guest stay</source>
        <translation>Lưu trú</translation>
    </message>
    <message>
        <source>Left for abroad</source>
        <translation>Đi nước ngoài</translation>
    </message>
    <message>
        <source>Back from abroad</source>
        <translation>Về từ nước ngoài</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>Chuyển đi</translation>
    </message>
    <message>
        <source>Birth</source>
        <translation>Sinh</translation>
    </message>
    <message>
        <source>Death</source>
        <translation>Chết</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Tạm vắng</translation>
    </message>
    <message>
        <source>Abroad</source>
        <translation>Ở nước ngoài</translation>
    </message>
    <message>
        <source>Has moved out</source>
        <translation>Đã chuyển đi</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Đã chết</translation>
    </message>
    <message>
        <source>not through a gate (trail)</source>
        <translation>đường mòn, lối mở</translation>
    </message>
    <message>
        <source>enters the border belt</source>
        <translation>vào vành đai biên giới</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Search: name, personal ID, household code</source>
        <translation>Tìm: họ tên, số định danh, mã hộ</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>Mọi loại biến động</translation>
    </message>
    <message>
        <source>Open and ended</source>
        <translation>Đang mở và đã kết thúc</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>Chỉ đang mở</translation>
    </message>
    <message>
        <source>Ended only</source>
        <translation>Chỉ đã kết thúc</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Mọi thời gian</translation>
    </message>
    <message>
        <source>Begun this month</source>
        <translation>Bắt đầu trong tháng này</translation>
    </message>
    <message>
        <source>Begun in the last 3 months</source>
        <translation>Bắt đầu trong 3 tháng qua</translation>
    </message>
    <message>
        <source>Begun this year</source>
        <translation>Bắt đầu trong năm nay</translation>
    </message>
    <message>
        <source>New movement… (Ctrl+N)</source>
        <translation>Ghi biến động… (Ctrl+N)</translation>
    </message>
    <message>
        <source>End… (Ctrl+E)</source>
        <translation>Kết thúc… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Handed to the Border Guard</source>
        <translation>Đã bàn giao Biên phòng</translation>
    </message>
    <message>
        <source>Guest reported</source>
        <translation>Khách đã khai báo</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Báo cáo…</translation>
    </message>
    <message>
        <source>Movements of a period as a PDF report to send upward</source>
        <translation>Biến động dân cư trong một kỳ: báo cáo PDF gửi cấp trên</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Biến động</translation>
    </message>
    <message>
        <source>Tips</source>
        <translation>Tin báo</translation>
    </message>
    <message>
        <source>New tip…</source>
        <translation>Ghi tin báo…</translation>
    </message>
    <message>
        <source>Tips (tin báo)</source>
        <translation>Tin báo</translation>
    </message>
    <message>
        <source>Every hamlet</source>
        <translation>Mọi thôn/bản</translation>
    </message>
    <message>
        <source>{count} movements</source>
        <translation>{count} biến động</translation>
    </message>
    <message>
        <source>{count} movement</source>
        <translation>{count} biến động</translation>
    </message>
    <message>
        <source>Movement recorded.</source>
        <translation>Đã ghi biến động.</translation>
    </message>
    <message>
        <source>Movement corrected.</source>
        <translation>Đã sửa biến động.</translation>
    </message>
    <message>
        <source>End of the movement recorded.</source>
        <translation>Đã ghi ngày kết thúc.</translation>
    </message>
    <message>
        <source>Recorded: guest reported today.</source>
        <translation>Đã ghi: khách đã khai báo lưu trú hôm nay.</translation>
    </message>
    <message>
        <source>Recorded: handed to the Border Guard today.</source>
        <translation>Đã ghi: đã bàn giao Đồn Biên phòng hôm nay.</translation>
    </message>
    <message>
        <source>Report on movements</source>
        <translation>báo cáo biến động dân cư</translation>
    </message>
    <message>
        <source>Tip recorded.</source>
        <translation>Đã ghi tin báo.</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Place, country, gate</source>
        <translation>Nơi đi/đến, nước, cửa khẩu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Import a list…</source>
        <translation>Nhập danh sách…</translation>
    </message>
    <message>
        <source>Import households from an Excel or CSV list (Ctrl+I)</source>
        <translation>Nhập hộ gia đình từ danh sách Excel hoặc CSV (Ctrl+I)</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Pledges</source>
        <translation>Cam kết</translation>
    </message>
    <message>
        <source>Check in a returned sheet</source>
        <translation>Nhận lại bản cam kết đã ký</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Biến động</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>Trao đổi dữ liệu</translation>
    </message>
    <message>
        <source>Register: {path}</source>
        <translation>Sổ đăng ký: {path}</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Thêm hộ</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>Sửa hộ</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Hoàn tác xoá</translation>
    </message>
    <message>
        <source>CamKet — {place} — {path}</source>
        <translation>CamKet — {place} — {path}</translation>
    </message>
    <message>
        <source>SAMPLE DATA — {title}</source>
        <translation>DỮ LIỆU MẪU — {title}</translation>
    </message>
    <message>
        <source>Sample data (made up): not a real register</source>
        <translation>Dữ liệu mẫu (bịa ra): không phải sổ đăng ký thật</translation>
    </message>
    <message>
        <source>File ▸ New register… sets up your commune&apos;s own register.</source>
        <translation>Tệp ▸ Sổ đăng ký mới… để lập sổ đăng ký của xã mình.</translation>
    </message>
    <message>
        <source>Wait for the running job to end, then open the register again.</source>
        <translation>Chờ việc đang chạy xong rồi mở lại sổ đăng ký.</translation>
    </message>
    <message>
        <source>Wait for the running job to end, then choose the language again.</source>
        <translation>Hãy đợi công việc đang chạy xong rồi chọn lại ngôn ngữ.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The save waits for “{job}” to let it in; the window goes on.</source>
        <translation>Việc lưu đang chờ “{job}” nhường lượt; những gì đã nhập vẫn giữ, cửa sổ vẫn dùng được.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Add member</source>
        <translation>Thêm nhân khẩu</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ khỏi hộ</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source>Make head</source>
        <translation>Đặt làm chủ hộ</translation>
    </message>
    <message>
        <source>Move to household…</source>
        <translation>Chuyển sang hộ khác…</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Open {name} (household {code})</source>
        <translation>Mở {name} (hộ {code})</translation>
    </message>
</context>
<context>
    <name>MemberRosterModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Relationship to head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Cư trú</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Nghề nghiệp</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Kiểm tra</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>(unreadable: %1)</source>
        <translation>(không đọc được: %1)</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Temporary</source>
        <translation>Tạm trú</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>Thường trú</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Relationship to head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>Cư trú</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Hiện trạng</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another household</source>
        <translation>Chuyển sang hộ khác</translation>
    </message>
    <message>
        <source>Household code, e.g. NT-012</source>
        <translation>Mã hộ, ví dụ NT-012</translation>
    </message>
    <message>
        <source>Move {name} to household:</source>
        <translation>Chuyển {name} sang hộ:</translation>
    </message>
    <message>
        <source>No household has this code.</source>
        <translation>Không có hộ nào mang mã này.</translation>
    </message>
    <message>
        <source>That is the household the member is in now.</source>
        <translation>Đây là hộ người này đang ở.</translation>
    </message>
    <message>
        <source>Household {code}, head: {head}</source>
        <translation>Hộ {code}, chủ hộ: {head}</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <source>Record a movement</source>
        <translation>Ghi biến động</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Biến động</translation>
    </message>
    <message>
        <source>A guest not in the register</source>
        <translation>Khách không có trong sổ</translation>
    </message>
    <message>
        <source>yyyy</source>
        <translation>năm</translation>
    </message>
    <message>
        <source>Việt Nam</source>
        <translation>Việt Nam</translation>
    </message>
    <message>
        <source>Household code, e.g. NT-012</source>
        <translation>Mã hộ, ví dụ NT-012</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Not through a gate (&quot;đường mòn, lối mở&quot;)</source>
        <translation>Không qua cửa khẩu (đường mòn, lối mở)</translation>
    </message>
    <message>
        <source>Enters the border belt (vành đai biên giới)</source>
        <translation>Vào vành đai biên giới</translation>
    </message>
    <message>
        <source>A foreign guest&apos;s permit: number, issued by</source>
        <translation>Giấy phép của khách nước ngoài: số, nơi cấp</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Người</translation>
    </message>
    <message>
        <source>Guest&apos;s full name</source>
        <translation>Họ tên khách</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>ID card or passport</source>
        <translation>CCCD hoặc hộ chiếu</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Quốc tịch</translation>
    </message>
    <message>
        <source>Staying at household</source>
        <translation>Lưu trú tại hộ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>Kết thúc ngày</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Nước</translation>
    </message>
    <message>
        <source>Border gate</source>
        <translation>Cửa khẩu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Permit</source>
        <translation>Giấy phép</translation>
    </message>
    <message>
        <source>Chosen: {who}</source>
        <translation>Đã chọn: {who}</translation>
    </message>
    <message>
        <source>Permanent residence</source>
        <translation>Nơi thường trú</translation>
    </message>
    <message>
        <source>Expected back</source>
        <translation>Dự kiến về</translation>
    </message>
    <message>
        <source>Going to</source>
        <translation>Nơi đến</translation>
    </message>
    <message>
        <source>Follow up until</source>
        <translation>Theo dõi đến</translation>
    </message>
    <message>
        <source>Moved in from</source>
        <translation>Chuyển đến từ</translation>
    </message>
    <message>
        <source>Moved out to</source>
        <translation>Chuyển đi đến</translation>
    </message>
</context>
<context>
    <name>NewcomerQuestion</name>
    <message>
        <source>A PC this register has never met</source>
        <translation>Máy lần đầu gửi dữ liệu đến sổ này</translation>
    </message>
    <message>
        <source>{files} comes from a PC this register has never met: {who}.</source>
        <translation>Tệp {files} đến từ một máy sổ này chưa từng nhận dữ liệu: {who}.</translation>
    </message>
    <message>
        <source>Its key fingerprint: {fingerprint}

On that PC, the Data exchange page (Trao đổi dữ liệu in Vietnamese) or `camket keys` shows its own. Merge only if the two are the same; ask its clerk, by phone for instance.</source>
        <translation>Dấu vân tay khoá của máy đó: {fingerprint}

Trên máy đó, trang Trao đổi dữ liệu (hoặc lệnh `camket keys`) cho thấy dấu vân tay của chính nó. Chỉ gộp khi hai dấu giống hệt nhau; hãy hỏi cán bộ dùng máy đó, chẳng hạn qua điện thoại.</translation>
    </message>
    <message>
        <source>The same: merge</source>
        <translation>Giống nhau: gộp</translation>
    </message>
    <message>
        <source>Do not merge</source>
        <translation>Không gộp</translation>
    </message>
    <message>
        <source>an upper-level register</source>
        <translation>một sổ cấp trên</translation>
    </message>
    <message>
        <source>a register of {communes}</source>
        <translation>sổ của {communes}</translation>
    </message>
</context>
<context>
    <name>OrderButton</name>
    <message>
        <source>&amp;Sort</source>
        <translation>&amp;Sắp xếp</translation>
    </message>
    <message>
        <source>The order of the list (Alt+S); a click on a column&apos;s heading sorts too</source>
        <translation>Thứ tự của danh sách (Alt+S); bấm vào tên một cột cũng sắp xếp theo cột đó</translation>
    </message>
    <message>
        <source>Order of the list</source>
        <translation>Thứ tự của danh sách</translation>
    </message>
    <message>
        <source>Z to A</source>
        <translation>Z → A</translation>
    </message>
    <message>
        <source>A to Z</source>
        <translation>A → Z</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>giảm dần</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>tăng dần</translation>
    </message>
    <message>
        <source>{column}: {way}</source>
        <translation>{column}: {way}</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Temporary residence ends within 15 days</source>
        <translation>Tạm trú sắp hết hạn (trong 15 ngày) hoặc đã hết hạn</translation>
    </message>
    <message>
        <source>Away 12 months or more</source>
        <translation>Tạm vắng từ 12 tháng trở lên</translation>
    </message>
    <message>
        <source>Guest past the end of stay</source>
        <translation>Lưu trú quá ngày đi</translation>
    </message>
    <message>
        <source>Foreign guest not reported yet</source>
        <translation>Khách nước ngoài chưa khai báo</translation>
    </message>
    <message>
        <source>Came back not through a gate, not handed to the Border Guard</source>
        <translation>Về qua đường mòn, lối mở, chưa bàn giao Biên phòng</translation>
    </message>
    <message>
        <source>Guest in the border belt, Border Guard post not told</source>
        <translation>Khách vào vành đai biên giới, chưa thông báo Đồn Biên phòng</translation>
    </message>
    <message>
        <source>Back from abroad, in follow-up</source>
        <translation>Về từ nước ngoài, đang theo dõi</translation>
    </message>
    <message>
        <source>Nobody lives in the household any more: delete it or update its members</source>
        <translation>Hộ không còn ai cư trú: xóa hộ hoặc cập nhật thành viên</translation>
    </message>
    <message>
        <source>The head died or moved out: choose a new head</source>
        <translation>Chủ hộ đã chết hoặc chuyển đi: chọn chủ hộ mới</translation>
    </message>
    <message>
        <source>Households not signed in the current campaign</source>
        <translation>Hộ chưa ký cam kết đợt này</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>present</source>
        <translation>có mặt</translation>
    </message>
    <message>
        <source>away (tạm vắng)</source>
        <translation>tạm vắng</translation>
    </message>
    <message>
        <source>abroad</source>
        <translation>ở nước ngoài</translation>
    </message>
    <message>
        <source>guests staying (lưu trú)</source>
        <translation>khách đang lưu trú</translation>
    </message>
    <message>
        <source>temporary residents (tạm trú)</source>
        <translation>người đang tạm trú</translation>
    </message>
    <message>
        <source>Progress per hamlet</source>
        <translation>Tiến độ từng thôn/bản</translation>
    </message>
    <message>
        <source>Pledge campaign</source>
        <translation>Đợt cam kết</translation>
    </message>
    <message>
        <source>Needs attention today</source>
        <translation>Việc cần theo dõi hôm nay</translation>
    </message>
    <message>
        <source>Enter or a double click opens the case.</source>
        <translation>Nhấn Enter hoặc bấm đúp để mở trường hợp đó.</translation>
    </message>
    <message>
        <source>{commune} — today {day}</source>
        <translation>{commune} — hôm nay {day}</translation>
    </message>
    <message>
        <source>No commune&apos;s bundle is merged yet: merge the bundles the communes send on Exchange (Ctrl+5), then choose a campaign on the Pledges page.</source>
        <translation>Chưa gộp tệp của xã nào: gộp các tệp các xã gửi lên ở mục Trao đổi dữ liệu (Ctrl+5), rồi chọn đợt cam kết ở mục Cam kết.</translation>
    </message>
    <message>
        <source>No current pledge campaign: choose one on the Pledges page (Ctrl+3).</source>
        <translation>Chưa có đợt cam kết đang thực hiện: chọn một đợt ở trang Cam kết (Ctrl+3).</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Đang đếm…</translation>
    </message>
    <message>
        <source>Counting the overview</source>
        <translation>Đếm số liệu Tổng quan</translation>
    </message>
    <message>
        <source>{title}: {signed} of {households} households signed ({percent} %)</source>
        <translation>{title}: {signed}/{households} hộ đã ký ({percent} %)</translation>
    </message>
    <message>
        <source>{count} households</source>
        <translation>{count} hộ</translation>
    </message>
    <message>
        <source>{count} household</source>
        <translation>{count} hộ</translation>
    </message>
    <message>
        <source>Nothing needs attention today.</source>
        <translation>Hôm nay không có việc nào cần theo dõi.</translation>
    </message>
    <message>
        <source>No data bundle sent from this register yet.</source>
        <translation>Sổ này chưa gửi gói dữ liệu nào.</translation>
    </message>
    <message>
        <source>Last data bundle sent: {file}, {when}</source>
        <translation>Gói dữ liệu gửi gần nhất: {file}, lúc {when}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Unlocking {name}…</source>
        <translation>Đang mở khóa {name}…</translation>
    </message>
    <message>
        <source>Encrypted register</source>
        <translation>Sổ đăng ký được mã hóa</translation>
    </message>
    <message>
        <source>The register {name} is encrypted. Type its passphrase, or the recovery key kept in the commune&apos;s safe.</source>
        <translation>Sổ {name} được mã hóa. Hãy nhập mật khẩu, hoặc mã khôi phục cất trong tủ của xã.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Thu nhỏ (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Print through the system print dialog (Ctrl+P)</source>
        <translation>In qua hộp thoại in của hệ thống (Ctrl+P)</translation>
    </message>
    <message>
        <source>Page Down, Page Up: the next or previous page</source>
        <translation>Page Down, Page Up: sang trang sau, về trang trước</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>Chưa có tài liệu</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Trang {page}/{count}</translation>
    </message>
</context>
<context>
    <name>PdfPrint</name>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
</context>
<context>
    <name>PersonSearch</name>
    <message>
        <source>Name, personal ID or household code</source>
        <translation>Họ tên, số định danh hoặc mã hộ</translation>
    </message>
</context>
<context>
    <name>Places</name>
    <message>
        <source>Places</source>
        <translation>Các mục</translation>
    </message>
</context>
<context>
    <name>PledgeEvidence</name>
    <message>
        <source>Signature and scanned sheet</source>
        <translation>Chữ ký và bản quét</translation>
    </message>
    <message>
        <source>C&amp;lear signature</source>
        <translation>&amp;Xoá chữ ký</translation>
    </message>
    <message>
        <source>Attach scanned &amp;page…</source>
        <translation>Đính kèm bản &amp;quét…</translation>
    </message>
    <message>
        <source>A photo or scan of the signed sheet: PNG, JPEG or PDF</source>
        <translation>Ảnh chụp hoặc bản quét của bản cam kết đã ký: PNG, JPEG hoặc PDF</translation>
    </message>
    <message>
        <source>Saved signature; sign above to replace it</source>
        <translation>Chữ ký đã lưu; ký vào ô phía trên để thay</translation>
    </message>
    <message>
        <source>Scanned: {files}</source>
        <translation>Bản quét: {files}</translation>
    </message>
    <message>
        <source>Click a file to look at it</source>
        <translation>Bấm vào tên tệp để xem</translation>
    </message>
    <message>
        <source>Attach the scanned sheet</source>
        <translation>Đính kèm bản quét</translation>
    </message>
    <message>
        <source>Scans and photos ({patterns})</source>
        <translation>Bản quét và ảnh chụp ({patterns})</translation>
    </message>
</context>
<context>
    <name>PledgePage</name>
    <message>
        <source>&amp;Check in:</source>
        <translation>&amp;Nhận bản cam kết:</translation>
    </message>
    <message>
        <source>Progress per hamlet</source>
        <translation>Tiến độ theo thôn/bản</translation>
    </message>
    <message>
        <source>Unsigned households</source>
        <translation>Hộ chưa ký</translation>
    </message>
    <message>
        <source>Ca&amp;mpaigns…</source>
        <translation>Đợt cam &amp;kết…</translation>
    </message>
    <message>
        <source>Start a new campaign or change the current one (Ctrl+D)</source>
        <translation>Bắt đầu đợt cam kết mới hoặc đổi đợt đang thực hiện (Ctrl+D)</translation>
    </message>
    <message>
        <source>No pledge campaign is current in this register.</source>
        <translation>Sổ chưa có đợt cam kết nào đang thực hiện.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Campaign:&lt;/b&gt; {title} · target {target} %</source>
        <translation>&lt;b&gt;Đợt cam kết:&lt;/b&gt; {title} · chỉ tiêu {target} %</translation>
    </message>
    <message>
        <source>Start or choose one with Campaigns… (Ctrl+D).</source>
        <translation>Bắt đầu hoặc chọn một đợt bằng nút Đợt cam kết… (Ctrl+D).</translation>
    </message>
    <message>
        <source>Merge the communes&apos; bundles first (Data exchange, Ctrl+5), then choose one of their campaigns with Campaigns… (Ctrl+D).</source>
        <translation>Hãy gộp tệp các xã gửi lên trước (Trao đổi dữ liệu, Ctrl+5), rồi chọn đợt của một xã bằng nút Đợt cam kết… (Ctrl+D).</translation>
    </message>
    <message>
        <source>Choose one of the communes&apos; campaigns with Campaigns… (Ctrl+D).</source>
        <translation>Chọn đợt của một xã bằng nút Đợt cam kết… (Ctrl+D).</translation>
    </message>
    <message>
        <source>&amp;Print sheets…</source>
        <translation>&amp;In bản cam kết…</translation>
    </message>
    <message>
        <source>Pre-filled pledge sheets of a hamlet (Ctrl+P)</source>
        <translation>In sẵn bản cam kết của một thôn/bản (Ctrl+P)</translation>
    </message>
    <message>
        <source>Not signed yet in all communes: {count} households</source>
        <translation>Chưa ký trong tất cả các xã: {count} hộ</translation>
    </message>
    <message>
        <source>The register has no household yet: add households or import a list on Households (Ctrl+2), then print their sheets here.</source>
        <translation>Sổ chưa có hộ nào: thêm hộ hoặc nhập danh sách ở mục Hộ gia đình (Ctrl+2), rồi in bản cam kết ở đây.</translation>
    </message>
    <message>
        <source> — {count} of them where nobody lives any more: delete them or update their members (Overview)</source>
        <translation> — trong đó {count} hộ không còn ai cư trú: xóa hộ hoặc cập nhật thành viên (xem Tổng quan)</translation>
    </message>
    <message>
        <source>Progress &amp;report</source>
        <translation>&amp;Báo cáo tiến độ</translation>
    </message>
    <message>
        <source>Progress per hamlet as a PDF report to print</source>
        <translation>Báo cáo tiến độ theo thôn/bản (PDF) để in</translation>
    </message>
    <message>
        <source>&amp;Unsigned list</source>
        <translation>Danh sách hộ &amp;chưa ký</translation>
    </message>
    <message>
        <source>The households not signed yet, for the hamlet heads (the chosen hamlet)</source>
        <translation>Các hộ chưa ký, gửi trưởng thôn/bản (thôn/bản đang chọn)</translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation>&amp;Mẫu cam kết…</translation>
    </message>
    <message>
        <source>Copy and edit the text of the pledge sheet</source>
        <translation>Sao chép và sửa nội dung bản cam kết</translation>
    </message>
    <message>
        <source>Household {code}: saved</source>
        <translation>Hộ {code}: đã lưu</translation>
    </message>
    <message>
        <source>Not signed yet in the whole commune: {count} households</source>
        <translation>Chưa ký trong toàn xã: {count} hộ</translation>
    </message>
    <message>
        <source>Not signed yet in {hamlet}: {count} households</source>
        <translation>Chưa ký ở {hamlet}: {count} hộ</translation>
    </message>
</context>
<context>
    <name>PledgePrinting</name>
    <message>
        <source>Pledge sheets</source>
        <translation>bản cam kết</translation>
    </message>
    <message>
        <source>{count} households marked printed</source>
        <translation>Đã ghi nhận in bản cam kết cho {count} hộ</translation>
    </message>
    <message>
        <source>Marking sheets printed</source>
        <translation>Ghi nhận đã in</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>báo cáo tiến độ</translation>
    </message>
    <message>
        <source>Unsigned households</source>
        <translation>danh sách hộ chưa ký</translation>
    </message>
    <message>
        <source>Scanned sheet</source>
        <translation>bản quét</translation>
    </message>
    <message>
        <source>Archive copy</source>
        <translation>bản lưu</translation>
    </message>
    <message>
        <source>{title}: stopped, nothing printed</source>
        <translation>{title}: đã dừng, chưa in gì</translation>
    </message>
    <message>
        <source>Preparing {title}</source>
        <translation>Đang chuẩn bị {title}</translation>
    </message>
    <message>
        <source>{households} households, {sheets} sheets, {pages} pages</source>
        <translation>{households} hộ, {sheets} bản, {pages} trang</translation>
    </message>
    <message>
        <source>; {count} where nobody lives any more left out</source>
        <translation>; bỏ qua {count} hộ không còn ai cư trú</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>In</translation>
    </message>
</context>
<context>
    <name>PledgeStatus</name>
    <message>
        <source>Not printed</source>
        <translation>Chưa in</translation>
    </message>
    <message>
        <source>Printed, not back</source>
        <translation>Đã in, chưa nhận lại</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng mặt</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Printing {title}</source>
        <translation>Đang in {title}</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Lưu PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PrintPledgesDialog</name>
    <message>
        <source>Print pledge sheets</source>
        <translation>In bản cam kết</translation>
    </message>
    <message>
        <source>{title} (current)</source>
        <translation>{title} (đang thực hiện)</translation>
    </message>
    <message>
        <source>All hamlets</source>
        <translation>Tất cả thôn/bản</translation>
    </message>
    <message>
        <source>&amp;Only households not signed yet</source>
        <translation>&amp;Chỉ các hộ chưa ký</translation>
    </message>
    <message>
        <source>A&amp;ll households</source>
        <translation>&amp;Tất cả các hộ</translation>
    </message>
    <message>
        <source>A &amp;blank sheet for a walk-in household</source>
        <translation>&amp;Một bản trắng cho hộ đến trực tiếp</translation>
    </message>
    <message>
        <source>Two copies: one stays with the household</source>
        <translation>Hai bản: một bản hộ gia đình giữ</translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation>Đợt cam &amp;kết:</translation>
    </message>
    <message>
        <source>&amp;Hamlet:</source>
        <translation>Thôn/&amp;bản:</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>In:</translation>
    </message>
    <message>
        <source>Co&amp;pies per household:</source>
        <translation>&amp;Số bản mỗi hộ:</translation>
    </message>
    <message>
        <source>Prepare sheets</source>
        <translation>Chuẩn bị bản in</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>Printed, not back</source>
        <translation>Đã in, chưa nhận lại</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Chưa in</translation>
    </message>
    <message>
        <source>Signed / target</source>
        <translation>Đã ký / chỉ tiêu</translation>
    </message>
    <message>
        <source>Whole commune</source>
        <translation>Toàn xã</translation>
    </message>
    <message>
        <source>{percent} % of {target} %</source>
        <translation>{percent} % / {target} %</translation>
    </message>
    <message>
        <source>All communes</source>
        <translation>Toàn bộ các xã</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>This register is damaged ({detail}) and is open read-only: nothing can be changed or saved. Restore it from a backup (File › Restore from a backup…).</source>
        <translation>Sổ đăng ký này bị hỏng ({detail}) nên chỉ mở để xem: không sửa, không lưu được gì. Hãy khôi phục từ bản sao lưu (Tệp › Khôi phục từ bản sao lưu…).</translation>
    </message>
    <message>
        <source>This is a backup copy kept in CamKet&apos;s backup folder, not the register in use, and is open read-only: old copies are removed as new ones are made, and what was saved here would go with them. To use it, restore it (File › Restore from a backup…).</source>
        <translation>Đây là một bản sao lưu trong thư mục sao lưu của CamKet, không phải sổ đăng ký đang dùng, nên chỉ mở để xem: bản sao lưu cũ sẽ bị xoá dần khi có bản mới, những gì lưu ở đây sẽ mất theo. Muốn dùng bản này, hãy khôi phục nó (Tệp › Khôi phục từ bản sao lưu…).</translation>
    </message>
    <message>
        <source>This register is on a read-only file or disk and is open read-only: nothing can be changed or saved. Copy it to a writable folder to work on it.</source>
        <translation>Sổ đăng ký này nằm trên tệp hoặc ổ đĩa chỉ đọc nên chỉ mở để xem: không sửa, không lưu được gì. Hãy chép sổ vào một thư mục ghi được để làm việc.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Chỉ đọc</translation>
    </message>
</context>
<context>
    <name>RecordPledgeDialog</name>
    <message>
        <source>Pledge of household {code}</source>
        <translation>Bản cam kết của hộ {code}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{code}&lt;/b&gt; — {head}, {hamlet}&lt;br&gt;Now: {state}</source>
        <translation>&lt;b&gt;{code}&lt;/b&gt; — {head}, {hamlet}&lt;br&gt;Hiện tại: {state}</translation>
    </message>
    <message>
        <source>(no head)</source>
        <translation>(chưa có chủ hộ)</translation>
    </message>
    <message>
        <source>&amp;Signed</source>
        <translation>Đã &amp;ký</translation>
    </message>
    <message>
        <source>&amp;Refused</source>
        <translation>&amp;Từ chối</translation>
    </message>
    <message>
        <source>A&amp;bsent</source>
        <translation>&amp;Vắng mặt</translation>
    </message>
    <message>
        <source>Hamlet head; Border Guard officer</source>
        <translation>Trưởng thôn/bản; cán bộ Biên phòng</translation>
    </message>
    <message>
        <source>Why the household refused or was absent</source>
        <translation>Lý do hộ từ chối hoặc vắng mặt</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Kết quả:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>Ngà&amp;y:</translation>
    </message>
    <message>
        <source>Si&amp;gner:</source>
        <translation>&amp;Người ký:</translation>
    </message>
    <message>
        <source>&amp;Witnesses:</source>
        <translation>Người &amp;chứng kiến:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Save and print &amp;archive copy</source>
        <translation>Lưu và in &amp;bản lưu</translation>
    </message>
    <message>
        <source>The signed sheet with its signature, to keep with the commune (Ctrl+P)</source>
        <translation>Bản cam kết đã ký kèm chữ ký, lưu tại xã (Ctrl+P)</translation>
    </message>
    <message>
        <source>Only a signed pledge has an archive copy.</source>
        <translation>Chỉ bản cam kết đã ký mới có bản lưu.</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>ngày {date}</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <source>The register is encrypted. This recovery key is shown only now: print the page or copy it by hand and keep it in the commune&apos;s safe. It opens the register, and its backups, when the passphrase is forgotten or on another computer.</source>
        <translation>Sổ đã được mã hóa. Mã khôi phục này chỉ hiện lần này: hãy in trang hoặc chép tay, cất vào tủ của xã. Mã mở được sổ và các bản sao lưu của sổ khi quên mật khẩu hoặc trên máy khác.</translation>
    </message>
    <message>
        <source>&amp;Print the page…</source>
        <translation>&amp;In trang…</translation>
    </message>
    <message>
        <source>On paper for the safe; do not keep it as a file on this computer.</source>
        <translation>In ra giấy để cất tủ; đừng lưu thành tệp trên máy này.</translation>
    </message>
    <message>
        <source>I have printed or copied the recovery key</source>
        <translation>Tôi đã in hoặc chép lại mã khôi phục</translation>
    </message>
    <message>
        <source>&lt;h2&gt;CamKet — recovery key of an encrypted register&lt;/h2&gt;&lt;p&gt;Register: {path}&lt;/p&gt;&lt;p style=&apos;font-size:20pt; font-family:monospace&apos;&gt;{key}&lt;/p&gt;&lt;p&gt;Type this key where CamKet asks for the passphrase when the passphrase is forgotten or on another computer. Keep this page in the commune&apos;s safe.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;CamKet — mã khôi phục của sổ đăng ký được mã hóa&lt;/h2&gt;&lt;p&gt;Sổ đăng ký: {path}&lt;/p&gt;&lt;p style=&apos;font-size:20pt; font-family:monospace&apos;&gt;{key}&lt;/p&gt;&lt;p&gt;Khi quên mật khẩu hoặc mở sổ trên máy khác, nhập mã này vào chỗ CamKet hỏi mật khẩu. Cất trang này trong tủ của xã.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RelativePanel</name>
    <message>
        <source>Add relative</source>
        <translation>Thêm người thân</translation>
    </message>
    <message>
        <source>Remove relative</source>
        <translation>Xoá người thân</translation>
    </message>
    <message>
        <source>Relatives abroad</source>
        <translation>Người thân ở nước ngoài</translation>
    </message>
</context>
<context>
    <name>RelativeRosterModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Nước</translation>
    </message>
    <message>
        <source>Abroad since</source>
        <translation>Đi từ</translation>
    </message>
    <message>
        <source>Left legally</source>
        <translation>Xuất cảnh hợp pháp</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Liên lạc</translation>
    </message>
    <message>
        <source>Plans to return</source>
        <translation>Dự định trở về</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Kiểm tra</translation>
    </message>
</context>
<context>
    <name>RelativeTableModel</name>
    <message>
        <source>Legal</source>
        <translation>Hợp pháp</translation>
    </message>
    <message>
        <source>Illegal</source>
        <translation>Bất hợp pháp</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Chưa rõ</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Nước</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Đi từ</translation>
    </message>
    <message>
        <source>Left legally</source>
        <translation>Xuất cảnh hợp pháp</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Liên lạc</translation>
    </message>
    <message>
        <source>Plans to return</source>
        <translation>Dự định trở về</translation>
    </message>
</context>
<context>
    <name>ReminderModel</name>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Ai</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
</context>
<context>
    <name>RemovalDialog</name>
    <message>
        <source>Remove {name}</source>
        <translation>Bỏ {name} khỏi danh sách</translation>
    </message>
    <message>
        <source>What happened to {name}?</source>
        <translation>{name} có biến động gì?</translation>
    </message>
    <message>
        <source>&amp;Moved away</source>
        <translation>&amp;Chuyển đi nơi khác</translation>
    </message>
    <message>
        <source>&amp;Died</source>
        <translation>Đã &amp;mất</translation>
    </message>
    <message>
        <source>&amp;Entered by mistake (remove from the household)</source>
        <translation>&amp;Nhập nhầm (xoá khỏi hộ)</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Commune, province or country</source>
        <translation>Xã, tỉnh hoặc nước</translation>
    </message>
    <message>
        <source>Moved away or died: the ledger records it and the person stays in the household&apos;s history.</source>
        <translation>Chuyển đi hoặc chết: sổ theo dõi biến động ghi lại, người này vẫn có trong lịch sử của hộ.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Moved to</source>
        <translation>Chuyển đến</translation>
    </message>
</context>
<context>
    <name>ReportPeriodDialog</name>
    <message>
        <source>Report on movements</source>
        <translation>Báo cáo biến động dân cư</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
</context>
<context>
    <name>ReportSettingsBox</name>
    <message>
        <source>Reports sent upward</source>
        <translation>Báo cáo gửi cấp trên</translation>
    </message>
    <message>
        <source>e.g. Ủy ban nhân dân tỉnh Lai Châu</source>
        <translation>ví dụ: Ủy ban nhân dân tỉnh Lai Châu</translation>
    </message>
    <message>
        <source>One recipient a line</source>
        <translation>Mỗi dòng một nơi nhận</translation>
    </message>
    <message>
        <source>e.g. CHỦ TỊCH, or KT. CHỦ TỊCH PHÓ CHỦ TỊCH</source>
        <translation>ví dụ: CHỦ TỊCH, hoặc KT. CHỦ TỊCH PHÓ CHỦ TỊCH</translation>
    </message>
    <message>
        <source>Save the &amp;report frame</source>
        <translation>Lưu thôn&amp;g tin báo cáo</translation>
    </message>
    <message>
        <source>To (Kính gửi):</source>
        <translation>Kính gửi:</translation>
    </message>
    <message>
        <source>Also to (Nơi nhận):</source>
        <translation>Nơi nhận khác:</translation>
    </message>
    <message>
        <source>Signer&apos;s title:</source>
        <translation>Chức vụ người ký:</translation>
    </message>
    <message>
        <source>Signer&apos;s name:</source>
        <translation>Họ tên người ký:</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Các bản sao lưu</translation>
    </message>
    <message>
        <source>Another file…</source>
        <translation>Tệp khác…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Khôi phục…</translation>
    </message>
    <message>
        <source>Backups of this register, newest first (automatic and on request):</source>
        <translation>Các bản sao lưu của sổ này, mới nhất trước (tự động và theo yêu cầu):</translation>
    </message>
    <message>
        <source>This register has no backups yet: choose a backup file.</source>
        <translation>Sổ này chưa có bản sao lưu nào: hãy chọn một tệp sao lưu.</translation>
    </message>
    <message>
        <source>CamKet registers ({pattern});;All files (*)</source>
        <translation>Sổ đăng ký CamKet ({pattern});;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>SampleSheetDialog</name>
    <message>
        <source>Sample sheet — {title}</source>
        <translation>Bản mẫu — {title}</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Esc empties the box</source>
        <translation>Esc để xoá chữ trong ô</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>{commune}, {province} (code {code})</source>
        <translation>{commune}, {province} (mã {code})</translation>
    </message>
    <message>
        <source>e.g. Đồn Biên phòng Ma Ly Chải</source>
        <translation>ví dụ: Đồn Biên phòng Ma Ly Chải</translation>
    </message>
    <message>
        <source>rank and full name</source>
        <translation>cấp bậc và họ tên</translation>
    </message>
    <message>
        <source>Save &amp;these names</source>
        <translation>&amp;Lưu các tên này</translation>
    </message>
    <message>
        <source>Who keeps the register</source>
        <translation>Người phụ trách sổ</translation>
    </message>
    <message>
        <source>&amp;Clerk&apos;s name:</source>
        <translation>&amp;Cán bộ phụ trách sổ:</translation>
    </message>
    <message>
        <source>Border Guard &amp;post:</source>
        <translation>Đồn Biên &amp;phòng:</translation>
    </message>
    <message>
        <source>Border Guard &amp;officer:</source>
        <translation>Cán bộ &amp;Biên phòng:</translation>
    </message>
    <message>
        <source>Hamlets</source>
        <translation>Thôn, bản</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>Ngôn ngữ giao &amp;diện:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>The commune was not changed</source>
        <translation>Chưa đổi được xã</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>Chan&amp;ge the commune…</source>
        <translation>Đổi &amp;xã…</translation>
    </message>
    <message>
        <source>{name}: upper-level register, {province}</source>
        <translation>{name}: sổ cấp trên, {province}</translation>
    </message>
    <message>
        <source>{name}: upper-level register</source>
        <translation>{name}: sổ cấp trên</translation>
    </message>
    <message>
        <source>Only while the register has no household yet.</source>
        <translation>Chỉ đổi được khi sổ chưa có hộ nào.</translation>
    </message>
    <message>
        <source>The register has households: their sheets carry this commune.</source>
        <translation>Sổ đã có hộ: bản cam kết của các hộ mang tên xã này nên không đổi được.</translation>
    </message>
    <message>
        <source>Hamlets saved.</source>
        <translation>Đã lưu thôn/bản.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>CamKet — set up the register</source>
        <translation>CamKet — lập sổ đăng ký</translation>
    </message>
    <message>
        <source>The register was not created</source>
        <translation>Chưa tạo được sổ đăng ký</translation>
    </message>
    <message>
        <source>Making the register from {name}…</source>
        <translation>Đang dựng sổ đăng ký từ {name}…</translation>
    </message>
    <message>
        <source>The bundle is encrypted</source>
        <translation>Tệp gửi đã được mã hoá</translation>
    </message>
    <message>
        <source>{name} was encrypted to a receiver&apos;s key when it was exported. Choose that receiver&apos;s secret key file (a line AGE-SECRET-KEY-1…, as age-keygen writes it) to open it?</source>
        <translation>Tệp {name} đã được mã hoá cho khoá của một nơi nhận khi xuất. Chọn tệp khoá bí mật của nơi nhận đó (có dòng AGE-SECRET-KEY-1…, như age-keygen tạo) để mở?</translation>
    </message>
    <message>
        <source>The receiver&apos;s secret key</source>
        <translation>Tệp khoá bí mật của nơi nhận</translation>
    </message>
    <message>
        <source>The folder {folder} could not be made: {detail}</source>
        <translation>Không tạo được thư mục {folder}: {detail}</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>Khung ký tên</translation>
    </message>
    <message>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>Ký vào đây bằng chuột, bút hoặc ngón tay</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Ký vào đây</translation>
    </message>
</context>
<context>
    <name>SpreadsheetDialog</name>
    <message>
        <source>Households (one row each)</source>
        <translation>Hộ gia đình (mỗi hộ một dòng)</translation>
    </message>
    <message>
        <source>People (one row each)</source>
        <translation>Nhân khẩu (mỗi người một dòng)</translation>
    </message>
    <message>
        <source>Pledges of the current campaign (one row per household)</source>
        <translation>Cam kết của đợt đang thực hiện (mỗi hộ một dòng)</translation>
    </message>
    <message>
        <source>Relatives abroad</source>
        <translation>Người thân ở nước ngoài</translation>
    </message>
    <message>
        <source>Progress per hamlet</source>
        <translation>Tiến độ theo thôn/bản</translation>
    </message>
    <message>
        <source>Export a spreadsheet</source>
        <translation>Xuất bảng tính</translation>
    </message>
    <message>
        <source>All communes of the register</source>
        <translation>Tất cả các xã trong sổ</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>; (semicolon, decimal comma: 87,5)</source>
        <translation>; (chấm phẩy, số thập phân dùng dấu phẩy: 87,5)</translation>
    </message>
    <message>
        <source>, (comma, decimal point: 87.5)</source>
        <translation>, (dấu phẩy, số thập phân dùng dấu chấm: 87.5)</translation>
    </message>
    <message>
        <source>Vietnamese (Mã hộ, Họ và tên, …)</source>
        <translation>Tiếng Việt (Mã hộ, Họ và tên, …)</translation>
    </message>
    <message>
        <source>Machine names (household_code, full_name, …)</source>
        <translation>Tên máy đọc (household_code, full_name, …)</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>&amp;Nội dung</translation>
    </message>
    <message>
        <source>&amp;Commune</source>
        <translation>&amp;Xã</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>Định &amp;dạng</translation>
    </message>
    <message>
        <source>&amp;Delimiter</source>
        <translation>Dấu &amp;phân cách</translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation>&amp;Tiêu đề cột</translation>
    </message>
    <message>
        <source>ID numbers and phones stay text (their leading zeros kept); days read DD/MM/YYYY. A CSV is UTF-8 with a BOM, for Excel.</source>
        <translation>Số định danh và số điện thoại giữ nguyên dạng chữ (không mất số 0 ở đầu); ngày ghi dd/mm/yyyy. Tệp CSV mã hoá UTF-8 có BOM, mở được bằng Excel.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>SpreadsheetExport</name>
    <message>
        <source>E&amp;xport a spreadsheet…</source>
        <translation>Xuất &amp;bảng tính…</translation>
    </message>
    <message>
        <source>A CSV or Excel file of households, people or pledges for the upper level</source>
        <translation>Tệp CSV hoặc Excel về hộ, nhân khẩu hay cam kết để gửi cấp trên</translation>
    </message>
    <message>
        <source>Exporting a spreadsheet</source>
        <translation>Đang xuất bảng tính</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>Đã huỷ xuất bảng tính: chưa ghi tệp nào.</translation>
    </message>
    <message>
        <source>Exported {rows} rows: {path}</source>
        <translation>Đã xuất {rows} dòng: {path}</translation>
    </message>
    <message>
        <source>. This is sample data (made up): do not send it to any office.</source>
        <translation>. Đây là dữ liệu mẫu (bịa ra để dùng thử): đừng gửi bảng tính này lên cấp trên.</translation>
    </message>
    <message>
        <source>Export a spreadsheet</source>
        <translation>Xuất bảng tính</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to CamKet</source>
        <translation>Chào mừng đến với CamKet</translation>
    </message>
    <message>
        <source>There is no register yet at: {path}</source>
        <translation>Chưa có sổ đăng ký tại: {path}</translation>
    </message>
    <message>
        <source>Next creates the register of your commune: you pick your province and commune from the official list, add the hamlets, and name the clerk and the Border Guard post. All of it can be changed later in Settings.</source>
        <translation>Nhấn Tiếp để lập sổ cho xã của bạn: chọn tỉnh và xã trong danh mục chính thức, nhập các thôn/bản, cán bộ phụ trách sổ và Đồn Biên phòng. Mọi thông tin đều sửa lại được trong Cài đặt.</translation>
    </message>
    <message>
        <source>&amp;Use sample data ({count} made-up households) to try CamKet</source>
        <translation>&amp;Dùng dữ liệu mẫu ({count} hộ, tên giả) để xem thử CamKet</translation>
    </message>
    <message>
        <source>Make it from the bundle (.camket) another PC of the commune exported…</source>
        <translation>Dựng sổ từ tệp .camket mà máy khác của xã đã xuất…</translation>
    </message>
    <message>
        <source>For the commune&apos;s second PC (the campaign laptop), or a PC that replaces one that died: never set the commune up again on it, or every household would be there twice once the PCs swap bundles.</source>
        <translation>Dùng cho máy thứ hai của xã (máy xách tay đi cơ sở), hoặc máy mới thay máy hỏng: đừng lập lại sổ của xã trên máy đó, nếu không mọi hộ sẽ có hai lần khi hai máy trao đổi tệp.</translation>
    </message>
    <message>
        <source>Or, only to look around first:</source>
        <translation>Hoặc, nếu chỉ muốn xem thử trước:</translation>
    </message>
    <message>
        <source>The sample opens as a register of its own, marked as sample data; your commune&apos;s register is not made, and the next start offers this set-up again.</source>
        <translation>Dữ liệu mẫu mở thành một sổ riêng, có ghi rõ là dữ liệu mẫu; sổ đăng ký của xã chưa được lập, lần mở sau sẽ hỏi lại bước thiết lập này.</translation>
    </message>
    <message>
        <source>Or open a register made before:</source>
        <translation>Hoặc mở một sổ đăng ký đã có:</translation>
    </message>
    <message>
        <source>Open {name} (in {folder}), opened last</source>
        <translation>Mở {name} (trong {folder}), sổ mở lần gần nhất</translation>
    </message>
    <message>
        <source>Open a register kept elsewhere…</source>
        <translation>Mở sổ đăng ký ở nơi khác…</translation>
    </message>
    <message>
        <source>The other PC&apos;s bundle</source>
        <translation>Tệp dữ liệu của máy kia</translation>
    </message>
    <message>
        <source>Open register</source>
        <translation>Mở sổ đăng ký</translation>
    </message>
    <message>
        <source>CamKet registers (*.sqlite3 *.db);;All files (*)</source>
        <translation>Sổ đăng ký CamKet (*.sqlite3 *.db);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Ready to create the register</source>
        <translation>Sẵn sàng tạo sổ đăng ký</translation>
    </message>
    <message>
        <source>Check what you entered; Back changes it, Finish creates it.</source>
        <translation>Kiểm tra lại thông tin; nhấn Quay lại để sửa, Hoàn tất để tạo sổ.</translation>
    </message>
    <message>
        <source>Commune: {commune}, {province} (code {code})</source>
        <translation>Xã: {commune}, {province} (mã {code})</translation>
    </message>
    <message>
        <source>Hamlets ({count}):</source>
        <translation>Thôn/bản ({count}):</translation>
    </message>
    <message>
        <source>, border or island</source>
        <translation>, biên giới/hải đảo</translation>
    </message>
    <message>
        <source>, head: {name}</source>
        <translation>, trưởng thôn/bản: {name}</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(chưa nhập)</translation>
    </message>
    <message>
        <source>Clerk: {name}</source>
        <translation>Cán bộ phụ trách sổ: {name}</translation>
    </message>
    <message>
        <source>Border Guard post: {name}</source>
        <translation>Đồn Biên phòng: {name}</translation>
    </message>
    <message>
        <source>Border Guard officer: {name}</source>
        <translation>Cán bộ Biên phòng: {name}</translation>
    </message>
    <message>
        <source>Campaign: {title}, {starts} to {ends}, target {target} %</source>
        <translation>Đợt cam kết: {title}, từ {starts} đến {ends}, chỉ tiêu {target} %</translation>
    </message>
    <message>
        <source>Register file: {path}</source>
        <translation>Tệp sổ đăng ký: {path}</translation>
    </message>
</context>
<context>
    <name>TemplateEditorDialog</name>
    <message>
        <source>Pledge templates</source>
        <translation>Mẫu bản cam kết</translation>
    </message>
    <message>
        <source>{title} ({id}, version {version})</source>
        <translation>{title} ({id}, phiên bản {version})</translation>
    </message>
    <message>
        <source>Print the current campaign with the new version</source>
        <translation>Dùng phiên bản mới để in cho đợt cam kết hiện tại</translation>
    </message>
    <message>
        <source>Template text (TOML)</source>
        <translation>Nội dung mẫu (TOML)</translation>
    </message>
    <message>
        <source>Sample sheet (F5)</source>
        <translation>Bản in thử (F5)</translation>
    </message>
    <message>
        <source>&amp;Save as new version</source>
        <translation>&amp;Lưu thành phiên bản mới</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>&amp;Based on:</source>
        <translation>&amp;Dựa trên:</translation>
    </message>
    <message>
        <source>&amp;Title of the copy:</source>
        <translation>&amp;Tên bản sao:</translation>
    </message>
    <message>
        <source>The template is sound: {count} commitments.</source>
        <translation>Mẫu hợp lệ: {count} nội dung cam kết.</translation>
    </message>
    <message>
        <source>Saved as version {version}.</source>
        <translation>Đã lưu thành phiên bản {version}.</translation>
    </message>
    <message>
        <source>Sample sheet</source>
        <translation>In thử bản cam kết</translation>
    </message>
    <message>
        <source>copy of {id}</source>
        <translation>bản sao của {id}</translation>
    </message>
    <message>
        <source>Line {line}, column {column}</source>
        <translation>Dòng {line}, cột {column}</translation>
    </message>
</context>
<context>
    <name>TextLimits</name>
    <message>
        <source>This field keeps at most {maximum} characters: what went past them was cut.</source>
        <translation>Ô này chỉ giữ tối đa {maximum} ký tự; phần vượt quá đã bị cắt bỏ.</translation>
    </message>
</context>
<context>
    <name>TipDialog</name>
    <message>
        <source>Record a tip</source>
        <translation>Ghi tin báo</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Tin báo</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>ngày/tháng/năm giờ:phút</translation>
    </message>
    <message>
        <source>(no hamlet)</source>
        <translation>(không rõ thôn/bản)</translation>
    </message>
    <message>
        <source>Landmark, border marker…</source>
        <translation>Địa danh, cột mốc…</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>Empty: anonymous</source>
        <translation>Để trống: giấu tên</translation>
    </message>
    <message>
        <source>Border Guard post or commune police</source>
        <translation>Đồn Biên phòng hoặc Công an xã</translation>
    </message>
    <message>
        <source>Delete takes the chosen person off</source>
        <translation>Nhấn Delete để bỏ người đang chọn</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Thời điểm nhận tin</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi xảy ra</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>How many people</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Người báo tin</translation>
    </message>
    <message>
        <source>Informant&apos;s phone</source>
        <translation>Điện thoại người báo</translation>
    </message>
    <message>
        <source>Handed to</source>
        <translation>Chuyển cho</translation>
    </message>
    <message>
        <source>Handed at</source>
        <translation>Thời điểm chuyển</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả xử lý</translation>
    </message>
    <message>
        <source>People of the register</source>
        <translation>Người trong sổ</translation>
    </message>
    <message>
        <source>It concerns</source>
        <translation>Liên quan đến</translation>
    </message>
</context>
<context>
    <name>TipTableModel</name>
    <message>
        <source>Received</source>
        <translation>Nhận lúc</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>Handed to</source>
        <translation>Chuyển cho</translation>
    </message>
</context>
<context>
    <name>TransferTab</name>
    <message>
        <source>Send: export this register to a file</source>
        <translation>Gửi: xuất sổ này ra tệp</translation>
    </message>
    <message>
        <source>The whole register (always right)</source>
        <translation>Toàn bộ sổ (luôn đúng)</translation>
    </message>
    <message>
        <source>Only the changes since the bundle sent:</source>
        <translation>Chỉ các thay đổi kể từ tệp đã gửi:</translation>
    </message>
    <message>
        <source>Earlier bundle sent</source>
        <translation>Tệp đã gửi trước đó</translation>
    </message>
    <message>
        <source>Optional: the receiver&apos;s key file, to encrypt the bundle for it alone</source>
        <translation>Không bắt buộc: tệp khoá của nơi nhận, để mã hoá chỉ nơi đó mở được</translation>
    </message>
    <message>
        <source>Receiver&apos;s key file</source>
        <translation>Tệp khoá của nơi nhận</translation>
    </message>
    <message>
        <source>Choose key…</source>
        <translation>Chọn khoá…</translation>
    </message>
    <message>
        <source>Export to a file or USB stick…</source>
        <translation>Xuất ra tệp hoặc USB…</translation>
    </message>
    <message>
        <source>Encrypt for:</source>
        <translation>Mã hoá cho:</translation>
    </message>
    <message>
        <source>(none sent yet)</source>
        <translation>(chưa gửi tệp nào)</translation>
    </message>
    <message>
        <source>The receiver&apos;s key file</source>
        <translation>Tệp khoá của nơi nhận</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Xuất ra</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <source>Exporting {file}</source>
        <translation>Đang xuất {file}</translation>
    </message>
    <message>
        <source>Stopped: no file was written.</source>
        <translation>Đã dừng: không ghi tệp nào.</translation>
    </message>
    <message>
        <source>Receive: merge bundles from other PCs or communes</source>
        <translation>Nhận: gộp tệp từ máy khác hoặc từ các xã</translation>
    </message>
    <message>
        <source>Choose files to merge…</source>
        <translation>Chọn tệp để gộp…</translation>
    </message>
    <message>
        <source>A backup is taken first; a damaged or foreign file is refused whole and changes nothing.</source>
        <translation>Sổ được sao lưu trước; tệp hỏng hoặc không đúng nơi bị từ chối toàn bộ, sổ không thay đổi gì.</translation>
    </message>
    <message>
        <source>Merge results</source>
        <translation>Kết quả gộp</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Bundles to merge</source>
        <translation>Các tệp cần gộp</translation>
    </message>
    <message>
        <source>Reading {count} files</source>
        <translation>Đang đọc {count} tệp</translation>
    </message>
    <message>
        <source>Merging {count} files</source>
        <translation>Đang gộp {count} tệp</translation>
    </message>
    <message>
        <source>Merged {merged} files, refused {refused}</source>
        <translation>Đã gộp {merged} tệp, từ chối {refused} tệp</translation>
    </message>
    <message>
        <source>This register&apos;s key (give it to whoever sends bundles here)</source>
        <translation>Khoá của sổ này (đưa cho nơi gửi tệp đến đây)</translation>
    </message>
    <message>
        <source>This register&apos;s key</source>
        <translation>Khoá của sổ này</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Save as key file…</source>
        <translation>Lưu thành tệp khoá…</translation>
    </message>
    <message>
        <source>Reading the keys</source>
        <translation>Đọc khoá của máy</translation>
    </message>
    <message>
        <source>This PC signs its bundles as installation {id}, key {key}; key fingerprint (what a register receiving its first bundle shows): {fingerprint}</source>
        <translation>Máy này ký các tệp gửi đi với mã máy {id}, khoá {key}; dấu vân tay khoá (sổ nhận tệp đầu tiên của máy này sẽ hiện ra): {fingerprint}</translation>
    </message>
    <message>
        <source>The key is copied.</source>
        <translation>Đã sao chép khoá.</translation>
    </message>
    <message>
        <source>Save the key file</source>
        <translation>Lưu tệp khoá</translation>
    </message>
    <message>
        <source>Key saved: {path}</source>
        <translation>Đã lưu khoá: {path}</translation>
    </message>
</context>
<context>
    <name>Unexpected</name>
    <message>
        <source>Something went wrong that CamKet did not expect: {detail}

What was already saved is safe. The details are written to the log in {folder}; please send it to whoever supports CamKet.</source>
        <translation>Có lỗi mà CamKet không lường trước: {detail}

Những gì đã lưu trước đó vẫn an toàn. Chi tiết đã được ghi vào nhật ký trong thư mục {folder}; hãy gửi nhật ký cho người hỗ trợ CamKet.</translation>
    </message>
    <message>
        <source>CamKet</source>
        <translation>CamKet</translation>
    </message>
</context>
<context>
    <name>UnsignedModel</name>
    <message>
        <source>Code</source>
        <translation>Mã hộ</translation>
    </message>
    <message>
        <source>Household head</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Thôn/bản</translation>
    </message>
</context>
</TS>
