package dev.threadguard.sink.store;

import static dev.threadguard.sink.Samples.T0;
import static dev.threadguard.sink.Samples.article;
import static dev.threadguard.sink.Samples.comment;
import static dev.threadguard.sink.Samples.moderated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CommentStore against a real PostgreSQL, migrated by the sink's own Flyway migrations. */
class CommentStoreTest {
    private static HikariDataSource pool;
    private CommentStore store;

    @BeforeAll
    static void database() {
        pool = FreshDatabase.create("sink_store").migratedPool();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void cleanTables() {
        FreshDatabase.truncateAll(pool);
        store = new CommentStore(pool, new ModerationPolicy(Map.of()));
    }

    private static Change.CommentUpsert upsert(ModeratedComment mc, long offset) {
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 1, offset);
    }

    private static Change.ArticleUpsert upsert(Article a, long offset) {
        return new Change.ArticleUpsert(a, "articles", 0, offset);
    }

    @Test
    void storesArticleAndCommentsAndReadsThemBack() {
        ModeratedComment flagged = moderated("a-1", "c-2", "c-1", T0.plusSeconds(120), Set.of(Flag.DUPLICATE), "c-1");
        store.apply(List.of(upsert(article("a-1", "Skype on Azure"), 7), upsert(comment("a-1", "c-1", null, 1), 10),
                upsert(flagged, 11)));

        StoredArticle a = store.article("a-1").orElseThrow();
        assertThat(a.title()).isEqualTo("Skype on Azure");
        assertThat(a.tags()).containsExactly("Cloud", "Microsoft");
        assertThat(a.publishedAt()).isEqualTo(T0);

        List<StoredComment> thread = store.thread("a-1");
        assertThat(thread).extracting(StoredComment::commentId).containsExactly("c-1", "c-2");
        StoredComment c2 = thread.get(1);
        assertThat(c2.parentId()).isEqualTo("c-1");
        assertThat(c2.flags()).containsExactly("DUPLICATE");
        assertThat(c2.duplicateOf()).isEqualTo("c-1");
        assertThat(c2.scores()).containsEntry("duplicate", 0.97).hasSize(3);
        assertThat(c2.reasons()).containsExactly("flagged for DUPLICATE");
        assertThat(c2.detectorVersion()).isEqualTo("test-1");
        assertThat(c2.postedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(c2.judgedAt()).isEqualTo(T0.plusSeconds(121));
        assertThat(store.thread("a-2")).isEmpty();
        assertThat(store.article("a-2")).isEmpty();
    }

    @Test
    void threadIsOrderedByPostingTimeThenId() {
        store.apply(List.of(upsert(comment("a-1", "c-b", null, 5), 1), upsert(comment("a-1", "c-z", null, 1), 2),
                upsert(comment("a-1", "c-a", null, 5), 3)));

        assertThat(store.thread("a-1")).extracting(StoredComment::commentId).containsExactly("c-z", "c-a", "c-b");
    }

    @Test
    void replayingTheSameRecordsChangesNothing() throws SQLException {
        List<Change> batch = List.of(upsert(article("a-1", "Title"), 3),
                upsert(moderated("a-1", "c-1", null, T0, Set.of(Flag.OFF_TOPIC, Flag.DUPLICATE), null), 4));
        store.apply(batch);
        List<String> before = rows();

        // The same content read again from later offsets (produced twice) and from the same offsets (a replay).
        store.apply(List.of(upsert(article("a-1", "Title"), 30),
                upsert(moderated("a-1", "c-1", null, T0, Set.of(Flag.DUPLICATE, Flag.OFF_TOPIC), null), 40)));
        store.apply(batch);

        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aNewVerdictReplacesTheOldOne() throws SQLException {
        store.apply(List.of(upsert(moderated("a-1", "c-1", null, T0, Set.of(Flag.OFF_TOPIC), null), 1)));
        Instant firstUpdate = updatedAt("c-1");

        store.apply(List.of(upsert(moderated("a-1", "c-1", null, T0, Set.of(), null), 2)));

        StoredComment c = store.thread("a-1").get(0);
        assertThat(c.flags()).isEmpty();
        assertThat(c.reasons()).isEmpty();
        assertThat(updatedAt("c-1")).isAfterOrEqualTo(firstUpdate);
        assertThat(sourceOffset("c-1")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM comments")).isEqualTo(1);
    }

    @Test
    void aReplayOfAnOlderVerdictLeavesTheRevisionAsItIs() throws SQLException {
        ModeratedComment first = moderated("a-1", "c-1", null, T0, Set.of(Flag.OFF_TOPIC), null);
        ModeratedComment revised = moderated("a-1", "c-1", null, T0, Set.of(), null);
        store.apply(List.of(upsert(first, 1)));
        store.apply(List.of(upsert(revised, 2)));
        Instant revisedAt = updatedAt("c-1");

        // The topic read again from the start, one record per batch: the first version must not come back.
        store.apply(List.of(upsert(first, 1)));
        assertThat(store.thread("a-1").get(0).flags()).isEmpty();
        store.apply(List.of(upsert(revised, 2)));

        assertThat(updatedAt("c-1")).isEqualTo(revisedAt);
        assertThat(sourceOffset("c-1")).isEqualTo(2);
    }

    @Test
    void articleTombstoneDeletesTheArticleButKeepsItsComments() {
        store.apply(List.of(upsert(article("a-1", "Title"), 1), upsert(comment("a-1", "c-1", null, 1), 1)));

        store.apply(List.of(new Change.ArticleDeletion("a-1", "articles", 0, 2)));

        assertThat(store.article("a-1")).isEmpty();
        assertThat(store.thread("a-1")).extracting(StoredComment::commentId).containsExactly("c-1");
    }

    @Test
    void changesOfOneBatchApplyInOrder() {
        store.apply(List.of(upsert(article("a-1", "First"), 1), new Change.ArticleDeletion("a-1", "articles", 0, 2),
                upsert(article("a-1", "Third"), 3)));

        assertThat(store.article("a-1")).get().extracting(StoredArticle::title).isEqualTo("Third");
    }

    @Test
    void aBatchIsAllOrNothingAndARefusedValueIsReportedAsData() throws SQLException {
        ModeratedComment good = comment("a-1", "c-1", null, 1);
        ModeratedComment nul = new ModeratedComment(
                new dev.threadguard.contract.Comment("c-2", "a-1", null, null, null, "PostgreSQL refuses \u0000 in text", T0),
                new Verdict("c-2", "a-1", Set.of(), null, Map.of(), List.of(), "test-1", T0));

        assertThatThrownBy(() -> store.apply(List.of(upsert(good, 1), upsert(nul, 2))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.rejectsData()).isTrue());
        assertThat(count("SELECT count(*) FROM comments")).isZero();
    }

    @Test
    void reviewQueueListsFlaggedCommentsOldestFirstAcrossPages() {
        List<Change> changes = new ArrayList<>();
        changes.add(upsert(article("a-1", "Skype on Azure"), 0));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "c-" + i;
            // Two comments per minute, so that ties on posted_at are broken by comment id across pages.
            Instant at = T0.plusSeconds(60L * (i / 2));
            changes.add(upsert(moderated(i < 5 ? "a-1" : "a-2", id, null, at, Set.of(Flag.SUPPORT_REQUEST), null), i));
            changes.add(upsert(moderated("a-1", "ok-" + i, null, at, Set.of(), null), 100 + i));
            expected.add(id);
        }
        store.apply(changes);

        List<ReviewItem> seen = new ArrayList<>();
        ReviewCursor after = null;
        int pages = 0;
        do {
            ReviewPage page = store.reviewQueue(QueueFilter.ALL, after, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.items());
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(ReviewItem::commentId).containsExactlyElementsOf(expected);
        assertThat(seen.get(0).articleTitle()).isEqualTo("Skype on Azure");
        assertThat(seen.get(6).articleTitle()).isNull();
        assertThat(seen.get(0).flags()).containsExactly("SUPPORT_REQUEST");
        assertThat(seen.get(0).scores()).containsEntry("offTopic", 0.2);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        store.apply(List.of(upsert(moderated("a-1", "c-1", null, T0, Set.of(Flag.DUPLICATE), null), 1),
                upsert(moderated("a-1", "c-2", null, T0, Set.of(Flag.DUPLICATE), null), 2)));

        ReviewPage first = store.reviewQueue(QueueFilter.ALL, null, 2);

        assertThat(first.items()).hasSize(2);
        assertThat(first.next()).isNull();
    }

    @Test
    void reviewQueueFiltersByFlag() {
        store.apply(List.of(
                upsert(moderated("a-1", "c-1", null, T0, Set.of(Flag.DUPLICATE), "c-0"), 1),
                upsert(moderated("a-1", "c-2", null, T0.plusSeconds(1), Set.of(Flag.OFF_TOPIC), null), 2),
                upsert(moderated("a-1", "c-3", null, T0.plusSeconds(2), Set.of(Flag.OFF_TOPIC, Flag.DUPLICATE), "c-1"), 3)));

        assertThat(store.reviewQueue(Flag.DUPLICATE, null, 10).items())
                .extracting(ReviewItem::commentId).containsExactly("c-1", "c-3");
        assertThat(store.reviewQueue(Flag.OFF_TOPIC, null, 10).items())
                .extracting(ReviewItem::commentId).containsExactly("c-2", "c-3");
        assertThat(store.reviewQueue(Flag.SUPPORT_REQUEST, null, 10).items()).isEmpty();
        assertThat(store.reviewQueue(Flag.DUPLICATE, null, 1).next()).isEqualTo(new ReviewCursor(T0, "c-1"));
        assertThat(store.reviewQueue(Flag.DUPLICATE, new ReviewCursor(T0, "c-1"), 10).items())
                .extracting(ReviewItem::commentId).containsExactly("c-3");
    }

    @Test
    void reachableWhileTheDatabaseAnswers() {
        assertThat(store.reachable()).isTrue();
    }

    private static List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String sql : List.of("SELECT a::text FROM articles a ORDER BY article_id",
                "SELECT c::text FROM comments c ORDER BY comment_id")) {
            try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Instant updatedAt(String commentId) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT updated_at FROM comments WHERE comment_id = '" + commentId + "'")) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    private static long sourceOffset(String commentId) throws SQLException {
        return count("SELECT source_offset FROM comments WHERE comment_id = '" + commentId + "'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String sql) throws SQLException {
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }
}
