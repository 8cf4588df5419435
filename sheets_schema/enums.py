"""Every list a column takes its values from, with the German values as they stand in the sheet."""

from __future__ import annotations

from enum import StrEnum


class Town(StrEnum):
    XANTEN = "Xanten"
    DINSLAKEN = "Dinslaken"
    MOERS = "Moers"
    WESEL = "Wesel"
    KAMP_LINTFORT = "Kamp-Lintfort"

    @property
    def code(self) -> str:
        """The three letters used in Fall-IDs (KIM-XAN-2026-0007)."""
        return TOWN_CODES[self]

    @classmethod
    def from_code(cls, code: str) -> Town:
        for town, town_code in TOWN_CODES.items():
            if town_code == code:
                return town
        raise ValueError(code)


TOWN_CODES: dict[Town, str] = {
    Town.XANTEN: "XAN",
    Town.DINSLAKEN: "DIN",
    Town.MOERS: "MOE",
    Town.WESEL: "WES",
    Town.KAMP_LINTFORT: "KLF",
}

# Postcodes that belong to each town; a case with another PLZ gets a warning, not an error.
TOWN_POSTCODES: dict[Town, frozenset[str]] = {
    Town.XANTEN: frozenset({"46509"}),
    Town.DINSLAKEN: frozenset(str(n) for n in range(46535, 46540)),
    Town.MOERS: frozenset(str(n) for n in range(47441, 47448)),
    Town.WESEL: frozenset(str(n) for n in range(46483, 46488)),
    Town.KAMP_LINTFORT: frozenset({"47475"}),
}


class CaseStatus(StrEnum):
    ANFRAGE = "Anfrage"
    AKTIV = "Aktiv"
    RUHEND = "Ruhend"
    ABGESCHLOSSEN = "Abgeschlossen"


class Phase(StrEnum):
    CLEARING = "Clearing"
    ASSESSMENT = "Assessment"
    HILFEPLANUNG = "Hilfeplanung"
    DURCHFUEHRUNG = "Durchführung"
    MONITORING = "Monitoring"
    ABSCHLUSS = "Abschluss"


class AccessRoute(StrEnum):
    SELBSTMELDER = "Selbstmelder:in"
    AUSLAENDERBEHOERDE = "Ausländerbehörde"
    JOBCENTER = "Jobcenter"
    AGENTUR = "Agentur für Arbeit"
    SOZIALAMT = "Sozialamt"
    JUGENDAMT = "Jugendamt"
    SCHULE_KITA = "Schule/Kita"
    MBE = "MBE"
    JMD = "JMD"
    WOHLFAHRT = "Wohlfahrtsverband"
    EHRENAMT = "Ehrenamt"
    SONSTIGE = "Sonstige"


class ClosingReason(StrEnum):
    ZIELE_ERREICHT = "Ziele erreicht"
    WEGZUG = "Wegzug"
    KEIN_KONTAKT = "Kein Kontakt seit 3 Monaten"
    UEBERGABE = "Übergabe an andere Beratung (Jobcenter, JMD, MBE)"
    AUF_WUNSCH = "Beendigung auf Wunsch"
    AUSREISE = "Ausreise"
    VERSTORBEN = "Verstorben"


class Gender(StrEnum):
    WEIBLICH = "weiblich"
    MAENNLICH = "männlich"
    DIVERS = "divers"
    KEINE_ANGABE = "keine Angabe"


class ResidenceStatusGroup(StrEnum):
    OFFEN = "offen"
    ANERKANNT = "anerkannt"
    AUSREISEPFLICHTIG = "ausreisepflichtig"
    VORUEBERGEHEND = "vorübergehender Schutz"
    SONSTIGER_TITEL = "sonstiger Titel"
    EU = "EU"
    DEUTSCH = "deutsch"


class ResidenceStatus(StrEnum):
    ASYLGESUCH = "Asylgesuch/Ankunftsnachweis"
    GESTATTUNG = "Aufenthaltsgestattung (§ 55 AsylG)"
    DULDUNG = "Duldung (§ 60a AufenthG)"
    AUSBILDUNGSDULDUNG = "Ausbildungs-/Beschäftigungsduldung"
    AE_25_1 = "AE § 25 Abs. 1"
    AE_25_2_FLUECHTLING = "AE § 25 Abs. 2 Flüchtling"
    AE_25_2_SUBSIDIAER = "AE § 25 Abs. 2 subsidiär"
    AE_25_3 = "AE § 25 Abs. 3"
    AE_24 = "AE § 24 (vorübergehender Schutz, Ukraine)"
    FIKTION = "Fiktionsbescheinigung"
    AE_104C = "AE § 104c Chancen-Aufenthaltsrecht"
    SONSTIGE_AE = "sonstige AE (Familie/Arbeit/Studium)"
    NIEDERLASSUNG = "Niederlassungserlaubnis/Daueraufenthalt-EU"
    EU_FREIZUEGIGKEIT = "EU-Freizügigkeit"
    DEUTSCH = "deutsch (eingebürgert)"
    UNBEKANNT = "unbekannt"

    @property
    def group(self) -> ResidenceStatusGroup | None:
        """The statistics group; None for "unbekannt"."""
        return RESIDENCE_STATUS_GROUPS.get(self)


_G = ResidenceStatusGroup
_S = ResidenceStatus
RESIDENCE_STATUS_GROUPS: dict[ResidenceStatus, ResidenceStatusGroup] = {
    _S.ASYLGESUCH: _G.OFFEN,
    _S.GESTATTUNG: _G.OFFEN,
    _S.DULDUNG: _G.AUSREISEPFLICHTIG,
    _S.AUSBILDUNGSDULDUNG: _G.AUSREISEPFLICHTIG,
    _S.AE_25_1: _G.ANERKANNT,
    _S.AE_25_2_FLUECHTLING: _G.ANERKANNT,
    _S.AE_25_2_SUBSIDIAER: _G.ANERKANNT,
    _S.AE_25_3: _G.ANERKANNT,
    _S.AE_24: _G.VORUEBERGEHEND,
    # A Fiktionsbescheinigung bridges an application; counted with the other titles.
    _S.FIKTION: _G.SONSTIGER_TITEL,
    _S.AE_104C: _G.SONSTIGER_TITEL,
    _S.SONSTIGE_AE: _G.SONSTIGER_TITEL,
    _S.NIEDERLASSUNG: _G.SONSTIGER_TITEL,
    _S.EU_FREIZUEGIGKEIT: _G.EU,
    _S.DEUTSCH: _G.DEUTSCH,
}


class GermanLevel(StrEnum):
    KEINE = "keine"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    UNBEKANNT = "unbekannt"


class Benefits(StrEnum):
    SGB_II = "SGB II"
    SGB_XII = "SGB XII"
    ASYLBLG = "AsylbLG"
    SGB_III = "SGB III"
    EIGENES_EINKOMMEN = "eigenes Einkommen"
    KEINER = "keiner"
    UNBEKANNT = "unbekannt"


class Housing(StrEnum):
    GEMEINSCHAFTSUNTERKUNFT = "Gemeinschaftsunterkunft"
    KOMMUNALE_WOHNUNG = "kommunale Wohnung"
    EIGENE_MIETWOHNUNG = "eigene Mietwohnung"
    FAMILIE = "bei Familie/Bekannten"
    WOHNUNGSLOS = "wohnungslos"
    SONSTIGE = "sonstige"


class FieldOfAction(StrEnum):
    AUFENTHALT = "Aufenthalt/Einbürgerung"
    SPRACHE = "Sprache"
    BILDUNG = "Bildung/Schule/Kita"
    ARBEIT = "Ausbildung/Arbeit/Anerkennung"
    WOHNEN = "Wohnen"
    GESUNDHEIT = "Gesundheit"
    FAMILIE = "Familie/Kinder"
    EXISTENZ = "Existenzsicherung/Finanzen"
    BEHOERDEN = "Behörden/Dokumente"
    TEILHABE = "Erstorientierung/Teilhabe"
    SONSTIGES = "Sonstiges"


class ContactKind(StrEnum):
    PERSOENLICH = "persönlich"
    TELEFONISCH = "telefonisch"
    HAUSBESUCH = "Hausbesuch"
    BEGLEITUNG = "Begleitung"
    DIGITAL = "digital"
    FALLKONFERENZ = "Fallkonferenz"


class LanguageMediation(StrEnum):
    KEINE = "keine"
    DOLMETSCHER = "Dolmetscher:in"
    SPRACHMITTLER = "Sprachmittler:in"
    MEHRSPRACHIG = "mehrsprachige Beratung"


class GoalStatus(StrEnum):
    OFFEN = "offen"
    IN_ARBEIT = "in Arbeit"
    ERREICHT = "erreicht"
    TEILWEISE = "teilweise erreicht"
    NICHT_ERREICHT = "nicht erreicht"
    VERWORFEN = "verworfen"

    @property
    def is_open(self) -> bool:
        return self in (GoalStatus.OFFEN, GoalStatus.IN_ARBEIT)


class Partner(StrEnum):
    AUSLAENDERBEHOERDE = "Ausländerbehörde"
    EINBUERGERUNG = "Einbürgerungsbehörde"
    JOBCENTER = "Jobcenter"
    AGENTUR = "Agentur für Arbeit"
    SOZIALAMT = "Sozialamt"
    JUGENDAMT = "Jugendamt"
    FAMILIENKASSE = "Familienkasse"
    WOHNGELD = "Wohngeldstelle"
    GESUNDHEITSAMT = "Gesundheitsamt"
    INTEGRATIONSKURS = "Integrationskursträger"
    ANERKENNUNG = "Anerkennungsberatung"
    SCHULDNER = "Schuldnerberatung"
    MBE = "MBE"
    JMD = "JMD"
    WOHLFAHRT = "Wohlfahrtsverband"
    EHRENAMT = "Ehrenamt/Initiative"
    SONSTIGE = "Sonstige"


class ReferralResult(StrEnum):
    OFFEN = "offen"
    ANGENOMMEN = "angenommen"
    WARTELISTE = "Warteliste"
    ABGELEHNT = "abgelehnt"


class AuditAction(StrEnum):
    ANGELEGT = "angelegt"
    GEAENDERT = "geändert"
    GELOESCHT = "gelöscht"
    EXPORTIERT = "exportiert"
    VERWEIGERT = "verweigert"
    EINGESEHEN = "eingesehen"  # a whole sheet was looked at („Tabelle prüfen“)
    UEBERGEBEN = "übergeben"  # to another town, or to another Fallmanager:in
    UEBERNOMMEN = "übernommen"  # from another town
