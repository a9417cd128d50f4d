"""A synthetic workspace at the sizes of the performance budgets, deterministic for a seed.

Rows are written in bulk with ``executemany`` in one transaction: going through the
services one row at a time would take minutes for 20,000 notes. The rows have the same
shape the services write (UUID keys, UTC timestamps, JSON multilingual fields).
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from .clock import utc_now
from .store import Workspace, open_workspace
from .taxonomy import load_taxonomy_file


@dataclass(frozen=True)
class Scale:
    participants: int
    days: int
    items: int
    groups: int
    notes: int
    words_per_note: int
    questions: int
    respondents: int


SCALES = {
    "large": Scale(5000, 5, 400, 120, 20000, 80, 30, 2000),
    "small": Scale(200, 2, 30, 8, 600, 40, 10, 60),
}

GIVEN = [
    "Amina",
    "José",
    "Jürg",
    "Sönke",
    "Radim",
    "Aïcha",
    "Björn",
    "Chloé",
    "Đorđe",
    "Ngozi",
    "Priya",
    "Mateo",
    "Lucía",
    "Kwame",
    "Olga",
    "Zeynep",
    "Tomás",
    "Hélène",
    "Mihail",
    "Ana",
    "محمد",
    "فاطمة",
    "Анна",
    "Сергей",
    "明",
    "丽",
    "Nurlan",
    "Şebnem",
    "Łukasz",
    "Ramón",
]
FAMILY = [
    "Diallo",
    "Gómez Camacho",
    "Muiño",
    "Žák",
    "Lorenz",
    "Okafor",
    "Nguyen",
    "Haddad",
    "Kowalski",
    "Fernández",
    "Ivanova",
    "Mensah",
    "Rossi",
    "Yılmaz",
    "Sørensen",
    "Dubois",
    "العلي",
    "الحسن",
    "Петров",
    "Смирнова",
    "王",
    "李",
    "Nakamura",
    "O'Brien",
    "Müller",
    "Abdullahi",
    "Pérez-Reverte",
    "Tkachenko",
    "Kumar",
    "Silva",
]
WORDS = {
    "en": "migration migrants regional cooperation data labour mobility rights protection return "
    "reintegration dialogue capacity partnerships implementation review follow-up compact "
    "remittances diaspora border governance inclusion recommendation priority states".split(),
    "fr": "migration migrants coopération régionale données mobilité droits humains protection "
    "retour réintégration dialogue capacités partenariats mise en œuvre suivi pacte transferts "
    "diaspora frontières gouvernance inclusion recommandation priorité États".split(),
    "es": "migración migrantes cooperación regional datos movilidad laboral derechos protección "
    "retorno reintegración diálogo capacidades alianzas aplicación seguimiento pacto remesas "
    "diáspora fronteras gobernanza inclusión recomendación prioridad Estados".split(),
    "ru": "миграция мигранты региональное сотрудничество данные трудовая мобильность права защита "
    "возвращение реинтеграция диалог потенциал партнерство осуществление обзор договор".split(),
    "ar": "الهجرة المهاجرين التعاون الإقليمي البيانات تنقل اليد العاملة حقوق الحماية العودة "
    "إعادة الإدماج الحوار القدرات الشراكات التنفيذ المتابعة الاتفاق التحويلات".split(),
    "zh": "移民 区域 合作 数据 劳动力 流动 权利 保护 返回 重返社会 对话 能力 伙伴关系 执行 "
    "审查 后续 契约 汇款 侨民 边境 治理 包容 建议 优先".split(),
}
LANG_WEIGHTS = {"en": 50, "fr": 15, "es": 15, "ru": 8, "ar": 7, "zh": 5}
NOTE_KINDS = [
    "point",
    "key_message",
    "recommendation",
    "good_practice",
    "common_principle",
    "question",
    "quote",
]
CATEGORIES = ["iscm", "reo", "unrc", "un_body", "donor", "organizer", "civil_society", "other"]
ITEM_KINDS = ["plenary", "panel", "breakout", "side_event", "plenary", "panel"]
QUESTION_TYPES = ["yes_no", "single_choice", "multiple_choice", "rating", "number", "short_text"]


def generate_workspace(path: str | Path, scale: Scale, seed: int = 7) -> dict[str, int]:
    """Write a new workspace at ``path``; returns the row counts written."""
    path = Path(path)
    ws = open_workspace(path)
    try:
        with ws.transaction():
            counts = _fill(ws, scale, random.Random(seed))
    except BaseException:
        ws.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    ws.conn.execute("PRAGMA optimize")
    ws.close()
    return counts


def _fill(ws: Workspace, scale: Scale, rnd: random.Random) -> dict[str, int]:
    now = utc_now()

    def uid() -> str:
        return str(uuid.UUID(int=rnd.getrandbits(128), version=4))

    def text(value: str) -> str:
        return json.dumps({"en": value}, ensure_ascii=False)

    conn = ws.conn
    regions = [r["code"] for r in load_taxonomy_file()["regions"]]
    mechanism_ids = []
    for n in range(40):
        mid = uid()
        mechanism_ids.append(mid)
        kind = ["rcp", "irf", "reo", "unrc", "global"][n % 5]
        conn.execute(
            "INSERT INTO mechanisms VALUES (?, ?, ?, ?, ?, ?)",
            (mid, f"M{n:02d}", text(f"Synthetic mechanism {n}"), kind, now, now),
        )
        covered = [] if kind == "global" else rnd.sample(regions, 2 if kind == "irf" else 1)
        conn.executemany("INSERT INTO mechanism_regions VALUES (?, ?)", [(mid, r) for r in covered])

    meeting_id = uid()
    conn.execute(
        "INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meeting_id,
            "LARGE",
            text("Synthetic large meeting"),
            "2026-03-02",
            f"2026-03-0{1 + scale.days}",
            text("Geneva"),
            "Europe/Zurich",
            "en",
            json.dumps(list(LANG_WEIGHTS)),
            0,
            "IOM",
            now,
            now,
        ),
    )

    people = []
    for n in range(scale.participants):
        pid = uid()
        people.append(pid)
        given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
        conn.execute(
            "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                rnd.choice(["Mr", "Ms", "Dr", ""]),
                given,
                family,
                rnd.choice(mechanism_ids),
                "",
                rnd.choice(CATEGORIES),
                rnd.choice(["CH", "MA", "MX", "KG", "LK", "ZM", "UY"]),
                "Delegate",
                f"person{n}@example.org",
                json.dumps(rnd.sample(list(LANG_WEIGHTS), 2)),
                rnd.choice(["female", "male"]),
                now,
                now,
            ),
        )
    conn.executemany(
        "INSERT INTO meeting_participants VALUES (?, ?, ?, ?, ?)",
        [(meeting_id, pid, '["participant"]', n, now) for n, pid in enumerate(people)],
    )

    item_ids = []
    per_day = scale.items // scale.days
    for d in range(scale.days):
        day_id = uid()
        conn.execute(
            "INSERT INTO agenda_days VALUES (?, ?, ?, ?, ?, ?)",
            (day_id, meeting_id, f"2026-03-0{2 + d}", "08:00", now, now),
        )
        for position in range(per_day):
            item_id = uid()
            item_ids.append(item_id)
            conn.execute(
                "INSERT INTO agenda_items (id, meeting_id, day_id, position, kind, title, "
                "duration_min, room, interpretation, statement_limit_sec, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item_id,
                    meeting_id,
                    day_id,
                    position,
                    rnd.choice(ITEM_KINDS),
                    text(f"Session {d + 1}.{position + 1}"),
                    rnd.choice([5, 10, 15]),
                    f"Room {rnd.randint(1, 20)}",
                    '["en", "fr"]',
                    180,
                    now,
                    now,
                ),
            )

    group_ids = []
    for g in range(scale.groups):
        gid = uid()
        group_ids.append(gid)
        conn.execute(
            "INSERT INTO breakout_groups (id, meeting_id, name, region, room, interpretation, "
            "capacity, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                gid,
                meeting_id,
                text(f"Group {g + 1}"),
                rnd.choice(regions),
                f"Room {g + 1}",
                '["en", "fr"]',
                60,
                g,
                now,
                now,
            ),
        )
    conn.executemany(
        "INSERT INTO group_members VALUES (?, ?, 0, ?, 0)",
        [(group_ids[n % scale.groups], pid, int(n < scale.groups)) for n, pid in enumerate(people)],
    )

    langs = list(LANG_WEIGHTS)
    weights = list(LANG_WEIGHTS.values())
    note_rows, tag_rows = [], []
    for n in range(scale.notes):
        lang = rnd.choices(langs, weights)[0]
        words = rnd.choices(WORDS[lang], k=scale.words_per_note)
        body = ("" if lang == "zh" else " ").join(words)
        nid = uid()
        note_rows.append(
            (
                nid,
                meeting_id,
                rnd.choice(item_ids),
                rnd.choice(group_ids),
                body,
                lang,
                rnd.choice(NOTE_KINDS),
                rnd.choice(["draft", "reviewed", "final"]),
                None,
                None,
                "Rapporteur",
                f"2026-03-0{2 + n % scale.days}T{8 + n % 9:02d}:{n % 60:02d}:00.000Z",
                "",
                None,
                now,
                now,
            )
        )
        tag_rows.append((nid, f"cluster:{rnd.randint(1, 6)}"))
        tag_rows.append((nid, f"element:{chr(ord('a') + rnd.randrange(24))}"))
    conn.executemany(f"INSERT INTO notes VALUES ({','.join('?' * 16)})", note_rows)
    conn.executemany("INSERT OR IGNORE INTO note_tags VALUES (?, ?)", tag_rows)

    survey_id, section_id = uid(), uid()
    conn.execute(
        "INSERT INTO surveys VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            survey_id,
            meeting_id,
            text("Synthetic survey"),
            "{}",
            "2026-01-10",
            "2026-02-10",
            now,
            now,
        ),
    )
    conn.execute(
        "INSERT INTO survey_sections VALUES (?, ?, ?, ?, ?, ?)",
        (section_id, survey_id, 0, text("Questions"), now, now),
    )
    questions = []
    options = [{"key": f"o{k}", "label": {"en": f"Option {k}"}} for k in range(5)]
    for q in range(scale.questions):
        qid, qtype = uid(), QUESTION_TYPES[q % len(QUESTION_TYPES)]
        questions.append((qid, qtype))
        conn.execute(
            "INSERT INTO survey_questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                qid,
                survey_id,
                section_id,
                q,
                f"q{q + 1}",
                qtype,
                text(f"Question {q + 1}"),
                "{}",
                json.dumps(options if "choice" in qtype else []),
                json.dumps({"min": 1, "max": 5} if qtype == "rating" else {}),
                0,
                None,
                now,
                now,
            ),
        )
    answer_rows = []
    for pid in people[: scale.respondents]:
        rid = uid()
        answered = rnd.random() < 0.8
        conn.execute(
            "INSERT INTO survey_respondents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rid,
                survey_id,
                None,
                pid,
                "answered" if answered else "invited",
                "2026-01-10",
                "2026-02-10",
                "[]",
                "",
                "2026-02-01" if answered else None,
                now,
                now,
            ),
        )
        if answered:
            answer_rows.extend(
                (rid, qid, json.dumps(_answer(rnd, qtype)), now) for qid, qtype in questions
            )
    conn.executemany("INSERT INTO survey_answers VALUES (?, ?, ?, ?)", answer_rows)
    return {
        "participants": scale.participants,
        "agenda items": len(item_ids),
        "groups": scale.groups,
        "notes": scale.notes,
        "survey answers": len(answer_rows),
    }


def _answer(rnd: random.Random, qtype: str) -> object:
    if qtype == "yes_no":
        return rnd.random() < 0.6
    if qtype == "single_choice":
        return f"o{rnd.randrange(5)}"
    if qtype == "multiple_choice":
        return sorted(rnd.sample([f"o{k}" for k in range(5)], rnd.randint(1, 3)))
    if qtype == "rating":
        return rnd.randint(1, 5)
    if qtype == "number":
        return rnd.randint(0, 500)
    return rnd.choice(["Yes, regularly", "Not yet", "Through the secretariat", "Pilot phase"])
