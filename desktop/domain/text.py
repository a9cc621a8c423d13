"""Vietnamese text rules: how strings are cleaned, folded for search and sorted."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import chain

# Characters nobody means to store: soft hyphen, zero-width space/joiners, direction marks,
# word joiner and BOM arrive from copy-paste out of Word, Zalo and web forms and would make
# two identical-looking names compare different; the bidi embeddings, overrides and isolates
# (and Arabic's letter mark) would also show a name other than it is ("\u202eoáP năV òL"
# shows as "Lò Văn Páo").
_INVISIBLE: str = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Look-alikes of Đ/đ that never occur in Vietnamese: Windows-1258 puts Đ/đ at 0xD0/0xF0, so
# text misdecoded as Latin-1/cp1252 shows Ð/ð (Icelandic eth); Ɖ (African D) is drawn
# exactly like Đ and some fonts' symbol pickers offer it. Mapping them back is safe.
_D_LOOKALIKES: dict[str, str] = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"}

_CLEAN_TABLE: dict[int, str | None] = {
    # Control characters become spaces so they cannot glue two words together.
    **{cp: " " for cp in chain(range(0x20), range(0x7F, 0xA0))},
    **{ord(ch): None for ch in _INVISIBLE},
    **{ord(k): v for k, v in _D_LOOKALIKES.items()},
}

# The characters _CLEAN_TABLE changes, as one class. Most texts hold none and are left as
# they are: str.translate with a dict looks every character up, and each one the table
# lacks raises and clears a KeyError inside it (most of normalize_text's time for a name).
_UNCLEAN: re.Pattern[str] = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted(_CLEAN_TABLE)) + "]"
)
_COMBINING: re.Pattern[str] = re.compile("[\u0300-\u036f]")
# Marks with no letter to sit on (first, or after a space): a name of marks alone is none.
_LOOSE_MARKS: re.Pattern[str] = re.compile("(?:^|(?<=\\s))[\u0300-\u036f]+")
# Tone marks and the circumflex/breve share combining class 230, so canonical ordering
# keeps whatever order the input method typed them in; "a" + acute + breve then has no
# precomposed form and NFC leaves it split. Vietnamese always wants the vowel mark first.
_TONE_BEFORE_VOWEL_MARK: re.Pattern[str] = re.compile(
    "([aeoAEO])([\u0300\u0301\u0303\u0309])([\u0302\u0306])"
)


def normalize_text(value: str | None) -> str:
    """The form every stored single-line string takes: NFC, trimmed, single spaces."""
    if not value:
        return ""
    if value.isascii():  # codes, numbers, dates: nothing to compose
        if value.isalnum():  # an ID, a phone, a year: no space nor control to clean
            return value
        return " ".join(_cleaned(value).split())
    text = unicodedata.normalize("NFC", _cleaned(value))
    if _COMBINING.search(text):
        # Only strings NFC could not fully compose pay for the second pass.
        text = _TONE_BEFORE_VOWEL_MARK.sub(r"\1\3\2", unicodedata.normalize("NFD", text))
        text = _LOOSE_MARKS.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _cleaned(value: str) -> str:
    """``value`` through _CLEAN_TABLE, only when it holds a character the table changes."""
    return value.translate(_CLEAN_TABLE) if _UNCLEAN.search(value) else value


# --- search folding -----------------------------------------------------------------------


def _build_fold_table() -> dict[int, str | None]:
    # One dict lookup per character in str.translate is far cheaper than a unicodedata
    # call per character, which matters when 200,000 names are folded at build time.
    table: dict[int, str | None] = {}
    for cp in chain(range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    # Đ is a letter of its own in Unicode (stroke, not a combining mark): no decomposition.
    for ch in "đĐ" + "".join(_D_LOOKALIKES):
        table[ord(ch)] = "d"
    # Loose marks from NFD input simply vanish, so folding never needs an NFC pass.
    for cp in range(0x0300, 0x0370):
        table[cp] = None
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    # Every other character of the blocks Vietnamese is written in maps to itself: a
    # character str.translate does not find in a dict raises and clears a KeyError inside
    # it, which the ASCII letters of a name (most of it) paid one by one.
    for cp in chain(range(0x0250), range(0x1E00, 0x1F00)):
        table.setdefault(cp, chr(cp))
    return table


_FOLD_TABLE: dict[int, str | None] = _build_fold_table()
_NON_WORD: re.Pattern[str] = re.compile(r"[\W_]+")


def fold_for_search(value: str | None) -> str:
    """Lower case, no diacritics, đ -> d, punctuation -> space, single spaces.

    Dropping every mark also makes old and new tone placement ("Hoà"/"Hòa", "thuý"/"thúy")
    fold to the same string, so neither spelling hides a person from search.
    """
    if not value:
        return ""
    # The table maps no ASCII character: a code, a number, an ASCII name is only lowered.
    folded = (value if value.isascii() else value.translate(_FOLD_TABLE)).lower()
    if folded.isalnum():  # a code, a number, one word: nothing for the pattern to replace
        return folded
    return _NON_WORD.sub(" ", folded).strip()


# Folded texts a bulk load meets again and again (names, codes, addresses), each folded
# once in the process: an import's reading and the store's derived columns share them.
remembered_fold: Callable[[str], str] = lru_cache(maxsize=1 << 16)(fold_for_search)


def fold_query(value: str | None) -> list[str]:
    """The folded tokens of what the user typed; [] when nothing searchable is left."""
    return fold_for_search(value).split()


# --- sorting --------------------------------------------------------------------------------

# Vietnamese alphabet order, with f j w z (loan words, minority names) where Latin puts them.
_ALPHABET: str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tie-break order of the six tones: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS: dict[str, int] = {
    "\u0300": 1,
    "\u0309": 2,
    "\u0303": 3,
    "\u0301": 4,
    "\u0323": 5,
}
_DIGITS, _LETTER = 0, 1  # chunk kinds: numbers sort before letters
_UNKNOWN_RANK: int = 1000  # other scripts after z, by code point

Chunk = tuple[int, int]
WordBase = tuple[Chunk, ...]
WordTones = tuple[int, ...]
NameKey = tuple[
    WordBase, tuple[WordBase, ...], WordBase, WordTones, tuple[WordTones, ...], WordTones, str
]
TextKey = tuple[tuple[WordBase, ...], tuple[WordTones, ...], str]


def _build_letter_table() -> dict[str, tuple[Chunk, int]]:
    # Lower-case letter -> ((kind, rank), tone), precomputed for the same speed reason as
    # the fold table. Letters with non-Vietnamese marks (ç, ü, ǎ) take their base letter's
    # rank; the final NFC tie-breaker still keeps them apart from the plain letter.
    ranks = {ch: i for i, ch in enumerate(_ALPHABET)}
    table: dict[str, tuple[Chunk, int]] = {ch: ((_LETTER, r), 0) for ch, r in ranks.items()}
    for cp in chain(range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if ch in table or ch != ch.lower():
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        tones = [_TONE_MARKS[m] for m in decomposed if m in _TONE_MARKS]
        rest = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_MARKS))
        rank = ranks.get(rest, ranks.get(decomposed[0]))
        if rank is not None:
            table[ch] = ((_LETTER, rank), tones[0] if tones else 0)
    return table


_LETTERS: dict[str, tuple[Chunk, int]] = _build_letter_table()


# A commune's names are made of a few hundred words: sorting keys are built once per word
# (a bulk load of 40,000 people spent a fifth of its time rebuilding them).
@lru_cache(maxsize=16_384)
def _word_key(word: str) -> tuple[WordBase, WordTones]:
    """Base letters (digit runs as numbers) and the word's tones, from a lower-case word."""
    chunks: list[Chunk] = []
    tones: list[int] = []
    digits = ""
    for ch in word:
        if ch.isdecimal():
            digits += ch
            continue
        if digits:
            chunks.append((_DIGITS, int(digits)))
            digits = ""
        info = _LETTERS.get(ch)
        if info is not None:
            chunks.append(info[0])
            if info[1]:
                tones.append(info[1])
        elif ch in _TONE_MARKS:
            tones.append(_TONE_MARKS[ch])
        elif ch.isalnum():
            chunks.append((_LETTER, _UNKNOWN_RANK + ord(ch)))
        # Punctuation inside a word (H'Hen, HK-01) only separates digit runs.
    if digits:
        chunks.append((_DIGITS, int(digits)))
    # Only the tones present count, not their position: "Hoà" and "Hòa" are the same name
    # written under old and new tone placement and must tie here.
    return tuple(chunks), tuple(tones)


def name_sort_key(full_name: str | None) -> NameKey:
    """Sort key for a person's name, the Vietnamese way.

    Given name (last word) first, then middle names, then family name (first word); letters
    in Vietnamese alphabet order, case-insensitive; tones only break ties (none, huyền,
    hỏi, ngã, sắc, nặng); the NFC string settles anything left. No locale, no ICU, so
    every machine sorts the register identically.
    """
    text = normalize_text(full_name)
    keys = [_word_key(w) for w in text.lower().split()]
    empty: tuple[WordBase, WordTones] = ((), ())
    given = keys[-1] if keys else empty
    family = keys[0] if len(keys) > 1 else empty
    middle = keys[1:-1]
    return (
        given[0],
        tuple(k[0] for k in middle),
        family[0],
        given[1],
        tuple(k[1] for k in middle),
        family[1],
        text,
    )


def text_sort_key(value: str | None) -> TextKey:
    """Sort key for plain text (hamlets, household codes): word by word, numbers as numbers.

    Same letter order and tone tie-breaking as name_sort_key, so "Thôn 2" < "Thôn 10".
    """
    text = normalize_text(value)
    keys = [_word_key(w) for w in text.lower().split()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys), text


# --- the same orders as strings, for SQL ----------------------------------------------------
# SQLite sorts TEXT by UTF-8 bytes, i.e. by code point. Storing these strings in an indexed
# column lets ORDER BY give Vietnamese order with no collation callback into Python (which
# would cost a call per comparison over 200,000 rows). Terminators below every content
# character keep the encoding prefix-free, so string order equals tuple order.
_END_LIST, _END_WORD = "\x01", "\x02"
_DIGIT_RUN_BASE = 0x10  # + number of digits: numbers before letters, shorter numbers first
_LETTER_BASE = 0x100


def _chunk_string(chunk: Chunk) -> str:
    kind, value = chunk
    if kind == _DIGITS:
        digits = str(value)
        return chr(_DIGIT_RUN_BASE + min(len(digits), 0x2F)) + digits
    # Ranks past the alphabet are other scripts (1000 + code point): keep them after z and
    # clear of the surrogate range by writing the character itself after a marker.
    if value >= _UNKNOWN_RANK:
        return chr(_LETTER_BASE + _UNKNOWN_RANK) + chr(value - _UNKNOWN_RANK)
    return chr(_LETTER_BASE + value)


@lru_cache(maxsize=16_384)
def _word_string(word: WordBase) -> str:
    return "".join(_chunk_string(c) for c in word) + _END_WORD


@lru_cache(maxsize=1_024)
def _tones_string(tones: WordTones) -> str:
    return "".join(chr(_DIGIT_RUN_BASE + t) for t in tones) + _END_WORD


@lru_cache(maxsize=16_384)
def _word_strings(word: str) -> tuple[str, str]:
    """A lower-case word's base letters and tones as the sort strings write them: each word
    of a name is encoded once, not its key's tuples hashed again for every name."""
    if word.isascii():
        return _ascii_word_base(word), _END_WORD
    base_key, tones = _word_key(word)
    return _word_string(base_key), _tones_string(tones)


def _ascii_word_base(word: str) -> str:
    """_word_strings' base of a lower-case ASCII word (a code "nt-012", a number; no
    tones): letters by table, digit runs whole."""
    return (
        "".join(
            run.translate(_ASCII_LETTER_STRINGS)
            if run[0] > "9"
            else _chunk_string((_DIGITS, int(run)))
            for run in _ASCII_RUNS.findall(word)
        )
        + _END_WORD
    )


# _word_key of an ASCII word letter by letter, in one pass: its letters and digit runs
# (anything else only separates runs), each letter as _chunk_string writes it.
_ASCII_RUNS: re.Pattern[str] = re.compile("[0-9]+|[a-z]+")
_ASCII_LETTER_STRINGS: dict[int, str] = {
    ord(ch): _chunk_string(_LETTERS[ch][0]) for ch in "abcdefghijklmnopqrstuvwxyz"
}


_NO_WORD = (_END_WORD, _END_WORD)  # _word_strings of a missing word (no family name)


def name_sort_string(full_name: str | None) -> str:
    """name_sort_key as a string whose code-point order is the same (for an SQL index)."""
    text = normalize_text(full_name)
    words = [_word_strings(w) for w in text.lower().split()]
    given = words[-1] if words else _NO_WORD
    family = words[0] if len(words) > 1 else _NO_WORD
    middle = words[1:-1]
    return (
        given[0]
        + "".join(w[0] for w in middle)
        + _END_LIST
        + family[0]
        + given[1]
        + "".join(w[1] for w in middle)
        + _END_LIST
        + family[1]
        + text
    )


def name_match_prefix(full_name: str | None) -> str:
    """name_sort_string without its last tie-breaker (the name as typed): every spelling of
    the same name in another case or tone placement shares it, and only those do."""
    text = normalize_text(full_name)
    whole = name_sort_string(text)
    return whole[: len(whole) - len(text)]


def text_sort_string(value: str | None) -> str:
    """text_sort_key as a string whose code-point order is the same (for an SQL index)."""
    text = normalize_text(value)
    if text.isascii():  # a household's code, each new: its words not remembered (_word_strings)
        lowered = text.lower().split()
        bases = "".join(map(_ascii_word_base, lowered))
        return bases + _END_LIST + _END_WORD * len(lowered) + _END_LIST + text
    words = [_word_strings(w) for w in text.lower().split()]
    return (
        "".join(w[0] for w in words) + _END_LIST + "".join(w[1] for w in words) + _END_LIST + text
    )


_KIND_WORDS = ("to dan pho ", "khu pho ", "thon ", "ban ", "ap ", "xom ", "to ")


def without_kind_word(folded: str) -> str:
    """A folded hamlet name without its leading kind word: "ban nam tam" -> "nam tam"."""
    for prefix in _KIND_WORDS:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded
