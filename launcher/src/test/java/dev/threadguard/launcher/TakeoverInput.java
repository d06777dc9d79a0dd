package dev.threadguard.launcher;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Utils;

/**
 * The fixed input of {@link StandbyTakeoverIT}, in the order it is sent: articles (two per input partition, so both
 * instances hold threads), the originals, a stream of unrelated comments during which one instance is killed, then
 * the second wave (copies of the originals in their own thread, in another thread by the same author and by a
 * stranger, replies to them) mixed with more unrelated comments. The second wave is judged right with the state the
 * first one left: after the kill, part of that state lives only in the survivor's standby copies.
 *
 * <p>The unrelated comments are word strings drawn with a fixed seed from a plain vocabulary, each by its own author,
 * so that none is a copy of another: which of two copies in different partitions is judged first depends on how the
 * partitions interleave, and a single-instance run could not then be the reference.
 */
record TakeoverInput(List<Article> articles, List<Comment> originals, List<Comment> duringKill,
                     List<Comment> secondWave) {
    /**
     * Recent, not a fixed date: the input topics are shared with the other integration tests of this JVM, whose
     * records carry today's times, and retention is measured in stream time.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    static final int ARTICLES = 8;
    private static final int DURING_KILL = 240;
    private static final int FILLERS_IN_SECOND_WAVE = 40;
    private static final String[] OPINIONS = {
        "Moving the whole Skype backend onto Azure is the riskiest migration Microsoft has tried in years.",
        "Call quality dropped for me the week they switched, and nobody explained what actually changed.",
        "I still remember when Skype was peer to peer and ran fine on a ten year old laptop at home.",
        "The real story here is the price of running millions of calls through somebody else's data centre.",
        "Regulators should look at how much of our daily talk now passes through a single company's servers.",
        "My parents only use it for the weekly call and they will not notice any of this at all, honestly.",
        "Every big move to a new platform promises lower costs, and the savings rarely reach the customers.",
        "Our team lost half a day of meetings to the login change, so forgive me if I am not celebrating."};
    private static final String[] REPLIES = {
        "Fair point, though the migration itself went smoothly for most people I know.",
        "My office switched last month and the only thing anyone noticed was a new login screen.",
        "Do you have a source for the outage numbers? I could not find them anywhere official.",
        "Peer to peer had its own problems, supernodes on home machines were never a great idea.",
        "Pricing is the part nobody will talk about until the bills for the business tier arrive.",
        "Same here, my grandmother would not notice if they moved it to the moon tomorrow.",
        "Cheaper for them, maybe, but the subscription went up for us the same quarter.",
        "Half a day is nothing, our help desk spent a full week resetting passwords after it."};
    private static final String[] WORDS = ("garden window river kitchen bicycle morning winter harbour library "
            + "lantern orchard meadow pencil ladder village market bridge candle forest island mountain valley "
            + "cottage blanket teapot umbrella violin painter baker sailor farmer potter weaver tailor carpenter "
            + "walks carries paints bakes repairs folds sweeps plants gathers builds sings reads writes counts "
            + "quietly slowly early late gently often rarely happily carefully warmly brightly softly "
            + "green yellow wooden narrow ancient sunny rainy tidy crooked heavy silver golden broad tall "
            + "apples pears cherries plums turnips onions carrots barley oats honey bread cheese butter "
            + "stones shells feathers buttons ribbons baskets bottles chairs tables shelves drawers boxes").split(" ");

    /** @param partitions the input topics' partition count: article i lands in partition i mod partitions */
    static TakeoverInput create(String run, int partitions) {
        List<Article> articles = new ArrayList<>();
        for (int a = 0; a < ARTICLES; a++) {
            String id = articleIdIn(run, a, a % partitions, partitions);
            articles.add(new Article(id, "Skype moves onto Azure, part " + a,
                    "Microsoft moves the Skype service onto its Azure servers.", "https://example.com/" + id, T0,
                    List.of("skype")));
        }
        List<Comment> originals = new ArrayList<>();
        for (int a = 0; a < ARTICLES; a++) {
            originals.add(comment(run, "w1-" + a, articles.get(a), null, "author-" + a, OPINIONS[a], a));
        }
        Random random = new Random(20261129L);
        List<Comment> duringKill = new ArrayList<>();
        for (int i = 0; i < DURING_KILL; i++) {
            duringKill.add(comment(run, "f1-" + i, articles.get(i % ARTICLES), null, "f1-reader-" + i,
                    words(random), 100 + i));
        }
        List<Comment> secondWave = new ArrayList<>();
        for (int a = 0; a < ARTICLES; a++) {
            Comment original = originals.get(a);
            int second = 1_000 + 10 * a;
            secondWave.add(comment(run, "w2-same-" + a, articles.get((a + 1) % ARTICLES), null, "author-" + a,
                    OPINIONS[a], second));
            secondWave.add(comment(run, "w2-thread-" + a, articles.get(a), null, "someone-" + a, OPINIONS[a],
                    second + 1));
            secondWave.add(comment(run, "w2-reply-" + a, articles.get(a), original.commentId(), "replier-" + a,
                    REPLIES[a], second + 2));
            // A copy by someone else in a third thread: found by the global copy search, whose store moves with its tasks.
            secondWave.add(comment(run, "w2-other-" + a, articles.get((a + 2) % ARTICLES), null, "stranger-" + a,
                    OPINIONS[a], second + 3));
            for (int f = 0; f < FILLERS_IN_SECOND_WAVE / ARTICLES; f++) {
                secondWave.add(comment(run, "f2-" + a + "-" + f, articles.get((a + f) % ARTICLES), null,
                        "f2-reader-" + a + "-" + f, words(random), second + 4 + f));
            }
        }
        return new TakeoverInput(List.copyOf(articles), List.copyOf(originals), List.copyOf(duringKill),
                List.copyOf(secondWave));
    }

    List<Comment> comments() {
        List<Comment> all = new ArrayList<>(originals);
        all.addAll(duringKill);
        all.addAll(secondWave);
        return all;
    }

    /** The partition the producer's default partitioner picks for an article's key (murmur2 of its bytes). */
    static int partitionOf(String articleId, int partitions) {
        return Utils.toPositive(Utils.murmur2(articleId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static String articleIdIn(String run, int article, int partition, int partitions) {
        for (int attempt = 0; ; attempt++) {
            String id = "a-" + run + "-" + article + "-" + attempt;
            if (partitionOf(id, partitions) == partition) {
                return id;
            }
        }
    }

    private static String words(Random random) {
        StringBuilder text = new StringBuilder();
        int count = 14 + random.nextInt(9);
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static Comment comment(String run, String id, Article article, String parentId, String author, String body,
                                   int second) {
        return new Comment("c-" + run + "-" + id, article.articleId(), parentId, author, null, body,
                T0.plusSeconds(60 + second));
    }
}
