package dev.threadguard.ingest.auth;

import dev.threadguard.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Refused requests by {@link Refusal}, and the keys known by state. Labels come from those two small enums only:
 * never a key, key id or site (sites are created at will, so they are no bounded set; a per-site view belongs in
 * logs, which name the key id and site of every refusal of a known key).
 */
final class AuthMetrics {
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    AuthMetrics(MeterRegistry registry, SiteKeyRegistry keys) {
        for (Refusal reason : Refusal.values()) {
            // Registered up front, so a dashboard shows 0 rather than no series.
            refused.put(reason, Counter.builder(MetricNames.INGEST_REFUSED)
                    .description("API requests refused by the site-key gate, by reason")
                    .tag(MetricNames.REASON, reason.label()).register(registry));
        }
        Gauge.builder(MetricNames.INGEST_SITE_KEYS, keys, k -> k.activeCount())
                .description("site keys known to this instance, by state").tag(MetricNames.STATE, "active").register(registry);
        Gauge.builder(MetricNames.INGEST_SITE_KEYS, keys, k -> k.keys().stream().filter(key -> !key.active()).count())
                .description("site keys known to this instance, by state").tag(MetricNames.STATE, "revoked").register(registry);
    }

    void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
