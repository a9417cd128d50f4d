-- Schema version 1: every table of the domain core.
-- Content fields that users read in several languages hold JSON objects {lang: text}.
-- Rows users create have a UUID text key and UTC created_at/updated_at timestamps.

CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Taxonomy: installed from resources/taxonomy.json, the same in every workspace.
CREATE TABLE regions (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,          -- {lang: text}
    position INTEGER NOT NULL
);
CREATE TABLE clusters (
    number INTEGER PRIMARY KEY,
    title  TEXT NOT NULL,            -- {lang: text}
    short  TEXT NOT NULL             -- {lang: text}
);
CREATE TABLE elements (
    letter  TEXT PRIMARY KEY,
    cluster INTEGER NOT NULL REFERENCES clusters(number),
    text    TEXT NOT NULL            -- {lang: text}
);
CREATE TABLE sdg_targets (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('target', 'indicator')),
    text TEXT NOT NULL               -- {lang: text}
);
CREATE TABLE vocabulary (
    -- small code lists with translated names: item types, levels, practice types
    list     TEXT NOT NULL,
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,          -- {lang: text}
    position INTEGER NOT NULL,
    PRIMARY KEY (list, code)
);

CREATE TABLE mechanisms (
    id         TEXT PRIMARY KEY,
    acronym    TEXT NOT NULL,
    name       TEXT NOT NULL,        -- {lang: text}
    kind       TEXT NOT NULL CHECK (kind IN ('rcp', 'irf', 'global', 'reo', 'unrc', 'other')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX mechanisms_acronym ON mechanisms(acronym COLLATE NOCASE);
CREATE TABLE mechanism_regions (
    mechanism_id TEXT NOT NULL REFERENCES mechanisms(id) ON DELETE CASCADE,
    region       TEXT NOT NULL REFERENCES regions(code),
    PRIMARY KEY (mechanism_id, region)
);

CREATE TABLE meetings (
    id            TEXT PRIMARY KEY,
    short_name    TEXT NOT NULL,
    title         TEXT NOT NULL,     -- {lang: text}
    start_date    TEXT NOT NULL,     -- YYYY-MM-DD, local to the venue
    end_date      TEXT NOT NULL,
    venue         TEXT NOT NULL,     -- {lang: text}
    time_zone     TEXT NOT NULL,     -- IANA name
    source_lang   TEXT NOT NULL,
    working_langs TEXT NOT NULL,     -- JSON list of language codes
    chatham_house INTEGER NOT NULL DEFAULT 0,
    organiser     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE UNIQUE INDEX meetings_short_name ON meetings(short_name COLLATE NOCASE);

CREATE TABLE participants (
    id           TEXT PRIMARY KEY,
    honorific    TEXT NOT NULL DEFAULT '',
    given_name   TEXT NOT NULL DEFAULT '',
    family_name  TEXT NOT NULL DEFAULT '',
    mechanism_id TEXT REFERENCES mechanisms(id) ON DELETE SET NULL,
    organisation TEXT NOT NULL DEFAULT '',   -- free text when no mechanism row fits
    category     TEXT NOT NULL DEFAULT 'other',
    country      TEXT NOT NULL DEFAULT '',   -- ISO 3166-1 alpha-2
    job_title    TEXT NOT NULL DEFAULT '',   -- "position" in the participant list
    email        TEXT NOT NULL DEFAULT '',
    languages    TEXT NOT NULL DEFAULT '[]', -- JSON list of language codes
    gender       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (given_name <> '' OR family_name <> '')
);
CREATE INDEX participants_email ON participants(email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX participants_mechanism ON participants(mechanism_id);

-- A person attends many meetings of a process; their roles are per meeting.
CREATE TABLE meeting_participants (
    meeting_id     TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    roles          TEXT NOT NULL DEFAULT '["participant"]',  -- JSON list of role codes
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (meeting_id, participant_id)
);
CREATE INDEX meeting_participants_participant ON meeting_participants(participant_id);

CREATE TABLE agenda_days (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    day_date   TEXT NOT NULL,        -- YYYY-MM-DD
    start_time TEXT NOT NULL,        -- HH:MM, where the first flowing item starts
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (meeting_id, day_date)
);

CREATE TABLE agenda_items (
    id                  TEXT PRIMARY KEY,
    meeting_id          TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    day_id              TEXT NOT NULL REFERENCES agenda_days(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('opening', 'panel', 'breakout', 'plenary',
                            'break', 'closing', 'side_event', 'other')),
    title               TEXT NOT NULL,         -- {lang: text}
    description         TEXT NOT NULL DEFAULT '{}',
    time_mode           TEXT NOT NULL DEFAULT 'flowing' CHECK (time_mode IN ('flowing', 'fixed')),
    fixed_start         TEXT,                  -- HH:MM, set when time_mode is fixed
    duration_min        INTEGER NOT NULL CHECK (duration_min >= 0 AND duration_min <= 1440),
    room                TEXT NOT NULL DEFAULT '',
    moderator_id        TEXT REFERENCES participants(id) ON DELETE SET NULL,
    objectives          TEXT NOT NULL DEFAULT '{}',   -- {lang: text}
    guiding_questions   TEXT NOT NULL DEFAULT '[]',   -- JSON list of {lang: text}
    interpretation      TEXT NOT NULL DEFAULT '[]',   -- JSON list of language codes
    statement_limit_sec INTEGER CHECK (statement_limit_sec IS NULL OR statement_limit_sec > 0),
    actual_start        TEXT,                  -- UTC timestamps, recorded live
    actual_end          TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (time_mode = 'flowing' OR fixed_start IS NOT NULL)
);
CREATE INDEX agenda_items_day ON agenda_items(day_id, position);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

CREATE TABLE agenda_item_speakers (
    item_id        TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    PRIMARY KEY (item_id, participant_id)
);

CREATE TABLE breakout_groups (
    id                TEXT PRIMARY KEY,
    meeting_id        TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id    TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    name              TEXT NOT NULL,          -- {lang: text}
    region            TEXT REFERENCES regions(code),
    room              TEXT NOT NULL DEFAULT '',
    interpretation    TEXT NOT NULL DEFAULT '[]',  -- JSON list: the interpretation pair
    capacity          INTEGER CHECK (capacity IS NULL OR capacity > 0),
    guiding_questions TEXT NOT NULL DEFAULT '[]',  -- JSON list of {lang: text}
    position          INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX breakout_groups_meeting ON breakout_groups(meeting_id, position);

CREATE TABLE group_members (
    group_id       TEXT NOT NULL REFERENCES breakout_groups(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    is_facilitator INTEGER NOT NULL DEFAULT 0,
    is_rapporteur  INTEGER NOT NULL DEFAULT 0,
    pinned         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, participant_id)
);
CREATE INDEX group_members_participant ON group_members(participant_id);

CREATE TABLE surveys (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,       -- {lang: text}
    intro       TEXT NOT NULL DEFAULT '{}',
    invited_on  TEXT,                -- YYYY-MM-DD
    deadline    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE survey_sections (
    id         TEXT PRIMARY KEY,
    survey_id  TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,        -- {lang: text}
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE survey_questions (
    id         TEXT PRIMARY KEY,
    survey_id  TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL REFERENCES survey_sections(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,        -- stable short name, used by imports and conditions
    type       TEXT NOT NULL,        -- a question type's stable name
    title      TEXT NOT NULL,        -- {lang: text}
    help       TEXT NOT NULL DEFAULT '{}',
    options    TEXT NOT NULL DEFAULT '[]',  -- JSON list of {"key", "label": {lang: text}}
    config     TEXT NOT NULL DEFAULT '{}',
    required   INTEGER NOT NULL DEFAULT 0,
    show_if    TEXT,                 -- JSON {"question": key, "equals": value} or NULL
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (survey_id, key)
);
CREATE INDEX survey_questions_section ON survey_questions(section_id, position);

CREATE TABLE survey_respondents (
    id             TEXT PRIMARY KEY,
    survey_id      TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    mechanism_id   TEXT REFERENCES mechanisms(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'invited'
                       CHECK (status IN ('invited', 'reminded', 'answered', 'declined')),
    invited_on     TEXT,
    deadline       TEXT,
    reminders      TEXT NOT NULL DEFAULT '[]',  -- JSON list of YYYY-MM-DD
    submitted_by   TEXT NOT NULL DEFAULT '',
    submitted_on   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((mechanism_id IS NULL) <> (participant_id IS NULL))
);
CREATE UNIQUE INDEX survey_respondents_mechanism ON survey_respondents(survey_id, mechanism_id)
    WHERE mechanism_id IS NOT NULL;
CREATE UNIQUE INDEX survey_respondents_participant ON survey_respondents(survey_id, participant_id)
    WHERE participant_id IS NOT NULL;

CREATE TABLE survey_answers (
    respondent_id TEXT NOT NULL REFERENCES survey_respondents(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    value         TEXT NOT NULL,     -- JSON, shaped by the question type
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question_id)
);
CREATE INDEX survey_answers_question ON survey_answers(question_id);

CREATE TABLE notes (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    group_id       TEXT REFERENCES breakout_groups(id) ON DELETE SET NULL,
    text           TEXT NOT NULL,
    lang           TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'point' CHECK (kind IN ('point', 'key_message',
                       'recommendation', 'good_practice', 'common_principle', 'question', 'quote')),
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'final')),
    attribution_participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
    attribution_mechanism_id   TEXT REFERENCES mechanisms(id) ON DELETE SET NULL,
    author         TEXT NOT NULL DEFAULT '',
    captured_at    TEXT NOT NULL,
    status_by      TEXT NOT NULL DEFAULT '',
    status_at      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX notes_meeting ON notes(meeting_id, captured_at);
CREATE INDEX notes_item ON notes(agenda_item_id);
CREATE INDEX notes_group ON notes(group_id);

CREATE TABLE note_tags (
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,           -- "cluster:2", "element:q", "sdg:10.7", "level:regional"
    PRIMARY KEY (note_id, tag)
);
CREATE INDEX note_tags_tag ON note_tags(tag);

CREATE TABLE outcome_sets (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    title      TEXT NOT NULL,        -- {lang: text}
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (meeting_id, key)
);

CREATE TABLE outcomes (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    set_id     TEXT REFERENCES outcome_sets(id) ON DELETE SET NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'recommendation'
                   CHECK (kind IN ('recommendation', 'key_message')),
    lead       TEXT NOT NULL,        -- {lang: text}, the bold lead sentence
    body       TEXT NOT NULL DEFAULT '{}',
    register   TEXT NOT NULL DEFAULT 'directive' CHECK (register IN ('directive', 'cautious')),
    status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'final')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outcomes_set ON outcomes(meeting_id, set_id, position);

CREATE TABLE outcome_tags (
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (outcome_id, tag)
);

CREATE TABLE outcome_sources (
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    note_id    TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    PRIMARY KEY (outcome_id, note_id)
);
CREATE INDEX outcome_sources_note ON outcome_sources(note_id);

CREATE TABLE highlights (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,        -- {lang: text}
    outcome_id TEXT REFERENCES outcomes(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX highlights_meeting ON highlights(meeting_id, position);
