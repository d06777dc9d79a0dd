package dev.threadguard.moderation;

import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.judge.CommentJudge;
import dev.threadguard.moderation.metrics.ModerationMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The off-topic check's second opinion, off the hot path: for a comment whose provisional verdict went out with
 * {@code awaiting: [OFF_TOPIC]}, the hybrid check again with the MiniLM transformer (about 5 ms a text, the reason
 * it is not in the thread stage), on the context the first judgement read ({@link JudgedComment#secondOpinion()}),
 * and the revised, final verdict to {@code comments.moderated} under the same key, after the provisional one.
 *
 * <p>Stateless apart from the judge's caches: its own sub-topology behind the {@code second-opinion} repartition
 * topic, so its tasks can run on other stream threads or instances than the thread stage, and a backlog here never
 * delays a first verdict. Should the second opinion throw, the first verdict is published as final (logged): a
 * comment never keeps a provisional verdict because of it. A record that carries no second opinion (never written
 * by this build) is dropped; one that cannot be read goes to the dead-letter topic like any other, and its comment
 * then keeps its provisional verdict.
 */
final class SecondOpinionProcessor implements Processor<String, JudgedComment, String, ModeratedComment> {
    private static final Logger LOG = LoggerFactory.getLogger(SecondOpinionProcessor.class);

    private final CommentJudge judge;
    private ProcessorContext<String, ModeratedComment> context;
    private ModerationMetrics.DetectorTimer timing;

    SecondOpinionProcessor(CommentJudge judge) {
        this.judge = judge;
    }

    @Override
    public void init(ProcessorContext<String, ModeratedComment> context) {
        this.context = context;
        this.timing = ModerationMetrics.detectorTimer(context.appConfigs(), ModerationMetrics.SECOND_OPINION);
    }

    @Override
    public void process(Record<String, JudgedComment> record) {
        JudgedComment judged = record.value();
        if (judged == null || judged.verdict() == null || judged.secondOpinion() == null) {
            LOG.warn("a record on the second-opinion topic without a pending second opinion (key {}); skipped",
                    record.key());
            return;
        }
        Verdict revised;
        try {
            revised = timing.time(() -> judge.secondOpinion(judged.comment(), judged.verdict(), judged.secondOpinion()));
        } catch (RuntimeException e) {
            // The comment must not keep a provisional verdict for ever: the static vectors' judgement becomes final,
            // as when the transformer itself fails inside the check.
            LOG.warn("comment {} of article {}: the off-topic second opinion failed ({}); its first verdict stands as final",
                    judged.comment().commentId(), judged.comment().articleId(), e.toString(), e);
            revised = judged.verdict();
        }
        LOG.debug("comment {} of article {}: second opinion {} (first {})", judged.comment().commentId(),
                judged.comment().articleId(), revised.flags(), judged.verdict().flags());
        context.forward(record.withValue(new ModeratedComment(judged.comment(), revised)));
    }
}
