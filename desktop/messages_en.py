"""English wording of desktop/messages.py, keyed by the same ids, for the English window.

The `camket` command always speaks Vietnamese (messages.py); the window shows these when
its language is English (messages.use_language). Every table is here whole: a test holds
every id of messages.py to an English text with the same {placeholders}, so a message added
there without its English fails it. README, Languages, says the same for users.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "db.missing": "Register file not found: {path}",
    "db.folder_missing": "The folder does not exist: {path}",
    "db.is_directory": "This is a folder, not a register file: {path}",
    "db.not_a_file": (
        "This is a device or a pipe, not a register file: {path}. Choose a file, for"
        " example camket.sqlite3."
    ),
    "db.exists": "The file already exists and is not overwritten: {path}",
    "db.unreadable": "The register file cannot be read: {path}",
    "db.not_a_register": "The file is not a CamKet register (or it is damaged): {path}",
    "db.corrupt": (
        "The register file is damaged and cannot be opened: {path}. The command camket check"
        " --db {path} lists the latest backups; restore one with camket restore FILE --db"
        " {path}."
    ),
    "db.too_new": (
        "The file {path} was made by a newer version of CamKet; update CamKet to open it."
    ),
    "db.no_commune": (
        "The register was never finished (an empty file, or no commune recorded): {path}. Set"
        " it up with the command camket init, or open the file in the CamKet window to set it"
        " up."
    ),
    "db.needs_passphrase": (
        "The register {path} is encrypted: it needs its passphrase (or recovery key). Type it"
        " when asked, or set the environment variable CAMKET_PASSPHRASE."
    ),
    "db.wrong_passphrase": "Wrong passphrase or recovery key for the register {path}.",
    "db.passphrase_not_here": (
        "The passphrase does not open the register {path}: either it is wrong, or this PC"
        " does not hold the register's passphrase yet (a register copied or restored from"
        " another PC). The first time on this PC, type the recovery key (eight groups of four"
        " letters and digits), then give this PC a passphrase with camket passphrase (or File"
        " › Change the passphrase…)."
    ),
    "db.busy": (
        "The register is busy: another task (an import, printing, another window or camket"
        " command) is writing to it; nothing was written. Wait until it is done, then try"
        " again."
    ),
    "db.busy_job": (
        "Not saved: the register is still busy with “{job}” of this window after {seconds}"
        " seconds. What you typed is still here; save again when that is done."
    ),
    "db.damaged": (
        "The register {path} is damaged ({detail}); CamKet writes nothing into a damaged"
        " register. Run camket check to see where, then restore a backup (camket backup list,"
        " camket restore)."
    ),
    "db.disk_full": "The disk is full; nothing was written. Free some space, then try again.",
    "db.write_refused": (
        "The disk takes no more writes to the register (the file reached the size limit or"
        " quota of the disk, or the USB stick was pulled out); nothing was written, the"
        " register is as it was. Free some space or copy the register to another disk, then"
        " try again."
    ),
    "db.replaced": (
        "The register {path} was just replaced by another file (encrypted, or restored from a"
        " backup) while this was under way; nothing was written. Try again."
    ),
    "db.is_backup": (
        "The file {path} is a backup in CamKet's backup folder, not the register in use;"
        " nothing was written. Old backups are deleted in time, so what is written into one"
        " is lost. To use this one again, restore it into the register (camket restore FILE"
        " --db REGISTER, or File › Restore from a backup… in the window)."
    ),
    "db.name_too_long": (
        "The register's file name is too long (length {size}; a register's name takes at most"
        " {limit}, so that SQLite can write its own file beside it): {path}. Choose a shorter"
        " name; nothing was written."
    ),
    "db.read_only": (
        "The register file {path} can only be read (the file or the disk takes no writes: a"
        " CD, a write-protected USB stick, a shared folder); nothing was written. Copy the"
        " file into a folder that can be written (for example Documents) and open the copy,"
        " or ask whoever manages the PC for the right to write the file."
    ),
    "backup.failed": "Could not back up to {path}: {detail}",
    "backup.disk_full": (
        "Could not back up to {path}: the disk is full. Free some space or choose another"
        " disk; nothing was written."
    ),
    "backup.too_large_here": (
        "Could not back up to {path}: that place takes no file this large (a USB stick or"
        " memory card formatted FAT32 takes files up to 4 GB, or a quota was reached);"
        " nothing was written. Choose another disk."
    ),
    "backup.folder_gone": (
        "Could not back up to {path}: the folder {folder} is gone (was the USB stick pulled"
        " out?); nothing was written. Plug it in again and back up again."
    ),
    "backup.read_only": (
        "Could not back up to {path}: the folder or disk takes no writes (read-only, or a"
        " write-protected USB stick); nothing was written."
    ),
    "backup.missing": "Backup not found: {path}",
    "backup.is_folder": (
        "{path} is a folder, not a backup: choose a .sqlite3 file inside it (the register's"
        " automatic backups: camket backup list)."
    ),
    "backup.damaged": "The backup is damaged and was not restored: {path} ({detail})",
    "backup.is_register": "This is the register file itself, not a backup: {path}",
    "backup.other_commune": (
        "Not restored: {path} is the register of {theirs}, not a backup of this register"
        " ({ours}). To work on that register, open it with File › Open register…"
    ),
    "backup.upper_over_commune": (
        "Not restored: {path} is the upper-level register “{theirs}”, not a backup of this"
        " commune's register ({ours}). To work on that register, open it with File › Open"
        " register…"
    ),
    "backup.commune_over_upper": (
        "Not restored: {path} is the register of {theirs}, not a backup of this upper-level"
        " register “{ours}”. To work on that register, open it with File › Open register…"
    ),
    "backup.sample_over_real": (
        "Not restored: {path} is a sample register (made-up households to try CamKet with),"
        " not a backup of this real register."
    ),
    "backup.restore_failed": "Could not restore the register {path}: {detail}",
    "half_deleted.upper": (
        "An upper-level register does not restore or delete the commune's household {code}:"
        " the commune settles it on its own PC, then sends its file up again."
    ),
    "province.unknown": (
        "There is no province “{code}” in the list of administrative units: write the"
        " province's two-digit code (12 is Lai Châu) or its name."
    ),
    "identity.unreadable": (
        "The identity of this PC cannot be read ({path}): {detail}. Restore that file from a"
        " copy, or delete it so that this PC gets a new identity."
    ),
    "encrypt.unavailable": (
        "This PC lacks the SQLCipher library (sqlcipher3), so it cannot open an encrypted register."
    ),
    "encrypt.already": "The register {path} is already encrypted, and so are its backups.",
    "encrypt.failed": "Could not encrypt {path}; the register is as it was: {detail}",
    "encrypt.backup_failed": (
        "The register is encrypted, but its backup {path} is not yet: {detail}. Run “camket"
        " encrypt” again to encrypt the remaining backups."
    ),
    "encrypt.passphrase_short": "The passphrase needs at least {length} characters.",
    "encrypt.passphrases_differ": "The two passphrases typed are not the same.",
    "encrypt.passphrase_like_recovery": (
        "The passphrase may not look like a recovery key; choose another passphrase."
    ),
    "encrypt.no_passphrase": (
        "An encrypted register needs its passphrase: run the command in a terminal to be"
        " asked, or set the environment variable CAMKET_PASSPHRASE."
    ),
    "encrypt.not_encrypted": (
        "The register {path} is not encrypted, so it has no passphrase to change; encrypt it"
        " with the command “camket encrypt”."
    ),
    "encrypt.no_new_passphrase": (
        "A new passphrase is needed: run the command in a terminal to be asked, or set the"
        " environment variable CAMKET_NEW_PASSPHRASE."
    ),
    "encrypt.keys_unwritable": "Could not write the key into {path}: {detail}",
    "commune.unknown": "There is no commune code {code} in the list of administrative units.",
    "commune.has_households": (
        "The register already holds {count} households, so its commune cannot change; to keep"
        " a register for another commune, make a new register."
    ),
    "commune.forget_in_commune_register": (
        "A commune's register holds its own commune's data only: it cannot remove a whole"
        " commune; only an upper register removes the data of a commune it merged (when the"
        " commune set up a new register)."
    ),
    "commune.not_held": "This register holds no data of commune {code}; nothing was removed.",
    "commune.forget_unconfirmed": (
        "Not removed: run the command again with --yes to confirm removing {households}"
        " households of {commune}."
    ),
    "commune.keep_not_its": (
        "{file} is not a bundle of the whole register of commune {code} (it is {what}); --keep"
        " needs the latest full bundle of the commune register that stays (camket export"
        " without --since). Nothing was removed."
    ),
    "hamlet.duplicate": (
        "The commune already has the hamlet “{name}” (the same name, accents and capitals aside)."
    ),
    "hamlet.empty_name": "The hamlet's name may not be empty.",
    "hamlet.formula_like": (
        "The hamlet's name “{name}” begins with =, +, - or @ (a spreadsheet reads it as a"
        " formula); remove that sign."
    ),
    "hamlet.unknown": "There is no hamlet “{name}” in the register.",
    "hamlet.ambiguous": "Several hamlets are called “{name}”: {names}; write the whole name.",
    "hamlet.changed_elsewhere": (
        "This hamlet was just changed elsewhere (another window, or a data package merged)"
        " after you opened it, in the very field you changed; not saved. Choose the hamlet"
        " again to see the new version, then go on."
    ),
    "household.code_taken": "The household code {code} is already in the register.",
    "household.missing": "Household not found.",
    "household.invalid": "Household {code} still has {count} errors; correct them before saving.",
    "household.changed_elsewhere": (
        "Household {code} was just changed elsewhere (another window, or an import) after you"
        " opened it; not saved. Close the household and open it again to go on."
    ),
    "household.unknown_code": "There is no household with the code {code} in the register.",
    "household.code_shared": (
        "The household code {code} is used by {count} households (two PCs gave the same"
        " code); change one household's code in the window (Data exchange ▸ Conflicts), then"
        " try again."
    ),
    "register.open_elsewhere": (
        "This register is open in another CamKet window (user {user}, PC {host}, since"
        " {since}). Use that window, or close it and open the register again. If that window"
        " is gone for good (the other PC was switched off), delete the file {lock} and open"
        " the register again."
    ),
    "row.missing": "The record to change was not found.",
    "task.failed": "Error while {title}: {detail}",
    "date.unparseable": "A date is written day/month/year, for example 05/01/2026: “{text}”",
    "date.invalid": "No such day: {text}",
    "date.out_of_range": (
        "The year of the date “{text}” is not plausible: only dates from {first} to {last}"
        " are taken."
    ),
    "text.too_long": (
        "“{field}” is {length} characters long, over the {maximum} the register keeps; make"
        " it shorter."
    ),
    "text.legacy_font": (
        "“{text}” seems pasted from a document typed in the old font {font}, so its accents"
        " are wrong (perhaps “{meant}”); type it again in Unicode (Unikey: the Unicode"
        " table)."
    ),
    "file.unwritable": "Could not write the file {path}: {detail}",
    "file.name_too_long": (
        "The file name is too long for the disk (a file or folder name takes at most 255"
        " bytes, about 85 to 250 letters depending on their marks): {path}. Choose a shorter"
        " name."
    ),
    "file.read_only_here": (
        "Could not write the file {path}: the folder or disk takes no writes (read-only, or a"
        " write-protected USB stick); nothing was written. Unlock the USB stick or choose"
        " another place."
    ),
    "file.too_large_here": (
        "Could not write the file {path}: the file is larger than that place takes (a USB"
        " stick or memory card formatted FAT32 takes files up to 4 GB); nothing was written."
        " Save it on another disk."
    ),
    "file.is_register": "The file {path} is the open register, not a file to use here.",
    "search.empty_query": "A search needs a letter or a digit: “{query}”",
    "search.too_many_words": (
        "Searching for “{query}”: more than {maximum} different words; type fewer (a name, a"
        " household code, a personal ID or a phone number)."
    ),
    "form.bad_day": "“{field}”: {reason}",
    "form.day_missing": "Fill in “{field}” (day/month/year, for example 05/01/2026).",
    "movement.unknown_kind": "There is no kind of movement “{kind}”; the kinds: {choices}.",
    "movement.choose_person": (
        "Choose the person: type a few letters of the name, a personal ID or a household"
        " code into “Person”, then choose in the list (↓ and Enter)."
    ),
    "movement.choose_person_typed": (
        "No person chosen for “{typed}”: choose one in the list under “Person” (↓ and Enter)."
    ),
    "movement.guest_formula_like": (
        "The guest's name “{name}” begins with =, +, - or @ (a spreadsheet reads it as a"
        " formula); remove that sign."
    ),
    "movement.unknown_person": ("Nobody in the register has the personal ID or id “{person}”."),
    "movement.ambiguous_person": (
        "{count} people have the personal ID “{person}”; write the person's id (see camket search)."
    ),
    "movement.person_required": (
        "A movement of the kind {kind} is recorded for a person of the register (--person);"
        " only a guest stay (lưu trú) is recorded for a guest from outside it."
    ),
    "movement.host_missing": (
        "Write the code of the household the guest stays with (for example NT-012)."
    ),
    "movement.guest_name_missing": "Write the staying guest's full name.",
    "movement.ends_before_start": "The end date {until} is before the start date {start}.",
    "movement.luu_tru_too_long": (
        "A guest stay (lưu trú) of {days} days is 30 days or more: record it as temporary"
        " residence (tạm trú)."
    ),
    "movement.tam_tru_until_missing": ("Temporary residence (tạm trú) needs the day it expires."),
    "movement.tam_tru_too_long": (
        "Temporary residence (tạm trú) until {until} is over 2 years from its start; it lasts"
        " 2 years at most."
    ),
    "movement.country_missing": "Write the country left for or come back from.",
    "movement.gate_and_trail": (
        "Write only one of the two: through a border gate (--gate) or by a trail or opening"
        " (--trail)."
    ),
    "movement.after_death": ("This person died on {died}; no movement is recorded after that."),
    "movement.already_dead": "The register already records this person's death; not again.",
    "movement.already_born": "The register already records this person's birth on {day}.",
    "movement.birth_not_on_birth_day": (
        "“{field}”: the birth is recorded on {date}, but the register says this person was"
        " born {born}; write the right day of birth (or correct the date of birth on the"
        " Households screen first)."
    ),
    "movement.tam_vang_open": (
        "This person has a temporary absence (tạm vắng) since {since} not yet ended; record"
        " the day"
        " they came back first."
    ),
    "movement.moved_out": (
        "This person moved out on {day}; record the moving in (if they came back) before"
        " recording {kind}."
    ),
    "movement.tam_tru_overlap": (
        "This person already has temporary residence (tạm trú) from {since} to {until}, over"
        " the same time; correct or end that one first (to extend it: a new one from the day"
        " it expires)."
    ),
    "movement.tam_vang_overlap": (
        "This absence (tạm vắng) overlaps the one recorded from {since} to {until}; check the"
        " dates."
    ),
    "movement.not_lasting": (
        "A movement of the kind {kind} happens on one day and has no end date."
    ),
    "movement.already_ended": "This movement already ended on {ended}.",
    "movement.missing": "There is no movement with the id {id} in the register.",
    "movement.changed_elsewhere": (
        "This movement was just changed elsewhere (another window, an import or a data"
        " package merged) after you opened it, in the very field you changed; not saved."
        " Close it and open it again to see the new version, then go on."
    ),
    "movement.in_future": "“{field}”: the day {date} is in the future; write the real day.",
    "movement.too_far_ahead": (
        "“{field}”: the day {date} is more than {days} days ahead; only movements planned"
        " within the next {days} days are recorded ahead (like an absence declared before"
        " leaving). Check the day and the year."
    ),
    "movement.before_birth": (
        "“{field}”: the day {date} is before this person was born ({born}); check the day and"
        " the year."
    ),
    "movement.strands_later": (
        "Recorded so, the {kind} from {day} already recorded would fall when this person had"
        " moved out (on {moved}); check the day, or correct that {kind} first."
    ),
    "movement.bad_birth_year": "The guest's year of birth is not valid: {year}",
    "movement.border_belt_only_luu_tru": (
        "Entering the border belt and its permit are recorded only for a guest stay (lưu"
        " trú), not for a movement of the kind {kind}."
    ),
    "movement.movements_after_death": (
        "The register records movements of this person from {day}, after their death on"
        " {died}; check the dates."
    ),
    "tip.time_unparseable": (
        "A moment is written day/month/year hour:minute, for example 05/01/2026 21:30: “{text}”"
    ),
    "tip.time_invalid": ("No such time (hours from 0 to 23, minutes from 00 to 59): “{text}”"),
    "tip.place_missing": "Write where it happened (hamlet, place name, border marker).",
    "tip.about_missing": "Write what the tip is about.",
    "tip.in_future": "The moment the tip was received, {at}, is in the future.",
    "tip.bad_people": "The number of people is not valid: {people}",
    "tip.handed_before_received": "The tip was passed on before it was received.",
    "tip.missing": "There is no tip with the id {id} in the register.",
    "tip.changed_elsewhere": (
        "This tip was just changed elsewhere (another window, or a data package merged) after"
        " you opened it, in the very field you changed; not saved. Close it and open it again"
        " to see the new version, then go on."
    ),
    "tip.phone_invalid": (
        "“Informant's phone” is not a Vietnamese phone number (a mobile of 10 digits like"
        " 0912 345 678, or +84 912 345 678); leave it empty if there is none."
    ),
    "checkin.empty": "Scan the QR code on the pledge sheet or type the household code.",
    "checkin.other_commune": (
        "This pledge sheet is another commune's (commune code {code}), not this register's."
    ),
    "checkin.other_campaign": (
        "This pledge sheet is of the campaign “{title}”, not of the current campaign “{current}”."
    ),
    "checkin.unknown_campaign": (
        "This pledge sheet is of a campaign not in the register; the current campaign: “{current}”."
    ),
    "checkin.unknown_household": (
        "The QR code points to a household not in the register (or deleted)."
    ),
    "attachment.too_large": "The file {name} is {size_mb} MB, over the {limit_mb} MB limit.",
    "attachment.empty": "The file {name} is empty.",
    "attachment.signature_not_png": "A signature must be a PNG image: {name}",
    "attachment.not_image_or_pdf": "The file {name} is not an image (PNG, JPEG) or a PDF.",
    "attachment.unreadable": "Could not read the file {name}: {detail}",
    "print.upper": (
        "An upper-level register does not print pledge sheets: the commune prints them for"
        " its households to sign, on the commune's PC (camket print pledges in the commune's"
        " register). In an upper-level register, see the progress with camket report"
        " progress, or export a spreadsheet with camket spreadsheet."
    ),
    "print.printer_unavailable": "Could not open the printer {printer}.",
    "print.nothing": "There is no household to print.",
    "print.nobody_lives": (
        "Nobody lives in household {code} any more (every member died or moved out): no"
        " pledge sheet is printed; delete the household or update its members."
    ),
    "print.bad_copies": "Copies per household must be from 1 to 3: {copies}",
    "print.bad_signature": (
        "The signature image of household {code} is damaged and cannot be printed."
    ),
    "output.is_database": (
        "Not written to {path}: it is a register, a backup or another database (or a file"
        " that goes with one); overwriting it would lose data. Choose another file name."
    ),
    "output.is_directory": "Could not write the file {path}: it is a folder; give a file name too.",
    "output.folder_missing": "Could not write the file {path}: the folder {folder} does not exist.",
    "output.disk_full": (
        "Could not write the file {path}: its disk is full; nothing was written. Free some"
        " space or save it on another disk."
    ),
    "output.not_a_file": (
        "Could not write the file {path}: it is not an ordinary file (a device, a pipe);"
        " write to a file in a folder, for example bao-cao.pdf."
    ),
    "output.pdf_is_csv": (
        "The file {path} is both the PDF (--out) and the CSV (--csv): the second would"
        " overwrite the first. Give them two names, for example bao-cao.pdf and bao-cao.csv."
    ),
    "output.in_use": (
        "Could not write the file {path}: it is open in another program (Excel, a PDF viewer)"
        " or read-only; the old file is kept as it was. Close it and try again, or write to"
        " another name."
    ),
    "spreadsheet.bad_suffix": "A spreadsheet is a .csv or .xlsx file: {path}",
    "spreadsheet.bad_delimiter": "The column separator must be ; or , (not {delimiter}).",
    "spreadsheet.too_many_rows": (
        "The spreadsheet has {rows} rows, over Excel's limit of {limit}; export a .csv file"
        " instead, or one commune at a time (--commune)."
    ),
    "spreadsheet.no_campaign": (
        "No current campaign is chosen for the register on this PC; choose one (camket"
        " campaign list, then camket campaign use ID), then export again."
    ),
    "spreadsheet.other_commune": (
        "This is the register of {name} (code {own}); it has no data of the commune “{code}”."
    ),
    "spreadsheet.commune_missing": (
        "This upper-level register has no data of the commune “{code}” yet (the communes it"
        " holds: {held})."
    ),
    "template.syntax": "Pledge template {file}, line {line}: TOML syntax error ({detail}).",
    "template.missing_key": "Pledge template {file}: the entry “{key}” is missing.",
    "template.bad_value": "Pledge template {file}, line {line}: the value of “{key}” is not valid.",
    "template.unknown_key": (
        "Pledge template {file}, line {line}: there is no entry “{key}”; the entries: {choices}."
    ),
    "template.unknown_placeholder": (
        "Pledge template {file}, line {line}: there is no field “{{{name}}}” to fill in."
    ),
    "template.stray_brace": (
        "Pledge template {file}, line {line}: a curly bracket without its pair; to print one,"
        " write “{{{{” or “}}}}”."
    ),
    "template.out_of_range": (
        "Pledge template {file}, line {line}: “{key}” = {value} is outside {low}–{high}, as"
        " Decree 30/2020/NĐ-CP sets."
    ),
    "template.unknown": "There is no pledge template “{name}”; the templates: {choices}.",
    "template.unreadable": "Could not read the pledge template: {file}",
    "template.unprintable": (
        "Pledge template {file} has the character “{char}” ({code}), which the font lacks;"
        " correct the text."
    ),
    "import.file_missing": "File not found: {file}",
    "import.empty": "The file {file} is empty: it has no row of data.",
    "import.encrypted": (
        "The file {file} has a password; open it in Excel, remove the password and save it again."
    ),
    "import.old_xls": (
        "The file {file} is in the old Excel format (.xls); open it in Excel and save it as .xlsx."
    ),
    "import.damaged": "The file {file} is damaged or incomplete and cannot be read ({detail}).",
    "import.damaged_row": "File {file}, row {row}: cannot be read ({detail}).",
    "import.open_quote": (
        'File {file}, row {row}: a cell opens a double quote (") and never closes it, so the'
        " rows after it are all read into that cell. Close or remove the double quote on"
        " that row and save again."
    ),
    "import.text_after_quote": (
        'File {file}, row {row}: a cell begins with text in double quotes ("…") followed by'
        " more text. Remove the double quotes, or put the whole cell in double quotes and"
        ' write each double quote inside it twice ("").'
    ),
    "import.not_spreadsheet": "The file {file} is not a CSV or Excel (.xlsx) spreadsheet.",
    "import.cut_short": (
        "The file {file} is cut short: it stops inside a letter on row {row}, the rest of"
        " the list is missing (a copy or a download not finished). Copy the whole file"
        " again, then import again."
    ),
    "import.two_encodings": (
        "The file {file} mixes two encodings: row {utf8} is Unicode (UTF-8), row {other} is"
        " not (perhaps two files joined). Open each part, save them in one encoding (Excel:"
        " CSV UTF-8), then import again."
    ),
    "import.nul": (
        "File {file}, row {row}: has a NUL character (code 0), which a list of text does not"
        " have; the file may have been damaged when saved. Open it in Excel, correct that"
        " row and save it again as CSV."
    ),
    "import.too_many_rows": (
        "The file {file} has more than {maximum} rows; split it into several files."
    ),
    "import.too_large": (
        "The file {file} holds {size_mb} MB of data, too large for a list of households (at"
        " most {maximum_mb} MB)."
    ),
    "import.too_many_columns": (
        "File {file}, row {row}, column {column}: more than {maximum} columns, not a list of"
        " households; delete the extra columns and save again."
    ),
    "import.sheet_too_large": (
        "File {file}: the sheet declares the area {area} ({rows} rows × {columns} columns),"
        " too large for a list of households; copy the list alone into a new file."
    ),
    "import.hidden_rows": (
        "the sheet “{sheet}” of the file {file} has {count} rows hidden or filtered out of"
        " view (rows {rows}): they are imported like every row."
    ),
    "import.hidden_rows_left_out": (
        "the {count} rows hidden or filtered out of view in the sheet “{sheet}” (file {file},"
        " rows {rows}) are not imported, as chosen."
    ),
    "import.hidden_columns": (
        "the sheet “{sheet}” of the file {file} has {count} columns hidden ({columns}): they"
        " are imported like every column."
    ),
    "import.cell_too_long": (
        "The file {file} has a cell longer than {maximum} characters (Excel's limit): the file"
        " is damaged or not a list of households."
    ),
    "import.cell_too_long_at": (
        "File {file}, row {row}: a cell is longer than {maximum} characters (Excel's limit)."
    ),
    "import.no_columns": (
        "File {file}: no column recognised (at least “Họ và tên”, the full name, is needed);"
        " choose the columns by hand or use a column mapping file."
    ),
    "import.mapping_bad_field": (
        "Mapping file: the column “{column}” is given a field that does not exist: “{field}”"
        " (file {file})."
    ),
    "import.mapping_bad_header_row": "The file {file} has no header row {row}.",
    "import.mapping_unknown_column": (
        "The file {file} has no column “{column}” as the mapping file says."
    ),
    "import.mapping_too_large": (
        "The file {file} is larger than {maximum_mb} MB: not a column mapping file (a few"
        " lines of JSON)."
    ),
    "import.mapping_unreadable": "Could not read the column mapping file {file}: {detail}",
    "import.has_errors": "The file {file} has {count} errors; nothing was imported.",
    # Data exchange: bundles (.camket files) exported, merged, refused, and their conflicts.
    "repair.done": (
        "CamKet repaired {count} values no screen can correct (written by an old version or"
        " changed outside CamKet) so that the receiving PC does not refuse the file; each"
        " repair is noted in the log:"
    ),
    "repair.cut": "{field}: {length} characters long, cut to {maximum}",
    "repair.nul": "{field}: null characters (NUL) removed",
    "repair.cleared": "{field}: “{old}”, which the register cannot read, emptied",
    "repair.reset": "{field}: “{old}”, which the register cannot read, set back to “{new}”",
    "repair.renamed": "{field}: “{old}” changed to “{new}”",
    "bundle.missing": "Bundle not found: {file}",
    "bundle.damaged": (
        "The file {file} is damaged or cannot be read ({detail}); nothing was taken from it."
        " Ask the sender to export it again."
    ),
    "bundle.truncated": (
        "The file {file} is cut short (perhaps not fully copied, or the USB stick was pulled"
        " out too early); nothing was taken from it. Copy it again from the sending PC."
    ),
    "bundle.sample_data": (
        "The file {file} was exported from a sample register (made-up households, for trying"
        " CamKet out); a real register does not take it."
    ),
    "bundle.not_a_bundle": "The file {file} is not a CamKet bundle (.camket).",
    "bundle.unknown_format": (
        "The file {file} names a format CamKet does not know ({detail}); nothing was taken from it."
    ),
    "bundle.newer_format": (
        "The file {file} was exported by a newer version of CamKet (format {version});"
        " update CamKet, then merge it again."
    ),
    "bundle.tampered": (
        "The file {file} was changed after it was exported ({detail}); nothing was taken from it."
    ),
    "bundle.bad_signature": (
        "The signature of the file {file} does not match: the file was changed, or the"
        " sending PC did not export it; nothing was taken from it."
    ),
    "bundle.key_mismatch": (
        "The file {file} says it comes from the PC {installation}… but is signed with another"
        " key than the one known for that PC; nothing was taken from it."
    ),
    "bundle.unconfirmed": (
        "The file {file} is not merged yet: the PC {installation} sends data to this register"
        " for the first time and is not confirmed yet; the register is unchanged."
    ),
    "bundle.unsafe_path": (
        "The file {file} holds a path leading out of it ({entry}); the whole file is refused."
    ),
    "bundle.unknown_entry": (
        "The file {file} holds an unknown entry ({entry}); the whole file is refused."
    ),
    "bundle.too_large": (
        "In the file {file}, the entry {entry} is over the size limit ({limit} bytes); the"
        " whole file is refused."
    ),
    "bundle.bad_row": (
        "The file {file}: {entry}, row {row} has the wrong number of columns; nothing was"
        " taken from it."
    ),
    "bundle.nul": (
        "The file {file}: {entry}, row {row} holds a null character (NUL), not text; nothing"
        " was taken from it."
    ),
    "bundle.missing_column": "{where}: the column {column} is missing; nothing was taken from it.",
    "bundle.unknown_column": (
        "{where}: an unknown column “{column}” the bundle format does not have (a file of"
        " other software or of a newer CamKet); nothing was taken from it."
    ),
    "bundle.column_twice": (
        "{where}: the column {column} is there twice; nothing was taken from it."
    ),
    "bundle.bad_value": (
        "{where}: the column {column} holds a wrong value “{value}”; nothing was taken from it."
    ),
    "bundle.date_out_of_range": (
        "{where}: the column {column} holds the date “{value}”, outside the years"
        " {first}–{last} the register keeps; nothing was taken from it."
    ),
    "bundle.text_too_long": (
        "{where}: the column {column} (“{field}”) is {length} characters long, over the"
        " {maximum} the register keeps; nothing was taken from it."
    ),
    "bundle.unsafe_file_name": (
        "{where}: the column file_name holds the file name “{value}”, which is a path or a"
        " device name (/, \\, control characters, CON, NUL, …), not a file name; nothing was"
        " taken from it."
    ),
    "bundle.missing_parent": (
        "The file {file} has a row ({table}) whose parent data is not in the register:"
        " perhaps a bundle of changes that follows a bundle not merged yet. Ask the sender to"
        " export the whole register."
    ),
    "bundle.unique_clash": (
        "The file {file} has a row ({table}) with the same {columns} as another row already in"
        " the register; nothing was taken from it. Send the file to CamKet's administrator."
    ),
    "bundle.rule_broken": (
        "The file {file} has a row ({table}) that breaks a rule of the register ({detail});"
        " nothing was taken from it."
    ),
    "bundle.encrypted": (
        "The file {file} is encrypted for another register; this register cannot open it."
    ),
    "bundle.not_for_us": (
        "The file {file} is encrypted for another receiver, not this register; it cannot be opened."
    ),
    "bundle.not_for_identity": (
        "The file {file} is not encrypted for the secret key given; it needs the key of the"
        " very receiver the sending PC chose when exporting (camket export --to)."
    ),
    "bundle.needs_identity": (
        "The file {file} is encrypted for one receiver (an age key, camket export --to). To"
        " make a register from it, give the secret key file of that receiver: camket init"
        " --db REGISTER --from {file} --identity KEY-FILE (a file with a line"
        " AGE-SECRET-KEY-1…, as age-keygen makes)."
    ),
    "bundle.bad_identity_file": (
        "The file {file} holds no valid age secret key (a line AGE-SECRET-KEY-1…, as"
        " age-keygen makes); perhaps a letter was copied wrong."
    ),
    "bundle.identity_file_missing": "The secret key file {file} was not found.",
    "bundle.set_up_apart": (
        "The file {file} is not merged: it comes from a register of this commune set up apart,"
        " not from a bundle of this register (no hamlet in common), so merging it would double"
        " every hamlet, household and person; the register is unchanged. Make the other PC's"
        " register again from a .camket file of this register (Make it from the bundle"
        " (.camket)…, or camket init --from), then carry over what that PC recorded through a"
        " spreadsheet (camket spreadsheet, then Import a list)."
    ),
    "bundle.commune_set_up_apart": (
        "The file {file} is not merged: this register already holds the data of {commune}"
        " from another register of the commune, set up apart (no hamlet in common with this"
        " file), so merging it would count every household and person of the commune twice;"
        " the register is unchanged. What to do: (a) if the commune uses two registers set up"
        " apart, it keeps one (making the other PC's again from a .camket file of the one"
        " kept) and sends that one's bundle; (b) if the commune's old register is no longer"
        " used (a broken PC, a new register), remove the commune's old data from this register"
        " first (Data exchange → Communes → Remove a commune's data…, or camket commune forget"
        " --db REGISTER {code}), then merge this file again."
    ),
    "bundle.relayed_set_up_apart": (
        "The file {file} (of the upper-level register {name}) is not merged: it holds data of"
        " {communes} from a register of the commune set up apart from the one this register"
        " merged (no hamlet in common), so merging it would count every household and person"
        " of the commune twice; the register is unchanged. Agree with the sender which of the"
        " commune's registers is still used: whoever holds the old one's data removes the"
        " commune's data (camket commune forget), then merges the bundle of the one in use."
    ),
    "bundle.other_commune": (
        "The file {file} is the data of {communes}, not of {own}, this register's commune; not"
        " merged. Only an upper-level register takes the data of several communes."
    ),
    "bundle.from_upper": (
        "The file {file} was exported from an upper-level register ({name}); a commune's"
        " register only takes files exported by the commune's own PCs. Nothing was taken from"
        " it."
    ),
    "bundle.other_province": (
        "The file {file} holds data of {commune}, which is not in {ours}, this upper-level"
        " register's province; not merged."
    ),
    "bundle.not_full": (
        "The file {file} only holds the changes after an earlier bundle, not enough to make a"
        " new register; export the whole register (camket export without --since), then make"
        " it again."
    ),
    "bundle.commune_row_missing": (
        "The file {file} has no row for the commune {codes} (its name, its province) in the"
        " table commune (tables/commune.csv), and this register has none either: the"
        " commune's households would have no commune name. Export the file again with CamKet,"
        " or the program that made it must write the commune's row (see"
        " docs/bundle-format.md). Nothing was taken from it."
    ),
    "bundle.commune_row_id": (
        "The file {file} writes the row of the commune {codes} (table commune) with another"
        " row id than every CamKet register uses for that commune: merged, the register would"
        " have two rows for one commune and count its households twice. The program that made"
        " the file must use the row id given in docs/bundle-format.md. Nothing was taken from"
        " it."
    ),
    "bundle.gap": (
        "The file {file} holds the changes after a bundle this register has not merged; merge"
        " that one first, or ask the sender to export the whole register. Nothing was taken"
        " from it."
    ),
    "bundle.not_a_commune": (
        "The file {file} is not the data of one commune (perhaps of an upper-level register);"
        " a commune's register cannot be made from it. An upper-level register is made again"
        " with camket init --upper, then this file is merged into it with camket merge."
    ),
    "export.unsendable": (
        "Not exported: values written by an old version or changed outside CamKet ({count})"
        " would make the receiving PC refuse the whole file. Correct each as said beside it"
        " (camket check lists them all), then export again:\n{rows}"
    ),
    "export.upper_unsendable": (
        "Not exported: values of the communes' data from an old version ({count}) would make"
        " the receiving PC refuse the whole file. An upper-level register does not edit a"
        " commune's data: ask the commune to export again with a new CamKet (its export"
        " repairs these values or says how), merge that file here, then export again:\n{rows}"
    ),
    "export.since_is_out": (
        "The file {file} is both the bundle sent before (--since) and the file to write"
        " (--out): writing over it would lose the bundle the changes follow. Write to another"
        " file name."
    ),
    "export.no_commune": (
        "This upper-level register has merged no commune's data yet: there is nothing to"
        " export. Merge the communes' .camket files first."
    ),
    "export.bad_key_file": (
        "The key file {file} holds no valid receiver's key (a line age1…); perhaps a letter"
        " was copied wrong. Get the key with the command camket keys on the receiving PC."
    ),
    "export.key_file_missing": (
        "The key file {file} was not found. Get the receiver's key (age1…) with the command"
        " camket keys on the receiving PC."
    ),
    "export.key_file_unreadable": "Could not read the key file {file}: {detail}.",
    "export.since_foreign": (
        "The file {file} was not exported by this register on this PC (or the register was"
        " copied to another PC, or restored from a backup, after exporting it), so the changes"
        " after it cannot be exported; export the whole register."
    ),
    "conflict.missing": "There is no conflict with the id {id}.",
    "conflict.ambiguous": "{count} conflicts match the id {id}; type a longer id.",
    "conflict.bad_version": (
        "Choose the version current (the one in use) or other (the other one), not {version}."
    ),
    "upper.read_only": (
        "An upper-level register only merges and shows the communes' data, it does not edit"
        " it (it only settles conflicts): edit on the commune's PC, then send the file up."
    ),
    "upper.no_name": (
        "Give the upper-level register a name (--name), for example “Đồn Biên phòng Sìn Hồ”."
    ),
    "upper.formula_like": (
        "The upper-level register's name “{name}” begins with =, +, - or @ (a spreadsheet"
        " reads it as a formula); remove that sign."
    ),
    "init.option_of_another_kind": (
        "{option} only goes with {owner}, not with {kind}; the command made nothing."
    ),
    "init.identity_without_bundle": (
        "--identity only goes with --from FILE.camket: it is the key that opens an encrypted"
        " bundle."
    ),
    # Pledge campaigns and pledges (a "bản cam kết", the pledge sheet a household signs).
    "campaign.none": (
        "No pledge campaign is current in this register on this PC. Choose one with"
        " Campaigns… (Ctrl+D) on the Pledges page, or with the commands camket campaign list,"
        " then camket campaign use ID (an upper-level register that has merged no commune's"
        " file yet merges one first)."
    ),
    "campaign.missing": "There is no pledge campaign with the id {id} in the register.",
    "campaign.ambiguous": (
        "{count} pledge campaigns match {id}; type a longer campaign id (see camket campaign list)."
    ),
    "campaign.title_missing": "Write the campaign's title.",
    "campaign.title_formula_like": (
        "The campaign title “{title}” begins with =, +, - or @ (a spreadsheet reads it as a"
        " formula); remove that sign."
    ),
    "campaign.ends_before_start": (
        "The end date {ends} is before the start date {starts}; correct the dates."
    ),
    "campaign.target_out_of_range": "The target must be from 1 to 100 %, not {target} %.",
    "campaign.nothing_to_edit": (
        "Say what to change: --from START_DATE, --to END_DATE (empty '' for no date) or"
        " --target PERCENT."
    ),
    "campaign.starts_after_results": (
        "The start date is not changed to {starts}: households with a result of the campaign"
        " before that day: {count} ({households}). Choose a start date of {earliest} or"
        " earlier, or first correct those households' signing days (the Pledges page, or"
        " camket sign HOUSEHOLD_CODE --on DD/MM/YYYY)."
    ),
    "campaign.template_missing": (
        "The register no longer holds the pledge template {id} (version {version})."
    ),
    "pledge.missing": "The pledge (bản cam kết) was not found.",
    "pledge.bad_status": ("Not a valid result: {status}; record only signed, refused or absent."),
    "pledge.date_in_future": "The day {date} is in the future; record the day actually signed.",
    "pledge.date_before_campaign": (
        "The day {date} is before the campaign began ({starts}). If the household really"
        " signed that day (a sheet signed before the campaign was recorded in the register),"
        " first correct the campaign's start: Campaigns… (Ctrl+D) › Correct dates and"
        " target…, or the command camket campaign edit {campaign} --from {date}; if not,"
        " record the day actually signed."
    ),
    "pledge.date_before_known_campaign": (
        "Note: the campaign “{title}” has no start date, and the signing day {date} is before"
        " the campaign was set up in the register ({since}); the day is still recorded. If it"
        " is right, give the campaign its start date (Campaigns… (Ctrl+D) › Correct dates and"
        " target…, or the command camket campaign edit {id} --from DD/MM/YYYY) so that signing"
        " days are checked against it; if it is a mistake, correct the signing day."
    ),
    "pledge.signer_missing": (
        "The household has no head yet: choose who signs among the household's members."
    ),
    "pledge.signer_not_member": "The signer must be a member of the household.",
    "pledge.signer_unknown": "The household has no member named “{name}”.",
    "pledge.signer_gone": (
        "{name} has died or moved out (by the movements ledger) and cannot sign for the"
        " household; choose another signer in the household."
    ),
    "pledge.reason_missing": "Write the reason when the household refused or was absent.",
    "qr.malformed": "The scanned code is not a CamKet pledge code: {text}",
    "report.upper_register": (
        "An upper-level register does not print reports in the form of a commune's People's"
        " Committee; each commune's figures are exported with camket spreadsheet (--what"
        " progress, households, people…)."
    ),
    # The command's own and the printing's: the window reaches few of them.
    "option.bad_value": "{option}: {reason}",
    "pdf.unreadable": "Could not read the PDF file {path}: {detail}",
    "font.missing": "A font file needed for printing is missing: {file}",
    "demo.bad_count": "The number of households must be from 1 to {maximum}: {count}",
    "screenshot.bad_size": "The image size must be WIDTHxHEIGHT, for example 1366x768: {size}",
    "screenshot.bad_page": "There is no place Ctrl+{page}; the window's places: {shortcuts}.",
    "screenshot.unwritable": "Could not write the image: {path}",
    "cli.not_unicode": (
        "“{text}” holds bytes that are not Unicode (UTF-8) text, perhaps of an old encoding"
        " (TCVN3, VNI, Windows-1258); type it again in Unicode. Nothing was done."
    ),
}

ISSUE_MESSAGES: dict[str, str] = {
    "pledge.no_date": "no date recorded",
    "pledge.date_in_future": "{date} is in the future",
    "pledge.date_before_campaign": (
        "{date} is before the campaign began ({starts}); correct the signing day on the"
        " Pledges page, or the campaign's start (Campaigns… › Correct dates and target…; camket"
        " campaign edit)"
    ),
    "pledge.date_after_campaign": (
        "{date} is after the campaign ended ({ends}); it still counts. If the campaign goes"
        " on longer, correct its end (Campaigns… › Correct dates and target…; camket campaign"
        " edit)"
    ),
    "pledge.no_signer": "the pledge is signed but who signed it is not recorded",
    "pledge.no_reason": "no reason recorded for the refusal or absence",
    "pledge.signer_elsewhere": "the signer is no longer a member of the household",
    "required.missing": "not filled in",
    "name.single_word": "only one word; check the full name",
    "name.has_digits": "may not contain digits",
    "name.legacy_font": (
        "seems typed in the old font {font}, so its accents are wrong; perhaps “{meant}”:"
        " type it again"
    ),
    "gender.invalid": "not valid",
    "birth.unparseable": "cannot be read; type dd/mm/yyyy, mm/yyyy or the year of birth yyyy",
    "birth.invalid_date": "no such day",
    "birth.in_future": "is in the future",
    "birth.implausible_age": "gives the age {age}, over {max_age}",
    "birth.very_old": "gives the age {age}; check it",
    "id_number.not_digits": "digits only",
    "id_number.bad_length": (
        "has {length} digits; 12 are needed (personal ID) or 9 (old identity card)"
    ),
    "id_number.unknown_province": "province code {prefix} is not in the list",
    "id_number.gender_mismatch": "the century/gender digit does not match the gender entered",
    "id_number.century_mismatch": "the century digit does not match the year of birth",
    "id_number.year_mismatch": "the two year-of-birth digits do not match the year of birth",
    "phone.invalid": "not a Vietnamese phone number",
    "value.unreadable_kept": (
        "the register holds “{value}”, which CamKet cannot read; enter the right value, or"
        " leave it empty to keep it as it is when saving"
    ),
    "value.unreadable_choose": (
        "the register holds “{value}”, which CamKet cannot read; choose again"
    ),
    "phone.read_as": "Excel dropped the leading 0 of the number; read as {kept}",
    "phone.others_to_notes": (
        "several numbers: {kept} kept as the phone number, {others} written into Notes (“SĐT khác”)"
    ),
    "id_number.read_as": (
        "a number Excel formatted (a leading 0 lost, or “.0” added); read as {kept}"
    ),
    "household.code_invalid": ("letters, digits, - or / only, at most {max_length} characters"),
    "household.code_taken": "another household has this code",
    "household.no_members": "a household needs at least one person",
    "household.head_missing": "no head of household chosen among the members",
    "household.half_deleted": (
        "half deleted: one PC deleted the household while another still added or changed"
        " people in it; see Data exchange → Conflicts (camket conflicts) to bring it back or"
        " delete it for good"
    ),
    "commune.doubled": (
        "{hamlets} are here twice, from two registers of the commune set up apart (hamlets of"
        " one name that never went through one register): the commune's households and people"
        " may be counted twice. To fix: the commune uses one register (the other PC set up"
        " again from a .camket file of the register kept); here, merge the latest full bundle"
        " of the register kept, then run camket commune forget --db REGISTER {code} --keep"
        " FILE.camket (that file): the other register's data is removed, the kept one's stays"
    ),
    "id_number.duplicate": "the same as {name}'s (household {household_code})",
    "person.possible_duplicate": (
        "the same name and year of birth as {name}, born {birth_year} (household {household_code})"
    ),
    "since.unparseable": "cannot be read; type a year, month/year or day/month/year",
    "since.in_future": "is in the future",
    "since.too_early": "the year {year} is not plausible: only from {first} on",
    "text.formula_like": (
        "begins with =, +, - or @ (a spreadsheet reads it as a formula); remove that sign"
    ),
    "text.too_long": (
        "{length} characters long, over the {maximum} the register keeps; make it shorter"
    ),
    "text.too_long_to_send": (
        "{length} characters long, over the {maximum} an exchange file carries"
    ),
    "notes.too_long_with_phones": (
        "with “{kept}” (the second phone number) added it is {length} characters long, over"
        " the {maximum} the register keeps; make it shorter"
    ),
    "file_name.not_plain": (
        '“{name}” is not a file name every PC can use (it has : " / \\ * ? < > |, a control'
        " character, a dot or a space at the end, or is the name of a device)"
    ),
    "text.cut_at_export": (
        "{length} characters long, over the {maximum} the register keeps; no screen opens"
        " this row, so CamKet cuts it to {maximum} at the export (or now: camket check --fix)"
    ),
    "file_name.renamed_at_export": (
        "“{name}” is not a file name every PC can use; CamKet renames it to one that is at"
        " the export (or now: camket check --fix)"
    ),
    "text.has_nul": "has an empty character (NUL), which is not text",
    "value.unreadable": "“{value}” is not a value the register can read",
    "value.bad_date": "“{value}” is not a real day within the years the register keeps",
    "row.other_commune": "belongs to the commune {commune}, none of this register's",
    "row.no_parent": "points to a row no longer in the register (deleted outside CamKet)",
    "attachment.size_wrong": "records {value} bytes but the file has {length} bytes",
    "attachment.too_large_to_send": (
        "the file is {size_mb} MB, over the {limit_mb} MB a file sent may hold (the"
        " receiving PC refuses the whole file sent)"
    ),
    "row.second_commune": (
        "this register is commune {own}'s but also holds this commune; a commune register"
        " receiving it refuses the whole file sent as another commune's data"
    ),
    "import.gender_guessed": "no gender written; guessed from the middle name",
    "import.id_zero_restored": (
        "Excel stored this cell as a number and lost {zeros} leading zeros; added back"
    ),
    "import.formula_without_value": (
        "the cell has a formula but no value yet: open it in Excel and save it again"
    ),
    "import.cell_error": "the cell shows the error {error} in Excel: correct it and save again",
    "import.residence_invalid": (
        "“{text}” is not clear; write Thường trú (permanent) or Tạm trú (temporary), or leave"
        " it empty"
    ),
    "import.other_commune": (
        "a row of {commune}, not of {own}, this register's; import the file (or these rows)"
        " into that commune's register"
    ),
    "import.duplicate_id": "the same personal ID as row {first}",
    "import.no_household": (
        "belongs to no household (no household code, or no head-of-household row above)"
    ),
    "import.two_heads": "the household already has its head on row {head}",
    "import.no_head": (
        "the household{household} has no head-of-household row; the person on this row"
        " (relationship “{relationship}”) is recorded as the head"
    ),
    "import.hamlet_other": (
        "the hamlet “{name}” differs from the household's (“{household}”, row {at}); this"
        " person is recorded in the household in “{household}”"
    ),
    "import.hamlet_missing": "no hamlet; add a hamlet column or choose a default hamlet",
    "import.hamlet_new": "the hamlet “{name}” is not in the register yet and will be added",
    "import.code_invalid": "letters, digits, - or / only, at most {max_length} characters",
    "import.code_kept": (
        "this household is already in the register with the code {code}; the old code is kept"
    ),
    "import.same_household": "is the same household in the register as the one on row {row}",
    "import.phone_zero_restored": (
        "Excel stored this cell as a number and lost its leading 0; added back"
    ),
    "import.id_scientific": (
        "Excel stored this number in exponent form (like 3,10851E+11) and lost its last"
        " digits, which cannot be recovered: in Excel, format this column as Text, type the"
        " number again and save"
    ),
}

FIELD_LABELS: dict[str, str] = {
    "signed_on": "Signed on",
    "signer_id": "Signer",
    "reason": "Reason",
    "full_name": "Full name",
    "gender": "Gender",
    "birth": "Date of birth",
    "id_number": "Personal ID",
    "phone": "Phone",
    "code": "Household code",
    "hamlet_id": "Hamlet",
    "name": "Name",
    "members": "Members",
    "head_id": "Head of household",
    "address": "Address",
    "notes": "Notes",
    "head_name": "Hamlet head",
    "hamlet": "Hamlet",
    "relationship": "Relationship",
    "ethnicity": "Ethnicity",
    "residence": "Residence",
    "occupation": "Occupation",
    "country": "Country",
    "since": "Since",
    "departure": "Left legally",
    "contact": "Contact",
    "plans_to_return": "Plans to return",
    "household": "Household",
    "position": "Order",
    "commune_code": "Commune",
    "province_code": "Province code",
    "province_name": "Province",
    "clerk_name": "Clerk keeping the register",
    "border_post": "Border Guard post",
    "border_officer": "Border Guard officer",
    "kind": "Kind",
    "is_border": "Border",
    "household_id": "Household",
    "person_id": "Person",
    "template_id": "Pledge template",
    "version": "Version",
    "title": "Title",
    "source": "Template text",
    "based_on": "Based on template",
    "template_version": "Template version",
    "starts_on": "From",
    "ends_on": "To",
    "target_percent": "Target (%)",
    "campaign_id": "Campaign",
    "status": "Status",
    "printed_at": "Printed at",
    "witnesses": "Witnesses",
    "pledge_id": "Pledge",
    "mime": "File type",
    "sha256": "SHA-256",
    "size": "Size",
    "bytes": "File",
    "file_name": "File name",
    "id": "Row id",
    "guest_name": "Guest's name",
    "guest_birth_year": "Guest's year of birth",
    "guest_id_number": "ID card or passport",
    "guest_nationality": "Nationality",
    "until": "Until",
    "ended_on": "Ended on",
    "place": "Place",
    "gate": "Border gate",
    "via_trail": "Not through a border gate",
    "handed_over_on": "Handed to the Border Guard on",
    "reported_on": "Stay reported on",
    "border_belt": "Into the border belt",
    "border_permit": "Permit",
    "received_at": "Tip received at",
    "informant_name": "Informant",
    "informant_phone": "Informant's phone",
    "people_count": "Number of people",
    "description": "Description",
    "about": "About",
    "handed_to": "Passed to",
    "handed_at": "Passed at",
    "outcome": "Outcome",
    "tip_id": "Tip",
    "deleted": "Deleted",
    "created_at": "Row made at",
    "updated_at": "Row changed at",
    "updated_by": "PC that changed the row",
    "rev": "Times the row changed",
    "vv": "Sync version",
    "private_vv": "Informant's sync version",
}

BACKUP_REASONS: dict[str, str] = {
    "manual": "backed up on request",
    "open": "automatic, when the register opened",
    "import": "before an import",
    "merge": "before a merge",
    "migration": "before the register was upgraded",
    "restore": "before a restore",
    "encrypt": "before encryption",
    "forget": "before a commune's data was removed",
}

# An unsendable value's way out (messages.THEN, DONE, SCREENS), after what is wrong with it.
THEN: dict[str, str] = {
    "screen": " (correct it on the {screen} screen)",
    "export": (
        "; no screen opens this row, so CamKet will {done} at the export (or now: camket"
        " check --fix)"
    ),
    "stuck": (
        "; no screen opens this row and CamKet cannot correct it safely: restore a backup"
        " from before the cell was written so (camket backup list), or send the register to"
        " CamKet's administrator"
    ),
    "damaged": (
        "; CamKet cannot read this cell, so no screen can correct it: restore a backup from"
        " before the cell was written so (camket backup list), or send the register to"
        " CamKet's administrator"
    ),
    "export_any": "; CamKet will {done} at the export (or now: camket check --fix)",
    "too_large": (
        "; CamKet cannot make a stored file smaller: restore a backup from before the file"
        " was put into the register (camket backup list), or send the register to CamKet's"
        " administrator"
    ),
    "upper": "",
    "conflict": (
        "; this is a version waiting for review: choose the one to keep on the Data exchange"
        " → Conflicts screen (camket conflicts)"
    ),
}
DONE: dict[str, str] = {
    "code": (
        "shorten the code to {maximum} characters, unlike every other household code of the"
        " commune,"
    ),
    "nul": "remove the empty characters",
    "clear": "empty this cell",
    "default": "set it back to “{default}”",
    "size": "record the file's true size in bytes",
}
SCREENS: dict[str, str] = {
    "commune": "Settings",
    "hamlet": "Settings",
    "household": "Households",
    "person": "Households",
    "relative_abroad": "Households",
    "pledge_template": "Pledges (pledge templates)",
    "campaign": "Pledges (campaigns)",
    "pledge": "Pledges",
    "attachment": "Pledges",
    "movement": "Movements",
    "tip": "Movements (tips)",
    "tip_person": "Movements (tips)",
}

# The names of bounded texts (desktop/domain/text_bounds.py) that are no field's of
# FIELD_LABELS, by their Vietnamese: a text too long names its field so.
BOUND_LABELS: dict[str, str] = {
    "Mã": "Code",
    "Nơi xảy ra": "Where it happened",
    "Tên mẫu": "Template name",
    "Tên xã": "Commune name",
    "Tên đợt": "Campaign title",
}

# A row's kind as the values an export refuses are listed (services/unsendable.py _NAMED),
# by its Vietnamese.
ROW_KINDS: dict[str, str] = {
    "xã": "commune",
    "thôn": "hamlet",
    "hộ": "household",
    "nhân khẩu": "person",
    "người thân ở nước ngoài": "relative abroad",
    "mẫu cam kết": "pledge template",
    "đợt cam kết": "campaign",
    "cam kết của hộ": "pledge of household",
    "tệp đính kèm cam kết của hộ": "pledge attachment of household",
    "biến động của hộ": "movement of household",
    "tin báo lúc": "tip received at",
    "người liên quan tin báo": "person named in tip",
}
