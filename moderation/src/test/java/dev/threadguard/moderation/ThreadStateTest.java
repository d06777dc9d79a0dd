package dev.threadguard.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The moderation state: the unlogged indexes are rebuilt from the logged history wherever a task runs, and a comment
 * costs the same in a long thread as in a short one.
 */
class ThreadStateTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Article article(String id, String url) {
        return new Article(id, "Skype moves onto Windows Azure", "Microsoft moves the Skype service onto Azure servers.",
                url, T0, List.of("skype"));
    }

    private static Comment comment(String id, String articleId, String parentId, String author, String body, long second) {
        return new Comment(id, articleId, parentId, author, null, body, T0.plusSeconds(second));
    }

    /** A text of its own for each n: twelve words of random letters, seeded by n, so no two texts share an LSH band. */
    private static String text(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(n);
        StringBuilder b = new StringBuilder("Comment " + n + ":");
        for (int i = 0; i < 12; i++) {
            b.append(' ');
            for (int letters = 4 + random.nextInt(6); letters > 0; letters--) {
                b.append((char) ('a' + random.nextInt(26)));
            }
        }
        return b.append('.').toString();
    }

    private static final String OPINION =
            "Moving the whole Skype backend onto Azure is the riskiest migration Microsoft has tried in years.";

    @Test
    void aTaskRestoredWithoutItsIndexStillFindsCopiesRepeatsAndParents() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-1", "https://example.com/one"));
            tg.pipe(article("a-2", "https://example.com/two"));
            Comment original = comment("c-1", "a-1", null, "Ann", OPINION, 1);
            tg.pipe(original);
            tg.pipe(comment("c-2", "a-1", "c-1", "Bob", "I doubt it, they moved Hotmail before.", 2));
            tg.verdicts();

            // What a fresh instance has after restoring the changelogs: the logged stores, no index at all.
            wipe(tg.driver.getKeyValueStore(ModerationTopology.THREAD_INDEX_STORE));
            wipe(tg.driver.getKeyValueStore(ModerationTopology.AUTHOR_INDEX_STORE));
            tg.pipe(comment("c-3", "a-1", null, "Cid", OPINION, 3));
            tg.pipe(original); // a producer retry: still known, not judged again
            tg.pipe(comment("c-4", "a-2", null, "Ann", OPINION, 4));

            Map<String, ModeratedComment> v = byId(tg.verdicts());
            assertThat(v).containsOnlyKeys("c-3", "c-4");
            assertThat(v.get("c-3").verdict().duplicateOf()).as("copy in the thread").isEqualTo("c-1");
            assertThat(v.get("c-4").verdict().flags()).as("same author in another thread").contains(Flag.DUPLICATE);
        }
    }

    @Test
    void aStaleIndexLeftFromAnEarlierOwnershipIsRebuilt() {
        try (ModerationDriver tg = ModerationDriver.withDefaults()) {
            tg.pipe(article("a-1", null));
            tg.pipe(comment("c-1", "a-1", null, "Ann", OPINION, 1));
            KeyValueStore<String, Long> index = tg.driver.getKeyValueStore(ModerationTopology.THREAD_INDEX_STORE);
            List<KeyValue<String, Long>> old = all(index);
            tg.pipe(comment("c-2", "a-1", null, "Bob", "A reply of my own about the servers.", 2));
            tg.pipe(comment("c-3", "a-1", null, "Cid", "Another thought about the migration plan.", 3));
            // Another instance judged c-2 and c-3 meanwhile; this one still has its index as it was after c-1.
            wipe(index);
            old.forEach(kv -> index.put(kv.key, kv.value));
            tg.verdicts();

            tg.pipe(comment("c-4", "a-1", null, "Dan", "A reply of my own about the servers.", 4));
            tg.pipe(comment("c-3", "a-1", null, "Cid", "Another thought about the migration plan.", 5));

            Map<String, ModeratedComment> v = byId(tg.verdicts());
            assertThat(v).as("c-3 again is a repeat the stale index did not know").containsOnlyKeys("c-4");
            assertThat(v.get("c-4").verdict().duplicateOf()).isEqualTo("c-2");
        }
    }

    /**
     * The thread stage alone (its processor on in-memory stores, no commit or RocksDB flush per record as in
     * TopologyTestDriver): re-reading the history made a comment in a thread of 450 cost several times one in a
     * thread of 10 (450 entries parsed per comment); now both cost the same.
     */
    /**
     * A thread forgotten after the retention window starts again at sequence 0: entries kept decoded
     * ({@link DecodedEntries}) from its earlier life must never stand in for the new ones under the same numbers,
     * also where the new one was written by the task's other processor (a held comment its article released).
     */
    @Test
    void aThreadBegunAgainAfterRetentionIsComparedWithItsNewCommentsOnly() {
        ModerationConfig base = ModerationConfig.forEvaluation().withApplicationId("moderation-ttd");
        try (ModerationDriver tg = new ModerationDriver(base.withHistory(base.threadHistory(), Duration.ofHours(1),
                base.authorHistory()))) {
            tg.pipe(article("a-1", null));
            tg.pipe(article("a-2", null));
            tg.pipe(comment("c-1", "a-1", null, "Ann", OPINION, 1)); // sequence 0 of a-1's first life
            tg.pipe(comment("c-2", "a-1", null, "Bob", OPINION, 2)); // reads it: kept decoded now
            // Stream time moves on two hours in another thread: the sweep forgets a-1's history.
            tg.pipe(comment("c-3", "a-2", null, "Cid", text(3), 7_200));
            tg.pipe(comment("c-4", "a-2", null, "Cid", text(4), 7_300));
            // a-1 is deleted and sent again: its next comment waits for it and is released by the article.
            tg.articles.pipeInput("a-1", null, T0.plusSeconds(7_350));
            String fresh = "Azure has had three outages this spring alone, and nobody at Microsoft has explained why.";
            tg.pipe(comment("c-5", "a-1", null, "Dan", fresh, 7_400)); // held
            tg.articles.pipeInput("a-1", article("a-1", null), T0.plusSeconds(7_401)); // c-5: sequence 0 again
            tg.pipe(comment("c-6", "a-1", null, "Eve", fresh, 7_402));

            Map<String, ModeratedComment> v = byId(tg.verdicts());
            assertThat(v.get("c-2").verdict().duplicateOf()).isEqualTo("c-1");
            assertThat(v.get("c-6").verdict().duplicateOf()).as("a copy of the new first comment").isEqualTo("c-5");
        }
    }

    @Test
    void aCommentCostsTheSameInALongThreadAsInAShortOne() {
        ModerationConfig config = ModerationConfig.forEvaluation();
        MockProcessorContext<String, JudgedComment> context =
                new MockProcessorContext<>(ModerationService.streamsProperties(config));
        addStore(context, ModerationTopology.ARTICLES_STORE, StateSerdes.ARTICLE, null);
        long[] entriesRead = {0};
        addStore(context, ModerationTopology.THREADS_STORE, StateSerdes.THREAD_ENTRY, entriesRead);
        addStore(context, ModerationTopology.HELD_STORE, StateSerdes.HELD, null);
        addStore(context, ModerationTopology.THREAD_META_STORE, StateSerdes.THREAD_META, null);
        addStore(context, ModerationTopology.THREAD_INDEX_STORE, Serdes.Long(), null);
        ThreadModerator moderator = new ThreadModerator(context, new dev.threadguard.moderation.judge.CommentJudge(
                config.detectors()), config, new HeldComments.Counts(), new DecodedEntries(1_000));
        for (String id : List.of("a-short", "a-long")) {
            moderator.onArticle(new Record<>(id, article(id, null), T0.toEpochMilli()));
        }
        int n = 0;
        for (int i = 0; i < 10; i++) {
            submit(moderator, comment("s-" + i, "a-short", null, "S" + i, text(n++), n));
        }
        for (int i = 0; i < 450; i++) {
            submit(moderator, comment("l-" + i, "a-long", null, "L" + i, text(n++), n));
        }
        int rounds = 300;
        long[] shortNs = new long[rounds];
        long[] longNs = new long[rounds];
        long[] shortReads = new long[rounds];
        long[] longReads = new long[rounds];
        // Alternating, so that JIT warm-up and machine noise fall on both alike; the first third is warm-up.
        for (int r = 0; r < rounds; r++) {
            long read = entriesRead[0];
            long t = System.nanoTime();
            submit(moderator, comment("s-x" + r, "a-short", null, "X" + r, text(n++), n));
            shortNs[r] = System.nanoTime() - t;
            shortReads[r] = entriesRead[0] - read;
            read = entriesRead[0];
            t = System.nanoTime();
            submit(moderator, comment("l-x" + r, "a-long", null, "Y" + r, text(n++), n));
            longNs[r] = System.nanoTime() - t;
            longReads[r] = entriesRead[0] - read;
        }
        assertThat(context.forwarded()).hasSize(10 + 450 + 2 * rounds);
        long shortMedian = median(Arrays.copyOfRange(shortNs, rounds / 3, rounds));
        long longMedian = median(Arrays.copyOfRange(longNs, rounds / 3, rounds));
        System.out.printf("thread stage per comment: thread of 10: %d µs, %d history entries read; of 450: %d µs, "
                + "%d entries read%n", shortMedian / 1000, Arrays.stream(shortReads).max().orElse(0), longMedian / 1000,
                Arrays.stream(longReads).max().orElse(0));
        // Whatever the thread's length: the off-topic window (+1 for the parent), the LSH hits confirmed by a get
        // and the entry a new comment pushes out, never the whole history. Time on a shared machine is too noisy to
        // assert tightly; the entries read are not.
        int window = config.detectors().offTopicThreadWindow() + 1;
        assertThat(Arrays.stream(longReads).max().orElseThrow()).isLessThanOrEqualTo(window + 10);
        assertThat(Arrays.stream(shortReads).max().orElseThrow()).isLessThanOrEqualTo(window + 10);
        assertThat(longMedian).isLessThan(3 * shortMedian);
    }

    private static void submit(ThreadModerator moderator, Comment comment) {
        moderator.onComment(new Record<>(comment.articleId(), comment, comment.postedAt().toEpochMilli()));
    }

    /** An in-memory store; with {@code entriesRead}, every value it returns (gets and iterators) is counted there. */
    @SuppressWarnings("unchecked")
    private static <V> void addStore(MockProcessorContext<String, JudgedComment> context, String name, Serde<V> serde,
                                     long[] entriesRead) {
        KeyValueStore<String, V> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        KeyValueStore<String, V> store = entriesRead == null ? inner : (KeyValueStore<String, V>) Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    Object result = invoke(inner, method, args);
                    if (result instanceof KeyValueIterator<?, ?> it) {
                        return Proxy.newProxyInstance(KeyValueIterator.class.getClassLoader(),
                                new Class<?>[] {KeyValueIterator.class}, (p, m, a) -> {
                                    if (m.getName().equals("next")) {
                                        entriesRead[0]++;
                                    }
                                    return invoke(it, m, a);
                                });
                    }
                    if (method.getName().equals("get") && result != null) {
                        entriesRead[0]++;
                    }
                    return result;
                });
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void wipe(KeyValueStore<String, Long> store) {
        all(store).forEach(kv -> store.delete(kv.key));
    }

    private static List<KeyValue<String, Long>> all(KeyValueStore<String, Long> store) {
        List<KeyValue<String, Long>> out = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static Map<String, ModeratedComment> byId(List<TestRecord<String, ModeratedComment>> records) {
        return records.stream().map(TestRecord::value)
                .collect(Collectors.toMap(m -> m.comment().commentId(), m -> m, (a, b) -> b));
    }
}
