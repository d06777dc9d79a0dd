package dev.threadguard.moderation.duplicate;

import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.text.BoundedCache;
import dev.threadguard.moderation.text.CommentKey;
import dev.threadguard.moderation.text.TextProfile;
import dev.threadguard.moderation.text.TextProfiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Computes a comment's own words ({@link Quotes}) and their {@link CopySignature}, and keeps the most recent ones: a
 * thread's earlier comments are compared again with every new comment. Thread-safe.
 *
 * <p>Sentences end at {@code . ! ? …}, their CJK forms and line breaks (never at {@code ; :}, which HTML entities
 * contain); each is reduced to canonical words by the {@link TextProfiler}. A sentence of at least
 * {@value #ANCHOR_WORDS} words is an anchor: its hash is an extra LSH band, so that a sentence lifted out of a long
 * comment, or a short comment inside a long copy, is a candidate although the whole texts' MinHash bands differ.
 * A comment is indexed under at most {@value #INDEXED_ANCHORS} anchors (those with the smallest hashes: the same
 * choice in every text that has them) and looks up with all of them, up to {@value #LOOKUP_ANCHORS}.
 */
final class CopySigner {
    /** Words from which a sentence is an anchor: fewer recur by coincidence ("Thanks for sharing this."). */
    static final int ANCHOR_WORDS = 8;
    static final int INDEXED_ANCHORS = 4;
    static final int LOOKUP_ANCHORS = 16;
    private static final long ANCHOR_SALT = 0x616E63686F72L;
    /** Words in a row that make the global copy anchor ({@link #copyAnchor}). */
    static final int ANCHOR_GRAM = 5;

    private final TextProfiler profiler;
    private final MinHash minHash;
    private final Function<String, int[]> signer;
    private final BoundedCache<CommentKey, OwnText> cache;

    CopySigner(TextProfiler profiler, MinHash minHash, Function<String, int[]> signer, int cacheSize) {
        this.profiler = profiler;
        this.minHash = minHash;
        this.signer = signer;
        this.cache = new BoundedCache<>(cacheSize);
    }

    /**
     * A comment's own words.
     *
     * @param profile   the canonical profile of what the comment says itself (quotations left out; the quoted text
     *                  when the comment is nothing but quotation)
     * @param signature its copy signature
     * @param lookups   the band hashes to look candidates up with: the indexed ones and every anchor
     * @param copyAnchor the key of the global copy search ({@link #copyAnchor}), 0 when the text has none
     */
    record OwnText(TextProfile profile, CopySignature signature, long[] lookups, long copyAnchor) {
        boolean isEmpty() {
            return profile.isEmpty();
        }
    }

    OwnText of(Comment comment) {
        if (comment.commentId() == null) {
            return compute(comment);
        }
        CommentKey key = CommentKey.of(comment);
        OwnText cached = cache.getIfPresent(key);
        if (cached == null) {
            cached = compute(comment);
            cache.put(key, cached);
        }
        return cached;
    }

    private OwnText compute(Comment comment) {
        String text = comment.fullText() == null ? "" : comment.fullText();
        Quotes quotes = Quotes.of(text);
        TextProfile profile;
        String own;
        boolean onlyQuote = false;
        if (!quotes.hasQuote()) {
            profile = profiler.profile(comment);
            own = text;
        } else {
            profile = profiler.profile(quotes.own());
            own = quotes.own();
            if (profile.isEmpty()) {
                // Nothing but quotation: its words are the quoted ones, so a copy cannot hide in quotation marks.
                onlyQuote = true;
                own = quotes.quoted();
                profile = profiler.profile(own);
            }
        }
        return sign(profile, own, quotes.hasQuote(), onlyQuote);
    }

    private OwnText sign(TextProfile profile, String own, boolean quotes, boolean onlyQuote) {
        if (profile.isEmpty()) {
            CopySignature none = new CopySignature(0, 0, 0, new int[0], 0, 0, new int[0], new byte[0], new long[0], quotes,
                    onlyQuote);
            return new OwnText(profile, none, new long[0], 0);
        }
        List<String[]> sentences = sentences(own, profile);
        if (sentences.isEmpty()) {
            sentences.add(profile.normalized().split(" ")); // split differently from the whole: one sentence
        }
        int[] shingles = shingles(sentences);
        int n = sentences.size();
        int[] hashes = new int[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = (int) sentenceHash(sentences.get(i));
        }
        // Sorted distinct sentence hashes, each with its word count (the first sentence's among equal hashes): hash
        // and position packed in one long, sorted without boxing.
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) hashes[i] << 32) | i;
        }
        Arrays.sort(order);
        int[] sortedHashes = new int[n];
        byte[] words = new byte[n];
        int distinct = 0;
        for (long packed : order) {
            int i = (int) packed;
            if (distinct > 0 && sortedHashes[distinct - 1] == hashes[i]) {
                continue;
            }
            sortedHashes[distinct] = hashes[i];
            words[distinct] = (byte) Math.min(255, sentences.get(i).length);
            distinct++;
        }
        int[] sentenceHashes = Arrays.copyOf(sortedHashes, distinct);
        byte[] sentenceWords = Arrays.copyOf(words, distinct);
        long[] anchors = anchors(sentenceHashes, sentenceWords);
        long[] lsh = minHash.bandHashes(profile.derived(signer));
        long[] indexed = concat(lsh, anchors, INDEXED_ANCHORS);
        long[] lookups = concat(lsh, anchors, LOOKUP_ANCHORS);
        CopySignature signature = new CopySignature(exactHash(profile.key()), profile.wordCount(), shingles.length,
                shingles, hashes[0], hashes[n - 1], sentenceHashes, sentenceWords, indexed, quotes, onlyQuote);
        return new OwnText(profile, signature, lookups, copyAnchor(sentences, shingles));
    }

    /**
     * The global copy search's key: the smallest hash of the text's word {@value #ANCHOR_GRAM}-grams inside
     * sentences (a bottom-1 MinHash). A verbatim copy, or one with its sentences reordered, has the same; a near
     * copy shares it with about the probability of its share of common {@value #ANCHOR_GRAM}-grams; a copy with
     * words added keeps it when the smallest still lies in the copied part. Five words in a row are rarely shared by
     * chance, so an anchor is seldom a stock phrase (three-word shingles like "i think that" would be). A text
     * without a sentence that long falls back to its smallest three-word shingle. Never 0 for a text with words.
     */
    static long copyAnchor(List<String[]> sentences, int[] shingles) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (String[] s : sentences) {
            for (int i = 0; i + ANCHOR_GRAM <= s.length; i++) {
                long h = ANCHOR_SALT;
                for (int j = i; j < i + ANCHOR_GRAM; j++) {
                    h = MinHash.mix(h ^ s[j].hashCode());
                }
                min = Math.min(min, h);
                any = true;
            }
        }
        if (!any) {
            if (shingles.length == 0) {
                return 0;
            }
            min = MinHash.mix(ANCHOR_SALT ^ (shingles[0] & 0xffffffffL));
        }
        return min == 0 ? 1 : min;
    }

    /**
     * The own text's sentences as canonical words; sentences without letters or digits left out. Usually the whole
     * text's canonical words cut where the sentences end (counted as runs of letters and digits); where that count
     * disagrees with the canonical words (word segmentation of scripts without spaces, compatibility forms), each
     * sentence is canonicalised on its own.
     */
    private List<String[]> sentences(String own, TextProfile profile) {
        String[] words = profile.normalized().split(" ");
        List<String[]> out = new ArrayList<>();
        int next = 0;
        int start = 0;
        for (int i = 0; i <= own.length(); i++) {
            if (i == own.length() || endsSentence(own.charAt(i))) {
                int n = countWords(own, start, i);
                if (n > 0) {
                    if (next + n > words.length) {
                        return sentences(own);
                    }
                    out.add(Arrays.copyOfRange(words, next, next + n));
                    next += n;
                }
                start = i + 1;
            }
        }
        return next == words.length ? out : sentences(own);
    }

    /** Runs of letters and digits in {@code text[from, to)}, an apostrophe inside a word joining it. */
    private static int countWords(String text, int from, int to) {
        int n = 0;
        boolean inWord = false;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    n++;
                    inWord = true;
                }
            } else if (cp != '\'' && cp != '\u2019') {
                inWord = false;
            }
        }
        return n;
    }

    private List<String[]> sentences(String own) {
        List<String[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= own.length(); i++) {
            if (i == own.length() || endsSentence(own.charAt(i))) {
                if (i > start) {
                    String normalized = profiler.profile(own.substring(start, i)).normalized();
                    if (!normalized.isEmpty()) {
                        out.add(normalized.split(" "));
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\u2026' || c == '\u3002' || c == '\uFF01'
                || c == '\uFF1F' || c == '\uFF0E';
    }

    /** Sorted distinct hashes of three consecutive words within a sentence (a shorter sentence: all its words). */
    private static int[] shingles(List<String[]> sentences) {
        int total = 0;
        for (String[] s : sentences) {
            total += Math.max(1, s.length - 2);
        }
        int[] out = new int[total];
        int n = 0;
        for (String[] s : sentences) {
            if (s.length < 3) {
                long h = 0x5348;
                for (String w : s) {
                    h = MinHash.mix(h ^ w.hashCode());
                }
                out[n++] = (int) h;
                continue;
            }
            for (int i = 0; i + 3 <= s.length; i++) {
                long h = MinHash.mix(MinHash.mix(MinHash.mix(s[i].hashCode()) ^ s[i + 1].hashCode()) ^ s[i + 2].hashCode());
                out[n++] = (int) (h ^ (h >>> 32));
            }
        }
        Arrays.sort(out);
        int d = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[d++] = out[i];
            }
        }
        return Arrays.copyOf(out, d);
    }

    private static long sentenceHash(String[] words) {
        long h = 0x73656E74L;
        for (String w : words) {
            h = MinHash.mix(h ^ w.hashCode());
        }
        return h ^ (h >>> 32);
    }

    /** The band hashes of the anchor sentences, in ascending order of their sentence hash. */
    private static long[] anchors(int[] sentenceHashes, byte[] sentenceWords) {
        long[] out = new long[sentenceHashes.length];
        int n = 0;
        for (int i = 0; i < sentenceHashes.length; i++) {
            if ((sentenceWords[i] & 0xff) >= ANCHOR_WORDS) {
                out[n++] = anchorBand(sentenceHashes[i]);
            }
        }
        return Arrays.copyOf(out, n);
    }

    static long anchorBand(int sentenceHash) {
        return MinHash.mix(ANCHOR_SALT ^ (sentenceHash & 0xffffffffL));
    }

    private static long[] concat(long[] bands, long[] anchors, int maxAnchors) {
        int k = Math.min(anchors.length, maxAnchors);
        long[] out = Arrays.copyOf(bands, bands.length + k);
        System.arraycopy(anchors, 0, out, bands.length, k);
        return out;
    }

    static long exactHash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return MinHash.mix(h) ^ Objects.hashCode(key.length());
    }
}
