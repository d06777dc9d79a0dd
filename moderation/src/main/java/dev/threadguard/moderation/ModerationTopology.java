package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.JsonSerde;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.moderation.judge.CommentJudge;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * The moderation topology, built the same way for the service and for the evaluate command. Pure: it
 * never starts Kafka Streams.
 *
 * <pre>
 * articles-source (articles)            ─► article-processor ─┐
 * comments-source (comments.submitted)  ─► comment-processor ─┴─► verdicts-sink (comments.moderated)
 * both processors share the stores moderation-articles, moderation-threads and moderation-held;
 * comment-processor also runs the wall-clock punctuation that enforces the hold timeout
 * </pre>
 *
 * Both inputs are keyed by articleId and co-partitioned, so one task owns a whole thread: its article,
 * its earlier comments and the comments still waiting for the article. Records that cannot be read
 * never reach a processor: the deserializer rejects them and the service's exception handlers send them
 * to the dead-letter topic.
 */
public final class ModerationTopology {
    public static final String ARTICLES_SOURCE = "articles-source";
    public static final String COMMENTS_SOURCE = "comments-source";
    public static final String ARTICLE_PROCESSOR = "article-processor";
    public static final String COMMENT_PROCESSOR = "comment-processor";
    public static final String VERDICTS_SINK = "verdicts-sink";
    /** articleId → latest Article. */
    public static final String ARTICLES_STORE = "moderation-articles";
    /** articleId NUL sequence → ThreadEntry (judged comment and its verdict), bounded per article. */
    public static final String THREADS_STORE = "moderation-threads";
    /** articleId NUL sequence → HeldComment (waiting for its article), bounded per article. */
    public static final String HELD_STORE = "moderation-held";

    private ModerationTopology() {
    }

    public static Topology build(ModerationConfig config) {
        CommentJudge judge = new CommentJudge(config.detectors());
        Topology topology = new Topology();
        // A record without a valid timestamp takes its partition's time instead of stopping the app.
        topology.addSource(AutoOffsetReset.earliest(), ARTICLES_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                Topics.ARTICLES.keySerde().deserializer(), Topics.ARTICLES.valueSerde().deserializer(),
                Topics.ARTICLES.name());
        topology.addSource(AutoOffsetReset.earliest(), COMMENTS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                Topics.COMMENTS_SUBMITTED.keySerde().deserializer(),
                Topics.COMMENTS_SUBMITTED.valueSerde().deserializer(), Topics.COMMENTS_SUBMITTED.name());
        topology.addProcessor(ARTICLE_PROCESSOR, () -> new ArticleProcessor(judge, config), ARTICLES_SOURCE);
        topology.addProcessor(COMMENT_PROCESSOR, () -> new CommentProcessor(judge, config), COMMENTS_SOURCE);
        String[] processors = {ARTICLE_PROCESSOR, COMMENT_PROCESSOR};
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES_STORE),
                Serdes.String(), JsonSerde.of(Article.class)), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(THREADS_STORE),
                Serdes.String(), JsonSerde.of(ThreadEntry.class)), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_STORE),
                Serdes.String(), JsonSerde.of(HeldComment.class)), processors);
        topology.addSink(VERDICTS_SINK, Topics.COMMENTS_MODERATED.name(),
                Topics.COMMENTS_MODERATED.keySerde().serializer(), Topics.COMMENTS_MODERATED.valueSerde().serializer(),
                processors);
        return topology;
    }

    /** How often held comments are checked against the hold timeout: a tenth of it, within [1 s, 1 min]. */
    static Duration punctuationInterval(Duration holdTimeout) {
        Duration tenth = holdTimeout.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }

    private static final class ArticleProcessor implements Processor<String, Article, String, ModeratedComment> {
        private final CommentJudge judge;
        private final ModerationConfig config;
        private ThreadModerator moderator;

        ArticleProcessor(CommentJudge judge, ModerationConfig config) {
            this.judge = judge;
            this.config = config;
        }

        @Override
        public void init(ProcessorContext<String, ModeratedComment> context) {
            moderator = new ThreadModerator(context, judge, config);
        }

        @Override
        public void process(Record<String, Article> record) {
            moderator.onArticle(record);
        }
    }

    private static final class CommentProcessor implements Processor<String, Comment, String, ModeratedComment> {
        private final CommentJudge judge;
        private final ModerationConfig config;
        private ThreadModerator moderator;

        CommentProcessor(CommentJudge judge, ModerationConfig config) {
            this.judge = judge;
            this.config = config;
        }

        @Override
        public void init(ProcessorContext<String, ModeratedComment> context) {
            moderator = new ThreadModerator(context, judge, config);
            // Wall-clock time: the hold timeout must fire even when no record arrives.
            context.schedule(punctuationInterval(config.holdTimeout()), PunctuationType.WALL_CLOCK_TIME,
                    moderator::releaseExpired);
        }

        @Override
        public void process(Record<String, Comment> record) {
            moderator.onComment(record);
        }
    }
}
