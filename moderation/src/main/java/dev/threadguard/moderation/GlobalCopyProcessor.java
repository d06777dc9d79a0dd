package dev.threadguard.moderation;

import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.duplicate.CopySignature;
import dev.threadguard.moderation.duplicate.DuplicateDetector;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global copy search, after the repartition by copy anchor ({@link DuplicateDetector#copyAnchor}): a copy by
 * anyone, in any thread, up to {@code DUPLICATE_GLOBAL_RETENTION_DAYS} old. Each task owns a set of anchors; a
 * verbatim copy has its original's anchor, so the two meet in one task whatever their threads' partitions.
 *
 * <p>State: a window store keyed by anchor, windowed by record time, retention = the global reach; value = the
 * comment's {@link CopyEntry} (ids, author, postedAt, copy signature; no text). Old segments are dropped whole and
 * the changelog expires by time, so a comment costs one store write over its whole life, no tombstone. A lookup
 * reads the anchor's entries from reach before the record's time up to reach after it (a later-posted copy that
 * arrived first is in there too), newest first and at most {@value #MAX_CANDIDATES} of them: an anchor that many
 * comments share (a stock phrase, a spam campaign) costs a bounded read, and a copy among them still finds one of
 * the newest. Candidates are compared by signature alone ({@link DuplicateDetector#detectSigned}): which is the
 * copy goes by postedAt, the earliest-posted original is named, and the reason says it was found by signature.
 * Candidates in the comment's own thread are the thread stage's business and are skipped; a comment the thread
 * stage already flagged as a duplicate is stored but not compared again.
 *
 * <p>Not thread-safe: a task is processed by one stream thread.
 */
final class GlobalCopyProcessor implements Processor<Long, JudgedComment, String, JudgedComment> {
    /** Entries of one anchor read per lookup, newest first. */
    static final int MAX_CANDIDATES = 64;
    /** Appended to the reason of a copy found here, where only the original's signature is kept. */
    static final String BY_SIGNATURE = " (found by signature: the original's text is no longer held)";
    private static final Logger LOG = LoggerFactory.getLogger(GlobalCopyProcessor.class);

    private final CommentJudge judge;
    private final DuplicateDetector duplicates;
    private final long reachMs;
    private ProcessorContext<String, JudgedComment> context;
    private WindowStore<Long, CopyEntry> copies;
    private ModerationMetrics.DetectorTimer checking;

    GlobalCopyProcessor(CommentJudge judge, ModerationConfig config) {
        this.judge = judge;
        this.duplicates = judge.duplicates();
        this.reachMs = config.globalRetention().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, JudgedComment> context) {
        this.context = context;
        this.copies = context.getStateStore(ModerationTopology.GLOBAL_COPIES_STORE);
        this.checking = ModerationMetrics.detectorTimer(context.appConfigs(), "duplicate_global");
    }

    @Override
    public void process(Record<Long, JudgedComment> record) {
        long anchor = record.key();
        Comment comment = record.value().comment();
        Verdict verdict = record.value().verdict();
        long time = record.timestamp();
        List<DuplicateDetector.Candidate> candidates = new ArrayList<>();
        boolean known = false;
        try (WindowStoreIterator<CopyEntry> it = copies.backwardFetch(anchor, Math.max(0, time - reachMs),
                time > Long.MAX_VALUE - reachMs ? Long.MAX_VALUE : time + reachMs)) {
            for (int read = 0; read < MAX_CANDIDATES && it.hasNext(); read++) {
                KeyValue<Long, CopyEntry> kv = it.next();
                CopyEntry e = kv.value;
                if (e.commentId() == null) {
                    continue; // never written (the thread stage refuses comments without an id); not comparable
                }
                if (e.commentId().equals(comment.commentId())) {
                    known = true; // delivered again: its entry stays the one it has
                } else if (!Objects.equals(e.articleId(), comment.articleId())) {
                    candidate(e, candidates);
                }
            }
        }
        DuplicateFinding found = DuplicateFinding.NONE;
        if (!candidates.isEmpty() && !verdict.flags().contains(Flag.DUPLICATE)) {
            found = checking.time(() -> duplicates.detectSigned(comment, candidates));
        }
        Verdict checked = verdict;
        if (found.flagged()) {
            checked = judge.withDuplicate(verdict, new DuplicateFinding(found.score(), found.duplicateOf(),
                    found.reason() + BY_SIGNATURE));
            LOG.info("comment {} of article {} copies {} from another thread: {}", comment.commentId(),
                    comment.articleId(), found.duplicateOf(), found.reason());
        }
        if (!known) {
            CopySignature signature = duplicates.signature(comment);
            copies.put(anchor, CopyEntry.of(comment, signature, time), time);
        }
        context.forward(new Record<>(comment.articleId(), record.value().withVerdict(checked), time));
    }

    private static void candidate(CopyEntry e, List<DuplicateDetector.Candidate> out) {
        try {
            out.add(e.candidate());
        } catch (IllegalArgumentException unreadable) {
            // Only a signature of a format this build does not know (a downgrade): it cannot be compared.
            LOG.debug("copy signature of comment {} unreadable: {}", e.commentId(), unreadable.getMessage());
        }
    }
}
