-- Schema version 3: published agenda versions, the record of late changes, and the live
-- session (speakers' queue and interventions with their speaking time).

-- A meeting's agenda marked published: version 1, 2, ... Changes made after a version is
-- published are recorded in agenda_changes with that version's number.
CREATE TABLE agenda_versions (
    id           TEXT PRIMARY KEY,
    meeting_id   TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL CHECK (number > 0),
    published_at TEXT NOT NULL,        -- UTC timestamp
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (meeting_id, number)
);

-- One row per change to a published agenda. item_id and day_id carry no foreign key: the
-- record outlives a deleted item, and the item's title is kept as it was.
CREATE TABLE agenda_changes (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    after_version INTEGER NOT NULL,    -- the latest published version when the change was made
    changed_at    TEXT NOT NULL,       -- UTC timestamp
    action        TEXT NOT NULL CHECK (action IN ('added', 'changed', 'moved', 'deleted',
                      'day_start')),
    item_id       TEXT,
    day_id        TEXT,
    item_title    TEXT NOT NULL DEFAULT '{}',  -- {lang: text}
    details       TEXT NOT NULL DEFAULT '{}',  -- JSON {"fields": [...], "shifts": [...]}
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX agenda_changes_meeting ON agenda_changes(meeting_id, after_version, changed_at);

-- The speakers' queue of an item: a person, or a delegation typed by name.
CREATE TABLE speaker_queue (
    id             TEXT PRIMARY KEY,
    item_id        TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    delegation     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (participant_id IS NOT NULL OR delegation <> '')
);
CREATE INDEX speaker_queue_item ON speaker_queue(item_id, position);

-- Each intervention: who spoke (a person and/or a delegation), when, for how long.
CREATE TABLE interventions (
    id             TEXT PRIMARY KEY,
    item_id        TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
    speaker        TEXT NOT NULL DEFAULT '',   -- the name as shown when it was given
    delegation     TEXT NOT NULL DEFAULT '',
    limit_sec      INTEGER CHECK (limit_sec IS NULL OR limit_sec > 0),
    started_at     TEXT NOT NULL,              -- UTC timestamps
    ended_at       TEXT,
    seconds        INTEGER CHECK (seconds IS NULL OR seconds >= 0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX interventions_item ON interventions(item_id, started_at);
CREATE INDEX interventions_participant ON interventions(participant_id);
