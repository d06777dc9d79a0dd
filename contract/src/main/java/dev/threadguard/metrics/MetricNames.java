package dev.threadguard.metrics;

import dev.threadguard.contract.Flag;
import java.util.Locale;

/**
 * The names and labels of Threadguard's own metrics, one place for all services, so that the Grafana
 * dashboard and the alerts in {@code deploy/} keep matching the code. Names are Micrometer's dotted
 * form; the Prometheus name (after each constant) adds the unit and {@code _total} for counters.
 * Every label value comes from a small fixed set: never a comment id, article id or author.
 * {@code deploy/METRICS.md} is the full table.
 */
public final class MetricNames {
    private MetricNames() {
    }

    // --- ingest ---------------------------------------------------------------------------------

    /** Counter {@code threadguard_ingest_requests_total{route,method,status}}: every HTTP request answered. */
    public static final String INGEST_REQUESTS = "threadguard.ingest.requests";
    /** Histogram {@code threadguard_ingest_request_duration_seconds{route,method,status}}. */
    public static final String INGEST_REQUEST_DURATION = "threadguard.ingest.request.duration";
    /** Counter {@code threadguard_ingest_rejections_total{route,reason}}: requests answered with an error. */
    public static final String INGEST_REJECTIONS = "threadguard.ingest.rejections";
    /** Counter {@code threadguard_ingest_events_published_total{topic}}: events committed to Kafka. */
    public static final String INGEST_EVENTS_PUBLISHED = "threadguard.ingest.events.published";
    /**
     * Histogram {@code threadguard_ingest_publish_duration_seconds{outcome}}: a request's publishing, from its hand-over
     * to the commit of the transaction that carried it.
     */
    public static final String INGEST_PUBLISH_DURATION = "threadguard.ingest.publish.duration";
    /** Counter {@code threadguard_ingest_publish_errors_total{error}}: transactions that did not commit. */
    public static final String INGEST_PUBLISH_ERRORS = "threadguard.ingest.publish.errors";
    /** Counter {@code threadguard_ingest_transactions_total}: Kafka transactions committed, each of one or more requests. */
    public static final String INGEST_TRANSACTIONS = "threadguard.ingest.transactions";

    /**
     * Counter {@code threadguard_ingest_refused_total{reason}}: {@code /api} requests refused by the site-key gate,
     * {@code reason} one of {@code missing-key}, {@code unknown-key}, {@code revoked-key}, {@code rate-limited},
     * {@code keys-loading}. Never by key or site: sites are created at will by operators, so they are not a bounded
     * set, and a label per key would grow with every rotation.
     */
    public static final String INGEST_REFUSED = "threadguard.ingest.refused";
    /** Gauge {@code threadguard_ingest_site_keys{state}}: keys this instance knows, {@code state} {@code active} or {@code revoked}. */
    public static final String INGEST_SITE_KEYS = "threadguard.ingest.site.keys";

    // --- moderation -----------------------------------------------------------------------------

    /** Counter {@code threadguard_moderation_comments_total}: comments judged, one per final verdict produced. */
    public static final String MODERATION_COMMENTS = "threadguard.moderation.comments";
    /** Counter {@code threadguard_moderation_verdicts_total{flag}}: one per final verdict and flag, {@code flag="none"} for clean. */
    public static final String MODERATION_VERDICTS = "threadguard.moderation.verdicts";
    /** Histogram {@code threadguard_moderation_detector_seconds{detector}}: one detector on one comment. */
    public static final String MODERATION_DETECTOR = "threadguard.moderation.detector";
    /** Histogram {@code threadguard_moderation_event_lag_seconds}: comment posted (event time) to verdict produced. */
    public static final String MODERATION_EVENT_LAG = "threadguard.moderation.event.lag";
    /** Counter {@code threadguard_moderation_dead_letters_total{topic}}: records sent to the dead-letter topic. */
    public static final String MODERATION_DEAD_LETTERS = "threadguard.moderation.dead.letters";
    /**
     * Gauge {@code threadguard_moderation_held_comments}: comments that arrived before their article and wait for it
     * (held), on this instance; judged when the article arrives, or without it after {@code MODERATION_HOLD_TIMEOUT}.
     */
    public static final String MODERATION_HELD_COMMENTS = "threadguard.moderation.held.comments";
    /**
     * Counter {@code threadguard_moderation_judged_without_article_total{reason}}: comments judged without their
     * article, {@code reason} {@code timeout} (it did not arrive in time), {@code article_bound} or
     * {@code total_bound} (too many comments held already: the hold's overflow).
     */
    public static final String MODERATION_JUDGED_WITHOUT_ARTICLE = "threadguard.moderation.judged.without.article";
    /**
     * Counter {@code threadguard_moderation_transformer_texts_total}: texts (comments, parents, thread samples,
     * articles) run through the off-topic detector's MiniLM transformer in this process, about 5 ms each; with the
     * default hybrid vectors only the comments the static vectors do not clear.
     */
    public static final String MODERATION_TRANSFORMER_TEXTS = "threadguard.moderation.transformer.texts";
    /**
     * Counter {@code threadguard_moderation_provisional_total}: verdicts produced with a second opinion pending
     * ({@code Verdict#awaiting}); the revised verdict that follows counts in the comments and verdicts counters.
     */
    public static final String MODERATION_PROVISIONAL = "threadguard.moderation.provisional";

    // --- sink -----------------------------------------------------------------------------------

    /** Counter {@code threadguard_sink_rows_written_total{table}}. */
    public static final String SINK_ROWS_WRITTEN = "threadguard.sink.rows.written";
    /** Histogram {@code threadguard_sink_db_write_seconds}: one database transaction for a polled batch. */
    public static final String SINK_DB_WRITE = "threadguard.sink.db.write";
    /** Gauge {@code threadguard_sink_review_queue_size{flag}}: comments awaiting a moderator's decision. */
    public static final String SINK_REVIEW_QUEUE_SIZE = "threadguard.sink.review.queue.size";
    /** Histogram {@code threadguard_sink_time_to_moderate_seconds}: verdict stored to moderator decision. */
    public static final String SINK_TIME_TO_MODERATE = "threadguard.sink.time.to.moderate";
    /**
     * Counter {@code threadguard_sink_decisions_total{outcome}}: moderator decisions, {@code outcome} the
     * decision action in lower case. Never by moderator: names are not a bounded set.
     */
    public static final String SINK_DECISIONS = "threadguard.sink.decisions";
    /** Counter {@code threadguard_sink_dead_letters_total{topic}}: records the sink could not read, sent to the dead-letter topic. */
    public static final String SINK_DEAD_LETTERS = "threadguard.sink.dead.letters";

    // --- labels ---------------------------------------------------------------------------------

    /** Every series: {@code ingest}, {@code moderation} or {@code sink} (set by {@link ServiceMetrics}). */
    public static final String SERVICE = "service";
    /** The route template, e.g. {@code /api/comments/batch}; {@code unmatched} for unknown paths. */
    public static final String ROUTE = "route";
    public static final String METHOD = "method";
    /** The status class: {@code 2xx}, {@code 4xx}, {@code 5xx}. */
    public static final String STATUS = "status";
    /** Why a request was rejected: the problem type, e.g. {@code invalid-input}. */
    public static final String REASON = "reason";
    public static final String TOPIC = "topic";
    public static final String OUTCOME = "outcome";
    public static final String ERROR = "error";
    /** A flag as {@link #flag(Flag)} spells it ({@code duplicate}, {@code off_topic}, {@code support_request}), or {@code none}. */
    public static final String FLAG = "flag";
    public static final String DETECTOR = "detector";
    public static final String TABLE = "table";
    /** A site key's state: {@code active} or {@code revoked}. */
    public static final String STATE = "state";

    /** The {@code flag} value of a verdict without flags. */
    public static final String NO_FLAG = "none";

    /** The {@code flag} label value of {@code flag}: its name in lower case, e.g. {@code off_topic}. */
    public static String flag(Flag flag) {
        return flag.name().toLowerCase(Locale.ROOT);
    }
}
