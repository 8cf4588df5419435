"""Plausible backgrounds for invented demo clients: origin, languages, residence titles, texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sheets_schema.enums import FieldOfAction, Partner, ResidenceStatus, Town

_S = ResidenceStatus
_F = FieldOfAction


@dataclass(frozen=True)
class Origin:
    """Where a demo client comes from and what usually goes with it."""

    code: str  # ISO 3166 alpha-2
    names: str  # the synthetic_names origin whose names fit (Iraq takes Syrian Arabic names)
    weight: int
    nationalities: tuple[tuple[tuple[str, ...], int], ...]
    languages: tuple[tuple[tuple[str, ...], int], ...]
    statuses: tuple[tuple[ResidenceStatus, int], ...]
    earliest_entry: date


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "UA",
        "UA",
        34,
        ((("ukrainisch",), 92), (("ukrainisch", "russisch"), 8)),
        ((("Ukrainisch", "Russisch"), 60), (("Ukrainisch",), 25), (("Russisch",), 15)),
        ((_S.AE_24, 88), (_S.FIKTION, 8), (_S.SONSTIGE_AE, 4)),
        date(2022, 2, 24),
    ),
    Origin(
        "SY",
        "SY",
        20,
        ((("syrisch",), 100),),
        ((("Arabisch",), 75), (("Kurdisch", "Arabisch"), 20), (("Arabisch", "Englisch"), 5)),
        (
            (_S.AE_25_2_SUBSIDIAER, 35),
            (_S.AE_25_2_FLUECHTLING, 30),
            (_S.GESTATTUNG, 15),
            (_S.NIEDERLASSUNG, 12),
            (_S.DEUTSCH, 5),
            (_S.FIKTION, 3),
        ),
        date(2014, 1, 1),
    ),
    Origin(
        "AF",
        "AF",
        12,
        ((("afghanisch",), 100),),
        ((("Dari",), 65), (("Paschtu",), 20), (("Dari", "Englisch"), 15)),
        (
            (_S.GESTATTUNG, 30),
            (_S.AE_25_3, 25),
            (_S.AE_25_2_FLUECHTLING, 15),
            (_S.AE_25_1, 8),
            (_S.DULDUNG, 12),
            (_S.AUSBILDUNGSDULDUNG, 5),
            (_S.ASYLGESUCH, 5),
        ),
        date(2015, 1, 1),
    ),
    Origin(
        "TR",
        "TR",
        9,
        ((("türkisch",), 100),),
        ((("Türkisch",), 70), (("Kurdisch", "Türkisch"), 30)),
        ((_S.GESTATTUNG, 55), (_S.ASYLGESUCH, 10), (_S.SONSTIGE_AE, 25), (_S.DULDUNG, 10)),
        date(2016, 1, 1),
    ),
    Origin(
        "IQ",
        "SY",
        7,
        ((("irakisch",), 100),),
        ((("Arabisch",), 55), (("Kurdisch",), 45)),
        (
            (_S.GESTATTUNG, 25),
            (_S.DULDUNG, 25),
            (_S.AE_25_2_SUBSIDIAER, 25),
            (_S.AE_104C, 15),
            (_S.NIEDERLASSUNG, 10),
        ),
        date(2014, 1, 1),
    ),
    Origin(
        "ER",
        "ER",
        4,
        ((("eritreisch",), 100),),
        ((("Tigrinya",), 80), (("Tigrinya", "Englisch"), 20)),
        ((_S.AE_25_2_FLUECHTLING, 80), (_S.AE_25_2_SUBSIDIAER, 15), (_S.GESTATTUNG, 5)),
        date(2015, 1, 1),
    ),
    Origin(
        "IR",
        "AF",
        4,
        ((("iranisch",), 100),),
        ((("Persisch",), 80), (("Persisch", "Englisch"), 20)),
        ((_S.GESTATTUNG, 40), (_S.AE_25_2_FLUECHTLING, 40), (_S.AE_25_1, 20)),
        date(2016, 1, 1),
    ),
)

# Two invented case managers per town (no real persons).
CASE_MANAGERS: dict[Town, tuple[str, str]] = {
    Town.XANTEN: ("Anna Lehmkuhl", "Jonas Terhorst"),
    Town.DINSLAKEN: ("Miriam Kowalczyk", "Tobias Brandtner"),
    Town.MOERS: ("Sabine Hülskamp", "Kerem Aydınlı"),
    Town.WESEL: ("Katharina Everding", "Daniel Schröerken"),
    Town.KAMP_LINTFORT: ("Olena Wagenfeld", "Markus Tenhaeff"),
}

STREETS: tuple[str, ...] = (
    "Bahnhofstraße",
    "Hauptstraße",
    "Kirchstraße",
    "Schulstraße",
    "Gartenstraße",
    "Lindenallee",
    "Am Markt",
    "Rheinstraße",
    "Friedrichstraße",
    "Goethestraße",
    "Schillerstraße",
    "Mühlenweg",
    "Birkenweg",
    "Ringstraße",
    "Poststraße",
    "Wilhelmstraße",
    "Feldstraße",
    "Neustraße",
    "Am Stadtpark",
    "Eichenstraße",
)

# "Drama numbers": blocks the Bundesnetzagentur keeps unassigned for films and books
# (Amtsblatt 7/2021, Mitteilung 148/2021), so that no real person is ever reached.
# (area code without 0, fixed digits, number of digits that vary)
PHONE_BLOCKS: tuple[tuple[str, str, int], ...] = (
    ("30", "23125", 3),
    ("69", "90009", 3),
    ("40", "66969", 3),
    ("221", "4710", 3),
    ("89", "99998", 3),
)
MOBILE_DRAMA_NUMBERS: tuple[tuple[str, str], ...] = (("152", "28817386"), ("172", "9980752"))

REMARKS: tuple[str, ...] = (
    "Termine bitte nur vormittags.",
    "Bevorzugt Kontakt per Messenger.",
    "Ehrenamtliche Patin begleitet zu Terminen.",
    "Wartet auf Termin bei der Ausländerbehörde.",
    "Sucht eine größere Wohnung.",
    "Integrationskurs beginnt nächsten Monat.",
    "Zeugnisse zur Anerkennung liegen in Kopie vor.",
    "Kinder besuchen Kita und Grundschule vor Ort.",
    "Erreichbar meist erst ab 16 Uhr.",
    "Bruder lebt in Duisburg und unterstützt.",
    "Führerschein aus dem Herkunftsland vorhanden.",
    "Möchte eine Ausbildung in der Pflege beginnen.",
)

CONTACT_NOTES: tuple[str, ...] = (
    "Antrag gemeinsam ausgefüllt.",
    "Termin bei der Ausländerbehörde vorbereitet.",
    "Unterlagen gesichtet und Kopien gemacht.",
    "Nächste Schritte besprochen.",
    "Rückfrage zum Bescheid geklärt.",
    "Wohnungsangebote durchgesehen.",
    "Kita-Anmeldung besprochen.",
    "Bewerbungsunterlagen überarbeitet.",
)

GOALS: dict[FieldOfAction, tuple[str, ...]] = {
    _F.AUFENTHALT: ("Verlängerung des Aufenthaltstitels beantragen", "Einbürgerung vorbereiten"),
    _F.SPRACHE: ("Integrationskurs beginnen", "Sprachprüfung B1 ablegen"),
    _F.BILDUNG: ("Kita-Platz für das jüngste Kind finden", "Schulanmeldung der Kinder"),
    _F.ARBEIT: ("Anerkennung des Berufsabschlusses beantragen", "Ausbildungsplatz finden"),
    _F.WOHNEN: ("Eigene Wohnung finden", "Wohnberechtigungsschein beantragen"),
    _F.GESUNDHEIT: ("Hausarztpraxis finden", "Krankenversicherung klären"),
    _F.FAMILIE: ("Kindergeld beantragen", "Familiennachzug vorbereiten"),
    _F.EXISTENZ: ("Leistungsbescheid klären", "Konto eröffnen"),
    _F.BEHOERDEN: ("Pass beschaffen", "Steuer-ID und Meldebescheinigung klären"),
    _F.TEILHABE: ("Sportverein für die Kinder finden", "Kontakt zu einem Begegnungscafé"),
    _F.SONSTIGES: ("Führerschein umschreiben lassen",),
}

# How often each field of action is part of a case (share of cases, roughly).
FIELD_WEIGHTS: dict[FieldOfAction, int] = {
    _F.AUFENTHALT: 30,
    _F.SPRACHE: 30,
    _F.BILDUNG: 18,
    _F.ARBEIT: 28,
    _F.WOHNEN: 24,
    _F.GESUNDHEIT: 12,
    _F.FAMILIE: 14,
    _F.EXISTENZ: 22,
    _F.BEHOERDEN: 20,
    _F.TEILHABE: 10,
    _F.SONSTIGES: 4,
}

# Naturalised clients keep their first nationality next to the German one.
GERMAN_NATIONALITY = "deutsch"

# Female first names of the synthetic name lists (one spelling per name is enough, as every
# spelling of a person is compared); all other first names there are male.
_FEMALE_FIRST_NAMES = (
    "Anna Marie Sophie Lena Katharina Ursula Renate Bärbel Dörte Sabine Monika Petra "
    "Gabriele Gisela Käthe Hannelore "
    "Olena Olha Nataliia Tetiana Yuliia Iryna Oksana Svitlana Mariia Anastasiia Liudmyla "
    "Halyna Kateryna Viktoriia Daryna Sofiia Hanna Nadiia "
    "Fatima Maryam Nour Layla Sara Rasha Heba Zainab Amal Rana Aisha Khadija Yasmin "
    "Ayşe Fatma Emine Hatice Zeynep Elif Özlem Gülsüm Şeyma Büşra Merve Ebru Tuğba Derya "
    "Sevgi Hülya "
    "Zahra Nasrin Shabnam Parwana Samira Nargis Mursal Freshta "
    "Selam Semhar Senait Saba Luwam Winta Rahwa Freweini Nardos Tsega"
)
FEMALE_FIRST_NAMES: frozenset[str] = frozenset(_FEMALE_FIRST_NAMES.split())

_P = Partner
# Partners a referral in each field of action usually goes to.
REFERRAL_PARTNERS: dict[FieldOfAction, tuple[Partner, ...]] = {
    _F.AUFENTHALT: (_P.AUSLAENDERBEHOERDE, _P.EINBUERGERUNG),
    _F.SPRACHE: (_P.INTEGRATIONSKURS, _P.JMD, _P.MBE),
    _F.BILDUNG: (_P.JUGENDAMT, _P.JMD, _P.EHRENAMT),
    _F.ARBEIT: (_P.JOBCENTER, _P.AGENTUR, _P.ANERKENNUNG),
    _F.WOHNEN: (_P.WOHNGELD, _P.SOZIALAMT, _P.WOHLFAHRT),
    _F.GESUNDHEIT: (_P.GESUNDHEITSAMT, _P.WOHLFAHRT),
    _F.FAMILIE: (_P.FAMILIENKASSE, _P.JUGENDAMT),
    _F.EXISTENZ: (_P.JOBCENTER, _P.SOZIALAMT, _P.SCHULDNER),
    _F.BEHOERDEN: (_P.AUSLAENDERBEHOERDE, _P.SOZIALAMT),
    _F.TEILHABE: (_P.EHRENAMT, _P.WOHLFAHRT),
    _F.SONSTIGES: (_P.SONSTIGE, _P.MBE),
}
