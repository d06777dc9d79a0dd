package dev.threadguard.moderation.semantic;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.CharArrayMap;

/**
 * MiniLM's WordPiece tokenization, as its tokenizer file defines it (HuggingFace's BertNormalizer with clean_text,
 * handle_chinese_chars, lowercase and so accent stripping; BertPreTokenizer; WordPiece with {@code ##} continuations,
 * {@code [UNK]} for a word that cannot be pieced or is over 100 characters), giving ids without {@code [CLS]} and
 * {@code [SEP]}.
 *
 * <p>Why not the library: the HuggingFace tokenizer through DJL (Rust via JNI) costs 85–125 µs of CPU for a 40-word
 * comment, most of it building the Encoding's eight arrays and strings across JNI, and DJL's pure-Java
 * {@code BertFullTokenizer} 29 µs and differs on CJK text, invisible characters and long words; the vector's budget
 * is 20 µs. {@code WordPiecesTest} requires the same ids as the HuggingFace tokenizer on a few thousand texts in
 * many scripts. Thread-safe (immutable).
 */
final class WordPieces {
    static final int UNKNOWN = 100;
    private static final int MAX_WORD_CHARS = 100;
    private static final Map<String, Integer> SPECIAL = Map.of("[PAD]", 0, "[UNK]", UNKNOWN, "[CLS]", 101, "[SEP]", 102, "[MASK]", 103);

    /** Whole-word pieces and {@code ##} continuation pieces (keyed without the ##), to their ids. */
    private final CharArrayMap<Integer> starts;
    private final CharArrayMap<Integer> continuations;
    private final int maxPieces;

    WordPieces(String[] vocabulary, int maxPieces) {
        // Maps first: where two tokens are spelt alike, the later id is the piece's, as it always was.
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Integer> continuations = new HashMap<>();
        for (int id = 0; id < vocabulary.length; id++) {
            String token = vocabulary[id];
            if (token.startsWith("##") && token.length() > 2) {
                continuations.put(token.substring(2), id);
            } else {
                starts.put(token, id);
            }
        }
        // Lucene's CharArrayMap: looked up by a stretch of the text, without a substring and its hash for every try of
        // the greedy longest match (HashMap look-ups of substrings were about 5 % of a static-vector verdict in JFR).
        this.starts = exact(starts);
        this.continuations = exact(continuations);
        this.maxPieces = maxPieces;
    }

    /**
     * The text's word-piece ids, at most {@code maxPieces}, in order; {@link #UNKNOWN} for words not in pieces. The
     * special tokens written out ("[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]") are their own ids, as in the
     * reference, which matches them in the raw text.
     */
    int[] ids(String text) {
        if (text.indexOf('[') < 0) {
            return segmentIds(text);
        }
        int[] out = new int[0];
        int from = 0;
        for (int i = text.indexOf('['); i >= 0 && out.length < maxPieces; i = text.indexOf('[', i + 1)) {
            for (Map.Entry<String, Integer> special : SPECIAL.entrySet()) {
                if (text.startsWith(special.getKey(), i)) {
                    out = concat(out, segmentIds(text.substring(from, i)), new int[] {special.getValue()});
                    from = i + special.getKey().length();
                    i = from - 1;
                    break;
                }
            }
        }
        out = concat(out, from < text.length() ? segmentIds(text.substring(from)) : new int[0], new int[0]);
        return out.length > maxPieces ? Arrays.copyOf(out, maxPieces) : out;
    }

    private static int[] concat(int[] a, int[] b, int[] c) {
        int[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    private int[] segmentIds(String text) {
        String normalized = normalized(text);
        char[] chars = normalized.toCharArray();
        // A word of at most 100 code points gives at most 100 pieces: room for the last word past the limit.
        int[] out = new int[Math.min(maxPieces, normalized.length()) + MAX_WORD_CHARS + 1];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= normalized.length() && n < maxPieces; ) {
            int c = i < normalized.length() ? normalized.codePointAt(i) : ' ';
            int width = Character.charCount(c);
            boolean space = c == ' ';
            boolean punctuation = !space && isPunctuation(c);
            if (space || punctuation) {
                if (start >= 0) {
                    n = word(normalized, chars, start, i, out, n);
                    start = -1;
                }
                if (punctuation && n < maxPieces) {
                    n = word(normalized, chars, i, i + width, out, n);
                }
            } else if (start < 0) {
                start = i;
            }
            i += width;
        }
        return Arrays.copyOf(out, Math.min(n, maxPieces));
    }

    /** An unmodifiable, case-sensitive copy: pieces differ by case ("Apple" is not "apple"). */
    private static CharArrayMap<Integer> exact(Map<String, Integer> pieces) {
        CharArrayMap<Integer> out = new CharArrayMap<>(pieces.size(), false);
        out.putAll(pieces);
        return CharArrayMap.unmodifiableMap(out);
    }

    /** Greedy longest-match-first pieces of one word; the whole word is [UNK] when a part matches no piece. */
    private int word(String text, char[] chars, int from, int to, int[] out, int n) {
        if (text.codePointCount(from, to) > MAX_WORD_CHARS) {
            out[n] = UNKNOWN;
            return n + 1;
        }
        int written = n;
        int start = from;
        while (start < to) {
            int end = to;
            Integer id = null;
            while (end > start) {
                id = (start == from ? starts : continuations).get(chars, start, end - start);
                if (id != null) {
                    break;
                }
                end = text.offsetByCodePoints(end, -1);
            }
            if (id == null) {
                out[n] = UNKNOWN;
                return n + 1;
            }
            out[written++] = id;
            start = end;
        }
        return written;
    }

    /**
     * BertNormalizer: control and format characters, U+0000 and U+FFFD removed; white space to ' '; CJK ideographs
     * spaced apart; NFD with non-spacing marks removed (accents); each code point lower-cased on its own.
     */
    static String normalized(String text) {
        String plain = printableAscii(text);
        if (plain != null) {
            return plain;
        }
        StringBuilder clean = new StringBuilder(text.length() + 16);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || (isOther(c) && c != '\t' && c != '\n' && c != '\r')) {
                continue;
            }
            if (isWhitespace(c)) {
                clean.append(' ');
            } else if (isChinese(c)) {
                clean.append(' ').appendCodePoint(c).append(' ');
                ascii = false;
            } else {
                clean.appendCodePoint(c);
                ascii &= c < 0x80;
            }
        }
        if (ascii) {
            for (int i = 0; i < clean.length(); i++) {
                char c = clean.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    clean.setCharAt(i, (char) (c + 32));
                }
            }
            return clean.toString();
        }
        String decomposed = Normalizer.normalize(clean, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == 0x130) {
                out.append("i\u0307"); // İ: Unicode's full lower case, as Rust's char::to_lowercase gives
            } else {
                out.appendCodePoint(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * {@link #normalized} of a text of printable ASCII, tabs and line breaks (most comments) in one pass, else null:
     * those characters are kept but for white space (one space each) and upper case (lowered); nothing to remove,
     * decompose or space apart. Building it code point by code point was 2 % of a static-vector verdict in JFR.
     */
    private static String printableAscii(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + 32);
            } else if (c >= 0x20 && c < 0x7F) {
                out[i] = c;
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out[i] = ' ';
            } else {
                return null;
            }
        }
        return new String(out);
    }

    private static boolean isOther(int c) {
        int type = Character.getType(c);
        // Not unassigned code points: the reference keeps them, and a word holding one becomes [UNK].
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    /** Unicode's White_Space property (Rust's char::is_whitespace), which Java's isWhitespace does not match. */
    static boolean isWhitespace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    private static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
