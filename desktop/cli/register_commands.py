"""`camket init`, `demo`, `search` and `check`: making a register and looking into it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.parsing import SQLITE_INTEGER_MAX, add_db, db_path, int_between
from desktop.domain.entities import BirthDate
from desktop.domain.errors import KnownError
from desktop.domain.unreadable import Reading
from desktop.messages import describe_issue

if TYPE_CHECKING:  # the CLI imports the store only when a command needs it
    from desktop.store.encryption import NewKey


def add_commands(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="create a register: of an official commune, an upper level's, or from a bundle",
    )
    add_db(init)
    made_as = init.add_mutually_exclusive_group(required=True)
    made_as.add_argument(
        "--commune",
        metavar="CODE",
        help="official commune code (Decision 19/2025/QĐ-TTg), e.g. 03478 (Xã Sìn Hồ, Lai Châu)",
    )
    init.add_argument(
        "--hamlet",
        action="append",
        default=[],
        metavar="NAME",
        help="a hamlet of the commune; repeat for each",
    )
    made_as.add_argument(
        "--upper",
        action="store_true",
        help="an upper-level register (province, Border Guard post) merging many communes",
    )
    made_as.add_argument(
        "--from",
        dest="from_bundle",
        type=Path,
        metavar="FILE.camket",
        help="a new installation of that bundle's commune, filled from the bundle",
    )
    init.add_argument(
        "--identity",
        type=Path,
        metavar="KEYFILE",
        help="with --from: the age secret key file (AGE-SECRET-KEY-1…) of the receiver the "
        "bundle was encrypted to (export --to)",
    )
    init.add_argument(
        "--province",
        default="",
        metavar="CODE",
        help="with --upper: only this province's communes (its code: 12, or 012 as ID numbers "
        "begin; or its name)",
    )
    init.add_argument(
        "--name",
        default="",
        metavar="TEXT",
        help='with --upper: what it is called (default "Sổ cấp trên" and the province)',
    )
    init.add_argument("--clerk", default="", metavar="NAME", help="the clerk who keeps it")
    init.add_argument("--border-post", default="", metavar="NAME", help="the Border Guard post")
    init.add_argument(
        "--border-officer", default="", metavar="NAME", help="the Border Guard officer"
    )
    init.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the register at rest (passphrase asked, or CAMKET_PASSPHRASE); "
        "its recovery key is printed once",
    )
    init.add_argument(
        "--template",
        default=None,
        metavar="ID[@VERSION]",
        help="the bundled template of the first campaign (default bien-gioi, the lasting "
        "border-security movement; covid-xnc-2021 the 2021 drive; its latest version "
        "unless @VERSION, as campaign list prints it: bien-gioi@1)",
    )

    demo = commands.add_parser("demo", help="create a register filled with synthetic households")
    add_db(demo)
    demo.add_argument(
        "--households",
        type=int_between(),
        default=1000,
        metavar="N",
        help="how many (default 1000)",
    )
    demo.add_argument(
        "--seed",
        type=int_between(0, SQLITE_INTEGER_MAX),
        default=1,
        metavar="S",
        help="the same seed, the same register (default 1)",
    )
    demo.add_argument(
        "--commune",
        metavar="CODE",
        help="the official commune the made-up households are given (default 03478, Xã Sìn"
        " Hồ): demos of two communes, exported, make an upper register to try",
    )

    search = commands.add_parser("search", help="find people by name, ID, phone or household")
    add_db(search)
    search.add_argument(
        "query",
        metavar="QUERY",
        help="name, personal ID, phone or household code; no diacritics needed",
    )
    search.add_argument(
        "--limit",
        type=int_between(1, 1_000_000),
        default=50,
        metavar="N",
        help="at most N hits (default 50)",
    )
    search.add_argument("--json", action="store_true", help="print a JSON list of objects")

    check = commands.add_parser("check", help="integrity check and validation of every row")
    add_db(check)
    check.add_argument(
        "--fix",
        action="store_true",
        help="on a sound register, first make the repairs an export makes itself (a deleted"
        " row's text longer than its bound, an attachment's name that is no plain name)",
    )

    init.set_defaults(run=_init)
    demo.set_defaults(run=_demo)
    search.set_defaults(run=_search)
    check.set_defaults(run=_check)


def _init(args: argparse.Namespace) -> int:
    from desktop.cli.encryption_commands import new_passphrase, print_recovery_key
    from desktop.services.encryption import new_key

    _refuse_options_of_another_kind(args)
    identity = _identity(args)  # a wrong key file is said before any passphrase is asked
    # Asked before anything is made; the register is then built encrypted from its first page.
    key = new_key(new_passphrase()) if args.encrypt else None
    _make_register(args, key, identity)
    if key is not None:
        print("Sổ được mã hóa (SQLCipher).")
        print_recovery_key(db_path(args), key.recovery)
    return 0


# The options that make sense for one kind of register only: given with another kind,
# they would be dropped unsaid (a province for a commune register, a clerk for one that
# comes from a bundle, which brings its own).
_ONLY_FOR = {
    "--upper": (("--province", "province"), ("--name", "name")),
    "--commune": (
        ("--hamlet", "hamlet"),
        ("--clerk", "clerk"),
        ("--border-post", "border_post"),
        ("--border-officer", "border_officer"),
        ("--template", "template"),
    ),
}


def _refuse_options_of_another_kind(args: argparse.Namespace) -> None:
    kind = "--upper" if args.upper else "--from" if args.from_bundle else "--commune"
    for owner, options in _ONLY_FOR.items():
        if owner == kind:
            continue
        for option, name in options:
            given = getattr(args, name)
            if given or (name == "template" and given is not None):  # --template "" too
                raise KnownError(
                    "init.option_of_another_kind", option=option, kind=kind, owner=owner
                )


def _upper_name(args: argparse.Namespace) -> str:
    """--name, else a plain one ("Sổ cấp trên tỉnh Lai Châu"): the name is optional."""
    from desktop.store.admin_units import find_province

    if args.name.strip():
        return str(args.name)
    province = find_province(args.province) if args.province.strip() else None
    if province is None:
        return "Sổ cấp trên"
    # "tỉnh Lai Châu"; a city's name says it is one ("Thành phố Hải Phòng"): said once.
    named = province.name if province.kind != "tỉnh" else f"{province.kind} {province.name}"
    return f"Sổ cấp trên {named}"


def _identity(args: argparse.Namespace) -> str | None:
    """The receiver's age secret key that opens an encrypted bundle (--identity)."""
    if args.identity is None:
        return None
    if not args.from_bundle:
        raise KnownError("init.identity_without_bundle")
    from desktop.services.bundles import read_identity

    return read_identity(args.identity)


def _make_register(args: argparse.Namespace, key: NewKey | None, identity: str | None) -> None:
    from desktop.services.register import (
        create_from_bundle,
        create_register,
        create_upper_register,
    )

    if args.upper:
        upper = create_upper_register(
            db_path(args), _upper_name(args), args.province, encrypted=key
        )
        where = f", {upper.province_name}" if upper.province_name else ""
        print(f"Đã tạo sổ cấp trên “{upper.name}”{where}: {db_path(args)}")
        return
    if args.from_bundle:
        commune, result = create_from_bundle(
            db_path(args), args.from_bundle, encrypted=key, identity=identity
        )
        print(
            f"Đã tạo sổ đăng ký cho {commune.name}, {commune.province_name} từ"
            f" {args.from_bundle.name} ({result.total('new')} dòng): {db_path(args)}"
        )
        return
    from desktop.services.campaigns import CampaignPlan, bundled_template, default_template

    template = default_template() if args.template is None else bundled_template(args.template)
    commune = create_register(
        db_path(args),
        args.commune,
        args.hamlet,
        clerk_name=args.clerk,
        border_post=args.border_post,
        border_officer=args.border_officer,
        campaign=CampaignPlan(template),
        encrypted=key,
    )
    print(f"Đã tạo sổ đăng ký cho {commune.name}, {commune.province_name}: {db_path(args)}")


def _demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import DEMO_COMMUNE_CODE, create_demo_register
    from desktop.services.register import official_commune

    commune = official_commune(args.commune).code if args.commune else DEMO_COMMUNE_CODE
    started = time.perf_counter()
    summary = create_demo_register(
        db_path(args), households=args.households, seed=args.seed, commune_code=commune
    )
    print(
        f"Đã tạo sổ mẫu {db_path(args)}: {summary.households} hộ, {summary.people} nhân khẩu, "
        f"{summary.hamlets} thôn/bản ({time.perf_counter() - started:.1f} s)"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from desktop.services import ledger
    from desktop.store.register import open_register
    from desktop.store.search import search_people

    db = open_register(db_path(args), read_only=True)
    try:
        hits = search_people(db, args.query, limit=args.limit)
        presence = ledger.presence(db, [h.person_id for h in hits], dt.date.today())
    finally:
        db.close()
    if args.json:
        items = [asdict(h) | {"presence": presence[h.person_id].value} for h in hits]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    from desktop.domain.movements import PRESENCE_LABELS

    for hit in hits:
        birth = Reading("person", hit.person_id).text("birth", hit.birth, _birth_shown)
        now = PRESENCE_LABELS[presence[hit.person_id]]
        print(
            f"{hit.full_name}\t{birth}\t{hit.id_number}\t{hit.household_code}\t{hit.hamlet}\t{now}"
        )
    print(f"{len(hits)} kết quả", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from desktop.services.checks import check_register

    report = check_register(db_path(args))
    if args.fix and not report.integrity:  # never a write to a damaged file
        from desktop.messages import repair_lines
        from desktop.services.export_repairs import repair_unsendable
        from desktop.services.register import open_existing

        reg = open_existing(db_path(args), stale_backup=True)
        try:
            repaired = repair_unsendable(reg)
        finally:
            reg.close()
        for line in repair_lines(repaired) or ["Không có ô nào cần CamKet tự sửa."]:
            print(line)
        if repaired:
            report = check_register(db_path(args))
    for line in report.lines(describe_issue):
        print(line)
    return 0 if report.ok else 1


def _birth_shown(stored: str) -> str:
    return BirthDate.from_iso(stored).display() if stored else ""
