package dev.threadguard.sink.store;

import static dev.threadguard.sink.store.Sql.instant;
import static dev.threadguard.sink.store.Sql.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.threadguard.contract.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** A comment as the readers select it from the {@code comments} view (aliased "c"), and its mapping. */
final class CommentRows {
    static final String COLUMNS = """
            c.comment_id, c.article_id, c.parent_id, c.author, c.title, c.body, c.posted_at,
            c.flags, c.duplicate_of, c.scores, c.reasons, c.detector_version, c.judged_at,
            c.awaiting, c.status, c.queue_flags, c.teams, c.dismissed_flags, c.decision_reason""";

    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };

    private CommentRows() {
    }

    static StoredComment comment(ResultSet rs) throws SQLException {
        return new StoredComment(
                rs.getString("comment_id"),
                rs.getString("article_id"),
                rs.getString("parent_id"),
                rs.getString("author"),
                rs.getString("title"),
                rs.getString("body"),
                instant(rs, "posted_at"),
                strings(rs.getArray("flags")),
                rs.getString("duplicate_of"),
                scores(rs.getString("scores")),
                strings(rs.getArray("reasons")),
                rs.getString("detector_version"),
                instant(rs, "judged_at"),
                strings(rs.getArray("awaiting")),
                rs.getString("status"),
                strings(rs.getArray("queue_flags")),
                strings(rs.getArray("teams")),
                strings(rs.getArray("dismissed_flags")),
                rs.getString("decision_reason"));
    }

    private static Map<String, Double> scores(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, SCORES);
        } catch (JsonProcessingException e) {
            throw new SQLException("scores column holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
