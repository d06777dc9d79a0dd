package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Invented traffic with a fixed seed, shaped like the development set: threads of very different sizes
 * (a few long ones, capped at {@link #MAX_THREAD}, many short), replies to recent comments, 20 to 80 words
 * per comment, and the shares of the three kinds moderation flags: reposts by the same author (exact or with
 * one word dropped, in the same thread or another), off-topic comments (about another article's subject) and
 * help requests to the site. The same seed gives the same articles and comments, ids aside.
 *
 * @param articles the articles, each before any of its comments
 * @param comments the comments in posting order, evenly spread over the hour that ends at the time given to
 *                 {@link #generate}
 */
record Traffic(List<Article> articles, List<Comment> comments) {
    static final int MAX_THREAD = 500;
    static final int MIN_WORDS = 20;
    static final int MAX_WORDS = 80;
    /** Shares like the development set's: ~6% duplicates, ~7% off-topic, ~4% support requests. */
    static final double DUPLICATE_SHARE = 0.06;
    static final double OFF_TOPIC_SHARE = 0.07;
    static final double SUPPORT_SHARE = 0.04;
    static final double REPLY_SHARE = 0.4;
    private static final double ZIPF_EXPONENT = 0.8;
    private static final java.time.Duration SPAN = java.time.Duration.ofHours(1);

    /**
     * @param prefix   put in front of every id, so runs and stages never share one
     * @param articles how many articles; comments are spread over them by a Zipf law, at most 500 each
     * @param comments how many comments; at most {@code 500 × articles}
     * @param endsAt   the posting time of the last comment
     */
    static Traffic generate(long seed, String prefix, int articles, int comments, Instant endsAt) {
        if ((long) articles * MAX_THREAD < comments) {
            throw new IllegalArgumentException(comments + " comments do not fit in " + articles + " threads of at most "
                    + MAX_THREAD + "; give more articles");
        }
        Random r = new Random(seed);
        // Spread over the hour before endsAt, as on a busy site: moderation reasons about posting times (a repost
        // in the same second reads differently from one an hour later) and keeps state by stream time.
        Instant start = endsAt.minus(SPAN);
        double gapMillis = SPAN.toMillis() / (double) comments;
        List<Article> arts = new ArrayList<>(articles);
        List<Fragments.Subject> subjects = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            Fragments.Subject s = Fragments.SUBJECTS.get(r.nextInt(Fragments.SUBJECTS.size()));
            subjects.add(s);
            String id = prefix + "a" + i;
            String title = Fragments.sentence(s, r);
            arts.add(new Article(id, title.substring(0, title.length() - 1), Fragments.text(s, r, 150),
                    "https://news.example/" + s.name() + "/" + id, start.minusSeconds(3600), List.of(s.name()),
                    null));
        }
        double[] cumulative = zipf(articles);
        int[] sizes = new int[articles];
        List<List<Comment>> threads = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            threads.add(new ArrayList<>());
        }
        Map<String, List<Comment>> byAuthor = new HashMap<>();
        List<Comment> out = new ArrayList<>(comments);
        int authors = Math.max(50, articles * 12); // not from the count: a longer run starts with the same comments
        for (int i = 0; i < comments; i++) {
            int a = thread(cumulative, sizes, r);
            List<Comment> thread = threads.get(a);
            String articleId = arts.get(a).articleId();
            String id = prefix + "c" + i;
            Instant at = start.plusMillis((long) ((i + 1) * gapMillis));
            String parent = !thread.isEmpty() && r.nextDouble() < REPLY_SHARE
                    ? thread.get(Math.max(0, thread.size() - 1 - r.nextInt(20))).commentId() : null;
            String author = "reader" + r.nextInt(authors);
            int words = MIN_WORDS + r.nextInt(MAX_WORDS - MIN_WORDS + 1);
            double kind = r.nextDouble();
            String body;
            List<Comment> own = byAuthor.get(author);
            if (kind < DUPLICATE_SHARE && own != null) {
                Comment original = own.get(r.nextInt(own.size()));
                body = r.nextBoolean() ? original.body() : Fragments.edited(original.body(), r);
                if (r.nextBoolean()) { // the same text under another thread
                    a = thread(cumulative, sizes, r);
                    articleId = arts.get(a).articleId();
                    thread = threads.get(a);
                    parent = null;
                }
            } else if (kind < DUPLICATE_SHARE + OFF_TOPIC_SHARE) {
                Fragments.Subject other;
                do {
                    other = Fragments.SUBJECTS.get(r.nextInt(Fragments.SUBJECTS.size()));
                } while (other == subjects.get(a));
                body = Fragments.text(other, r, words);
            } else if (kind < DUPLICATE_SHARE + OFF_TOPIC_SHARE + SUPPORT_SHARE) {
                body = Fragments.helpRequest(r, words);
            } else {
                body = Fragments.text(subjects.get(a), r, words);
            }
            Comment c = new Comment(id, articleId, parent, author, null, body, at);
            sizes[a]++;
            thread.add(c);
            byAuthor.computeIfAbsent(author, k -> new ArrayList<>()).add(c);
            out.add(c);
        }
        return new Traffic(List.copyOf(arts), List.copyOf(out));
    }

    /** Comments per article: the largest thread and how many threads got any. */
    Map<String, Integer> shape() {
        Map<String, Integer> sizes = new HashMap<>();
        comments.forEach(c -> sizes.merge(c.articleId(), 1, Integer::sum));
        Map<String, Integer> shape = new java.util.LinkedHashMap<>();
        shape.put("threads", sizes.size());
        shape.put("largestThread", sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        shape.put("replies", (int) comments.stream().filter(c -> c.parentId() != null).count());
        return shape;
    }

    private static double[] zipf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, ZIPF_EXPONENT);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** A thread drawn by the Zipf law; a full one passes its comment to the next that has room. */
    private static int thread(double[] cumulative, int[] sizes, Random r) {
        double x = r.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && cumulative[i] < x) {
            i++;
        }
        while (sizes[i] >= MAX_THREAD) {
            i = (i + 1) % sizes.length;
        }
        return i;
    }
}
