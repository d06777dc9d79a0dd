package dev.threadguard.sink.store;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Decision;
import dev.threadguard.contract.ModeratedComment;
import java.time.Instant;
import java.util.Objects;

/**
 * One write the consumer asks of the store, with the Kafka record it came from (for logs and the
 * dead-letter topic). Changes of one poll are applied in order, in one transaction.
 */
public sealed interface Change {
    String topic();

    int partition();

    long offset();

    /** For logs: which article and comment this change is about. */
    String describe();

    /** The latest version of an article. */
    record ArticleUpsert(Article article, String topic, int partition, long offset) implements Change {
        public ArticleUpsert {
            Objects.requireNonNull(article, "article");
        }

        @Override
        public String describe() {
            return "articleId=" + article.articleId();
        }
    }

    /**
     * A tombstone on the compacted articles topic: the article row goes, its comments stay (they are
     * moderation history and may still be in the review queue); the thread then shows no article.
     */
    record ArticleDeletion(String articleId, String topic, int partition, long offset) implements Change {
        public ArticleDeletion {
            Objects.requireNonNull(articleId, "articleId");
        }

        @Override
        public String describe() {
            return "articleId=" + articleId + " (tombstone)";
        }
    }

    /**
     * A comment with its verdict. {@code postedAt} is the comment's own time, or the record's time when
     * the comment had none ("when missing, the time of arrival", dataset-format.md).
     */
    record CommentUpsert(ModeratedComment moderated, Instant postedAt, String topic, int partition, long offset)
            implements Change {
        public CommentUpsert {
            Objects.requireNonNull(moderated, "moderated");
            Objects.requireNonNull(postedAt, "postedAt");
        }

        @Override
        public String describe() {
            return "commentId=" + moderated.comment().commentId() + " articleId=" + moderated.comment().articleId();
        }
    }

    /** A moderator's decision; applied once (by decision id), as soon as its comment is stored. */
    record DecisionTaken(Decision decision, String topic, int partition, long offset) implements Change {
        public DecisionTaken {
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public String describe() {
            return "decisionId=" + decision.decisionId() + " commentId=" + decision.commentId() + " action="
                    + decision.action();
        }
    }
}
