package dev.threadguard.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An input event: what the ingest API accepts, what a dataset line holds and what travels on Kafka.
 * The {@code type} property names the kind; it is optional when the target type is known (an HTTP
 * route, a topic), which is why the mapper does not require it for subtypes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Article.class, name = "article"),
    @JsonSubTypes.Type(value = Comment.class, name = "comment")
})
public sealed interface Event permits Article, Comment {
    String articleId();
}
