"""Synthetic client names from six origins, in the scripts and spellings found on real documents.

No real people: first and last names are common ones, combined at random. Each name is an
entry of equivalent spellings (native script first); Cyrillic names are transliterated by
small tables written here (Ukrainian passport, German, scholarly), Turkish and German names
by the ways German offices type them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

# ISO 3166 codes of the countries the names come from.
GERMANY, UKRAINE, SYRIA, TURKEY, AFGHANISTAN, ERITREA = "DE", "UA", "SY", "TR", "AF", "ER"
ORIGINS: tuple[str, ...] = (GERMANY, UKRAINE, SYRIA, TURKEY, AFGHANISTAN, ERITREA)
ORIGIN_WEIGHTS: tuple[float, ...] = (0.25, 0.25, 0.17, 0.13, 0.11, 0.09)

Entry = tuple[str, ...]  # equivalent spellings of one name, native script first


def _singles(names: str) -> tuple[Entry, ...]:
    """Entries for names that have one native spelling (the others are derived)."""
    return tuple((name,) for name in names.split())


_UA_FIRST: tuple[Entry, ...] = (
    ("Олександр", "Александр", "Alexander"),
    ("Андрій", "Андрей"),
    ("Сергій", "Сергей"),
    ("Дмитро", "Дмитрий"),
    ("Володимир", "Владимир"),
    ("Юрій", "Юрий"),
    ("Микола",),
    ("Іван",),
    ("Михайло", "Михаил"),
    ("Віктор",),
    ("Олег",),
    ("Євген", "Евгений"),
    ("Богдан",),
    ("Тарас",),
    ("Максим",),
    ("Артем",),
    ("Василь", "Василий"),
    ("Олена", "Елена"),
    ("Ольга",),
    ("Наталія", "Наталья"),
    ("Тетяна", "Татьяна"),
    ("Юлія",),
    ("Ірина", "Ирина"),
    ("Оксана",),
    ("Світлана", "Светлана"),
    ("Марія",),
    ("Анастасія",),
    ("Людмила",),
    ("Галина",),
    ("Катерина", "Екатерина"),
    ("Вікторія",),
    ("Дарина",),
    ("Софія",),
    ("Ганна",),
    ("Надія",),
)
_UA_LAST: tuple[Entry, ...] = _singles(
    "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Коваль Поліщук Бойко "
    "Ткачук Мельник Кравець Литвиненко Мороз Савченко Руденко Марченко Петренко Лисенко "
    "Клименко Павленко Гриценко Левченко Кузьменко Харченко Романенко Захарченко Іваненко "
    "Мазур Гончаренко Кушнір Гнатюк Юрченко Василенко Яковенко Дяченко Білоус Костенко Жук "
    "Щербак Зайченко Гуменюк Ковальчук Федоренко"
)

_SY_FIRST: tuple[Entry, ...] = (
    ("محمد", "Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed"),
    ("أحمد", "Ahmad", "Ahmed", "Achmed"),
    ("علي", "Ali", "Aly"),
    ("حسن", "Hassan", "Hasan"),
    ("حسين", "Hussein", "Hussain", "Husein"),
    ("عمر", "Omar", "Umar"),
    ("خالد", "Khaled", "Khalid", "Chaled", "Haled"),
    ("يوسف", "Youssef", "Yusuf", "Yousef", "Jusuf"),
    ("إبراهيم", "Ibrahim", "Ebrahim", "Ibraheem"),
    ("محمود", "Mahmoud", "Mahmud", "Mahmood"),
    ("عبد الله", "Abdullah", "Abdallah", "Abdulla"),
    ("عبد الرحمن", "Abdulrahman", "Abdul Rahman", "Abdelrahman", "Abd al-Rahman"),
    ("سامر", "Samer"),
    ("مصطفى", "Mustafa", "Moustafa", "Mostafa"),
    ("طارق", "Tarek", "Tariq", "Tarik"),
    ("وليد", "Walid", "Waleed"),
    ("كريم", "Karim", "Kareem"),
    ("جمال", "Jamal", "Djamal", "Dschamal"),
    ("فراس", "Firas", "Feras"),
    ("باسل", "Basel", "Bassel", "Basil"),
    ("رامي", "Rami", "Ramy"),
    ("فاطمة", "Fatima", "Fatma", "Fatimah"),
    ("مريم", "Maryam", "Mariam", "Meryem"),
    ("نور", "Nour", "Noor", "Nur"),
    ("ليلى", "Layla", "Leila", "Laila"),
    ("سارة", "Sara", "Sarah"),
    ("رشا", "Rasha", "Rascha"),
    ("هبة", "Heba", "Hiba"),
    ("زينب", "Zainab", "Zeinab"),
    ("أمل", "Amal"),
    ("رنا", "Rana"),
    ("عائشة", "Aisha", "Aischa", "Ayesha"),
    ("خديجة", "Khadija", "Khadidja", "Chadidscha"),
    ("ياسمين", "Yasmin", "Jasmin", "Yasmine"),
)
_SY_LAST: tuple[Entry, ...] = (
    ("حداد", "Haddad", "Hadad"),
    ("خليل", "Khalil", "Chalil", "Halil"),
    ("إبراهيم", "Ibrahim", "Ebrahim"),
    ("حسين", "Hussein", "Hussain"),
    ("محمود", "Mahmoud", "Mahmud"),
    ("صالح", "Saleh", "Salih"),
    ("يوسف", "Youssef", "Yousef", "Yusuf"),
    ("عبد الله", "Abdullah", "Abdallah"),
    ("الأحمد", "Al-Ahmad", "Alahmad", "Al Ahmad"),
    ("درويش", "Darwish", "Darwisch", "Derwisch"),
    ("ناصر", "Nasser", "Naser", "Nasir"),
    ("حمدان", "Hamdan"),
    ("سليمان", "Suleiman", "Sulaiman", "Soliman"),
    ("منصور", "Mansour", "Mansur", "Mansoor"),
    ("عثمان", "Othman", "Osman", "Uthman"),
    ("قاسم", "Kassem", "Qasim", "Kasim", "Qassem"),
    ("جابر", "Jaber", "Jabir", "Dschaber"),
    ("الحلبي", "Al-Halabi", "Halabi", "Alhalabi"),
    ("الخطيب", "Al-Khatib", "Alkhatib", "El Khatib", "Khatib"),
    ("عبيد", "Obeid", "Ubaid", "Obaid"),
    ("الصباغ", "Al-Sabbagh", "Sabbagh", "Alsabbagh"),
    ("المصري", "Al-Masri", "Almasri", "El-Masry"),
    ("الشامي", "Al-Shami", "Alshami", "Schami"),
    ("النجار", "Al-Najjar", "Najjar", "Alnajjar"),
    ("العلي", "Al-Ali", "Alali"),
    ("الحسن", "Al-Hassan", "Alhassan", "El Hassan"),
    ("حمود", "Hammoud", "Hamoud", "Hamud"),
    ("العمر", "Al-Omar", "Alomar"),
    ("الزعبي", "Al-Zoubi", "Alzoubi", "Al-Zubi"),
    ("الرفاعي", "Al-Rifai", "Alrifai", "Rifai"),
)

_AF_FIRST: tuple[Entry, ...] = (
    ("محمد", "Mohammad", "Mohammed", "Muhammad"),
    ("احمد", "Ahmad", "Ahmed"),
    ("حمید", "Hamid", "Hameed"),
    ("فرید", "Farid", "Fareed"),
    ("زهرا", "Zahra", "Sahra", "Zohra"),
    ("فاطمه", "Fatima", "Fatema", "Fatemeh"),
    ("مریم", "Maryam", "Mariam"),
    ("نسرین", "Nasrin", "Nasreen"),
    ("شبنم", "Shabnam", "Schabnam"),
    ("پروانه", "Parwana", "Parvana"),
    ("سهراب", "Sohrab", "Suhrab"),
    ("جواد", "Jawad", "Javad"),
    ("وحید", "Wahid", "Vahid", "Waheed"),
    ("حبیب", "Habib", "Habeeb"),
    ("کریم", "Karim", "Kareem"),
    ("سمیرا", "Samira", "Sameera"),
    ("نرگس", "Nargis", "Narges"),
    ("رحیم", "Rahim", "Raheem"),
    ("نجیب", "Najib", "Najeeb", "Nadschib"),
    ("مرسل", "Mursal"),
    ("فرشته", "Freshta", "Fereshta", "Fereshteh"),
    ("ذبیح الله", "Zabihullah", "Zabiullah", "Sabihullah"),
    ("خالد", "Khalid", "Khaled"),
    ("امید", "Omid", "Omed"),
    ("مصطفی", "Mustafa", "Mostafa"),
)
_AF_LAST: tuple[Entry, ...] = (
    ("احمدی", "Ahmadi", "Ahmady"),
    ("رحیمی", "Rahimi", "Rahimy"),
    ("کریمی", "Karimi", "Karimy"),
    ("حسینی", "Hosseini", "Husseini", "Hussaini", "Hosaini"),
    ("محمدی", "Mohammadi", "Mohammady", "Muhammadi"),
    ("سلطانی", "Sultani", "Soltani"),
    ("نظری", "Nazari", "Nazary"),
    ("حیدری", "Haidari", "Heidari", "Haydari"),
    ("عزیزی", "Azizi", "Asisi"),
    ("پوپل", "Popal"),
    ("احمدزی", "Ahmadzai", "Ahmadzay"),
    ("صافی", "Safi", "Saafi"),
    ("نوری", "Noori", "Nuri", "Nouri"),
    ("ستانکزی", "Stanikzai", "Stanekzai"),
    ("وردک", "Wardak", "Vardak"),
    ("شریفی", "Sharifi", "Scharifi"),
    ("جعفری", "Jafari", "Jaafari", "Dschafari"),
    ("قادری", "Qaderi", "Kaderi", "Qadiri"),
    ("یوسفزی", "Yousufzai", "Yusufzai", "Jusufsai"),
    ("امیری", "Amiri", "Amiry"),
    ("حبیبی", "Habibi", "Habiby"),
    ("حکیمی", "Hakimi", "Hakimy"),
    ("رضایی", "Rezaei", "Rezai", "Rezaie"),
    ("اکبری", "Akbari", "Akbary"),
    ("صمدی", "Samadi"),
)

_ER_FIRST: tuple[Entry, ...] = (
    ("ተስፋይ", "Tesfay", "Tesfai", "Tesfaye"),
    ("ዮሃንስ", "Yohannes", "Johannes", "Yohanes"),
    ("ሃይለ", "Haile", "Hayle"),
    ("ሰላም", "Selam", "Salam"),
    ("ኪዳነ", "Kidane", "Kidana"),
    ("ብርሃነ", "Berhane", "Birhane", "Brhane"),
    ("መሓሪ", "Mehari", "Mihari"),
    ("ዮናስ", "Yonas", "Jonas"),
    ("ፊልሞን", "Filmon", "Filimon"),
    ("ሰምሃር", "Semhar"),
    ("ሰናይት", "Senait", "Senayt"),
    ("ሳባ", "Saba"),
    ("ሉዋም", "Luwam", "Luam"),
    ("ዳዊት", "Dawit", "Dawid"),
    ("ኣብርሃም", "Abraham", "Abrham"),
    ("ኤርምያስ", "Ermias", "Ermiyas"),
    ("ዊንታ", "Winta"),
    ("ራሕዋ", "Rahwa"),
    ("ፍረወይኒ", "Freweini", "Frewini"),
    ("ናርዶስ", "Nardos"),
    ("ጸጋ", "Tsega", "Zega"),
    ("ኣማን", "Aman"),
    ("ሚካኤል", "Mikael", "Michael"),
    ("ሙሴ", "Musie", "Mussie"),
)
_ER_LAST: tuple[Entry, ...] = (
    ("ገብረማርያም", "Gebremariam", "Ghebremariam", "Gebre Mariam", "Gebremaryam"),
    ("ተኽለ", "Tekle", "Tecle"),
    ("ሃብተ", "Habte"),
    ("ገብረየሱስ", "Gebreyesus", "Ghebreyesus", "Gebre Yesus"),
    ("ወልደሚካኤል", "Weldemichael", "Woldemichael", "Welde Mikael"),
    ("ተወልደ", "Tewolde", "Tewelde"),
    ("ካሕሳይ", "Kahsay", "Kahsai"),
    ("ኣስመሮም", "Asmerom"),
    ("በርሀ", "Berhe"),
    ("ገብሩ", "Gebru", "Ghebru"),
    ("ጸጋይ", "Tsegay", "Tsegai", "Zegai"),
    ("መብራህቱ", "Mebrahtu"),
    ("ነጋሽ", "Negash", "Negasch"),
    ("ወልዱ", "Woldu", "Weldu"),
    ("ዑቕባይ", "Okbay", "Ukbay", "Okbai"),
    ("ፍጹም", "Fitsum", "Fitzum"),
    ("ዘርኣይ", "Zerai", "Zeray"),
    ("ሓጎስ", "Hagos", "Haghos"),
    ("ተስፋማርያም", "Tesfamariam", "Tesfa Mariam"),
    ("የማነ", "Yemane", "Jemane"),
    ("ግርማይ", "Ghirmay", "Girmay", "Ghirmai"),
    ("ሰሎሞን", "Solomon", "Salomon"),
    ("ኣንደብርሃን", "Andebrhan", "Andeberhan"),
    ("ምሕረትኣብ", "Mehreteab", "Mihreteab"),
)

_TR_FIRST: tuple[Entry, ...] = _singles(
    "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Yusuf Ömer Özgür Gökhan "
    "Çağlar Şükrü Serkan Burak Tuncay Ayşe Fatma Emine Hatice Zeynep Elif Özlem Gülsüm "
    "Şeyma Büşra Merve Ebru Tuğba Derya Sevgi Hülya"
)
_TR_LAST: tuple[Entry, ...] = _singles(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
    "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Aktaş Bulut Keskin Ünal "
    "Güneş Uçar Tekin Karaca Erdem Çakır"
)

_DE_FIRST: tuple[Entry, ...] = (
    ("Jürgen",),
    ("Günter", "Günther"),
    ("Jörg",),
    ("Björn",),
    ("Sören",),
    ("Max",),
    ("Lukas", "Lucas"),
    ("Jonas",),
    ("Leon",),
    ("Felix",),
    ("Paul",),
    ("Anna",),
    ("Marie",),
    ("Sophie", "Sofie"),
    ("Lena",),
    ("Katharina", "Katarina"),
    ("Ursula",),
    ("Renate",),
    ("Bärbel",),
    ("Dörte",),
    ("Hans",),
    ("Klaus", "Claus"),
    ("Stefan", "Stephan"),
    ("Michael",),
    ("Thomas",),
    ("Andreas",),
    ("Christian", "Kristian"),
    ("Matthias", "Mathias"),
    ("Joachim",),
    ("Heinz",),
    ("Uwe",),
    ("Sabine",),
    ("Monika",),
    ("Petra",),
    ("Gabriele",),
    ("Gisela",),
    ("Käthe",),
    ("Hannelore",),
)
_DE_LAST: tuple[Entry, ...] = _singles(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer "
    "Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger "
    "Hartmann Lange Werner Schmitz Krause Lehmann Köhler Herrmann König Walter Huber "
    "Kaiser Fuchs Peters Möller Weiß Jung Hahn Vogel Böhm Jäger Groß Kühn Brüggemann "
    "Strauß Büttner Lößner"
)

_NAMES: dict[str, tuple[tuple[Entry, ...], tuple[Entry, ...]]] = {
    GERMANY: (_DE_FIRST, _DE_LAST),
    UKRAINE: (_UA_FIRST, _UA_LAST),
    SYRIA: (_SY_FIRST, _SY_LAST),
    TURKEY: (_TR_FIRST, _TR_LAST),
    AFGHANISTAN: (_AF_FIRST, _AF_LAST),
    ERITREA: (_ER_FIRST, _ER_LAST),
}

# --- Cyrillic transliteration tables --------------------------------------------------

_CYRILLIC_COMMON = {
    "а": "a", "б": "b", "д": "d", "е": "e", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "ь": "", "ъ": "", "'": "", "э": "e", "ё": "yo", "ґ": "g", "і": "i",
}  # fmt: skip
# Ukrainian passport style (2010 rules): word-initial є, ї, й, ю, я are written with y.
_PASSPORT = {
    **_CYRILLIC_COMMON,
    "в": "v", "г": "h", "є": "ie", "ж": "zh", "и": "y", "ї": "i", "й": "i", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "iu", "я": "ia", "ы": "y",
}  # fmt: skip
_PASSPORT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# German (Duden) style, as German offices wrote names before passports carried Latin ones.
_GERMAN = {
    **_CYRILLIC_COMMON,
    "в": "w", "г": "h", "є": "je", "ж": "sch", "и": "y", "ї": "ji", "й": "j", "х": "ch",
    "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ы": "y",
    "ё": "jo",
}  # fmt: skip
# Russian-influenced English style (Sergey, Yevgeniy).
_ENGLISH_RU = {
    **_CYRILLIC_COMMON,
    "в": "v", "г": "g", "є": "ye", "ж": "zh", "и": "i", "ї": "yi", "й": "y", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ы": "y",
}  # fmt: skip
# Scholarly style with háček letters, as on some Western documents.
_SCHOLARLY = {
    **_CYRILLIC_COMMON,
    "в": "v", "г": "h", "є": "je", "ж": "ž", "и": "y", "ї": "ji", "й": "j", "х": "ch",
    "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ю": "ju", "я": "ja", "ы": "y",
}  # fmt: skip
_GERMAN_RU = {**_GERMAN, "г": "g", "и": "i"}
_UKRAINIAN_TABLES = (_PASSPORT, _GERMAN, _ENGLISH_RU, _SCHOLARLY)
_RUSSIAN_TABLES = (_ENGLISH_RU, _GERMAN_RU)


def transliterate_cyrillic(text: str, table: dict[str, str], russian: bool = False) -> str:
    """Latin spelling of a Cyrillic name by one of the tables above.

    Russian spelling starts е with a y sound (Евгений = Yevgeniy, Jewgeni) and German
    spelling drops the й of -ий (Jewgeni, Dmitri).
    """
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        initial = index == 0 or not text[index - 1].isalpha()
        if table is _PASSPORT and initial and lower in _PASSPORT_INITIAL:
            latin = _PASSPORT_INITIAL[lower]
        elif russian and initial and lower == "е":
            latin = table["є"]
        elif russian and table is _GERMAN_RU and lower == "й" and text[index - 1 : index] == "и":
            latin = ""
        else:
            latin = table.get(lower, lower)
        if table in (_GERMAN, _GERMAN_RU) and lower == "с" and 0 < index < len(text) - 1:
            vowels = "аеиіоуюяєї"
            if text[index - 1].lower() in vowels and text[index + 1].lower() in vowels:
                latin = "ss"  # German s between vowels would be voiced
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


# --- Turkish and German spellings ------------------------------------------------------

_TURKISH_ASCII = str.maketrans("çğıİöşüÇĞÖŞÜ", "cgiIosuCGOSU")
_TURKISH_UMLAUT = str.maketrans(
    {"ç": "c", "ğ": "g", "ı": "i", "İ": "I", "ö": "oe", "ş": "s", "ü": "ue", "Ç": "C",
     "Ğ": "G", "Ö": "Oe", "Ş": "S", "Ü": "Ue"}
)  # fmt: skip
_TURKISH_GERMAN = str.maketrans(
    {"ç": "tsch", "ğ": "g", "ı": "i", "İ": "I", "ö": "ö", "ş": "sch", "ü": "ü", "Ç": "Tsch",
     "Ğ": "G", "Ş": "Sch", "y": "j", "Y": "J"}
)  # fmt: skip
_GERMAN_EXPANDED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_GERMAN_STRIPPED = str.maketrans(
    {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"}
)


@cache
def _spellings(entry: Entry, origin: str) -> tuple[str, ...]:
    """All spellings of one name entry, native first, without repeats."""
    forms: list[str] = [entry[0]]
    if origin == UKRAINE:
        cyrillic = [form for form in entry if any("Ѐ" <= ch <= "ӿ" for ch in form)]
        forms.extend(transliterate_cyrillic(entry[0], table) for table in _UKRAINIAN_TABLES)
        for form in cyrillic[1:]:  # a Russian form of the name
            forms.append(form)
            forms.extend(transliterate_cyrillic(form, table, True) for table in _RUSSIAN_TABLES)
        forms.extend(form for form in entry if form not in cyrillic)
    elif origin == TURKEY:
        native = entry[0]
        forms.extend(
            (
                native.translate(_TURKISH_ASCII),
                native.translate(_TURKISH_UMLAUT),
                native.translate(_TURKISH_GERMAN),
            )
        )
    elif origin == GERMANY:
        for form in entry:
            forms.extend((form, form.translate(_GERMAN_EXPANDED), form.translate(_GERMAN_STRIPPED)))
    else:
        forms.extend(entry[1:])
    return tuple(dict.fromkeys(forms))


# --- People ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """Who a synthetic person is, independent of spelling: origin and name entries."""

    origin: str
    first: int
    last: int

    @property
    def first_spellings(self) -> tuple[str, ...]:
        return _spellings(_NAMES[self.origin][0][self.first], self.origin)

    @property
    def last_spellings(self) -> tuple[str, ...]:
        return _spellings(_NAMES[self.origin][1][self.last], self.origin)


# Share of documents that keep the native script; the rest is a Latin spelling.
_NATIVE_SHARE = {
    GERMANY: 0.85,
    UKRAINE: 0.35,
    SYRIA: 0.2,
    TURKEY: 0.55,
    AFGHANISTAN: 0.15,
    ERITREA: 0.15,
}


def random_identity(rng: random.Random, origin: str | None = None) -> PersonName:
    """A random person (origin and name entries), spelling not yet chosen."""
    chosen = origin or rng.choices(ORIGINS, weights=ORIGIN_WEIGHTS)[0]
    if chosen not in _NAMES:
        raise UnknownOrigin(chosen)
    firsts, lasts = _NAMES[chosen]
    return PersonName(chosen, rng.randrange(len(firsts)), rng.randrange(len(lasts)))


def _pick(rng: random.Random, spellings: tuple[str, ...], native_share: float) -> str:
    if len(spellings) == 1 or rng.random() < native_share:
        return spellings[0]
    return rng.choice(spellings[1:])


def spell(name: PersonName, rng: random.Random) -> tuple[str, str]:
    """A realistic (first, last) spelling, mostly consistent in script between both parts."""
    share = _NATIVE_SHARE[name.origin]
    native = rng.random() < share
    first = name.first_spellings[0] if native else _pick(rng, name.first_spellings, 0.0)
    last = name.last_spellings[0] if native else _pick(rng, name.last_spellings, 0.0)
    return first, last


def random_person(rng: random.Random, origin: str | None = None) -> tuple[str, str, str]:
    """A synthetic (first_name, last_name, origin_code) in a realistic script/spelling mix."""
    name = random_identity(rng, origin)
    first, last = spell(name, rng)
    return first, last, name.origin


def identify(first: str, last: str, origin: str) -> PersonName | None:
    """The synthetic person behind a spelling, if the lists know it."""
    if origin not in _NAMES:
        raise UnknownOrigin(origin)
    firsts, lasts = _NAMES[origin]
    first_index = next(
        (i for i, entry in enumerate(firsts) if first in _spellings(entry, origin)), None
    )
    last_index = next(
        (i for i, entry in enumerate(lasts) if last in _spellings(entry, origin)), None
    )
    if first_index is None or last_index is None:
        return None
    return PersonName(origin, first_index, last_index)


def alternative_spellings(first: str, last: str, origin: str) -> Iterator[tuple[str, str]]:
    """Every other (first, last) spelling of the same person, e.g. for search queries."""
    name = identify(first, last, origin)
    if name is None:
        return
    for other_first in name.first_spellings:
        for other_last in name.last_spellings:
            if (other_first, other_last) != (first, last):
                yield other_first, other_last


# --- Typos ---------------------------------------------------------------------------------

_KEYBOARD_NEIGHBOURS = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "wa", "r": "et", "s": "ad", "t": "rz", "u": "zi", "v": "cb", "w": "qe", "x": "yc",
    "y": "xa", "z": "tu",
}  # fmt: skip


def with_typo(rng: random.Random, word: str) -> str:
    """The word with one slip of the hand (swap, drop, double or neighbouring key).

    The first letter stays, as people rarely mistype it; words under five letters and
    words not in Latin letters come back unchanged.
    """
    if len(word) < 5 or not word.isascii() or not word.isalpha():
        return word
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "double":
        return word[: position + 1] + word[position:]
    char = word[position].lower()
    neighbour = rng.choice(_KEYBOARD_NEIGHBOURS.get(char, char))
    return word[:position] + neighbour + word[position + 1 :]


class UnknownOrigin(ValueError):
    """The origin code has no name lists."""

    def __init__(self, origin: str) -> None:
        super().__init__(f"no synthetic names for origin {origin!r}; known: {', '.join(ORIGINS)}")
        self.origin = origin
