"""`camket export`, `merge`, `conflicts` and `keys`: bundles between PCs and upward."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.parsing import DB_HELP, add_db, db_path
from desktop.exchange.identity import key_fingerprint
from desktop.messages import describe, repair_lines

if TYPE_CHECKING:
    from desktop.services.register import OpenRegister

SAMPLE_EXPORT_WARNING = (
    "camket: lưu ý: sổ này là dữ liệu mẫu (hộ gia đình bịa ra để dùng thử); chỉ sổ dữ liệu "
    "mẫu hoặc sổ cấp trên nhận tệp này, sổ thật của xã sẽ từ chối."
)
SAMPLE_MERGED_WARNING = (
    "camket: lưu ý: {file} là dữ liệu mẫu; từ nay sổ này được đánh dấu là có dữ liệu mẫu "
    "(muốn bỏ, hãy khôi phục bản sao lưu làm trước khi trộn)."
)

HAMLETS_TYPED_TWICE = (
    "camket: {file}: thôn {names} của sổ này chưa có hộ và tệp cũng có (gõ lại khi cài máy"
    " này); đã bỏ thôn của sổ này, giữ thôn của tệp."
)


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="write the register (or its recent changes) to a signed .camket bundle"
    )
    add_db(export)
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE.camket", help="the bundle to write"
    )
    export.add_argument(
        "--since",
        type=Path,
        metavar="FILE.camket",
        help="only the changes after this earlier bundle of this register",
    )
    export.add_argument(
        "--to",
        type=Path,
        metavar="KEYFILE",
        help="encrypt to the receiver: a file holding its age recipient (camket keys)",
    )
    export.set_defaults(run=_export)

    merge = commands.add_parser(
        "merge",
        help="merge .camket bundles into the register",
        description=(
            "Merge .camket bundles into the register. The first bundle of an installation "
            "this register never met is accepted and its key recorded (trust on first use): "
            "the command names it with its key fingerprint, to compare with `camket keys` on "
            "that PC; --known-only refuses it instead. The window asks first."
        ),
    )
    add_db(merge)
    merge.add_argument("files", type=Path, nargs="+", metavar="FILE.camket", help="bundles")
    merge.add_argument("--json", action="store_true", help="print the outcome as JSON")
    merge.add_argument(
        "--known-only",
        action="store_true",
        help="refuse bundles of installations this register never met (no trust on first use)",
    )
    merge.set_defaults(run=_merge)

    conflicts = commands.add_parser(
        "conflicts", help="concurrent edits waiting for a person; keep one version"
    )
    add_db(conflicts)
    conflicts.add_argument("--json", action="store_true", help="print a JSON list")
    actions = conflicts.add_subparsers(
        dest="conflict_action", metavar="ACTION", help="keep: settle one conflict"
    )
    keep = actions.add_parser(
        "keep", help="resolve a conflict by keeping one version, or a half-deleted household"
    )
    # SUPPRESS: a --db given before `keep` (`conflicts --db X keep …`) must not be reset.
    keep.add_argument(
        "--db", type=Path, dest="sub_db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP
    )
    keep.add_argument(
        "conflict_id",
        metavar="CONFLICT_ID",
        help="its id (or the start of it); a half-deleted household's code",
    )
    keep.add_argument(
        "version",
        choices=("current", "other", "restore", "delete"),
        metavar="VERSION",
        help="current: the version shown now; other: the conflicting one; for a household"
        " deleted on one PC and still in use on another: restore it, or delete it all",
    )
    conflicts.set_defaults(run=_conflicts)

    keys = commands.add_parser(
        "keys", help="this installation's signing key and the register's age recipient"
    )
    add_db(keys)
    keys.set_defaults(run=_keys)


def _export(args: argparse.Namespace) -> int:
    from desktop.outputs import check_output
    from desktop.services.bundles import export_bundle
    from desktop.services.register import open_existing

    check_output(args.out)  # before any work: never over the register or a backup
    reg = open_existing(db_path(args))
    try:
        done = export_bundle(reg, args.out, since=args.since, to=args.to)
    finally:
        reg.close()
    kind = "các thay đổi" if done.kind == "incremental" else "toàn bộ sổ"
    sealed = ", đã mã hoá cho nơi nhận" if done.encrypted else ""
    print(f"Đã xuất {kind} ({done.total} dòng{sealed}): {args.out}")
    for line in repair_lines(done.repaired):
        print(line)
    if done.sample:
        print(SAMPLE_EXPORT_WARNING, file=sys.stderr)
    return 0


def _merge(args: argparse.Namespace) -> int:
    from desktop.services.merge import merge_bundles
    from desktop.services.register import open_existing

    reg = open_existing(db_path(args))
    try:
        results = merge_bundles(reg, list(args.files), confirmed=() if args.known_only else None)
    finally:
        reg.close()
    if args.json:
        print(json.dumps([_result_json(r) for r in results], ensure_ascii=False, indent=1))
    for r in results:
        if r.refused is not None:
            reason = describe(r.refused)  # a bundle's own fault names it; a full disk does not
            named = reason if r.source in reason else f"{r.source}: {reason}"
            print(f"camket: {named}", file=sys.stderr)
            continue
        if r.first_meeting:
            print(
                f"camket: {r.source}: máy {r.installation_id[:8]} gửi lần đầu; đã ghi nhận khoá"
                f" {key_fingerprint(r.public_key)} (so với `camket keys` trên máy đó)",
                file=sys.stderr,
            )
        if r.sample:
            print(SAMPLE_MERGED_WARNING.format(file=r.source), file=sys.stderr)
        if r.hamlets_typed_twice:
            names = ", ".join(f"“{name}”" for name in r.hamlets_typed_twice)
            print(HAMLETS_TYPED_TWICE.format(file=r.source, names=names), file=sys.stderr)
        if not args.json:
            print(
                f"{r.source}: {r.total('new')} mới, {r.total('updated')} cập nhật,"
                f" {r.total('unchanged')} không đổi, {r.total('conflicts')} xung đột"
            )
    return 2 if any(r.refused is not None for r in results) else 0


def _result_json(r: Any) -> dict[str, Any]:
    if r.refused is not None:
        return {"file": r.source, "refused": r.refused.code, "reason": describe(r.refused)}
    return {
        "file": r.source,
        "communes": r.communes,
        "installation": r.installation_id,
        "key_fingerprint": key_fingerprint(r.public_key),
        "first_meeting": r.first_meeting,
        "hamlets_typed_twice": r.hamlets_typed_twice,
        **{what: r.total(what) for what in ("new", "updated", "unchanged", "conflicts")},
        "tables": {name: vars(c) for name, c in r.counts.items()},
    }


def _conflicts(args: argparse.Namespace) -> int:
    from desktop.cli.conflict_words import TABLE_WORDS, conflict_lines, half_deleted_line
    from desktop.services.conflicts import (
        code_clashes,
        find_conflict,
        keep_version,
        open_conflicts,
    )
    from desktop.services.half_deleted import half_deleted_households
    from desktop.services.register import open_existing
    from desktop.services.set_apart import doubled_communes
    from desktop.store.admin_units import find_commune

    reg = open_existing(db_path(args))
    try:
        if args.conflict_action == "keep" and args.version in ("restore", "delete"):
            return _settle_half_deleted(reg, args.conflict_id, args.version)
        if args.conflict_action == "keep":
            conflict = find_conflict(reg.db, args.conflict_id)
            keep_version(reg, conflict, args.version)
            kept = "đang dùng" if args.version == "current" else "kia"
            what = f"{TABLE_WORDS.get(conflict.table, conflict.table)} {conflict.label}"
            print(f"Đã giải quyết xung đột {conflict.id[:12]} ({what}): giữ bản {kept}")
            return 0
        found = open_conflicts(reg.db)
        clashes = code_clashes(reg.db)
        halves = half_deleted_households(reg.db)
        upper = not reg.writer.edits_communes
        # A commune merged twice from two registers set up apart clashes on every code its
        # two registers gave alike: no renaming fixes that (camket check says what does).
        doubled = {code for code, _hamlets in doubled_communes(reg.db)} if upper else set()
        if args.json:
            items = [c.as_json() for c in found] + [
                {"kind": "code_clash", "commune": commune, "code": code, "households": ids}
                for commune, code, ids in clashes
            ]
            items += [h.as_json() for h in halves]
            print(json.dumps(items, ensure_ascii=False, indent=1))
            return 0
        for c in found:
            print("\n".join(conflict_lines(reg.db, c)))
    finally:
        reg.close()
    for half in halves:
        print(half_deleted_line(half, upper))
    # An upper register renames no commune's household: the commune does, and sends it again.
    fix = "xã đổi mã một hộ trên máy của xã rồi gửi lại" if upper else "đổi mã một hộ trong cửa sổ"
    twice = "xã có vẻ đã được gộp hai lần từ hai sổ của xã lập riêng: xem camket check"
    for commune, code, ids in clashes:
        unit = find_commune(commune)
        said = twice if commune in doubled else fix
        print(f"Mã hộ {code} trùng ở {len(ids)} hộ ({unit.name if unit else commune}): {said}")
    if found:
        print("Giải quyết: camket conflicts keep ID current (giữ bản đang dùng) hoặc other")
    summary = f"{len(found)} xung đột, {len(clashes)} mã hộ trùng"
    if halves:
        summary += f", {len(halves)} hộ bị xoá dở"
    print(f"{summary} chờ xem xét", file=sys.stderr)
    return 0


def _settle_half_deleted(reg: OpenRegister, wanted: str, how: str) -> int:
    from desktop.services.half_deleted import (
        find_half_deleted,
        finish_deletion,
        restore_half_deleted,
    )

    half = find_half_deleted(reg.db, wanted)
    if how == "restore":
        restore_half_deleted(reg, half)
        print(f"Đã khôi phục hộ {half.code} cùng {len(half.restorable)} người bị xoá theo hộ")
    else:
        finish_deletion(reg, half)
        print(f"Đã xoá hẳn hộ {half.code} và những người còn lại trong hộ")
    return 0


def _keys(args: argparse.Namespace) -> int:
    from desktop.services.bundles import register_keys
    from desktop.services.register import open_existing

    reg = open_existing(db_path(args))
    try:
        keys = register_keys(reg)
    finally:
        reg.close()
    print(f"installation: {keys.installation_id}")
    print(f"signing key (Ed25519): {keys.signing_key}")
    print(f"key fingerprint: {key_fingerprint(keys.signing_key)}")
    print(f"age recipient: {keys.age_recipient}")
    return 0
