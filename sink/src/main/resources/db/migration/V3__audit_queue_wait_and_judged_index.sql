-- Time-to-moderate (the sink's dashboard and threadguard_sink_time_to_moderate_seconds): when a decision takes
-- a comment out of the review queue, the audit row keeps when the comment entered it (the comment's stored_at),
-- so the wait is decided_at - queued_since. Null for decisions about comments that were not waiting in the queue.
ALTER TABLE audit ADD COLUMN queued_since timestamptz;

CREATE INDEX audit_queue_wait_idx ON audit (decided_at) WHERE queued_since IS NOT NULL;

-- The dashboard counts verdicts and flags per minute over the last hour, by verdict time.
CREATE INDEX comments_judged_idx ON comments (judged_at);
