"""Importing a registration spreadsheet (CSV or XLSX) into a meeting's participants.

The file is read by ``tabular.read_table`` (encodings and delimiters detected). Columns are
recognised by their header in English, French or Spanish (``guess_mapping``), or mapped by
the user, and the mapping is remembered for the next file with the same header row.
``plan_import`` reads every row, validates it and decides what it will do: add a person,
update the one already there (matched by email, else by normalised name and organisation),
or reject the row with the reason. ``apply_import`` carries the plan out in one transaction.
New people whose name resembles someone already there are added and listed as undecided
duplicates, for the duplicates finder to merge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import duplicates, participants, records, tabular
from .clock import new_id, utc_now
from .duplicates import fold
from .errors import ValidationError
from .i18n import LANGUAGES, _, list_separator
from .i18n import lazy_gettext as N_
from .store import Workspace

KIND = "participants"

# The fields a column can hold, with their labels for the mapping dialog.
TARGETS = {
    "honorific": N_("Honorific"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "full_name": N_("Full name (to be split)"),
    "organisation": N_("Organisation or mechanism"),
    "category": N_("Category"),
    "country": N_("Country"),
    "job_title": N_("Position"),
    "email": N_("Email"),
    "languages": N_("Languages"),
    "gender": N_("Gender"),
    "roles": N_("Roles"),
}

# Header names as registration systems write them, in English, French and Spanish.
_HEADERS = {
    "honorific": "honorific title salutation civilite civilité titre tratamiento título titulo "
    "saludo prefix",
    "given_name": "given name|given_name|first name|firstname|forename|prenom|prénom|prenoms|"
    "prénoms|nombre|nombres|primer nombre",
    "family_name": "family name|family_name|last name|lastname|surname|nom|nom de famille|"
    "apellido|apellidos|primer apellido",
    "full_name": "name|full name|full_name|participant|nom complet|nom et prenom|"
    "nom et prénom|prenom et nom|prénom et nom|nombre completo|nombre y apellido|"
    "nombre y apellidos|participante",
    "organisation": "organisation|organization|organisme|organizacion|organización|entity|"
    "entite|entité|entidad|mechanism|mecanisme|mécanisme|mecanismo|institution|institucion|"
    "institución|affiliation|delegation|délégation|delegacion|delegación",
    "category": "category|categorie|catégorie|categoria|categoría|type|tipo|participant type",
    "country": "country|pays|pais|país|nationality|nationalite|nationalité|nacionalidad",
    "job_title": "position|job title|job_title|title|function|fonction|funcion|función|"
    "poste|cargo|puesto|designation",
    "email": "email|e-mail|e mail|email address|courriel|adresse electronique|"
    "adresse électronique|mail|correo|correo electronico|correo electrónico",
    "languages": "languages|language|langues|langue|idiomas|idioma|lenguas",
    "gender": "gender|sex|genre|sexe|genero|género|sexo",
    "roles": "roles|role|rôle|rôles|rol|roles en la reunion|function in the meeting",
}
HEADER_NAMES: dict[str, str] = {}
for _target, _names in _HEADERS.items():
    separator = "|" if "|" in _names else " "
    for _name in _names.split(separator):
        HEADER_NAMES.setdefault(fold(_name), _target)

HONORIFICS = {
    fold(h): h
    for h in (
        "Mr Mrs Ms Miss Mx Dr Prof Professor H.E. HE Excellency Amb Ambassador Hon Sir Dame "
        "M Mme Mlle Me Pr S.E. Sr Sra Srta Dña Doña Lic Licda Ing Г-н Г-жа "
        "Господин Госпожа السيد السيدة الدكتور"
    ).split()
}
# Honorifics written with a trailing dot or in several words are folded the same way.
HONORIFICS.update({fold("S.E."): "S.E.", fold("H.E."): "H.E."})

CATEGORY_PHRASES = {
    "iscm": [
        "iscm",
        "rcp",
        "irf",
        "global process",
        "mechanism",
        "inter-state consultation mechanism",
        "mécanisme",
        "mecanismo",
        "pcr",
        "processus consultatif régional",
        "proceso consultivo regional",
        "forum interrégional",
        "foro interregional",
    ],
    "reo": [
        "reo",
        "regional economic organization",
        "regional economic organisation",
        "oer",
        "organisation économique régionale",
        "organización económica regional",
    ],
    "unrc": [
        "unrc",
        "un rc",
        "un regional commission",
        "regional commission",
        "commission régionale",
        "comisión regional",
    ],
    "un_body": [
        "un body",
        "un",
        "un agency",
        "united nations",
        "nations unies",
        "naciones unidas",
        "onu",
        "agence des nations unies",
        "organismo de la onu",
    ],
    "donor": ["donor", "donateur", "donante", "bailleur"],
    "organizer": [
        "organizer",
        "organiser",
        "organisateur",
        "organizador",
        "iom",
        "oim",
        "organizing staff",
    ],
    "civil_society": ["civil society", "société civile", "sociedad civil", "ngo", "ong"],
    "other": ["other", "autre", "otro", "otra", "autres"],
}
CATEGORY_NAMES = {fold(p): code for code, phrases in CATEGORY_PHRASES.items() for p in phrases}
CATEGORY_NAMES.update({fold(code): code for code in participants.CATEGORIES})

GENDER_NAMES = {
    fold(w): code
    for code, words in {
        "female": "f female woman femme féminin feminin mujer femenino w ж жен женский "
        "أنثى انثى 女",
        "male": "m male man homme masculin hombre masculino h м муж мужской ذكر 男",
        "other": "other autre otro otra x",
    }.items()
    for w in words.split()
}
GENDER_NAMES[fold("non-binary")] = "other"

ROLE_NAMES = {
    fold(w): code
    for code, words in {
        "chair": ["chair", "président", "presidente", "chairperson", "présidence", "presidencia"],
        "co_facilitator": ["co-facilitator", "cofacilitator", "cofacilitateur", "cofacilitador"],
        "moderator": ["moderator", "modérateur", "moderador"],
        "speaker": [
            "speaker",
            "panelist",
            "panellist",
            "intervenant",
            "orador",
            "ponente",
            "panéliste",
        ],
        "facilitator": ["facilitator", "facilitateur", "facilitador"],
        "rapporteur": ["rapporteur", "relator", "relatora"],
        "secretariat": ["secretariat", "secrétariat", "secretaría", "secretaria"],
        "interpreter": ["interpreter", "interprète", "intérprete"],
        "participant": ["participant", "participante", "delegate", "délégué", "delegado"],
    }.items()
    for w in words
}
ROLE_NAMES.update({fold(code): code for code in participants.ROLES})

_SPLIT_LIST = re.compile(r"\s*[,;/|]\s*|\s+and\s+|\s+et\s+|\s+y\s+")


@cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(fold(name), code)
    for code in Locale.parse("en").territories:
        if len(code) == 2 and code.isalpha():
            names[fold(code)] = code
    names.update({fold(k): v for k, v in _COUNTRY_ALIASES.items()})
    return names


_COUNTRY_ALIASES = {
    "USA": "US",
    "UK": "GB",
    "United States of America": "US",
    "Russia": "RU",
    "Russian Federation": "RU",
    "Iran": "IR",
    "Syria": "SY",
    "Korea": "KR",
    "Republic of Korea": "KR",
    "Viet Nam": "VN",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Côte d'Ivoire": "CI",
    "Cote d'Ivoire": "CI",
    "Czech Republic": "CZ",
    "Tchéquie": "CZ",
    "République tchèque": "CZ",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Lao PDR": "LA",
    "Kyrgyzstan": "KG",
    "Kirghizistan": "KG",
    "Kirguistán": "KG",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Cape Verde": "CV",
    "Palestine": "PS",
    "Holy See": "VA",
}


@cache
def _language_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for code in LANGUAGES:
        names[fold(code)] = code
        for lang in (*LANGUAGES, "en"):
            names.setdefault(fold(Locale.parse(code).get_display_name(Locale.parse(lang))), code)
            names.setdefault(fold(Locale.parse(code).get_language_name(Locale.parse(lang))), code)
    names.update(
        {
            "eng": "en",
            "fra": "fr",
            "fre": "fr",
            "spa": "es",
            "esp": "es",
            "ara": "ar",
            "rus": "ru",
            "chi": "zh",
            "zho": "zh",
            "mandarin": "zh",
        }
    )
    return names


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Each header's target field ("" when not recognised); each field taken once."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        target = HEADER_NAMES.get(fold(header), "")
        if target and target not in taken:
            mapping[header] = target
            taken.add(target)
        else:
            mapping[header] = ""
    # A "Name" column beside given and family names is not a full name to split.
    if "full_name" in taken and {"given_name", "family_name"} <= taken:
        for header, target in mapping.items():
            if target == "full_name":
                mapping[header] = ""
    # "Nom" alone (with no given-name column) is the full name, as French forms use it.
    if "family_name" in taken and not ({"given_name", "full_name"} & taken):
        for header, target in mapping.items():
            if target == "family_name" and fold(header) in ("nom", "name"):
                mapping[header] = "full_name"
    return mapping


def check_mapping(mapping: Mapping[str, str]) -> None:
    used = [t for t in mapping.values() if t]
    for target in used:
        if target not in TARGETS:
            raise ValidationError(f"unknown field {target!r} in the column mapping")
    repeated = sorted({t for t in used if used.count(t) > 1})
    if repeated:
        raise ValidationError(f"each field may come from one column only: {', '.join(repeated)}")
    if not ({"given_name", "family_name", "full_name"} & set(used)):
        raise ValidationError(
            "no column holds names: map a column to given name, family name or full name"
        )


def mapping_for(ws: Workspace, headers: list[str]) -> tuple[dict[str, str], bool]:
    """The remembered mapping for this shape of file, else a guess; and whether remembered."""
    remembered = tabular.load_mapping(ws, KIND, headers)
    if remembered is not None and set(remembered) == set(headers):
        return remembered, True
    return guess_mapping(headers), False


def read_mapping_file(path: str | Path) -> dict[str, str]:
    """A mapping given as a JSON file: {"column header": "field", ...}."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path}: not a readable JSON mapping ({exc})") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValidationError(f'{path}: a mapping is a JSON object {{"column": "field"}}')
    return {" ".join(k.split()): v for k, v in data.items()}


# ---- names -------------------------------------------------------------------------------------


def split_full_name(text: str) -> tuple[str, str, str]:
    """(honorific, given name, family name) from one cell such as "Ms Amina Diallo",
    "DIALLO, Amina", "DIALLO Amina" or "王丽"."""
    text = " ".join(str(text or "").split())
    honorifics = []
    words = text.split(" ")
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        honorifics.append(words.pop(0))
    honorific = " ".join(honorifics)
    rest = " ".join(words)
    if "," in rest:
        family, _comma, given = rest.partition(",")
        return honorific, given.strip(), family.strip()
    if len(words) == 1:
        word = words[0]
        if len(word) >= 2 and all(duplicates._is_cjk(c) for c in word):
            return honorific, word[1:], word[0]  # Chinese: the family name comes first
        return honorific, "", word
    capitals = [w for w in words if _is_capitals(w)]
    if capitals and len(capitals) < len(words):
        if words[: len(capitals)] == capitals:  # "DIALLO Amina"
            return honorific, " ".join(words[len(capitals) :]), " ".join(capitals)
        if words[-len(capitals) :] == capitals:  # "Amina DIALLO"
            return honorific, " ".join(words[: -len(capitals)]), " ".join(capitals)
    for index in range(1, len(words) - 1):  # "Karl van der Berg", "Ahmed bin Ali"
        if fold(words[index]) in duplicates.PARTICLES:
            return honorific, " ".join(words[:index]), " ".join(words[index:])
    if len(words) >= 4:  # "Juan José Gómez Camacho": two given names, two family names
        half = len(words) // 2
        return honorific, " ".join(words[:half]), " ".join(words[half:])
    return honorific, " ".join(words[:-1]), words[-1]


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# ---- planning ----------------------------------------------------------------------------------


@dataclass
class PlannedRow:
    row_number: int  # as the spreadsheet numbers it (the header is row 1)
    action: str  # "add", "update", "same" (matched, nothing to change) or "reject"
    values: dict[str, object] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    reason: str = ""
    participant_id: str | None = None  # the person updated, or the id the new one gets
    matched_by: str = ""  # "email" or "name"
    cells: tuple[str, ...] = ()  # the row as read, for showing a rejected row


@dataclass
class ImportPlan:
    path: Path
    headers: list[str]
    mapping: dict[str, str]
    meeting_id: str | None
    rows: list[PlannedRow]
    encoding: str = ""
    delimiter: str = ""

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == "reject"]


@dataclass(frozen=True)
class ImportResult:
    added: tuple[str, ...]
    updated: tuple[str, ...]
    rejected: tuple[tuple[int, str], ...]  # (row number, reason)
    undecided: tuple[duplicates.DuplicatePair, ...]  # new people who resemble someone
    unchanged: tuple[str, ...] = ()  # matched people the file tells nothing new about

    @property
    def changes(self) -> records.Changes:
        return records.Changes("participants", self.added + self.updated)


class _Matcher:
    """Finds the person a row describes among those in the workspace and earlier rows."""

    def __init__(self, ws: Workspace) -> None:
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for row in ws.query(
            "SELECT p.id, p.given_name, p.family_name, p.email, p.organisation, m.acronym "
            "FROM participants p LEFT JOIN mechanisms m ON m.id = p.mechanism_id"
        ):
            self.remember(
                row["id"],
                row["email"],
                row["given_name"],
                row["family_name"],
                row["acronym"] or row["organisation"],
            )

    @staticmethod
    def name_key(given: str, family: str, organisation: str) -> str:
        return duplicates.name_key(given, family) + "|" + fold(organisation)

    def remember(self, pid: str, email: str, given: str, family: str, org: str) -> None:
        if email:
            self.by_email.setdefault(email.casefold(), pid)
        self.by_name.setdefault(self.name_key(given, family, org), pid)

    def find(self, email: str, given: str, family: str, org: str) -> tuple[str | None, str]:
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()], "email"
        found = self.by_name.get(self.name_key(given, family, org))
        return (found, "name") if found else (None, "")


class _Resolver:
    def __init__(self, ws: Workspace) -> None:
        self.mechanisms: dict[str, tuple[str, str, str]] = {}
        for row in ws.query("SELECT id, acronym, name, kind FROM mechanisms"):
            entry = (row["id"], row["acronym"], row["kind"])
            self.mechanisms.setdefault(fold(row["acronym"]), entry)
            for name in json.loads(row["name"]).values():
                self.mechanisms.setdefault(fold(name), entry)

    def organisation(self, text: str) -> tuple[str | None, str, str]:
        """(mechanism id, organisation text, mechanism kind)"""
        found = self.mechanisms.get(fold(text)) if text else None
        if found is None:
            return None, text, ""
        return found[0], "", found[2]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_KIND_CATEGORY = {"rcp": "iscm", "irf": "iscm", "global": "iscm", "reo": "reo", "unrc": "unrc"}


def _row_values(
    cells: Mapping[str, str], resolver: _Resolver
) -> tuple[dict[str, object], list[str]]:
    """Validated participant fields and roles from a row's cells; ValueError with every
    reason the row cannot be imported, so that one correction of the file fixes them all."""
    problems: list[str] = []
    get = lambda name: " ".join(str(cells.get(name, "") or "").split())  # noqa: E731
    honorific, given, family = get("honorific"), get("given_name"), get("family_name")
    if "full_name" in cells and not (given or family):
        split_honorific, given, family = split_full_name(cells["full_name"])
        honorific = honorific or split_honorific
    elif honorific == "" and given:
        words = given.split(" ")
        if len(words) > 1 and fold(words[0]) in HONORIFICS:
            honorific, given = words[0], " ".join(words[1:])
    if not (given or family):
        problems.append(_("no name"))
    values: dict[str, object] = {
        "honorific": honorific,
        "given_name": given,
        "family_name": family,
        "job_title": get("job_title"),
    }
    email = get("email")
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if email and not _EMAIL.match(email):
        problems.append(_("“{email}” is not an email address").format(email=email))
    values["email"] = email
    mechanism_id, organisation, kind = resolver.organisation(get("organisation"))
    values["mechanism_id"], values["organisation"] = mechanism_id, organisation
    category_text = get("category")
    category = CATEGORY_NAMES.get(fold(category_text)) if category_text else None
    if category_text and category is None:
        problems.append(_("unknown category “{category}”").format(category=category_text))
    values["category"] = category or _KIND_CATEGORY.get(kind, "other")
    country_text = get("country")
    values["country"] = ""
    if country_text:
        country = _country_names().get(fold(country_text))
        if country is None:
            problems.append(_("unknown country “{country}”").format(country=country_text))
        else:
            values["country"] = country
    language_text = get("languages")
    languages = []
    for part in _SPLIT_LIST.split(language_text) if language_text else []:
        if not part.strip():
            continue
        code = _language_names().get(fold(part))
        if code is None:
            problems.append(
                _("unknown language “{language}” (expected one of the six UN languages)").format(
                    language=part.strip()
                )
            )
        else:
            languages.append(code)
    values["languages"] = list(dict.fromkeys(languages))
    gender_text = get("gender")
    gender = GENDER_NAMES.get(fold(gender_text), None) if gender_text else ""
    if gender is None:
        problems.append(_("unknown gender “{gender}”").format(gender=gender_text))
    values["gender"] = gender or ""
    roles = []
    role_text = get("roles")
    for part in _SPLIT_LIST.split(role_text) if role_text else []:
        if not part.strip():
            continue
        code = ROLE_NAMES.get(fold(part))
        if code is None:
            problems.append(_("unknown role “{role}”").format(role=part.strip()))
        else:
            roles.append(code)
    if problems:
        raise ValueError(list_separator().join(problems))
    return values, roles


def plan_import(
    ws: Workspace,
    table: tabular.Table,
    mapping: Mapping[str, str],
    meeting_id: str | None = None,
) -> ImportPlan:
    """What importing ``table`` with ``mapping`` would do, row by row; nothing is written."""
    mapping = {h: t for h, t in mapping.items() if t}
    check_mapping(mapping)
    missing = [h for h in mapping if h not in table.headers]
    if missing:
        raise ValidationError(
            f"the mapping names column(s) the file does not have: {', '.join(missing)}"
        )
    if meeting_id is not None:
        records.require(ws, "meetings", meeting_id)
    matcher, resolver = _Matcher(ws), _Resolver(ws)
    columns = [(table.headers.index(h), t) for h, t in mapping.items()]
    planned: list[PlannedRow] = []
    seen_in_file: dict[str, int] = {}
    for offset, row in enumerate(table.rows):
        number = table.first_row_number + offset
        cells = {target: row[i] if i < len(row) else "" for i, target in columns}
        try:
            values, roles = _row_values(cells, resolver)
        except ValueError as exc:
            planned.append(PlannedRow(number, "reject", reason=str(exc), cells=tuple(row)))
            continue
        org = str(values["organisation"]) or resolver_acronym(resolver, values["mechanism_id"])
        email = str(values["email"])
        keys = [f"e:{email.casefold()}"] if email else []
        keys.append("n:" + _Matcher.name_key(values["given_name"], values["family_name"], org))  # type: ignore[arg-type]
        earlier = next((seen_in_file[k] for k in keys if k in seen_in_file), None)
        if earlier is not None:
            planned.append(PlannedRow(number, "reject", reason=_("the same person as row {row}").format(row=earlier)))
            continue
        for key in keys:
            seen_in_file[key] = number
        match, how = matcher.find(email, values["given_name"], values["family_name"], org)  # type: ignore[arg-type]
        if match is None:
            planned.append(PlannedRow(number, "add", values, roles, participant_id=new_id()))
        else:
            action = "same" if _nothing_new(ws, match, values, roles, meeting_id) else "update"
            planned.append(
                PlannedRow(number, action, values, roles, participant_id=match, matched_by=how)
            )
    return ImportPlan(
        table.path,
        table.headers,
        dict(mapping),
        meeting_id,
        planned,
        table.encoding,
        table.delimiter,
    )


def _changed_fields(current: Mapping, values: Mapping[str, object]) -> dict[str, object]:
    """The fields a row would change: an empty cell never erases what is known."""
    stored = {**values, "languages": json.dumps(values["languages"])}
    changed = {k: v for k, v in stored.items() if v not in ("", "[]", None) and current.get(k) != v}
    if stored.get("mechanism_id") is None:
        changed.pop("mechanism_id", None)
    return changed


def _meeting_roles(ws: Workspace, meeting_id: str, participant_id: str) -> list[str] | None:
    roles = ws.scalar(
        "SELECT roles FROM meeting_participants WHERE meeting_id = ? AND participant_id = ?",
        (meeting_id, participant_id),
    )
    return None if roles is None else json.loads(str(roles))


def _nothing_new(
    ws: Workspace,
    participant_id: str,
    values: Mapping[str, object],
    roles: list[str],
    meeting_id: str | None,
) -> bool:
    if _changed_fields(records.require(ws, "participants", participant_id), values):
        return False
    if meeting_id is None:
        return True
    current = _meeting_roles(ws, meeting_id, participant_id)
    return current is not None and (not roles or sorted(roles) == sorted(current))


def resolver_acronym(resolver: _Resolver, mechanism_id: object) -> str:
    if not mechanism_id:
        return ""
    return next((a for (i, a, _k) in resolver.mechanisms.values() if i == mechanism_id), "")


def apply_import(
    ws: Workspace,
    plan: ImportPlan,
    *,
    remember_mapping: bool = True,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportResult:
    """Carry out a plan in one transaction: all rows land, or none (also when cancelled)."""
    now = utc_now()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    total = len(plan.rows)
    with ws.transaction():
        position = (
            records.next_position(ws, "meeting_participants", "meeting_id = ?", (plan.meeting_id,))
            if plan.meeting_id
            else 0
        )
        for done, row in enumerate(plan.rows, start=1):
            if progress is not None and done % 250 == 0 and not progress(done, total):
                raise ValidationError("the import was cancelled; nothing was imported")
            if row.action == "reject":
                continue
            if row.action == "same":
                assert row.participant_id is not None
                unchanged.append(row.participant_id)
                continue
            values = dict(row.values)
            values["languages"] = json.dumps(values["languages"])
            if row.action == "add":
                assert row.participant_id is not None
                columns = ["id", *values, "created_at", "updated_at"]
                ws.conn.execute(
                    f"INSERT INTO participants ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    (row.participant_id, *values.values(), now, now),
                )
                added.append(row.participant_id)
            else:
                assert row.participant_id is not None
                current = records.require(ws, "participants", row.participant_id)
                changed = _changed_fields(current, row.values)
                if changed:
                    records.update(ws, "participants", row.participant_id, changed)
                updated.append(row.participant_id)
            if plan.meeting_id:
                roles = row.roles
                if not roles:
                    existing = _meeting_roles(ws, plan.meeting_id, row.participant_id)
                    roles = existing or ["participant"]
                ws.conn.execute(
                    "INSERT INTO meeting_participants(meeting_id, participant_id, roles, "
                    "position, created_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET roles = excluded.roles",
                    (plan.meeting_id, row.participant_id, json.dumps(roles), position, now),
                )
                position += 1
        if remember_mapping:
            tabular.save_mapping(ws, KIND, plan.headers, plan.mapping)
    new_people = [
        duplicates.Person(
            r.participant_id or "",
            str(r.values["given_name"]),
            str(r.values["family_name"]),
            str(r.values["email"]),
        )
        for r in plan.rows
        if r.action == "add"
    ]
    undecided = tuple(duplicates.duplicates_of(ws, new_people))
    return ImportResult(
        tuple(added),
        tuple(updated),
        tuple((r.row_number, r.reason) for r in plan.rejected),
        undecided,
        tuple(unchanged),
    )


def import_file(
    ws: Workspace,
    path: str | Path,
    *,
    meeting_id: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportResult:
    """Read, plan and apply in one go (the CLI's path); the mapping is guessed when not given
    and not remembered for this shape of file."""
    table = tabular.read_table(path)
    if mapping is None:
        mapping, _remembered = mapping_for(ws, table.headers)
    return apply_import(ws, plan_import(ws, table, mapping, meeting_id), progress=progress)
