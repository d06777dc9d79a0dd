package dev.threadguard.ingest.auth;

/** Why the site-key gate refused an {@code /api} request: the {@code reason} label of {@code threadguard_ingest_refused_total}. */
enum Refusal {
    /** No {@code Authorization: Bearer} header. */
    MISSING_KEY("missing-key"),
    /** A key no site has. */
    UNKNOWN_KEY("unknown-key"),
    /** A revoked key (answered exactly like an unknown one; only the metric tells them apart). */
    REVOKED_KEY("revoked-key"),
    /** The key's token bucket is empty. */
    RATE_LIMITED("rate-limited"),
    /** The keys are still being read from Kafka at start. */
    KEYS_LOADING("keys-loading");

    private final String label;

    Refusal(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
