package dev.threadguard.moderation.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.SampleThread;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.offtopic.MiniLmEmbedder;
import dev.threadguard.moderation.offtopic.OffTopicFinding;
import dev.threadguard.moderation.offtopic.OffTopicVectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judge's two opinions: the hot path's without the transformer, and the second opinion that judges the
 * off-topic check again from the context the first one hands over.
 */
class SecondOpinionJudgeTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private record Judged(Comment comment, ThreadContext context, CommentJudge.FirstOpinion first) {
    }

    private static List<Judged> firstOpinions(CommentJudge judge) {
        Map<String, Article> articles = new HashMap<>();
        Map<String, Comment> byId = new HashMap<>();
        List<Comment> earlier = new ArrayList<>();
        List<Judged> out = new ArrayList<>();
        for (Event e : SampleThread.events()) {
            if (e instanceof Article a) {
                articles.put(a.articleId(), a);
            } else if (e instanceof Comment c) {
                Comment parent = c.parentId() == null ? null : byId.get(c.parentId());
                ThreadContext context = new ThreadContext(articles.get(c.articleId()), parent, List.copyOf(earlier));
                out.add(new Judged(c, context, judge.firstOpinion(c, context, NOW)));
                byId.put(c.commentId(), c);
                earlier.add(c);
            }
        }
        return out;
    }

    @Test
    void theHotPathNeverRunsTheTransformerAndTheSecondOpinionGivesTheFullChecksJudgement() {
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults());
        long before = MiniLmEmbedder.textsEmbedded();
        List<Judged> judged = firstOpinions(judge);
        assertThat(MiniLmEmbedder.textsEmbedded()).as("texts through MiniLM on the hot path").isEqualTo(before);

        int pending = 0;
        for (Judged j : judged) {
            ThreadContext ctx = j.context();
            Verdict first = j.first().verdict();
            assertThat(first.awaiting()).isEmpty();
            // The full hybrid check over the whole thread, as the judge ran it inline before the second opinion.
            SecondOpinion request = j.first().pending();
            if (request == null) {
                continue;
            }
            double cue = request.cueScore();
            pending++;
            assertThat(request.article()).isSameAs(ctx.article());
            assertThat(request.parent()).isSameAs(ctx.parent());
            assertThat(request.recent()).isSubsetOf(ctx.earlier()).doesNotContain(j.comment());
            OffTopicFinding full = judge.offTopic().detect(j.comment(), ctx.article(), ctx.parent(), ctx.earlier(), cue);
            Verdict revised = judge.secondOpinion(j.comment(), first, request);
            assertThat(revised.scores().get(Flag.OFF_TOPIC.scoreKey())).isCloseTo(full.score(), within(0.0005));
            assertThat(revised.flags().contains(Flag.OFF_TOPIC))
                    .isEqualTo(full.score() >= DetectorConfig.DEFAULT_OFF_TOPIC_THRESHOLD);
            assertThat(judge.judge(j.comment(), ctx, NOW)).isEqualTo(revised);
        }
        assertThat(pending).as("comments of the sample thread the static vectors do not clear").isPositive()
                .isLessThan(judged.size());
        assertThat(MiniLmEmbedder.textsEmbedded()).as("the second opinions ran the transformer").isGreaterThan(before);
    }

    @Test
    void aCommentTheStaticVectorsClearIsJudgedAsTheFullCheckWouldHave() {
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults());
        CommentJudge full = new CommentJudge(DetectorConfig.defaults());
        for (Judged j : firstOpinions(judge)) {
            if (j.first().pending() == null) {
                assertThat(full.judge(j.comment(), j.context(), NOW)).isEqualTo(j.first().verdict());
            }
        }
    }

    @Test
    void withoutATransformerInTheCheckNothingIsPending() {
        for (DetectorConfig config : List.of(DetectorConfig.defaults().withOffTopicVectors(OffTopicVectors.STATIC),
                DetectorConfig.defaults().withOffTopicEmbeddings(false))) {
            assertThat(firstOpinions(new CommentJudge(config))).allMatch(j -> j.first().pending() == null);
        }
    }

    @Test
    void theRevisionReplacesOnlyTheOffTopicJudgementAndKeepsItAfterADuplicateFoundLater() {
        CommentJudge judge = new CommentJudge(DetectorConfig.defaults());
        Judged help = firstOpinions(judge).stream().filter(j -> j.comment().commentId().equals("c-11")).findFirst()
                .orElseThrow();
        assertThat(help.first().pending()).as("the help request is judged again").isNotNull();
        Verdict first = help.first().verdict();
        // As the author stage would have it: a copy found after the thread stage.
        Verdict copied = judge.withDuplicate(first, new dev.threadguard.moderation.duplicate.DuplicateFinding(0.97,
                "c-x", "same text as c-x by the same author"));
        Verdict revised = judge.secondOpinion(help.comment(), copied, help.first().pending());
        assertThat(revised.flags()).contains(Flag.DUPLICATE, Flag.SUPPORT_REQUEST, Flag.OFF_TOPIC);
        assertThat(revised.duplicateOf()).isEqualTo("c-x");
        assertThat(revised.reasons().get(0)).startsWith("duplicate: ");
        assertThat(revised.reasons().get(1)).startsWith("off topic: ");
        assertThat(revised.reasons()).filteredOn(r -> r.startsWith("off topic")).hasSize(1);
        assertThat(revised.reasons().subList(2, revised.reasons().size()))
                .isEqualTo(copied.reasons().stream().filter(r -> !r.startsWith("off topic")
                        && !r.startsWith("borderline off topic") && !r.startsWith("duplicate: ")).toList());
        assertThat(revised.scores().get(Flag.SUPPORT_REQUEST.scoreKey()))
                .isEqualTo(copied.scores().get(Flag.SUPPORT_REQUEST.scoreKey()));
    }
}
