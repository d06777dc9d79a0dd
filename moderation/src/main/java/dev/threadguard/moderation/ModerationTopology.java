package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Topics;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.errors.StackGuard;
import dev.threadguard.moderation.judge.CommentJudge;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
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
 * input, keyed by articleId: a record its producer already keyed by the articleId it carries, on the partition
 * the Java client's default partitioner gives that key (ingest's records), goes straight on; any other (another
 * key, librdkafka's partitioner as kcat uses it, a chosen partition) is re-keyed through a repartition topic:
 *   articles-source ─► articles-by-article-routing ─► -route-in-place ─────────────────────────────┐
 *                                                  └► -route-elsewhere ─► -key ─► articles-by-article (repartition)
 *                                                                                 ─► articles-by-article-merge
 *   comments-source ─► comments-by-article-routing ─► (the same) ─► comments-by-article-merge
 * </pre>
 * The check costs a murmur2 of the key per record; it saves one repartition record (a write, a read and a commit
 * hop of latency) per comment. Articles are not a GlobalKTable: a new article must release the comments held for it
 * in the thread's task, which a global table (no processing on update) cannot do, and every instance would keep
 * every article.
 * <pre>
 * thread stage, keyed by articleId (one task owns a whole thread):
 *   articles-by-article-merge ─► article-processor ─┐
 *   comments-by-article-merge ─► comment-processor ─┴─► judged-merge ─► by-author-split-keyed / -unkeyed
 *   stores moderation-articles-v2, -threads-v2, -held-v2, -thread-meta (logged) and -thread-index (unlogged, see
 *   ScopeIndex), shared by both processors;
 *   comment-processor punctuates on wall-clock time (hold timeout) and on stream time (thread retention)
 * author stage, keyed by author (one task owns all recent comments of an author, in every thread):
 *   by-author-split-keyed ─► by-author-key ─► by-author (topic &lt;applicationId&gt;-by-author-repartition)
 *     ─► author-duplicate-processor (stores moderation-author-comments-v2, -author-history-v2, -author-index;
 *        stream-time punctuation for retention) ─┐
 *   by-author-split-unkeyed (anonymous) ───────────┴─► by-author-merge
 * global copy search, keyed by copy anchor (GlobalCopyProcessor; comments shorter than the minimum copy length
 * have none and skip it):
 *   by-author-merge ─► by-copy-anchor-split-keyed ─► by-copy-anchor-key ─► by-copy-anchor
 *     (topic &lt;applicationId&gt;-by-copy-anchor-repartition, key: the anchor as a long)
 *     ─► global-copy-processor (window store moderation-global-copies, retention DUPLICATE_GLOBAL_RETENTION_DAYS) ─┐
 *   by-copy-anchor-split-unkeyed ───────────────────────────────────────────────────────────────────────────────┴─►
 *   by-copy-anchor-merge ─► to-verdict ─► verdicts-sink (comments.moderated, keyed by articleId; provisional, with
 *                                         awaiting [OFF_TOPIC], where a second opinion is pending)
 * second opinion, keyed by articleId (SecondOpinionProcessor; stateless, its own sub-topology, off the hot path):
 *   by-copy-anchor-merge ─► second-opinion-pending (only comments the hybrid off-topic check wants the transformer
 *     for) ─► second-opinion (topic &lt;applicationId&gt;-second-opinion-repartition) ─► second-opinion-processor
 *     ─► revisions-sink (comments.moderated: the revised, final verdict of the same comment, same key)
 * </pre>
 *
 * Both inputs reach the thread stage keyed by articleId and co-partitioned (the repartition topics have as many
 * partitions as the inputs), so the thread stage sees a whole thread: its article,
 * its earlier comments and the comments still waiting for the article. Cross-thread repeats by one author need
 * all of that author's comments in one place, whatever partition their threads are on: hence the repartition by
 * author through a topic Kafka Streams creates and manages (no global state); likewise copies by anyone, in any
 * thread, meet by their copy anchor (a verbatim copy has its original's). Every comment passes each stage
 * once, so it gets exactly one final verdict, preceded by one provisional verdict when its off-topic check waits for
 * the transformer's second opinion (about 60 % of comments in the default hybrid configuration; none in the others).
 * On a real broker verdicts of one thread can leave in another order than they were posted (they travel through
 * different author partitions); each verdict stands alone.
 * Records that cannot be read never reach a processor: the deserializer rejects them and the service's exception
 * handlers send them to the dead-letter topic.
 */
public final class ModerationTopology {
    public static final String ARTICLES_SOURCE = "articles-source";
    public static final String COMMENTS_SOURCE = "comments-source";
    public static final String ARTICLE_PROCESSOR = "article-processor";
    public static final String COMMENT_PROCESSOR = "comment-processor";
    public static final String JUDGED_MERGE = "judged-merge";
    /** Repartition of the articles by the articleId they carry: {@code <applicationId>-articles-by-article-repartition}. */
    public static final String ARTICLES_BY_ARTICLE = "articles-by-article";
    /** Repartition of the comments by the articleId they carry: {@code <applicationId>-comments-by-article-repartition}. */
    public static final String COMMENTS_BY_ARTICLE = "comments-by-article";
    public static final String TO_VERDICT = "to-verdict";
    public static final String VERDICTS_SINK = "verdicts-sink";
    /**
     * Repartition of the comments whose off-topic check awaits the transformer:
     * {@code <applicationId>-second-opinion-repartition}, keyed by articleId.
     */
    public static final String SECOND_OPINION = "second-opinion";
    /** The off-topic check's second opinion ({@link SecondOpinionProcessor}). */
    public static final String SECOND_OPINION_PROCESSOR = "second-opinion-processor";
    /** The revised verdicts, to {@code comments.moderated} after the provisional ones. */
    public static final String REVISIONS_SINK = "revisions-sink";
    /** articleId → latest Article (binary, {@link StateSerdes#ARTICLE}). */
    public static final String ARTICLES_STORE = "moderation-articles-v2";
    /**
     * articleId NUL slot → ThreadEntry (binary): a thread's last {@code threadHistory} comments, slot = sequence modulo
     * that bound, so a new comment overwrites the one it pushes out (one changelog record, no tombstone).
     */
    public static final String THREADS_STORE = "moderation-threads-v2";
    /** articleId NUL sequence → HeldComment (waiting for its article), bounded per article and per task. */
    public static final String HELD_STORE = "moderation-held-v2";
    /** articleId → ThreadMeta: the thread's next sequence number, generation and latest record time. */
    public static final String THREAD_META_STORE = "moderation-thread-meta";
    /** The thread stage's {@link ScopeIndex} (LSH bands, comment ids): persistent, no changelog, rebuilt from the above. */
    public static final String THREAD_INDEX_STORE = "moderation-thread-index";
    /** The author stage's processor; its repartition topic is {@code <applicationId>-by-author-repartition}. */
    public static final String AUTHOR_PROCESSOR = DuplicateScope.AUTHOR.processor;
    /** author NUL slot → RecentComment: an author's recent comments, bounded per author and by retention. */
    public static final String AUTHOR_COMMENTS_STORE = DuplicateScope.AUTHOR.commentsStore;
    /** The author stage's {@link ScopeIndex}: LSH bands over each author's recent comments, without a changelog. */
    public static final String AUTHOR_INDEX_STORE = DuplicateScope.AUTHOR.indexStore;
    /** author → ScopeHistory: which of the author's entries exist and how old the oldest is. */
    public static final String AUTHOR_HISTORY_STORE = DuplicateScope.AUTHOR.historyStore;
    /** Repartition step of the global copy search: {@code <applicationId>-by-copy-anchor-repartition}. */
    public static final String BY_COPY_ANCHOR = "by-copy-anchor";
    /** The global copy search ({@link GlobalCopyProcessor}). */
    public static final String GLOBAL_COPY_PROCESSOR = "global-copy-processor";
    /**
     * anchor (long) → {@link CopyEntry} per comment, windowed by record time, duplicates retained: a persistent window
     * store with retention {@link ModerationConfig#globalRetention()}, changelog {@code compact,delete}.
     */
    public static final String GLOBAL_COPIES_STORE = "moderation-global-copies";

    private static final String[] THREAD_STORES = {ARTICLES_STORE, THREADS_STORE, HELD_STORE, THREAD_META_STORE,
            THREAD_INDEX_STORE};

    private ModerationTopology() {
    }

    /** The topology for inputs of {@code config.topicPartitions()} partitions (evaluate, topology tests). */
    public static Topology build(ModerationConfig config) {
        return build(config, config.topicPartitions());
    }

    /**
     * @param inputPartitions the partition count both input topics have, so records already keyed and partitioned
     *                        by articleId skip the repartition ({@link ArticleRouting}); 0 when unknown or when the
     *                        two differ: then every record is repartitioned
     */
    public static Topology build(ModerationConfig config, int inputPartitions) {
        CommentJudge judge = new CommentJudge(config.detectors());
        StreamsBuilder builder = new StreamsBuilder();
        addStore(builder, ARTICLES_STORE, StateSerdes.ARTICLE);
        addStore(builder, THREADS_STORE, StateSerdes.THREAD_ENTRY);
        addStore(builder, HELD_STORE, StateSerdes.HELD);
        addStore(builder, THREAD_META_STORE, StateSerdes.THREAD_META);
        addIndexStore(builder, THREAD_INDEX_STORE);
        for (DuplicateScope scope : DuplicateScope.values()) {
            addStore(builder, scope.commentsStore, StateSerdes.RECENT);
            addIndexStore(builder, scope.indexStore);
            addStore(builder, scope.historyStore, StateSerdes.SCOPE_HISTORY);
        }

        // A record without a valid timestamp takes its partition's time instead of stopping the app.
        KStream<String, Article> articles = byArticle(builder.stream(Topics.ARTICLES.name(),
                        Consumed.with(Topics.ARTICLES.keySerde(), Topics.ARTICLES.valueSerde(),
                                new UsePartitionTimeOnInvalidTimestamp(), AutoOffsetReset.earliest())
                                .withName(ARTICLES_SOURCE)),
                (key, a) -> a == null ? key : a.articleId(), ARTICLES_BY_ARTICLE, Topics.ARTICLES.valueSerde(),
                inputPartitions);
        KStream<String, Comment> comments = byArticle(builder.stream(Topics.COMMENTS_SUBMITTED.name(),
                        Consumed.with(Topics.COMMENTS_SUBMITTED.keySerde(), Topics.COMMENTS_SUBMITTED.valueSerde(),
                                new UsePartitionTimeOnInvalidTimestamp(), AutoOffsetReset.earliest())
                                .withName(COMMENTS_SOURCE)),
                ThreadModerator::articleKey, COMMENTS_BY_ARTICLE, Topics.COMMENTS_SUBMITTED.valueSerde(),
                inputPartitions);

        HeldComments.Counts heldCounts = new HeldComments.Counts();
        DecodedEntries decoded = new DecodedEntries(config.detectors().textCacheSize());
        KStream<String, JudgedComment> judged = articles
                .process(() -> StackGuard.of(new ArticleProcessor(judge, config, heldCounts, decoded)), Named.as(ARTICLE_PROCESSOR),
                        THREAD_STORES)
                .merge(comments.process(() -> StackGuard.of(new CommentProcessor(judge, config, heldCounts, decoded)),
                        Named.as(COMMENT_PROCESSOR), THREAD_STORES), Named.as(JUDGED_MERGE));

        KStream<String, JudgedComment> authorChecked = crossThreadCheck(DuplicateScope.AUTHOR, judged, judge, config);
        // Not Stores.persistentWindowStore itself: see GlobalCopiesStore (its changelog offset must survive a clean
        // close while it has no segment, or exactly-once Streams wipes the whole task whenever it moves).
        builder.addStateStore(Stores.windowStoreBuilder(GlobalCopiesStore.supplier(GLOBAL_COPIES_STORE,
                config.globalRetention()), Serdes.Long(), StateSerdes.COPY_ENTRY));
        KStream<String, JudgedComment> copyChecked = globalCopySearch(authorChecked, judge, config);
        Produced<String, ModeratedComment> toVerdicts = Produced.with(Topics.COMMENTS_MODERATED.keySerde(),
                Topics.COMMENTS_MODERATED.valueSerde());
        copyChecked.mapValues(JudgedComment::moderated, Named.as(TO_VERDICT)).to(Topics.COMMENTS_MODERATED.name(),
                toVerdicts.withName(VERDICTS_SINK));
        // After the provisional verdict, in the same task: the revision, read from the repartition topic only once
        // that is written (committed, under exactly-once), lands later on the same partition (same key).
        copyChecked.filter((articleId, j) -> j.secondOpinion() != null, Named.as(SECOND_OPINION + "-pending"))
                .repartition(Repartitioned.<String, JudgedComment>as(SECOND_OPINION)
                        .withKeySerde(Serdes.String()).withValueSerde(new JudgedCommentSerde()))
                .process(() -> StackGuard.of(new SecondOpinionProcessor(judge)), Named.as(SECOND_OPINION_PROCESSOR))
                .to(Topics.COMMENTS_MODERATED.name(), toVerdicts.withName(REVISIONS_SINK));
        return builder.build();
    }

    /**
     * Comments with a key in the scope go through its repartition topic to its processor; the others (anonymous)
     * have nothing to compare with there and go straight on. Both come out keyed by articleId.
     */
    private static KStream<String, JudgedComment> crossThreadCheck(DuplicateScope scope,
            KStream<String, JudgedComment> in, CommentJudge judge, ModerationConfig config) {
        String split = scope.repartition + "-split-";
        Map<String, KStream<String, JudgedComment>> branches = in.split(Named.as(split))
                .branch((articleId, j) -> scope.keyOf(j) != null, Branched.as("keyed"))
                .defaultBranch(Branched.as("unkeyed"));
        KStream<String, JudgedComment> checked = branches.get(split + "keyed")
                .selectKey((articleId, j) -> scope.keyOf(j), Named.as(scope.repartition + "-key"))
                .repartition(Repartitioned.<String, JudgedComment>as(scope.repartition)
                        .withKeySerde(Serdes.String()).withValueSerde(new JudgedCommentSerde()))
                .process(() -> StackGuard.of(new ScopeDuplicateProcessor(scope, judge, config)), Named.as(scope.processor),
                        scope.stores());
        return checked.merge(branches.get(split + "unkeyed"), Named.as(scope.repartition + "-merge"));
    }

    /**
     * Comments of at least the minimum copy length go through the repartition by their copy anchor to the global
     * copy search; the others cannot be a copy by someone else and go straight on. Both come out keyed by articleId.
     */
    private static KStream<String, JudgedComment> globalCopySearch(KStream<String, JudgedComment> in,
            CommentJudge judge, ModerationConfig config) {
        String split = BY_COPY_ANCHOR + "-split-";
        DuplicateDetector duplicates = judge.duplicates();
        Map<String, KStream<String, JudgedComment>> branches = in.split(Named.as(split))
                .branch((articleId, j) -> duplicates.copyAnchor(j.comment()).isPresent(), Branched.as("keyed"))
                .defaultBranch(Branched.as("unkeyed"));
        KStream<String, JudgedComment> checked = branches.get(split + "keyed")
                .selectKey((articleId, j) -> duplicates.copyAnchor(j.comment()).getAsLong(),
                        Named.as(BY_COPY_ANCHOR + "-key"))
                .repartition(Repartitioned.<Long, JudgedComment>as(BY_COPY_ANCHOR)
                        .withKeySerde(Serdes.Long()).withValueSerde(new JudgedCommentSerde()))
                .process(() -> StackGuard.of(new GlobalCopyProcessor(judge, config)), Named.as(GLOBAL_COPY_PROCESSOR),
                        GLOBAL_COPIES_STORE);
        return checked.merge(branches.get(split + "unkeyed"), Named.as(BY_COPY_ANCHOR + "-merge"));
    }

    /** Derived state ({@link ScopeIndex}): on disk, without a changelog; rebuilt per scope from the logged stores. */
    private static void addIndexStore(StreamsBuilder builder, String name) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                Serdes.Long()).withLoggingDisabled());
    }

    /**
     * The input re-keyed by the articleId each record carries. Records their producer already keyed and partitioned
     * that way (ingest does) go straight on; the others pass the repartition topic {@code
     * <applicationId>-<name>-repartition}. With {@code partitions} 0 all of them do.
     */
    private static <V> KStream<String, V> byArticle(KStream<String, V> source, KeyValueMapper<String, V, String> key,
            String name, Serde<V> valueSerde, int partitions) {
        Repartitioned<String, V> repartitioned = Repartitioned.<String, V>as(name).withKeySerde(Serdes.String())
                .withValueSerde(valueSerde);
        if (partitions <= 0) {
            return source.selectKey(key, Named.as(name + "-key")).repartition(repartitioned);
        }
        String split = name + "-route-";
        Map<String, KStream<String, ArticleRouting.Routed<V>>> routes = source
                .processValues(() -> new ArticleRouting<>(key, partitions), Named.as(name + "-routing"))
                .split(Named.as(split))
                .branch((k, routed) -> routed.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, V> inPlace = routes.get(split + "in-place").mapValues(ArticleRouting.Routed::value,
                Named.as(name + "-in-place-value"));
        KStream<String, V> moved = routes.get(split + "elsewhere")
                .mapValues(ArticleRouting.Routed::value, Named.as(name + "-elsewhere-value"))
                .selectKey(key, Named.as(name + "-key"))
                // As many partitions as the input: the records that skip it and those through it meet in one task.
                .repartition(repartitioned.withNumberOfPartitions(partitions));
        return inPlace.merge(moved, Named.as(name + "-merge"));
    }

    private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                valueSerde));
    }

    /** How often held comments are checked against the hold timeout: a tenth of it, within [1 s, 1 min]. */
    static Duration punctuationInterval(Duration holdTimeout) {
        return clamp(holdTimeout.dividedBy(10), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** How often (in stream time) state older than the retention window is swept: 1/24 of it, within [1 s, 1 h]. */
    static Duration sweepInterval(Duration retention) {
        return clamp(retention.dividedBy(24), Duration.ofSeconds(1), Duration.ofHours(1));
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private static final class ArticleProcessor implements Processor<String, Article, String, JudgedComment> {
        private final CommentJudge judge;
        private final ModerationConfig config;
        private final HeldComments.Counts heldCounts;
        private final DecodedEntries decoded;
        private ThreadModerator moderator;

        ArticleProcessor(CommentJudge judge, ModerationConfig config, HeldComments.Counts heldCounts,
                         DecodedEntries decoded) {
            this.judge = judge;
            this.config = config;
            this.heldCounts = heldCounts;
            this.decoded = decoded;
        }

        @Override
        public void init(ProcessorContext<String, JudgedComment> context) {
            moderator = new ThreadModerator(context, judge, config, heldCounts, decoded);
        }

        @Override
        public void process(Record<String, Article> record) {
            moderator.onArticle(record);
        }

        @Override
        public void close() {
            if (moderator != null) {
                moderator.close();
            }
        }
    }

    private static final class CommentProcessor implements Processor<String, Comment, String, JudgedComment> {
        private final CommentJudge judge;
        private final ModerationConfig config;
        private final HeldComments.Counts heldCounts;
        private final DecodedEntries decoded;
        private ThreadModerator moderator;

        CommentProcessor(CommentJudge judge, ModerationConfig config, HeldComments.Counts heldCounts,
                         DecodedEntries decoded) {
            this.judge = judge;
            this.config = config;
            this.heldCounts = heldCounts;
            this.decoded = decoded;
        }

        @Override
        public void init(ProcessorContext<String, JudgedComment> context) {
            moderator = new ThreadModerator(context, judge, config, heldCounts, decoded);
            // Wall-clock time: the hold timeout must fire even when no record arrives.
            context.schedule(punctuationInterval(config.holdTimeout()), PunctuationType.WALL_CLOCK_TIME,
                    moderator::releaseExpired);
            // Stream time: retention is about the comments' own times, so a replay forgets the same threads.
            context.schedule(sweepInterval(config.retention()), PunctuationType.STREAM_TIME, moderator::expireThreads);
        }

        @Override
        public void process(Record<String, Comment> record) {
            moderator.onComment(record);
        }

        @Override
        public void close() {
            if (moderator != null) {
                moderator.close();
            }
        }
    }
}
