package dev.threadguard.contract;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, paired with its serdes. Keys are plain UTF-8 strings (the articleId),
 * values plain JSON, so any client (kcat, Python) can produce and read them.
 */
public final class Topics {
    /** A topic name with the serdes of its keys and values. */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    }

    /** Compacted; keyed by articleId; the latest version of an article wins. */
    public static final Topic<String, Article> ARTICLES =
            new Topic<>("articles", Serdes.String(), JsonSerde.of(Article.class));

    /** Comment submissions, keyed by articleId; same partition count as {@link #ARTICLES}. */
    public static final Topic<String, Comment> COMMENTS_SUBMITTED =
            new Topic<>("comments.submitted", Serdes.String(), JsonSerde.of(Comment.class));

    /** One verdict per comment, keyed by articleId; same partition count as the submissions. */
    public static final Topic<String, ModeratedComment> COMMENTS_MODERATED =
            new Topic<>("comments.moderated", Serdes.String(), JsonSerde.of(ModeratedComment.class));

    /**
     * Moderators' decisions (approve, reject, corrections), keyed by commentId so that the decisions
     * about one comment stay in order; the sink applies them, and its database can be rebuilt from them.
     */
    public static final Topic<String, Decision> DECISIONS =
            new Topic<>("moderation.decisions", Serdes.String(), JsonSerde.of(Decision.class));

    /** Records that could not be read, as they came, with the error in their headers ({@link DeadLetter}). */
    public static final Topic<byte[], byte[]> COMMENTS_DLQ =
            new Topic<>("comments.dlq", Serdes.ByteArray(), Serdes.ByteArray());

    /**
     * The ingest API's site keys (hashes only), keyed by keyId; compacted and kept forever, so that every ingest
     * instance can read all keys from the beginning at start, without a database. One partition: a few records per
     * site, read whole by every instance.
     */
    public static final Topic<String, SiteKey> SITE_KEYS =
            new Topic<>("site.keys", Serdes.String(), JsonSerde.of(SiteKey.class));

    private Topics() {
    }
}
