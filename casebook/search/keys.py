"""Normalisation of search input: name keys across scripts and spellings, phones, dates, Fall-IDs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from anyascii import anyascii

# Letters that anyascii would flatten to a single ASCII letter although German and English
# clerks spell them with two or three (Ševčenko = Schewtschenko = Shevchenko). Turkish ş and ç
# stay s and c: German offices mostly type Şahin as Sahin and Çelik as Celik.
_PRE_ASCII = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "š": "sh",
        "Š": "sh",
        "č": "ch",
        "Č": "ch",
        "ž": "zh",
        "Ž": "zh",
    }
)

# Transliteration marks for hamza/ayin/ejectives carry no letter a clerk would type.
_MARKS = re.compile(r"['`’ʼʻ‘´]")
_NON_LETTERS = re.compile(r"[^a-z]+")

# Ordered rewrite rules that map spelling variants onto one canonical spelling. The order
# matters: "tsch" must become "ch" before "sch" becomes "sh", "dsch" before both.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"dsch|dzh|dj", "j"),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"zh", "sh"),
        (r"ae", "a"),
        (r"oe", "o"),
        (r"ue", "u"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"chr", "kr"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[aoulr])", "k"),
        (r"x", "ks"),
        (r"tz|ts", "z"),
        (r"w", "v"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"[jy]", "i"),
        (r"^ie", "e"),
        (r"(?<=..a)h$", ""),
        (r"z", "s"),
        (r"(.)\1+", r"\1"),
    )
)
_VOWELS = re.compile(r"[aeiou]")
_VOWEL_LESS_SHARE = 0.6
_DOUBLES = re.compile(r"(.)\1+")

# Particles that many names carry or drop (al-Hassan / Hassan, von Berg / Berg).
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "von", "van", "der", "de", "zu", "la"})


@dataclass(frozen=True)
class NameKey:
    """One spelling of one name part, reduced for comparison."""

    canon: str  # canonical spelling: umlauts, digraphs and transliteration variants folded
    skeleton: str  # consonants only, so that vowel-less Arabic script meets vowelled spellings
    abjad: bool  # written without short vowels (Arabic/Persian script, or typed like "mhmd")
    raw: str = ""  # the folded letters before the spelling rules (query keys only)


def _is_abjad_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def _reads_vowel_less(canon: str) -> bool:
    """Most letters are consonants: short vowels are missing (mhmd, hsin), not just different.

    Arabic script writes long vowels, so امیری gives "amiri", which compares as it is.
    """
    if len(canon) < 3:
        return False
    consonants = len(_VOWELS.sub("", canon))
    return consonants / len(canon) >= _VOWEL_LESS_SHARE


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def fold_text(text: str) -> str:
    """Lower-case ASCII letters and spaces for any script; umlauts keep their base vowel."""
    text = unicodedata.normalize("NFC", text).translate(_PRE_ASCII)
    ascii_text = _MARKS.sub("", anyascii(text)).lower()
    return _NON_LETTERS.sub(" ", ascii_text).strip()


def canonical_token(token: str) -> str:
    """Canonical spelling of one folded token (ASCII letters only)."""
    for pattern, replacement in _RULES:
        token = pattern.sub(replacement, token)
    return token


def skeleton_of(canon: str) -> str:
    """Consonant skeleton of a canonical token: Mohammed, Muhammad and محمد all give "mhmd"."""
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", canon))


# Arabic-script letters that anyascii drops or renders in a way no clerk writes, with every
# reading documents use: alif is a long a, ta marbuta an a, ayin a vowel; ث is th (Othman)
# or s (Osman); ذ and ض are z in Persian (Zabihullah, Rezai); ظ is z.
_ABJAD_READINGS: dict[str, tuple[str, ...]] = {
    "ا": ("a",),
    "أ": ("a",),
    "إ": ("i",),
    "آ": ("a",),
    "ء": ("",),
    "ئ": ("i",),
    "ؤ": ("u",),
    "ة": ("a",),
    "ع": ("a",),
    "ث": ("th", "s"),
    "ذ": ("dh", "z"),
    "ض": ("d", "z"),
    "ظ": ("z",),
}
_MAX_READINGS = 8
_ARABIC_ARTICLE = "ال"
_TURKISH_SPOKEN = str.maketrans({"ç": "ch", "Ç": "Ch", "ş": "sh", "Ş": "Sh"})
_LATIN_ARTICLE = re.compile(r"^[ae]l(?=[a-z]{5})")
# Words that form one name with the next one: عبد الله = Abdullah, ابو بكر = Abubakr.
_ABJAD_PREFIX_WORDS = frozenset({"عبد", "ابو", "أبو"})


def _abjad_spellings(word: str) -> list[str]:
    spellings = [""]
    for index, char in enumerate(word):
        options = _ABJAD_READINGS.get(char, (char,))
        if char == "ه" and index == len(word) - 1:
            options = ("a", "h")  # a final he is mostly a vowel: فاطمه = Fatema, Fatemeh
        spellings = [done + option for done in spellings for option in options][:_MAX_READINGS]
    return spellings


def _abjad_readings(token: str) -> list[str]:
    """Readings of a vowel-less transliteration: w is a long vowel (يوسف -> ywsf = Yusuf) or
    a consonant (جواد -> jwd = Jawad)."""
    readings = [token.replace("w", "u")]
    if "w" in token:
        readings.append(token)
    return readings


def _raw_variants(word: str) -> list[str]:
    """Script-specific spellings of one raw word before folding."""
    if _is_abjad_script(word):
        variants = _abjad_spellings(word)
        if word.startswith(_ARABIC_ARTICLE) and len(word) > 4:
            variants.extend(_abjad_spellings(word[2:]))  # الحسن = al-Hassan = Hassan
        return variants
    if _is_cyrillic(word) and ("г" in word.lower()):
        # Ukrainian г is h (Serhii, Olha), Russian г is g (Sergej, Olga).
        return [word, word.replace("г", "х").replace("Г", "Х")]
    if any(char in _TURKISH_SPOKEN for char in word):
        # Written from hearing, Çelik is Tschelik and Şahin Schahin.
        return [word, word.translate(_TURKISH_SPOKEN)]
    return [word]


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[NameKey, ...]:
    """All keys of one raw word (no spaces); empty when it has no letters."""
    abjad = _is_abjad_script(word)
    keys: dict[str, NameKey] = {}
    for variant in _raw_variants(word):
        folded = fold_text(variant).replace(" ", "")
        if not folded:
            continue
        for reading in _abjad_readings(folded) if abjad else [folded]:
            canon = canonical_token(reading)
            skeleton = skeleton_of(canon)
            if abjad:
                vowel_less = _reads_vowel_less(canon)
            else:  # typed without any vowel, like "mhmd"
                vowel_less = len(canon) >= 3 and not _VOWELS.search(canon)
            keys.setdefault(canon, NameKey(canon, skeleton or canon, vowel_less, reading))
            article = _LATIN_ARTICLE.match(canon)
            if article and not abjad:
                rest = canon[article.end() :]  # Alhalabi = Halabi
                keys.setdefault(rest, NameKey(rest, skeleton_of(rest) or rest, False, reading[2:]))
    return tuple(keys.values())


_WORD_SPLIT = re.compile(r"[\s\-‐‑–—_.,;:/()]+")


def split_words(text: str) -> list[str]:
    """Raw words of a name field or query (hyphens and punctuation separate words)."""
    words: list[str] = []
    for word in _WORD_SPLIT.split(text.strip()):
        if not word:
            continue
        if words and words[-1] in _ABJAD_PREFIX_WORDS:
            words[-1] += word
        else:
            words.append(word)
    return words


# First and last names repeat across a town's cases; an index build asks for each once.
@lru_cache(maxsize=100_000)
def name_field_keys(text: str | None) -> tuple[NameKey, ...]:
    """Keys of every word of a stored name field, plus the joined form of multi-word names.

    "Abdul Rahman" also yields "abdulrahman" and "al-Hassan" also "alhassan", because
    documents write compound names with and without the break.
    """
    if not text:
        return ()
    words = [w for w in split_words(text) if not any(ch.isdigit() for ch in w)]
    keys: dict[str, NameKey] = {}
    for word in words:
        for key in word_keys(word):
            keys.setdefault(key.canon, key)
    if len(words) > 1:
        for key in word_keys("".join(words)):
            keys.setdefault(key.canon, key)
    return tuple(keys.values())


@lru_cache(maxsize=100_000)
def joined_canon(text: str | None) -> str:
    """The whole field as one canonical string without breaks (for whole-name comparison)."""
    if not text:
        return ""
    keys = word_keys("".join(split_words(text)))
    return keys[0].canon if keys else ""


# --- Fall-IDs ---------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")


def case_id_key(text: str) -> str:
    """Fall-ID reduced to upper-case letters and digits: KIM-XAN-2026-0007 -> KIMXAN20260007."""
    return _NON_ALNUM.sub("", text.upper())


# --- Phones -----------------------------------------------------------------------------

_PHONE_CHARS = re.compile(r"^[\d\s+/()\-.]+$")
_DIGITS = re.compile(r"\D+")
GERMANY = "49"


def phone_key(text: str | None) -> str:
    """Phone number as digits of the national number for Germany, else with country code.

    0170 1234567, +49 170 1234567 and 0049-170/1234567 all give 1701234567;
    +380 67 1234567 and 00380671234567 give 380671234567.
    """
    if not text:
        return ""
    stripped = text.strip()
    digits = _DIGITS.sub("", stripped)
    if stripped.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        return digits[1:]
    else:
        return digits
    if international.startswith(GERMANY):
        return international[len(GERMANY) :].lstrip("0")
    return international


def looks_like_phone(text: str) -> bool:
    """Only phone characters and at least six digits."""
    return bool(_PHONE_CHARS.match(text.strip())) and len(_DIGITS.sub("", text)) >= 6


# --- Dates ------------------------------------------------------------------------------

_DMY = re.compile(r"(?<![\d./\-])(\d{1,2})([./\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./\-])")
_YMD = re.compile(r"(?<![\d./\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d./\-])")
_DMY_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def _full_year(year_text: str, today: date) -> int:
    year = int(year_text)
    if len(year_text) == 4:
        return year
    # A birth date lies in the past: 85 is 1985, 07 is 2007 (while 2007 is not in the future).
    century_2000 = 2000 + year
    return century_2000 if century_2000 <= today.year else 1900 + year


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    if not 1900 <= year <= today.year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, today: date | None = None) -> list[date]:
    """Birth dates written in the query: 03.07.1985, 3.7.85, 1985-07-03, 03/07/1985, 03071985.

    A run of digits with spaces or more than three groups (a phone number) is not a date;
    without letters around it, the date must be the whole query (+49 170 12.03.85 is a phone).
    """
    today = today or date.today()
    found: list[date] = []
    whole = text.strip()
    alone = not any(ch.isalpha() for ch in whole)
    for match in _DMY.finditer(whole):
        if alone and match.group(0) != whole:
            continue
        day, _, month, year_text = match.groups()
        parsed = _valid(_full_year(year_text, today), int(month), int(day), today)
        if parsed:
            found.append(parsed)
    for match in _YMD.finditer(whole):
        if alone and match.group(0) != whole:
            continue
        year, month, day = (int(group) for group in match.groups())
        parsed = _valid(year, month, day, today)
        if parsed:
            found.append(parsed)
    compact = _DMY_COMPACT.match(whole)
    if compact:
        day, month, year = (int(group) for group in compact.groups())
        parsed = _valid(year, month, day, today)
        if parsed:
            found.append(parsed)
    return list(dict.fromkeys(found))


def strip_dates(text: str) -> str:
    """The query without its date-like parts (the rest may be a name)."""
    return _YMD.sub(" ", _DMY.sub(" ", text))
