package dev.threadguard.ingest.submission;

import java.util.Locale;
import java.util.Optional;

/** The body formats the ingest API reads, by the media types that announce them. */
public enum BodyFormat {
    /** One JSON value; for a batch, an array of comments. */
    JSON,
    /** One JSON object per line (JSONL / NDJSON), as in a dataset file. */
    JSON_LINES;

    public static final String ACCEPTED_SINGLE = "application/json";
    public static final String ACCEPTED_BATCH =
            "application/json (a JSON array), application/x-ndjson, application/jsonl or application/json-lines (one comment per line)";

    /** The format a {@code Content-Type} header names; parameters such as {@code charset} are ignored. */
    public static Optional<BodyFormat> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return switch (essence) {
            case "application/json" -> Optional.of(JSON);
            case "application/x-ndjson", "application/jsonl", "application/json-lines" -> Optional.of(JSON_LINES);
            default -> Optional.empty();
        };
    }
}
