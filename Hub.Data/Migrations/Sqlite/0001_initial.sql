-- 0001: participants, their client certificates and document kinds; the envelope queue.
-- Runs inside one transaction opened by SqliteMigrator (no BEGIN/COMMIT or PRAGMA here).
-- STRICT tables: a value of the wrong type is refused instead of silently stored.
-- Timestamps are ISO-8601 UTC text, 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (sortable, readable, SQLite date functions accept it).

CREATE TABLE participants (
    code        TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    can_send    INTEGER NOT NULL DEFAULT 1 CHECK (can_send IN (0, 1)),
    can_receive INTEGER NOT NULL DEFAULT 1 CHECK (can_receive IN (0, 1))
) STRICT;

-- A thumbprint identifies exactly one participant: it is the primary key.
CREATE TABLE participant_certificates (
    thumbprint       TEXT NOT NULL PRIMARY KEY CHECK (length(thumbprint) = 64),
    participant_code TEXT NOT NULL REFERENCES participants (code) ON DELETE CASCADE
) STRICT;

CREATE INDEX ix_participant_certificates_participant ON participant_certificates (participant_code);

CREATE TABLE allowed_documents (
    participant_code   TEXT    NOT NULL REFERENCES participants (code) ON DELETE CASCADE,
    certificate_type   INTEGER NOT NULL,
    type_name          TEXT    NULL,
    certificate_status INTEGER NOT NULL,
    status_name        TEXT    NULL,
    active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    PRIMARY KEY (participant_code, certificate_type, certificate_status)
) STRICT;

-- No foreign keys to participants: an envelope keeps the header codes it was delivered with.
-- content is the last column on purpose: SQLite stores a row's columns in order and a large value spills into
-- overflow pages, so the columns before it (all a listing without content reads) stay on the row's own page.
CREATE TABLE envelopes (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    delivery_number    TEXT    NOT NULL UNIQUE,
    idempotency_key    TEXT    NOT NULL UNIQUE,
    from_code          TEXT    NOT NULL,
    to_code            TEXT    NOT NULL,
    certificate_type   INTEGER NOT NULL,
    certificate_status INTEGER NOT NULL,
    certificate_number TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN
                           ('PendingDelivery', 'Delivered', 'DeliveredWithWarnings', 'DeliveredNotReadable', 'FailedDelivery')),
    error_message      TEXT    NULL,
    created_utc        TEXT    NOT NULL,
    updated_utc        TEXT    NULL,
    content            TEXT    NULL
) STRICT;

-- ListPendingForRecipientAsync: to_code = ? AND status = ? ORDER BY id.
CREATE INDEX ix_envelopes_recipient_status ON envelopes (to_code, status, id);
-- ListPendingFromSenderAsync: from_code = ? AND status = ? ORDER BY id.
CREATE INDEX ix_envelopes_sender_status ON envelopes (from_code, status, id);
-- Withdrawal (status 40): from_code = ? AND to_code = ? AND certificate_number = ? AND status = ?.
CREATE INDEX ix_envelopes_withdrawal ON envelopes (from_code, to_code, certificate_number, status);
