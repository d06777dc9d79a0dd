package dev.threadguard.sink.consume;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.EventValidator;
import dev.threadguard.contract.InvalidEventException;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TimeRange;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import dev.threadguard.contract.Violation;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.StorableTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one raw record into a {@link Change}. Values are decoded here rather than in a Kafka
 * deserializer so that one bad record fails alone, with its bytes still at hand for the dead-letter topic.
 */
public final class RecordDecoder {
    private RecordDecoder() {
    }

    /** @throws PoisonRecordException naming what is wrong, for a record that can never be stored */
    public static Change decode(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.ARTICLES.name())) {
            return article(record);
        }
        if (topic.equals(Topics.COMMENTS_MODERATED.name())) {
            return moderatedComment(record);
        }
        if (topic.equals(Topics.DECISIONS.name())) {
            return decision(record);
        }
        throw new PoisonRecordException("the sink does not read topic " + topic);
    }

    private static Change article(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                throw new PoisonRecordException("a tombstone on " + record.topic() + " needs the articleId as its key");
            }
            return new Change.ArticleDeletion(record.key(), record.topic(), record.partition(), record.offset());
        }
        Article article = read(record, Article.class);
        storable("publishedAt", article.publishedAt());
        return new Change.ArticleUpsert(article, record.topic(), record.partition(), record.offset());
    }

    private static Change moderatedComment(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecordException("a record on " + record.topic() + " needs a value, got a tombstone");
        }
        ModeratedComment moderated = read(record, ModeratedComment.class);
        // ModeratedComment is not an Event, so Json.read checked only its JSON shape: check the parts here.
        List<Violation> violations = validate(moderated);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException(new InvalidEventException(violations).getMessage());
        }
        Comment comment = moderated.comment();
        Instant postedAt = comment.postedAt() != null ? comment.postedAt() : Instant.ofEpochMilli(record.timestamp());
        storable("comment.postedAt", postedAt);
        storable("verdict.judgedAt", moderated.verdict().judgedAt());
        return new Change.CommentUpsert(moderated, postedAt, record.topic(), record.partition(), record.offset());
    }

    private static Change decision(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonRecordException("a record on " + record.topic() + " needs a value, got a tombstone");
        }
        Decision decision = read(record, Decision.class);
        List<Violation> violations = decision.violations();
        if (!violations.isEmpty()) {
            throw new PoisonRecordException(new InvalidEventException(violations).getMessage());
        }
        storable("decidedAt", decision.decidedAt());
        // Keyed otherwise, decisions about one comment could be applied out of order.
        if (!decision.commentId().equals(record.key())) {
            throw new PoisonRecordException("a decision must be keyed by its commentId " + decision.commentId()
                    + ", got key " + record.key());
        }
        return new Change.DecisionTaken(decision, record.topic(), record.partition(), record.offset());
    }

    /**
     * The contract's rules of a moderated comment ({@link EventValidator#validateModerated}: the comment's rules and
     * every instant, {@code verdict.judgedAt} included, in the records' time range), and a verdict about that comment.
     */
    static List<Violation> validate(ModeratedComment moderated) {
        List<Violation> out = new ArrayList<>(EventValidator.validateModerated(moderated, TimeRange.forRecords()));
        Comment comment = moderated.comment();
        Verdict verdict = moderated.verdict();
        if (comment != null && verdict != null) {
            if (verdict.commentId() != null && !Objects.equals(verdict.commentId(), comment.commentId())) {
                out.add(new Violation("verdict.commentId",
                        "is " + verdict.commentId() + " but the comment is " + comment.commentId()));
            }
            if (verdict.articleId() != null && !Objects.equals(verdict.articleId(), comment.articleId())) {
                out.add(new Violation("verdict.articleId",
                        "is " + verdict.articleId() + " but the comment belongs to " + comment.articleId()));
            }
        }
        return out;
    }

    private static void storable(String field, Instant value) {
        StorableTime.problem(field, value).ifPresent(problem -> {
            throw new PoisonRecordException(problem);
        });
    }

    private static <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return Json.read(record.value(), type);
        } catch (InvalidEventException e) {
            throw new PoisonRecordException(e.getMessage());
        }
    }
}
