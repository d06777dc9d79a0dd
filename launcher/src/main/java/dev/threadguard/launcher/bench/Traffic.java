package dev.threadguard.launcher.bench;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
    private static final Duration SPAN = Duration.ofHours(1);

    /**
     * @param prefix   put in front of every id, so runs and stages never share one
     * @param articles how many articles; comments are spread over them by a Zipf law, at most 500 each
     * @param comments how many comments; at most {@code 500 × articles}
     * @param endsAt   the posting time of the last comment
     */
    static Traffic generate(long seed, String prefix, int articles, int comments, Instant endsAt) {
        Generator g = new Generator(seed, prefix, articles, comments, endsAt, SPAN);
        List<Comment> out = new ArrayList<>(comments);
        while (g.hasNext()) {
            out.add(g.next());
        }
        return new Traffic(g.articles(), List.copyOf(out));
    }

    /**
     * The same traffic one comment at a time, for runs too long to hold (a million comments): it keeps the
     * articles, the last 20 comment ids of each thread and the texts of the last {@link #RECENT_TEXTS} comments
     * (reposts copy one of their author's; up to that many comments the result equals {@link #generate}'s).
     *
     * @param span the comments' posting times are spread evenly over the span that ends at {@code endsAt}
     */
    static Generator stream(long seed, String prefix, int articles, int comments, Instant endsAt, Duration span) {
        return new Generator(seed, prefix, articles, comments, endsAt, span);
    }

    /** Texts a generator keeps for reposts; beyond it, an author's oldest texts are forgotten first. */
    static final int RECENT_TEXTS = 100_000;
    private static final int REPLY_WINDOW = 20;

    /** See {@link #stream}; not thread-safe. */
    static final class Generator implements Iterator<Comment> {
        private final Random r;
        private final String prefix;
        private final int comments;
        private final Instant start;
        private final double gapMillis;
        private final List<Article> arts;
        private final List<Fragments.Subject> subjects;
        private final double[] cumulative;
        private final int[] sizes;
        private final String[][] lastIds;
        private final Map<String, List<String>> textsByAuthor = new HashMap<>();
        private final ArrayDeque<String> textOrder = new ArrayDeque<>();
        private final int authors;
        private int i;

        private Generator(long seed, String prefix, int articles, int comments, Instant endsAt, Duration span) {
            if ((long) articles * MAX_THREAD < comments) {
                throw new IllegalArgumentException(comments + " comments do not fit in " + articles + " threads of at most "
                        + MAX_THREAD + "; give more articles");
            }
            this.r = new Random(seed);
            this.prefix = prefix;
            this.comments = comments;
            // Spread over the span before endsAt, as on a busy site: moderation reasons about posting times (a repost
            // in the same second reads differently from one an hour later) and keeps state by stream time.
            this.start = endsAt.minus(span);
            this.gapMillis = span.toMillis() / (double) comments;
            List<Article> a = new ArrayList<>(articles);
            List<Fragments.Subject> subs = new ArrayList<>(articles);
            for (int k = 0; k < articles; k++) {
                Fragments.Subject s = Fragments.SUBJECTS.get(r.nextInt(Fragments.SUBJECTS.size()));
                subs.add(s);
                String id = prefix + "a" + k;
                String title = Fragments.sentence(s, r);
                a.add(new Article(id, title.substring(0, title.length() - 1), Fragments.text(s, r, 150),
                        "https://news.example/" + s.name() + "/" + id, start.minusSeconds(3600), List.of(s.name()),
                        null));
            }
            this.arts = List.copyOf(a);
            this.subjects = subs;
            this.cumulative = zipf(articles);
            this.sizes = new int[articles];
            this.lastIds = new String[articles][REPLY_WINDOW];
            this.authors = Math.max(50, articles * 12); // not from the count: a longer run starts with the same comments
        }

        /** The articles, each to be written before any of its comments. */
        List<Article> articles() {
            return arts;
        }

        @Override
        public boolean hasNext() {
            return i < comments;
        }

        @Override
        public Comment next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int a = thread(cumulative, sizes, r);
            String articleId = arts.get(a).articleId();
            String id = prefix + "c" + i;
            Instant at = start.plusMillis((long) ((i + 1) * gapMillis));
            String parent = sizes[a] > 0 && r.nextDouble() < REPLY_SHARE
                    ? lastIds[a][Math.max(0, sizes[a] - 1 - r.nextInt(REPLY_WINDOW)) % REPLY_WINDOW] : null;
            String author = "reader" + r.nextInt(authors);
            int words = MIN_WORDS + r.nextInt(MAX_WORDS - MIN_WORDS + 1);
            double kind = r.nextDouble();
            String body;
            List<String> own = textsByAuthor.get(author);
            if (kind < DUPLICATE_SHARE && own != null) {
                String original = own.get(r.nextInt(own.size()));
                body = r.nextBoolean() ? original : Fragments.edited(original, r);
                if (r.nextBoolean()) { // the same text under another thread
                    a = thread(cumulative, sizes, r);
                    articleId = arts.get(a).articleId();
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
            lastIds[a][sizes[a] % REPLY_WINDOW] = id;
            sizes[a]++;
            textsByAuthor.computeIfAbsent(author, k -> new ArrayList<>()).add(body);
            textOrder.add(author);
            if (textOrder.size() > RECENT_TEXTS) {
                String oldest = textOrder.poll();
                List<String> texts = textsByAuthor.get(oldest);
                texts.remove(0);
                if (texts.isEmpty()) {
                    textsByAuthor.remove(oldest);
                }
            }
            i++;
            return c;
        }
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
        // The first i with cumulative[i] >= x (the last one at most), by bisection: a million comments over
        // ten thousand articles made the linear walk the generator's main cost.
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo;
        while (sizes[i] >= MAX_THREAD) {
            i = (i + 1) % sizes.length;
        }
        return i;
    }
}
