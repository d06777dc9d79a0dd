-- What moderators own: a status per comment, their decisions (events read from moderation.decisions),
-- the audit trail of applied decisions, and the labelled examples their corrections make.
--
-- The status columns are derived by the sink (ModerationPolicy.judge) from the pipeline's flags and
-- the moderators' decisions; the pipeline's upsert never writes them. Rows stored before this
-- migration get their status when the sink starts (it re-applies the configured policy to every row).

ALTER TABLE comments
    ADD COLUMN status          text        NOT NULL DEFAULT 'PUBLISHED'
        CHECK (status IN ('PUBLISHED', 'HELD', 'APPROVED', 'REJECTED')),
    -- The flags that put the comment in the review queue: raised, not dismissed, policy not log-only.
    ADD COLUMN queue_flags     text[]      NOT NULL DEFAULT '{}',
    -- Teams besides the moderators the comment is routed to ('support' for support requests).
    ADD COLUMN teams           text[]      NOT NULL DEFAULT '{}',
    -- Flags a moderator said were raised wrongly ("not a duplicate").
    ADD COLUMN dismissed_flags text[]      NOT NULL DEFAULT '{}',
    -- The latest approve/reject; it outlives any later verdict for the comment.
    ADD COLUMN decision        text        CHECK (decision IN ('APPROVED', 'REJECTED')),
    ADD COLUMN decision_reason text,
    ADD COLUMN decided_by      text,
    ADD COLUMN decided_at      timestamptz;

-- The queue is now "queued by the policy and not decided yet".
DROP INDEX comments_review_queue_idx;
CREATE INDEX comments_review_queue_idx ON comments (posted_at, comment_id)
    WHERE decision IS NULL AND cardinality(queue_flags) > 0;

-- Every decision read, once (the primary key makes a re-read a no-op). A decision about a comment not
-- stored yet (the topics are read in parallel) waits here, applied = false, until the comment comes.
CREATE TABLE decisions (
    decision_id      text        PRIMARY KEY,
    comment_id       text        NOT NULL,
    article_id       text        NOT NULL,
    action           text        NOT NULL,
    reason           text,
    moderator        text        NOT NULL,
    decided_at       timestamptz NOT NULL,
    applied          boolean     NOT NULL DEFAULT false,
    received_at      timestamptz NOT NULL DEFAULT now(),
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL
);

CREATE INDEX decisions_pending_idx ON decisions (comment_id, source_partition, source_offset) WHERE NOT applied;

-- The audit trail: one row per applied decision, with the status it found and the status it left.
CREATE TABLE audit (
    decision_id  text        PRIMARY KEY REFERENCES decisions (decision_id),
    comment_id   text        NOT NULL,
    article_id   text        NOT NULL,
    moderator    text        NOT NULL,
    action       text        NOT NULL,
    reason       text,
    from_status  text        NOT NULL,
    to_status    text        NOT NULL,
    decided_at   timestamptz NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);

-- GET /api/audit: newest first, optionally narrowed to a moderator, a comment or an article.
CREATE INDEX audit_time_idx ON audit (decided_at DESC, decision_id DESC);
CREATE INDEX audit_moderator_idx ON audit (moderator, decided_at DESC);
CREATE INDEX audit_comment_idx ON audit (comment_id, decided_at DESC);
CREATE INDEX audit_article_idx ON audit (article_id, decided_at DESC);

-- Corrections as labelled examples (GET /api/labels.jsonl, the labels format of dataset-format.md):
-- the verdict's flags when first corrected, minus every flag moderators dismissed.
CREATE TABLE labels (
    comment_id       text        PRIMARY KEY,
    article_id       text        NOT NULL,
    flags            text[]      NOT NULL,
    duplicate_of     text,
    corrected        text[]      NOT NULL,
    detector_version text,
    labelled_by      text        NOT NULL,
    labelled_at      timestamptz NOT NULL
);
