"""The GCM taxonomy: four regions, six thematic clusters, 24 elements (a)-(x), SDG targets.

Installed from ``resources/taxonomy.json`` into every workspace by the first migration, and
refreshed when that file's version grows. Tags on notes and outcomes are short strings:
``cluster:2``, ``element:q``, ``sdg:10.7``, ``level:regional``, ``type:good_practice``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from .errors import ValidationError
from .i18n import gettext as _
from .multilingual import Text
from .paths import TAXONOMY_FILE
from .store import Workspace

TAG_KINDS = ("cluster", "element", "sdg", "level", "type")


@lru_cache(maxsize=1)
def load_taxonomy_file() -> dict:
    return json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))


def install_taxonomy(conn: sqlite3.Connection) -> None:
    """(Re)write the taxonomy tables from the resource file, inside the caller's transaction."""
    data = load_taxonomy_file()
    for table in ("elements", "clusters", "sdg_targets", "vocabulary", "regions"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    for position, region in enumerate(data["regions"]):
        conn.execute(
            "INSERT INTO regions(code, name, position) VALUES (?, ?, ?)",
            (region["code"], Text(region["name"]).to_json(), position),
        )
    for cluster in data["clusters"]:
        conn.execute(
            "INSERT INTO clusters(number, title, short) VALUES (?, ?, ?)",
            (cluster["number"], Text(cluster["title"]).to_json(), Text(cluster["short"]).to_json()),
        )
    cluster_of = {
        letter: cluster["number"] for cluster in data["clusters"] for letter in cluster["elements"]
    }
    for element in data["elements"]:
        conn.execute(
            "INSERT INTO elements(letter, cluster, text) VALUES (?, ?, ?)",
            (element["letter"], cluster_of[element["letter"]], Text(element["text"]).to_json()),
        )
    for target in data["sdg_targets"]:
        conn.execute(
            "INSERT INTO sdg_targets(code, kind, text) VALUES (?, ?, ?)",
            (target["code"], target.get("kind", "target"), Text(target["text"]).to_json()),
        )
    for list_name in ("item_types", "levels", "practice_types"):
        for position, entry in enumerate(data[list_name]):
            conn.execute(
                "INSERT INTO vocabulary(list, code, name, position) VALUES (?, ?, ?, ?)",
                (list_name, entry["code"], Text(entry["name"]).to_json(), position),
            )
    conn.execute(
        "INSERT INTO app_meta(key, value) VALUES ('taxonomy_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(data["version"]),),
    )


def refresh_if_newer(ws: Workspace) -> bool:
    """Bring an older workspace's taxonomy up to the installed resource file."""
    stored = ws.scalar("SELECT value FROM app_meta WHERE key = 'taxonomy_version'")
    if stored is not None and int(stored) >= int(load_taxonomy_file()["version"]):
        return False
    with ws.transaction():
        install_taxonomy(ws.conn)
    return True


@dataclass(frozen=True)
class Region:
    code: str
    name: Text


@dataclass(frozen=True)
class Cluster:
    number: int
    title: Text
    short: Text
    elements: tuple[str, ...]


@dataclass(frozen=True)
class Element:
    letter: str
    cluster: int
    text: Text


@dataclass(frozen=True)
class SdgTarget:
    code: str
    kind: str
    text: Text


def regions(ws: Workspace) -> list[Region]:
    rows = ws.query("SELECT code, name FROM regions ORDER BY position")
    return [Region(r["code"], Text.from_json(r["name"])) for r in rows]


def clusters(ws: Workspace) -> list[Cluster]:
    letters: dict[int, list[str]] = {}
    for row in ws.query("SELECT letter, cluster FROM elements ORDER BY letter"):
        letters.setdefault(row["cluster"], []).append(row["letter"])
    rows = ws.query("SELECT number, title, short FROM clusters ORDER BY number")
    return [
        Cluster(
            r["number"],
            Text.from_json(r["title"]),
            Text.from_json(r["short"]),
            tuple(letters.get(r["number"], ())),
        )
        for r in rows
    ]


def elements(ws: Workspace) -> list[Element]:
    rows = ws.query("SELECT letter, cluster, text FROM elements ORDER BY letter")
    return [Element(r["letter"], r["cluster"], Text.from_json(r["text"])) for r in rows]


def sdg_targets(ws: Workspace) -> list[SdgTarget]:
    rows = ws.query("SELECT code, kind, text FROM sdg_targets")
    items = [SdgTarget(r["code"], r["kind"], Text.from_json(r["text"])) for r in rows]
    # "10.7" before "10.7.1" before "10.c": numbers by value, letters after numbers.
    return sorted(
        items,
        key=lambda t: [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in t.code.split(".")],
    )


def vocabulary(ws: Workspace, list_name: str) -> dict[str, Text]:
    rows = ws.query(
        "SELECT code, name FROM vocabulary WHERE list = ? ORDER BY position", (list_name,)
    )
    return {r["code"]: Text.from_json(r["name"]) for r in rows}


def check_tag(ws: Workspace, tag: str) -> str:
    """Validate a tag against the taxonomy; returns it normalised (``element:Q`` -> ``element:q``)."""
    kind, _colon, value = tag.strip().partition(":")
    kind, value = kind.lower(), value.strip()
    known = {
        "cluster": "SELECT 1 FROM clusters WHERE number = ?",
        "element": "SELECT 1 FROM elements WHERE letter = ?",
        "sdg": "SELECT 1 FROM sdg_targets WHERE code = ?",
        "level": "SELECT 1 FROM vocabulary WHERE list = 'levels' AND code = ?",
        "type": "SELECT 1 FROM vocabulary WHERE list = 'item_types' AND code = ?",
    }
    if kind not in known:
        raise ValidationError(
            _("unknown tag “{tag}”: a tag starts with one of {kinds}").format(
                tag=tag, kinds=", ".join(TAG_KINDS)
            )
        )
    if kind == "element":
        value = value.strip("()").lower()
    if ws.scalar(known[kind], (value,)) is None:
        raise ValidationError(
            _("unknown tag “{tag}”: no {kind} “{value}” in the taxonomy").format(
                tag=tag, kind=kind, value=value
            )
        )
    return f"{kind}:{value}"
