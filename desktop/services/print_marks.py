"""A print mark never outweighs a result recorded in the field: such pledge conflicts are
answered without a person.

The office reprints a hamlet's unsigned sheets (sheets.mark_printed: a new print time,
Đã in) while the campaign laptop records, at the household's door, that it signed: two
concurrent versions of one pledge. The merge's winner is the most edited, then the latest
(domain.versions: the same on every installation), so the print mark may win and the
signature wait in the conflict queue, the hamlet's progress short by it until someone
settles it. No person would keep the print mark: the sheet went out and the household
answered. So after a bundle is merged, each such question is answered as a person would,
with the result recorded, and the later print time when the result is a refusal or an
absence (a new sheet went out to them, as mark_printed does; a signed sheet keeps its own,
the bản lưu of what came back). The answer is an ordinary one (conflicts.combine: audited,
a version that descends from both), so it travels and settles the question on every PC it
reaches. Changing the winner rule instead would make PCs running different CamKet versions
show different winners.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.pledges import RESULT_STATUSES, PledgeStatus
from desktop.services.conflicts import Conflict, combine, conflicts_of_table
from desktop.services.register import OpenRegister
from desktop.store.registry import table

# What recording a result or printing a sheet writes; any other difference (notes, the
# household, a deletion) is a question for a person.
_RESULT = ("signed_on", "signer_id", "reason")
_MARKED = frozenset(("status", "printed_at", "template_version", "witnesses", *_RESULT))
_UNANSWERED = frozenset((PledgeStatus.NOT_PRINTED, PledgeStatus.PRINTED))


def settle_print_marks(reg: OpenRegister) -> int:
    """Answer every pledge conflict of a print mark against a recorded result; how many."""
    settled = 0
    for conflict in conflicts_of_table(reg.db, "pledge"):
        answer = print_mark_answer(conflict)
        if answer is not None:
            combine(reg, conflict, answer)
            settled += 1
    return settled


def print_mark_answer(conflict: Conflict) -> dict[str, Any] | None:
    """The values a person would keep when one version only marks a sheet printed and the
    other records the household's answer; None for any other conflict."""
    versions = (conflict.current, conflict.other)
    if any(v.get("deleted") for v in versions):
        return None
    results = [v for v in versions if v.get("status") in RESULT_STATUSES]
    marks = [
        v for v in versions if v.get("status") in _UNANSWERED and not any(v.get(c) for c in _RESULT)
    ]
    if len(results) != 1 or len(marks) != 1:
        return None
    content = table("pledge").content
    if any(conflict.current.get(c) != conflict.other.get(c) for c in content if c not in _MARKED):
        return None
    result, mark = results[0], marks[0]
    answer = dict(result)
    later = (mark.get("printed_at") or "") > (result.get("printed_at") or "")
    if later and result.get("status") != PledgeStatus.SIGNED:
        answer["printed_at"] = mark["printed_at"]
        answer["template_version"] = mark.get("template_version")
    return answer
