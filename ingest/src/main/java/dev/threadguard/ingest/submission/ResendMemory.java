package dev.threadguard.ingest.submission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.threadguard.contract.Comment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * The comment ids this ingest instance accepted lately, each with its {@link SubmissionContent}, so that a client
 * that sends an accepted id again is answered at once: an identical resend is accepted again without publishing it
 * twice, a resend with other content is refused (409). Bounded in entries and time (Caffeine); an id it no longer
 * remembers, or one accepted by another instance, reaches moderation, which knows every comment of its thread and
 * dead-letters a conflicting resend there. Thread-safe.
 */
public final class ResendMemory {
    private final ConcurrentMap<String, Seen> seen;

    /** One remembered id: its content, and whether its publication was committed (false while in flight). */
    private record Seen(SubmissionContent content, boolean committed) {
    }

    /** An id sent again with other content than the one remembered; {@code index} is its place in the request. */
    public record Conflict(int index, String commentId) {
    }

    /** Some ids of a request were accepted earlier with other content. */
    public static final class ConflictException extends RuntimeException {
        private final transient List<Conflict> conflicts;

        ConflictException(List<Conflict> conflicts) {
            super(conflicts.size() + " comment id(s) already accepted with other content", null, false, false);
            this.conflicts = List.copyOf(conflicts);
        }

        public List<Conflict> conflicts() {
            return conflicts;
        }
    }

    /**
     * What a request may publish: {@link #toPublish()}, and the ids it repeats of comments already committed
     * ({@link #repeated()}). {@link #committed()} once published, {@link #released()} when publishing failed.
     */
    public final class Claim {
        private final List<Comment> toPublish;
        private final List<String> repeated;
        private final Map<String, Seen> reserved;

        private Claim(List<Comment> toPublish, List<String> repeated, Map<String, Seen> reserved) {
            this.toPublish = List.copyOf(toPublish);
            this.repeated = List.copyOf(repeated);
            this.reserved = reserved;
        }

        public List<Comment> toPublish() {
            return toPublish;
        }

        public List<String> repeated() {
            return repeated;
        }

        public void committed() {
            reserved.forEach((id, pending) -> seen.replace(id, pending, new Seen(pending.content(), true)));
        }

        public void released() {
            reserved.forEach(seen::remove);
        }
    }

    /** Remembers at most {@code maxIds} ids, each for {@code ttl}; {@code maxIds} 0 remembers none. */
    public ResendMemory(int maxIds, Duration ttl) {
        Cache<String, Seen> cache = Caffeine.newBuilder()
                .maximumSize(maxIds)
                .expireAfterWrite(ttl.isZero() ? Duration.ofNanos(1) : ttl)
                // Evict on the caller's thread: a bounded amount of work, and no pool thread per instance.
                .executor(Runnable::run)
                .build();
        this.seen = cache.asMap();
    }

    /**
     * Checks {@code comments} (ids unique within the request) against the ids remembered and reserves the new ones.
     * An id in flight in another request with the same content is published again: its first publication may still
     * fail, and moderation judges a repeat only once.
     *
     * @throws ConflictException naming every id remembered with other content; nothing is reserved then
     */
    public Claim claim(List<Comment> comments) {
        List<Comment> toPublish = new ArrayList<>(comments.size());
        List<String> repeated = new ArrayList<>();
        Map<String, Seen> reserved = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            Comment c = comments.get(i);
            Seen mine = new Seen(SubmissionContent.of(c), false);
            Seen earlier = seen.putIfAbsent(c.commentId(), mine);
            if (earlier == null) {
                reserved.put(c.commentId(), mine);
                toPublish.add(c);
            } else if (!earlier.content().equals(mine.content())) {
                conflicts.add(new Conflict(i, c.commentId()));
            } else if (earlier.committed()) {
                repeated.add(c.commentId());
            } else {
                toPublish.add(c);
            }
        }
        if (!conflicts.isEmpty()) {
            reserved.forEach(seen::remove);
            throw new ConflictException(conflicts);
        }
        return new Claim(toPublish, repeated, reserved);
    }
}
