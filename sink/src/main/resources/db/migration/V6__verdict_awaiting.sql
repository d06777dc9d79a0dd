-- Provisional verdicts (Verdict.awaiting in the contract): moderation may publish a first verdict whose judgement of
-- some flags is provisional (OFF_TOPIC from the fast static vectors), then a revised verdict for the same comment,
-- with the same key and so later on the same partition, from a slower second opinion. The upsert's "newer" guard
-- (same partition: a higher offset) lets the revision replace the provisional one and keeps a replay of the
-- provisional one from bringing it back. "awaiting" names the flags the stored verdict still judges provisionally:
-- empty once the verdict is final (and for every verdict stored before this migration, all final).
ALTER TABLE comment_verdicts ADD COLUMN awaiting text[] NOT NULL DEFAULT '{}';

-- The readers' view gains the column. CREATE OR REPLACE may only append columns, which it does here: the view is
-- replaced in place, so nothing that depends on it has to be dropped and made again. The rest is V5's definition.
CREATE OR REPLACE VIEW comments AS
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
       d.decision, d.decision_reason, d.decided_by, d.decided_at,
       v.awaiting
FROM comment_verdicts v
LEFT JOIN comment_decisions d ON d.comment_id = v.comment_id;
