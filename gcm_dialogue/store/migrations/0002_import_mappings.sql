-- Schema version 2: remembered column mappings for imports (participants, survey answers).
-- A mapping is found again for the next file of the same shape (the same header row).

CREATE TABLE import_mappings (
    kind       TEXT NOT NULL,        -- "participants", "responses", ...
    signature  TEXT NOT NULL,        -- header_signature() of the file's header row
    mapping    TEXT NOT NULL,        -- JSON object {column header: target field}
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, signature)
);
