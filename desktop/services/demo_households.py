"""Demo households, pure: families with ages that fit, names, IDs, phones, relatives abroad."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from string import ascii_uppercase

from desktop.domain.entities import (
    BirthDate,
    DepartureStatus,
    Gender,
    Hamlet,
    HamletKind,
    Household,
    Person,
    RelativeAbroad,
    ResidenceKind,
    new_id,
)
from desktop.domain.text import fold_for_search
from desktop.domain.validation import id_number_for
from desktop.services import demo_names as names


@dataclass
class HamletPlan:
    """How one hamlet is filled: its share of households, code prefix and ethnic mix."""

    hamlet: Hamlet
    households: int
    prefix: str
    ethnicities: names.Weighted
    head_at: int  # which household's head also heads the hamlet
    head_name: str = ""


@dataclass
class _Spec:
    """A member before the details: who they are in the family."""

    name: str
    gender: Gender
    age: int
    ethnicity: str
    relationship: str


_KINDS = names.Weighted(
    [("single", 8), ("couple", 10), ("nuclear", 50), ("up", 10), ("down", 15), ("lone", 7)]
)
_KINH_CHILDREN = names.Weighted([(str(n), w) for n, w in enumerate((5, 20, 45, 22, 6, 2))])
_MINORITY_CHILDREN = names.Weighted(
    [(str(n), w) for n, w in enumerate((3, 10, 22, 25, 18, 12, 6, 4))]
)
MAX_AGE = 98  # stays clear of the "very old" warning (over 105) for years to come
_LAI_CHAU = "012"
_DELTA = ("036", "034", "038", "040", "001", "030", "033", "035", "037", "031", "022", "025")
_NEIGHBOURS = ("010", "011", "014", "015")
_NOTES = names.Weighted(
    [("", 83), ("Hộ nghèo", 10), ("Hộ cận nghèo", 5), ("Gia đình chính sách", 2)]
)
# Country calling prefix and how many digits follow it on a mobile number there.
_ABROAD_PHONES = {
    "Trung Quốc": ("+86 13", 9),
    "Lào": ("+856 20", 8),
    "Hàn Quốc": ("+82 10", 8),
    "Nhật Bản": ("+81 90", 8),
    "Đài Loan": ("+886 9", 8),
    "Malaysia": ("+60 1", 8),
    "Thái Lan": ("+66 8", 8),
}
_LABOUR_EXPORT = frozenset({"Hàn Quốc", "Nhật Bản", "Đài Loan", "Malaysia"})


@dataclass
class DemoGenerator:
    """Makes households one by one from ``rng``; their rows get fresh ids (new_id), made in
    order as a clerk's or an import's would be."""

    rng: random.Random
    as_of: dt.date
    taken_codes: set[str] = field(default_factory=set)
    taken_ids: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)

    def plan_hamlets(self, hamlets: list[Hamlet], total: int) -> list[HamletPlan]:
        rng = self.rng
        weights = [rng.uniform(0.5, 1.6) for _ in hamlets]
        weight_sum = sum(weights)
        counts = [int(total * w / weight_sum) for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        plans: list[HamletPlan] = []
        prefixes: set[str] = set()
        for hamlet, count in zip(hamlets, counts, strict=True):
            prefix = _prefix(hamlet, prefixes)
            if hamlet.kind is HamletKind.BAN:
                # A village is mostly one people: its lead group gets 80 % of households.
                lead = names.BAN_ETHNICITIES.pick(rng)
                mix = names.BAN_ETHNICITIES
                mix_sum = sum(mix.weights)
                ethnicities = names.Weighted(
                    (e, w / mix_sum + (4.0 if e == lead else 0.0))
                    for e, w in zip(mix.values, mix.weights, strict=True)
                )
            else:
                ethnicities = names.THON_ETHNICITIES
            plans.append(HamletPlan(hamlet, count, prefix, ethnicities, rng.randrange(count or 1)))
        return plans

    def households(
        self, plans: list[HamletPlan]
    ) -> Iterator[tuple[Household, list[Person], list[RelativeAbroad]]]:
        for plan in plans:
            number = 0
            for i in range(plan.households):
                number += 1
                while (code := f"{plan.prefix}-{number:04d}") in self.taken_codes:
                    number += 1
                self.taken_codes.add(code)
                household, people, relatives = self.household(plan, code, number)
                if i == plan.head_at:
                    plan.head_name = people[0].full_name
                yield household, people, relatives

    def household(
        self, plan: HamletPlan, code: str, number: int
    ) -> tuple[Household, list[Person], list[RelativeAbroad]]:
        rng = self.rng
        ban = plan.hamlet.kind is HamletKind.BAN
        temporary = rng.random() < (0.012 if ban else 0.045)
        ethnicity = "Kinh" if temporary else plan.ethnicities.pick(rng)
        specs = self.family(ethnicity, "nuclear" if temporary else _KINDS.pick(rng))
        household = Household(plan.hamlet.id, code, id=new_id())
        people = [self.person(household.id, s, i, ban, temporary) for i, s in enumerate(specs)]
        household.head_id = people[0].id
        household.phone = next((p.phone for p in people if p.phone), "")
        house_number = rng.random() < (0.15 if ban else 0.6)
        household.address = (
            f"Số nhà {number}, {plan.hamlet.name}" if house_number else plan.hamlet.name
        )
        household.notes = _NOTES.pick(rng) if not temporary else "Hộ tạm trú"
        relatives: list[RelativeAbroad] = []
        if rng.random() < (0.08 if plan.hamlet.is_border else 0.02):
            for _ in range(1 if rng.random() < 0.8 else 2):
                relatives.append(self.relative(household.id, specs[0]))
        return household, people, relatives

    def family(self, eth: str, kind: str) -> list[_Spec]:
        """Who lives in the household, head first, with ages that fit together."""
        rng = self.rng
        minority = eth != "Kinh"
        last_year = self.as_of.year - 1  # births run up to the day before as_of

        def spec(gender: Gender, age: int, rel: str, family: str = "", e: str = eth) -> _Spec:
            return _Spec(
                names.full_name(rng, e, gender, last_year - age, family), gender, age, e, rel
            )

        def spouse_of(head: _Spec) -> _Spec:
            e = head.ethnicity if rng.random() < 0.9 else names.THON_ETHNICITIES.pick(rng)
            gap = round(rng.triangular(-3, 10, 3))
            if head.gender is Gender.MALE:
                return spec(Gender.FEMALE, max(18, head.age - gap), "Vợ", e=e)
            return spec(Gender.MALE, min(MAX_AGE, head.age + gap), "Chồng", e=e)

        def children(
            mother_age: int, family: str, e: str, rel: str = "Con", limit: int = 30
        ) -> list[_Spec]:
            pool = _MINORITY_CHILDREN if minority else _KINH_CHILDREN
            out: list[_Spec] = []
            born_at = rng.randint(17, 25) if minority else rng.randint(20, 30)
            for _ in range(int(pool.pick(rng))):
                age = mother_age - born_at
                if age < 0 or born_at > 44:
                    break
                if age <= limit:
                    gender = Gender.MALE if rng.random() < 0.52 else Gender.FEMALE
                    out.append(spec(gender, age, rel, family, e))
                born_at += rng.randint(1, 4)
            return out

        if kind in ("single", "couple"):
            old = rng.random() < 0.6
            age = rng.randint(62, 92) if old else rng.randint(20, 34)
            gender = Gender.FEMALE if old and rng.random() < 0.55 else Gender.MALE
            head = spec(gender, age, "Chủ hộ")
            return [head] if kind == "single" else [head, spouse_of(head)]
        if kind == "lone":
            gender = Gender.FEMALE if rng.random() < 0.75 else Gender.MALE
            head = spec(gender, rng.randint(26, 58), "Chủ hộ")
            late = names.family_name(rng, eth) if gender is Gender.FEMALE else ""
            mother_age = head.age if gender is Gender.FEMALE else head.age - rng.randint(0, 6)
            return [head, *children(mother_age, late or _family(head), eth)]
        gender = Gender.MALE if rng.random() < 0.86 else Gender.FEMALE
        head_age = rng.randint(50, 80) if kind == "down" else rng.randint(22, 58)
        head = spec(gender, head_age, "Chủ hộ")
        spouse = spouse_of(head)
        husband, wife = (head, spouse) if gender is Gender.MALE else (spouse, head)
        family = [head, spouse]
        limit = 45 if kind == "down" else 30
        kids = children(wife.age, _family(husband), husband.ethnicity, limit=limit)
        if kind == "down" and kids:
            sons = [k for k in kids if k.gender is Gender.MALE and k.age >= 20] or kids[:1]
            heir = sons[0]
            kids = [k for k in kids if k is heir or k.age <= 30]
            if heir.age >= 20:
                in_law = "Con dâu" if heir.gender is Gender.MALE else "Con rể"
                partner_age = max(18, heir.age - rng.randint(-2, 6))
                partner = spec(_other(heir.gender), partner_age, in_law)
                son, mother = (heir, partner) if heir.gender is Gender.MALE else (partner, heir)
                grandchildren = children(mother.age, _family(son), son.ethnicity, "Cháu")
                kids += [partner, *grandchildren]
        family += kids
        if kind == "up":
            for gender_, rel in ((Gender.MALE, "Bố"), (Gender.FEMALE, "Mẹ")):
                if rng.random() < 0.7:
                    age = min(MAX_AGE, head.age + rng.randint(20, 32))
                    family.append(spec(gender_, age, rel, _family(head) if rel == "Bố" else ""))
        if rng.random() < 0.03 and head.age > 25:
            sibling = Gender.MALE if rng.random() < 0.5 else Gender.FEMALE
            family.append(spec(sibling, head.age - rng.randint(2, 9), "Em", _family(head)))
        return family

    def person(self, household_id: str, s: _Spec, position: int, ban: bool, temp: bool) -> Person:
        rng = self.rng
        birth_year = self.as_of.year - 1 - s.age
        year_only = rng.random() < (0.55 if s.age >= 60 else 0.2 if s.age >= 40 else 0.06)
        if year_only:
            birth = BirthDate(birth_year)
        else:
            month = rng.randint(1, 12)
            birth = BirthDate(birth_year, month, rng.randint(1, 28 if month == 2 else 30))
        individual_temp = not temp and position > 0 and s.age >= 18 and rng.random() < 0.025
        temporary = temp or individual_temp
        return Person(
            household_id=household_id,
            full_name=s.name,
            gender=s.gender,
            birth=birth,
            id_number=self.id_number(s, birth_year, temporary),
            ethnicity=s.ethnicity,
            relationship=s.relationship,
            residence=ResidenceKind.TEMPORARY if temporary else ResidenceKind.PERMANENT,
            phone=self.phone(s),
            occupation=self.occupation(s, ban, temporary),
            position=position,
            id=new_id(),
        )

    def id_number(self, s: _Spec, birth_year: int, temporary: bool) -> str:
        rng = self.rng
        if rng.random() > (0.4 if s.age < 14 else 0.88 if s.age >= 60 else 0.96):
            return ""
        if s.age >= 60 and rng.random() < 0.08:
            number = f"04{rng.randrange(10_000_000):07d}"  # legacy CMND of Lai Châu
        else:
            if temporary or (s.ethnicity == "Kinh" and rng.random() < 0.35):
                prefix = rng.choice(_DELTA)
            elif rng.random() < 0.08:
                prefix = rng.choice(_NEIGHBOURS)
            else:
                prefix = _LAI_CHAU
            number = id_number_for(prefix, s.gender, birth_year, rng.randrange(1_000_000))
        if number in self.taken_ids:
            return self.id_number(s, birth_year, temporary)
        self.taken_ids.add(number)
        return number

    def phone(self, s: _Spec) -> str:
        rng = self.rng
        share = 0.15 if s.age > 65 else (0.65 if s.ethnicity == "Kinh" else 0.4)
        if s.age < 16 or rng.random() >= share:
            return ""
        number = rng.choice(names.MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        if number in self.phones:
            return self.phone(s)
        self.phones.add(number)
        return number

    def occupation(self, s: _Spec, ban: bool, temporary: bool) -> str:
        rng = self.rng
        if s.age < 6:
            return ""
        if s.age < 18:
            return "Học sinh"
        if temporary:
            return names.phrase(names.OCCUPATIONS_TEMPORARY, rng)
        kinh = s.ethnicity == "Kinh"
        if s.age <= 22 and kinh and rng.random() < 0.3:
            return "Sinh viên"
        if s.age >= 60 and kinh and rng.random() < 0.2:
            return "Hưu trí"
        pool = names.OCCUPATIONS_TOWN if kinh and not ban else names.OCCUPATIONS_FARM
        return names.phrase(pool, rng)

    def relative(self, household_id: str, head: _Spec) -> RelativeAbroad:
        rng = self.rng
        rel = names.RELATIVE_KINDS.pick(rng)
        gender = Gender.FEMALE if rel == "Con dâu" or rng.random() < 0.35 else Gender.MALE
        family = "" if rel == "Con dâu" else _family(head)
        name = names.full_name(rng, head.ethnicity, gender, rng.randint(1975, 2004), family)
        country = names.COUNTRIES.pick(rng)
        year = rng.randint(2012, self.as_of.year - 1)
        since = f"{rng.randint(1, 12):02d}/{year}" if rng.random() < 0.4 else str(year)
        legal = 0.85 if country in _LABOUR_EXPORT else 0.3 if country == "Trung Quốc" else 0.5
        roll = rng.random()
        departure = (
            DepartureStatus.LEGAL
            if roll < legal
            else DepartureStatus.ILLEGAL
            if roll < legal + (1 - legal) * 0.6
            else DepartureStatus.UNKNOWN
        )
        contact = names.phrase(names.CONTACTS, rng)
        if contact in ("Zalo", "Điện thoại"):
            prefix, digits = _ABROAD_PHONES[country]
            contact += f" {prefix}{rng.randrange(10**digits):0{digits}d}"
        elif contact == "Mất liên lạc":
            contact += f" từ {rng.randint(year, self.as_of.year - 1)}"
        plans = names.phrase(names.PLANS, rng)
        if plans == "Hết hợp đồng sẽ về" and (
            country not in _LABOUR_EXPORT or departure is not DepartureStatus.LEGAL
        ):
            plans = "Chưa có kế hoạch về"
        elif plans == "Hết hợp đồng sẽ về":
            plans = f"Hết hợp đồng năm {self.as_of.year + rng.randint(0, 3)} sẽ về"
        return RelativeAbroad(
            household_id, name, rel, country, since, departure, contact, plans, id=new_id()
        )


def _family(person: _Spec) -> str:
    return person.name.split(" ", 1)[0]


def _other(gender: Gender) -> Gender:
    return Gender.FEMALE if gender is Gender.MALE else Gender.MALE


def _prefix(hamlet: Hamlet, taken: set[str]) -> str:
    """Household-code prefix: "Bản Nậm Tăm" → NT (NAT, NTA… when taken), "Thôn 3" → T3."""
    words = fold_for_search(hamlet.name).upper().split()
    skip = {"BAN": 1, "THON": 1, "AP": 1, "KHU": 2, "TO": 3}.get(words[0] if words else "", 0)
    own = words[skip:] or words or ["H"]
    if all(w.isdigit() for w in own):
        candidates = ["".join(w[0] for w in words[:skip]) + "".join(own)]
    else:
        first, rest = own[0], own[1:4]
        candidates = [
            first[0] + "".join(w[0] for w in rest),
            first[:2] + "".join(w[0] for w in rest),
            first[0] + "".join(w[:2] for w in rest),
            first[:2] + "".join(w[:2] for w in rest),
        ]
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    # A letter, not a digit, so "Thôn 1" taken twice never reads as "Thôn 12".
    for n in itertools.count():
        candidate = f"{candidates[0]}{ascii_uppercase[n % 26]}{n // 26 or ''}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise AssertionError("unreachable")
