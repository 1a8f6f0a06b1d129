-- 0002: signing certificates and signature policies per participant; the signature verdict stored with an envelope.
-- Runs inside one transaction opened by SqliteMigrator (no BEGIN/COMMIT or PRAGMA here).
-- STRICT tables: a value of the wrong type is refused instead of silently stored.
-- Timestamps are ISO-8601 UTC text, 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (sortable, readable, SQLite date functions accept it).
-- Only new tables: the rows written under 0001 are untouched and keep working (no signing certificates, no policies,
-- no verdicts until someone writes them).

-- The certificates whose keys sign a participant's certificates and permits (several for rollover).
-- Unlike a client certificate, one signing certificate may be registered to two participants (one national signing
-- authority for two connection codes), so the key is (participant_code, thumbprint), not the thumbprint alone.
-- thumbprint is the SHA-256 of the DER, upper-case hex, computed by the store; certificate is the DER in base64.
CREATE TABLE participant_signing_certificates (
    participant_code TEXT NOT NULL REFERENCES participants (code) ON DELETE CASCADE,
    thumbprint       TEXT NOT NULL CHECK (length(thumbprint) = 64),
    certificate      TEXT NOT NULL CHECK (certificate <> ''),
    PRIMARY KEY (participant_code, thumbprint)
) STRICT;

-- One policy per participant and document kind; certificate_type 0 is the participant's policy for every kind it
-- has no specific row for. No row at all means the hub's default (verify-if-present), decided outside the store.
CREATE TABLE signature_policies (
    participant_code TEXT    NOT NULL REFERENCES participants (code) ON DELETE CASCADE,
    certificate_type INTEGER NOT NULL CHECK (certificate_type >= 0),
    policy           TEXT    NOT NULL CHECK (policy IN ('off', 'verify-if-present', 'required')),
    PRIMARY KEY (participant_code, certificate_type)
) STRICT;

-- The hub's verdict on the signature inside an envelope, written in the same transaction that creates the envelope
-- (an exact resend keeps the first verdict). At most one per envelope: the delivery number is the key.
-- signer_subject and signer_thumbprint are NULL when no signer was identified (Unsigned, NotChecked, some Invalid).
CREATE TABLE envelope_verifications (
    delivery_number   TEXT NOT NULL PRIMARY KEY REFERENCES envelopes (delivery_number) ON DELETE CASCADE,
    verdict           TEXT NOT NULL CHECK (verdict IN ('Valid', 'Invalid', 'Unsigned', 'NotChecked')),
    check_name        TEXT NOT NULL,
    reason            TEXT NOT NULL,
    signer_subject    TEXT NULL,
    signer_thumbprint TEXT NULL,
    checked_utc       TEXT NOT NULL
) STRICT;
