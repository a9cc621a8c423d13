"""Vietnamese typed with legacy 8-bit fonts (TCVN3 / .VnTime, VNI): detection and conversion.

Why hand-written tables: PyPI has no maintained, small converter for these encodings (the
packages that mention them are whole RAG document loaders). The tables below are the
published TCVN 5712:1993 "VN3" code chart (the .VnTime/ABC fonts) and the VNI-Windows chart.

Both fonts drew Vietnamese over the bytes of the Western code page, so a list typed with
them arrives as Windows-1252/Latin-1 "mojibake": "NguyÔn V¨n An" (TCVN3) or "Nguyeãn
Vaên An" (VNI). Excel cells keep exactly those Latin-1 characters, and a CSV saved from
such a sheet has their bytes; both are converted here from text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import filterfalse
from typing import NamedTuple

from desktop.domain.errors import KnownError


class Legacy(StrEnum):
    NONE = "none"
    TCVN3 = "tcvn3"
    VNI = "vni"


# --- TCVN3 (ABC): one byte per letter ------------------------------------------------------
# Lower-case letters with marks plus the seven upper-case letters with their own shape.
# Upper-case letters with a tone have no code: .VnTimeH fonts draw the lower-case codes in
# capitals, which convert() puts back with the case of the rest of the word.
_TCVN3_CHART = (
    "\xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ "
    "\xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ "
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ "
    "\xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ "
    "\xc7ầ \xc8ẩ \xc9ẫ \xcaấ \xcbậ "
    "\xccè \xceẻ \xcfẽ \xd0é \xd1ẹ "
    "\xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ "
    "\xd7ì \xd8ỉ \xdcĩ \xddí \xdeị "
    "\xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ "
    "\xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ "
    "\xeaờ \xebở \xecỡ \xedớ \xeeợ "
    "\xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ "
    "\xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự "
    "\xfaỳ \xfbỷ \xfcỹ \xfdý \xfeỵ"
)
TCVN3_TO_UNICODE: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_CHART.split()}

# --- VNI: a base letter followed by one mark character -------------------------------------
# The mark characters of VNI-Windows: tone alone, a vowel mark alone, or both in one byte.
_VNI_MARKS_LOWER = {
    "ù": "\u0301",  # sắc
    "ø": "\u0300",  # huyền
    "û": "\u0309",  # hỏi
    "õ": "\u0303",  # ngã
    "ï": "\u0323",  # nặng
    "â": "\u0302",  # circumflex (â ê ô)
    "á": "\u0302\u0301",
    "à": "\u0302\u0300",
    "å": "\u0302\u0309",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "ê": "\u0306",  # breve (ă)
    "é": "\u0306\u0301",
    "è": "\u0306\u0300",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}
# Upper-case letters take the upper-case form of each mark character.
_VNI_MARKS = {**_VNI_MARKS_LOWER, **{k.upper(): v for k, v in _VNI_MARKS_LOWER.items()}}
# Letters VNI gives a code of their own (ơ and ư are then the bases of their tones).
_VNI_SINGLE = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "í": "í",
    "Í": "Í",
    "ì": "ì",
    "Ì": "Ì",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
_VNI_BASES = "aeouyAEOUY"
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWEL_MARKS = "\u0302\u0306"


def _compose(base: str, marks: str) -> str | None:
    """base + combining marks as one precomposed letter, or None if Vietnamese has none."""
    import unicodedata  # local: keeps the module's import time at nothing for callers

    letter = unicodedata.normalize("NFC", base + marks)
    return letter if len(letter) == 1 else None


def _build_vni_table() -> dict[str, str]:
    """Every two-character VNI sequence -> its Unicode letter (only real Vietnamese ones)."""
    table: dict[str, str] = {}
    for mark_char, marks in _VNI_MARKS.items():
        lower_mark = mark_char == mark_char.lower()
        bases = [b for b in _VNI_BASES + "ôöÔÖ" if (b == b.lower()) == lower_mark]
        for base in bases:
            uni_base = _VNI_SINGLE.get(base, base)
            if any(m in _VOWEL_MARKS for m in marks):
                # â/ê/ô take the circumflex, ă the breve; ơ/ư never take a vowel mark.
                wanted = "aeoAEO" if "\u0302" in marks else "aA"
                if base not in wanted:
                    continue
            letter = _compose(uni_base, marks)
            if letter is not None:
                table[base + mark_char] = letter
    return table


VNI_PAIRS: dict[str, str] = _build_vni_table()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_PAIRS, key=len, reverse=True))
    + "|["
    + re.escape("".join(_VNI_SINGLE))
    + "]"
)

# --- detection ------------------------------------------------------------------------------

# Latin-1 letters that Vietnamese Unicode text may hold as themselves.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_VNI_CHARS = frozenset(_VNI_MARKS) | frozenset(_VNI_SINGLE)
# TCVN3 codes that are neither a Vietnamese letter nor used by VNI: ¸ µ ¬ ª ¨ « § Þ ß …
_TCVN3_ONLY = frozenset(TCVN3_TO_UNICODE) - _VNI_CHARS - _VIETNAMESE_LATIN1
# VNI's marks that are no Vietnamese letter: after a consonant only TCVN3 could put them.
_VNI_FOREIGN_MARKS = frozenset(_VNI_MARKS) - _VIETNAMESE_LATIN1
_VNI_SINGLE_SIGNS = frozenset(_VNI_SINGLE) - _VIETNAMESE_LATIN1  # ñ ö æ î and capitals
# o + à/á/ã is VNI for ồ/ố/ỗ but also plain Unicode "Hoà", "khoá": no evidence either way.
_AMBIGUOUS_PAIRS = frozenset(b + m for b in "oO" for m in "àáãÀÁÃ")
_VNI_BASE_SET = frozenset(_VNI_BASES + "ôöÔÖ")


def _is_vietnamese_unicode(ch: str) -> bool:
    return ch in "ĂăĐđĨĩŨũƠơƯư" or "\u1ea0" <= ch <= "\u1ef9" or "\u0300" <= ch <= "\u0323"


@dataclass(frozen=True)
class LegacyEvidence:
    """Counts of telltale characters over a sample of cells."""

    tcvn3: int = 0
    vni: int = 0
    unicode: int = 0

    def verdict(self) -> Legacy:
        legacy = self.tcvn3 + self.vni
        if legacy == 0 or self.unicode >= legacy:
            return Legacy.NONE
        # VNI text has no TCVN3-only character at all; TCVN3 text looks like VNI now and
        # then (its codes for ủ ử ổ ợ are VNI's đ ư ỉ ỵ), far less than it shows its own.
        if self.tcvn3 * 3 >= self.vni:
            return Legacy.TCVN3
        return Legacy.VNI


def legacy_evidence(texts: Iterable[str]) -> LegacyEvidence:
    # A sheet repeats most of its cells (hamlets, ethnicities, "Con", "Nữ"), and its names
    # their words ("Nguyễn", "Thị"): each distinct word is read once and counted as often
    # as it occurs. A text's evidence is its words' (split at each space: a space counts
    # for nothing and starts the next word as the text's start does).
    words: Counter[str] = Counter()
    for text, times in Counter(filterfalse(str.isascii, texts)).items():
        if times == 1:
            words.update(text.split(" "))
        else:
            for word in text.split(" "):
                words[word] += times
    tcvn3 = vni = uni = 0
    for word, times in words.items():
        if word.isascii():
            continue
        counts = _word_evidence(word)
        tcvn3 += counts[0] * times
        vni += counts[1] * times
        uni += counts[2] * times
    return LegacyEvidence(tcvn3, vni, uni)


def _word_evidence(word: str) -> tuple[int, int, int]:
    """Telltale characters of one word: TCVN3's, VNI's, Vietnamese Unicode's."""
    tcvn3 = vni = uni = 0
    prev = " "
    for ch in word:
        if ch in _TCVN3_ONLY:
            tcvn3 += 1
        elif _is_vietnamese_unicode(ch):
            uni += 1
        elif ch in _VNI_MARKS:
            pair = prev + ch
            if pair in VNI_PAIRS and pair not in _AMBIGUOUS_PAIRS:
                vni += 1
            elif ch in _VNI_FOREIGN_MARKS and prev not in _VNI_BASE_SET:
                tcvn3 += 1
        elif ch in _VNI_SINGLE_SIGNS:
            vni += 1
        prev = ch
    return tcvn3, vni, uni


def detect_legacy(texts: Iterable[str]) -> Legacy:
    """Which legacy font (if any) a sheet's cells were typed with."""
    return legacy_evidence(texts).verdict()


# --- conversion -----------------------------------------------------------------------------


def _needs_conversion(text: str) -> bool:
    # A cell holding any character past Latin-1 is Unicode already (typed later, or
    # NFD): converting it again would garble it.
    return not text.isascii() and max(text) <= "\xff"


def _restore_capitals(original: str, converted: str) -> str:
    """.VnTimeH words ("NGUYÔN") were typed in capitals: capitalise the converted letters.

    A word is in capitals when it has two or more ASCII letters, all upper case. The whole
    cell is when every word with letters is upper case and one of them both is in capitals
    and holds a legacy code ("NGUYÔN V¡N §øC"); "Sè CCCD" (Số CCCD) is not.
    """
    originals = original.split(" ")
    words = converted.split(" ")
    if len(words) != len(originals):
        return converted

    def letters(word: str) -> list[str]:
        return [c for c in word if c.isascii() and c.isalpha()]

    def capitals(word: str) -> bool:
        found = letters(word)
        return len(found) >= 2 and all(c.isupper() for c in found)

    upper_words = all(all(c.isupper() for c in letters(w)) for w in originals)
    if upper_words and any(capitals(w) and not w.isascii() for w in originals):
        return converted.upper()
    return " ".join(
        after.upper() if capitals(before) else after
        for before, after in zip(originals, words, strict=True)
    )


def tcvn3_to_unicode(text: str) -> str:
    converted = "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)
    return _restore_capitals(text, converted)


def vni_to_unicode(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        seq = match[0]
        return VNI_PAIRS.get(seq) or _VNI_SINGLE[seq]

    return _VNI_PATTERN.sub(one, text)


def capitalise_words(text: str) -> str:
    """Each word of a name starting with a capital: TCVN3 has no code for "Á", "Ổ", "Ú"…,
    so a clerk's "Ánh" comes out of .VnTime as "ánh"."""
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def convert_legacy(text: str, legacy: Legacy) -> str:
    """The Unicode text of a cell typed with ``legacy``; Unicode cells come back unchanged."""
    if legacy is Legacy.NONE or not _needs_conversion(text):
        return text
    if legacy is Legacy.TCVN3:
        return tcvn3_to_unicode(text)
    return vni_to_unicode(text)


# Characters of a legacy font a form's fields must show, all told, before they are refused:
# one alone may be a foreign name's own letter (Muñoz, Søren); a warning takes one.
_FORM_EVIDENCE = 2
_FONT_NAMES = {Legacy.TCVN3: "TCVN3 (.VnTime)", Legacy.VNI: "VNI (VNI-Times)"}


class LegacyReading(NamedTuple):
    """Text that looks typed in a legacy font: the first such text, the font's name and
    what the text likely says."""

    text: str
    font: str
    meant: str


def legacy_reading(texts: Iterable[str], least: int = _FORM_EVIDENCE) -> LegacyReading | None:
    """Whether the fields of one form (read as typed: TCVN3's ư is a soft hyphen, which
    tidying drops) were pasted from a document typed in a legacy font ("®i lµm ¨n"), shown
    by at least ``least`` telltale characters."""
    pasted = [text for text in texts if _needs_conversion(text)]
    if not pasted:
        return None
    legacy = legacy_evidence(pasted).verdict()
    if legacy is Legacy.NONE:
        return None
    # Only words that read as Vietnamese syllables once converted are evidence: Muñoz,
    # Müller, François, Jürgen Weiß hold the same Latin-1 letters and read as nothing.
    words = [w for t in pasted for w in t.split() if not w.isascii()]
    evidence = legacy_evidence(w for w in words if reads_vietnamese(convert_legacy(w, legacy)))
    if evidence.verdict() is not legacy or evidence.tcvn3 + evidence.vni < least:
        return None
    sample = next((t for t in pasted if detect_legacy([t]) is legacy), pasted[0])
    return LegacyReading(sample[:60], _FONT_NAMES[legacy], convert_legacy(sample, legacy)[:60])


# Vietnamese syllables, without their tone: the vowels that make one, and how one may end.
_VOWELS = frozenset("aăâeêioôơuưy")
_NUCLEI = frozenset((
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
    "ôi", "ơi", "oo", "ôô", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu",
    "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
    "yêu",
))  # fmt: skip
_FINALS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD_EDGES = re.compile(r"[-/'’.,;:!?()\[\]\"“”]+")


def reads_vietnamese(word: str) -> bool:
    """Whether ``word`` (its pieces between hyphens, apostrophes or punctuation) is made of
    Vietnamese syllables: consonants, one vowel group Vietnamese has, one of its endings,
    one tone at most; đ only first. "Nguyễn", "Giàng", "Ư" are; "Mỹller", "Muđoz" are not.
    Ethnic names of several syllables in one word ("Ênuôl") are not either: a warning lost,
    never one given wrongly."""
    import unicodedata  # local: keeps the module's import time at nothing for callers

    for piece in _WORD_EDGES.split(word.lower()):
        if not piece:
            continue
        marks = unicodedata.normalize("NFD", piece)
        if sum(ch in _TONE_MARKS for ch in marks) > 1:
            return False
        plain = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONE_MARKS))
        if not _one_syllable(plain):
            return False
    return True


def _one_syllable(plain: str) -> bool:
    """A toneless lower-case syllable: (consonants)(a vowel group)(an ending)."""
    start = 0
    while start < len(plain) and plain[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(plain) and plain[end] in _VOWELS:
        end += 1
    initial, nucleus, final = plain[:start], plain[start:end], plain[end:]
    if not nucleus or final not in _FINALS:
        return False
    if "đ" in initial[1:] or not all(c == "đ" or "a" <= c <= "z" for c in initial):
        return False
    if initial in ("g", "q") and len(nucleus) > 1 and nucleus[0] in "iu":
        nucleus = nucleus[1:]  # gi-, qu- take the first vowel: "giữa", "quốc"
    return nucleus in _NUCLEI


def refuse_legacy_font(texts: Iterable[str]) -> None:
    """Refuse (KnownError) the fields of one form pasted in a legacy font: they would be
    kept as mojibake. The message quotes the text and what it likely says."""
    reading = legacy_reading(texts)
    if reading is not None:
        raise KnownError("text.legacy_font", **reading._asdict())


# --- encoding (tests, and a clerk's "save back as TCVN3" one day) ---------------------------

_UNICODE_TO_TCVN3 = {v: k for k, v in TCVN3_TO_UNICODE.items()}
# Singles last: VNI writes ỵ as "î", never as "y" + the nặng mark.
_UNICODE_TO_VNI = {
    **{v: k for k, v in VNI_PAIRS.items()},
    **{v: k for k, v in _VNI_SINGLE.items() if k != v},
}


def unicode_to_tcvn3(text: str) -> str:
    """TCVN3 of NFC text; capitals with a tone are written as .VnTimeH would (lower code)."""
    out = []
    for ch in text:
        code = _UNICODE_TO_TCVN3.get(ch) or _UNICODE_TO_TCVN3.get(ch.lower())
        out.append(code if code is not None else ch)
    return "".join(out)


def unicode_to_vni(text: str) -> str:
    return "".join(_UNICODE_TO_VNI.get(ch, ch) for ch in text)
