package dev.threadguard.sink.store;

import static dev.threadguard.sink.Samples.T0;
import static dev.threadguard.sink.Samples.awaitingOffTopic;
import static dev.threadguard.sink.Samples.moderated;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provisional verdict and its revision (same key, so later on the same partition) through CommentStore, against a
 * real PostgreSQL: the revision wins whether it comes in a later batch or the same one, and the provisional record
 * read again (a replay: its older offset) changes nothing.
 */
class ProvisionalVerdictStoreTest {
    private static final ModeratedComment PROVISIONAL =
            awaitingOffTopic(moderated("a-1", "c-1", null, T0, Set.of(Flag.OFF_TOPIC), null));
    private static final ModeratedComment REVISED = moderated("a-1", "c-1", null, T0, Set.of(), null);

    private static HikariDataSource pool;
    private CommentStore store;

    @BeforeAll
    static void database() {
        pool = FreshDatabase.create("sink_provisional_store").migratedPool();
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
        return new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 2, offset);
    }

    private StoredComment stored() {
        return store.thread("a-1").get(0);
    }

    /** The whole row, clock times included. */
    private static String row(String commentId) throws SQLException {
        try (Connection conn = pool.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT v::text FROM comment_verdicts v WHERE comment_id = ?")) {
            ps.setString(1, commentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void theRevisionInALaterBatchWinsAndTheProvisionalReadAgainChangesNothing() throws Exception {
        store.apply(List.of(upsert(PROVISIONAL, 10)));
        assertThat(stored().awaiting()).containsExactly("OFF_TOPIC");
        assertThat(stored().flags()).containsExactly("OFF_TOPIC");
        assertThat(stored().queueFlags()).containsExactly("OFF_TOPIC");

        store.apply(List.of(upsert(REVISED, 11)));
        assertThat(stored().awaiting()).isEmpty();
        assertThat(stored().flags()).isEmpty();
        assertThat(stored().queueFlags()).isEmpty();
        String revised = row("c-1");

        // A replay of the topic: the provisional record (offset 10) then the revision (offset 11) again.
        store.apply(List.of(upsert(PROVISIONAL, 10)));
        assertThat(row("c-1")).isEqualTo(revised);
        store.apply(List.of(upsert(REVISED, 11)));
        assertThat(row("c-1")).isEqualTo(revised);
    }

    @Test
    void theRevisionInTheSameBatchWins() {
        store.apply(List.of(upsert(PROVISIONAL, 10), upsert(REVISED, 11)));

        assertThat(stored().awaiting()).isEmpty();
        assertThat(stored().flags()).isEmpty();
    }

    /** The second opinion agrees: only {@code awaiting} differs, and that alone is a change to store. */
    @Test
    void aRevisionThatOnlyEndsTheWaitIsStored() {
        ModeratedComment confirmed = moderated("a-1", "c-1", null, T0, Set.of(Flag.OFF_TOPIC), null);
        store.apply(List.of(upsert(PROVISIONAL, 10)));
        store.apply(List.of(upsert(confirmed, 11)));

        assertThat(stored().awaiting()).isEmpty();
        assertThat(stored().flags()).containsExactly("OFF_TOPIC");
    }
}
