-- Schema version 5: the reference mechanisms in every workspace.

-- The data itself (the RCPs, IRFs, global processes, REOs, UN regional commissions and
-- partner organisations of resources/mechanisms.json) is inserted by the Python step of
-- this migration, gcm_dialogue.mechanisms.install_reference_mechanisms: only the acronyms
-- a workspace does not hold yet, so a workspace keeps its own rows and edits.

-- Which notes are attributed to a mechanism: looked up when a mechanism is deleted (its
-- notes lose the attribution) and when undo captures what the deletion touches.
CREATE INDEX notes_attribution_mechanism ON notes(attribution_mechanism_id)
    WHERE attribution_mechanism_id IS NOT NULL;
