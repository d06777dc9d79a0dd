-- Statuses derived from facts instead of settled row by row (issue 10, "a sink that writes in batches").
--
-- Before: every stored verdict locked its comment (SELECT ... FOR UPDATE), re-derived status, queue_flags and
-- teams in Java and wrote them back; every start re-derived them for the whole table. Now the tables hold
-- facts only, and the status follows from them in the view "comments":
--   comment_verdicts   the pipeline's latest verdict per comment (written by one multi-row upsert per batch);
--   decisions          every moderator decision read from Kafka (already the facts);
--   comment_decisions  per comment, what its decisions add up to: the latest approve/reject (by Kafka offset:
--                      decisions are keyed by comment id, so one comment's decisions share a partition) and the
--                      flags dismissed by corrections; recomputed from "decisions" for the comments a batch
--                      touches, so it is a function of the facts and needs no lock nor the comment's row;
--   flag_policies      the policy per flag (hold | publish-and-flag | log-only) the sink was started with;
--                      a changed policy changes every status at once, with no pass over the comments.

ALTER TABLE decisions ADD COLUMN corrects text CHECK (corrects IN ('DUPLICATE', 'OFF_TOPIC', 'SUPPORT_REQUEST'));
UPDATE decisions SET corrects = CASE action
    WHEN 'NOT_DUPLICATE' THEN 'DUPLICATE'
    WHEN 'NOT_OFF_TOPIC' THEN 'OFF_TOPIC'
    WHEN 'NOT_SUPPORT_REQUEST' THEN 'SUPPORT_REQUEST' END;
-- One comment's decisions in Kafka order (comment_decisions is recomputed through it).
CREATE INDEX decisions_comment_idx ON decisions (comment_id, source_partition, source_offset);

CREATE TABLE comment_decisions (
    comment_id      text   PRIMARY KEY,
    decision        text   CHECK (decision IN ('APPROVED', 'REJECTED')),
    decision_reason text,
    decided_by      text,
    decided_at      timestamptz,
    dismissed_flags text[] NOT NULL DEFAULT '{}'
);

INSERT INTO comment_decisions (comment_id, decision, decision_reason, decided_by, decided_at, dismissed_flags)
SELECT ids.comment_id, latest.decision, latest.reason, latest.moderator, latest.decided_at,
       COALESCE((SELECT array_agg(DISTINCT d.corrects ORDER BY d.corrects) FROM decisions d
                 WHERE d.comment_id = ids.comment_id AND d.corrects IS NOT NULL), '{}')
FROM (SELECT DISTINCT comment_id FROM decisions) ids
LEFT JOIN LATERAL (
    SELECT CASE d.action WHEN 'APPROVE' THEN 'APPROVED' ELSE 'REJECTED' END AS decision,
           d.reason, d.moderator, d.decided_at
    FROM decisions d
    WHERE d.comment_id = ids.comment_id AND d.action IN ('APPROVE', 'REJECT')
    ORDER BY d.source_partition DESC, d.source_offset DESC
    LIMIT 1) latest ON true;

CREATE TABLE flag_policies (
    flag   text PRIMARY KEY,
    policy text NOT NULL CHECK (policy IN ('HOLD', 'PUBLISH_AND_FLAG', 'LOG_ONLY'))
);
INSERT INTO flag_policies VALUES ('DUPLICATE', 'HOLD'), ('OFF_TOPIC', 'PUBLISH_AND_FLAG'), ('SUPPORT_REQUEST', 'HOLD');

-- The derived columns go; what moderators decided is in decisions/comment_decisions.
ALTER TABLE comments RENAME TO comment_verdicts;
DROP INDEX comments_review_queue_idx;
ALTER TABLE comment_verdicts
    DROP COLUMN status, DROP COLUMN queue_flags, DROP COLUMN teams, DROP COLUMN dismissed_flags,
    DROP COLUMN decision, DROP COLUMN decision_reason, DROP COLUMN decided_by, DROP COLUMN decided_at;
-- The review queue is a subset of the flagged comments; readers repeat "cardinality(flags) > 0" to use it.
CREATE INDEX comment_verdicts_flagged_idx ON comment_verdicts (posted_at, comment_id) WHERE cardinality(flags) > 0;

-- The flags that queue a comment: raised, not dismissed, and whose policy is not log-only; in the verdict's order
-- (enum order). Unknown flag names have no policy row and are ignored, like ModerationPolicy.judge does.
CREATE FUNCTION queue_flags(flags text[], dismissed text[]) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(u.flag ORDER BY u.i), '{}')
    FROM unnest(flags) WITH ORDINALITY AS u(flag, i)
    JOIN flag_policies p ON p.flag = u.flag
    WHERE p.policy <> 'LOG_ONLY' AND NOT (u.flag = ANY(dismissed))
$$;

-- ModerationPolicy.judge in SQL: the moderator's decision, else HELD when a queueing flag's policy is hold.
CREATE FUNCTION comment_status(flags text[], dismissed text[], decision text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(decision, CASE WHEN EXISTS (
        SELECT 1 FROM unnest(flags) AS u(flag) JOIN flag_policies p ON p.flag = u.flag
        WHERE p.policy = 'HOLD' AND NOT (u.flag = ANY(dismissed))) THEN 'HELD' ELSE 'PUBLISHED' END)
$$;

-- What every reader reads: the verdict, what moderators decided, and the status derived from both. The left join
-- on comment_decisions' primary key is dropped by the planner when a query uses none of its columns; unflagged
-- comments (most) skip the policy functions.
CREATE VIEW comments AS
SELECT v.comment_id, v.article_id, v.parent_id, v.author, v.title, v.body, v.posted_at, v.flags, v.duplicate_of,
       v.scores, v.reasons, v.detector_version, v.judged_at, v.stored_at, v.updated_at, v.source_partition,
       v.source_offset,
       CASE WHEN cardinality(v.flags) = 0 THEN COALESCE(d.decision, 'PUBLISHED')
            ELSE comment_status(v.flags, COALESCE(d.dismissed_flags, '{}'), d.decision) END AS status,
       CASE WHEN cardinality(v.flags) = 0 THEN '{}'::text[]
            ELSE queue_flags(v.flags, COALESCE(d.dismissed_flags, '{}')) END AS queue_flags,
       CASE WHEN 'SUPPORT_REQUEST' = ANY(v.flags)
                 AND 'SUPPORT_REQUEST' = ANY(queue_flags(v.flags, COALESCE(d.dismissed_flags, '{}')))
            THEN ARRAY['support'] ELSE '{}'::text[] END AS teams,
       COALESCE(d.dismissed_flags, '{}') AS dismissed_flags,
       d.decision, d.decision_reason, d.decided_by, d.decided_at
FROM comment_verdicts v
LEFT JOIN comment_decisions d ON d.comment_id = v.comment_id;
