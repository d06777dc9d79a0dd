package dev.threadguard.benchmarks;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An invented thread for the benchmarks (written for this project, no evaluation data): an article about a city's
 * new bike lanes and comments of about 40 words built from sentences readers might write, some on topic, some
 * off, some asking for help, some repeating others.
 */
final class Corpus {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    static final Article ARTICLE = new Article("bench-a1", "City council approves protected bike lanes on Main Street",
            "The council voted 7-2 to build protected bike lanes along Main Street next spring, removing 140 parking "
                    + "spaces. Shop owners worry about deliveries; cycling groups say the lanes will cut collisions. "
                    + "Construction is expected to take four months and cost 3.2 million dollars.",
            "https://example.org/news/main-street-bike-lanes", T0, List.of("Transport", "City hall"));

    private static final String[] SENTENCES = {
        "I ride down Main Street every morning and the traffic there is frankly terrifying for anyone on two wheels.",
        "Removing a hundred and forty parking spaces will hurt the small shops that already struggle to survive.",
        "Protected lanes work in other cities, collisions dropped sharply once cars and bikes were separated.",
        "Four months of construction on the busiest street in town sounds like a recipe for gridlock all summer.",
        "Delivery trucks will just double park in the bike lane anyway unless someone actually enforces the rules.",
        "Three point two million dollars seems like a lot for a few blocks of paint and concrete curbs.",
        "My kids could finally cycle to school safely if this gets built the way the plan describes.",
        "The council should publish the traffic study so residents can see the numbers behind the decision.",
        "Winter is long here and hardly anyone cycles from November to March, so the lanes will sit empty.",
        "Shop owners said the same thing about the pedestrian plaza and business went up after it opened.",
        "Why not put the lanes on a parallel side street where there is less traffic and fewer stores?",
        "Buses already struggle on Main Street and narrowing the road will make every route slower.",
        "Has anyone asked disabled residents how they will reach the pharmacy without nearby parking?",
        "The vote was seven to two, which tells you the council members read the evidence carefully.",
        "I will believe the four month timeline when I see it, the last road project ran a year late.",
        "My laptop keeps freezing whenever I open the city website, can someone help me fix it please?",
        "Does anyone know why my phone will not connect to the library wifi since the update last week?",
        "Great recipe idea: slow roast the tomatoes with garlic and thyme for two hours before blending.",
        "The playoffs were a disaster last night, the defence collapsed in the third period again.",
        "Cycling groups have been asking for this for a decade and it is good to see them finally heard.",
    };

    private static final String[] VOCABULARY = String.join(" ", SENTENCES).split(" ");
    /** The words of each sentence, split once: generating a comment should cost little next to judging it. */
    private static final String[][] SENTENCE_WORDS = java.util.Arrays.stream(SENTENCES).map(s -> s.split(" "))
            .toArray(String[][]::new);

    private Corpus() {
    }

    /**
     * A comment of about 40 words: three sentences picked by {@code seed}, a third of their words swapped for other
     * words of the corpus, so that comments share topic words as readers' comments do without being near-copies.
     */
    static String text(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (String word : SENTENCE_WORDS[random.nextInt(SENTENCES.length)]) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(random.nextInt(3) == 0 ? VOCABULARY[random.nextInt(VOCABULARY.length)] : word);
            }
        }
        return out.toString();
    }

    /** {@code n} earlier comments of the thread, a few of them replies and one a copy of an earlier one. */
    static List<Comment> thread(int n) {
        List<Comment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String parent = i > 3 && i % 4 == 0 ? out.get(i - 2).commentId() : null;
            String body = i == n - 5 ? out.get(7).body() : text(1000 + i);
            out.add(new Comment("bench-c" + i, ARTICLE.articleId(), parent, "reader" + (i % 17), null, body,
                    T0.plusSeconds(60L * (i + 1))));
        }
        return out;
    }

    /**
     * A new comment, different on every call ({@code sequence} goes into its id and its text), so the benchmarks
     * pay for analysing an unseen text as the service does, instead of hitting the analysis cache.
     */
    static Comment incoming(long sequence, List<Comment> thread) {
        String body = text(sequence % 512) + " Posted from seat " + sequence + ".";
        String parent = sequence % 3 == 0 ? thread.get((int) (sequence % thread.size())).commentId() : null;
        return new Comment("bench-n" + sequence, ARTICLE.articleId(), parent, "reader" + (sequence % 29), null, body,
                T0.plusSeconds(3600 + sequence));
    }

    private static final String[] SUBJECTS = {"the harbour ferry", "a school budget", "the football derby",
        "a new cancer drug", "the housing market", "a wildfire season", "the national election", "a museum reopening",
        "a bank merger", "the winter storm", "a jazz festival", "the airport expansion", "a data breach",
        "the wheat harvest", "a film premiere", "the rail strike", "a hospital waiting list", "the olympic team",
        "a smartphone launch", "the city marathon", "a court ruling on privacy", "the fishing quota",
        "a vaccine campaign", "the mayor's resignation", "a bridge closure"};
    private static final String[] ANGLES = {"What to know about %s", "Critics question %s", "Ten years on: %s",
        "Inside the fight over %s", "Why %s matters to readers", "Residents react to %s", "Opinion: rethink %s",
        "The numbers behind %s", "Live updates on %s", "Experts weigh in on %s", "A quiet change to %s",
        "The cost of %s", "Letters: %s", "How we reported on %s", "Five questions about %s", "The week in %s",
        "Timeline of %s", "A guide to %s", "Officials defend %s", "Photos: %s", "Analysis: %s and what comes next",
        "Readers ask about %s", "Podcast: %s", "Explainer: %s", "Fact check: %s", "A look back at %s",
        "The politics of %s", "Who pays for %s", "Local voices on %s", "Editorial: %s", "Business impact of %s",
        "The science of %s", "Q&A on %s", "Delays hit %s", "New report on %s", "Protest over %s",
        "Interview about %s", "Map: %s", "Costs rise for %s", "Review: %s"};

    /**
     * {@code n} other articles of the same site (invented subjects and headlines, at most 1,000 distinct), as the
     * off-topic detector keeps the recent ones to compare each comment with.
     */
    static List<Article> otherArticles(int n) {
        List<Article> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String subject = SUBJECTS[i % SUBJECTS.length];
            String title = String.format(ANGLES[(i / SUBJECTS.length) % ANGLES.length], subject);
            out.add(new Article("bench-other-" + i, title, title + ". Our reporters followed " + subject
                    + " for the past month and spoke to the people it affects.", null, T0.minusSeconds(3600L * (i + 1)),
                    List.of()));
        }
        return out;
    }
}
