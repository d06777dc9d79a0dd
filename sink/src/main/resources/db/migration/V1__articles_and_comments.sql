-- The sink's read model: articles and moderated comments as the pipeline last saw them.
--
-- Columns written by the pipeline are overwritten when a newer verdict for the same comment arrives
-- (a replay with another detector version). Later migrations add what moderators own (a status column
-- PUBLISHED/HELD/APPROVED/REJECTED, a decisions table and an audit table keyed by comment_id); the
-- upserts name the pipeline columns explicitly, so they will never overwrite a moderator's decision.

CREATE TABLE articles (
    article_id       text        PRIMARY KEY,
    title            text        NOT NULL,
    body             text        NOT NULL,
    url              text,
    tags             text[]      NOT NULL DEFAULT '{}',
    published_at     timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    source_partition integer,
    source_offset    bigint
);

-- No foreign key to articles: topics are read in parallel, so a verdict may be stored before its
-- article, and an article tombstone must not take its comments with it.
CREATE TABLE comments (
    comment_id       text        PRIMARY KEY,
    article_id       text        NOT NULL,
    parent_id        text,
    author           text,
    title            text,
    body             text        NOT NULL,
    posted_at        timestamptz NOT NULL,
    flags            text[]      NOT NULL DEFAULT '{}',
    duplicate_of     text,
    scores           jsonb       NOT NULL DEFAULT '{}',
    reasons          text[]      NOT NULL DEFAULT '{}',
    detector_version text,
    judged_at        timestamptz,
    stored_at        timestamptz NOT NULL DEFAULT now(),
    -- When the pipeline's columns last changed; a replay of identical records leaves it alone.
    updated_at       timestamptz NOT NULL DEFAULT now(),
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL
);

-- GET /api/threads/{articleId}: one index range scan, already in display order.
CREATE INDEX comments_thread_idx ON comments (article_id, posted_at, comment_id);

-- GET /api/review-queue: only flagged comments, in keyset order. Queries must repeat the predicate
-- "cardinality(flags) > 0" for the planner to use this index.
CREATE INDEX comments_review_queue_idx ON comments (posted_at, comment_id) WHERE cardinality(flags) > 0;
