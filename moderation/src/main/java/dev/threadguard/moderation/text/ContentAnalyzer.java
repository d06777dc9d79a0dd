package dev.threadguard.moderation.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content terms of a text: Lucene's English analysis (tokenising, possessives, lower case, stop words,
 * Porter stemming) with a stop set extended by the bundled function words, so "running"/"runs" meet as "run"
 * and "would"/"my" never count as shared subject matter. Thread-safe (Lucene analyzers reuse per-thread streams).
 */
public final class ContentAnalyzer {
    private static final String FIELD = "text";

    private final Analyzer content;
    private final Analyzer stemOnly;

    public ContentAnalyzer() {
        CharArraySet stops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        stops.addAll(TermWeights.resourceWords("function-words.txt"));
        this.content = new EnglishAnalyzer(CharArraySet.unmodifiableSet(stops));
        this.stemOnly = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
    }

    /** Content terms in text order (repeats kept). */
    public List<String> terms(String text) {
        return analyze(content, text);
    }

    /** Stems of every word, function words included (used to stem the bundled word lists). */
    List<String> termsKeepingFunctionWords(String text) {
        return analyze(stemOnly, text);
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        // Typographic apostrophes would keep "don’t" apart from the stop word "don't". ASCII is its own NFKC form.
        String prepared = TextNormalizer.isAscii(text) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2019', '\'');
        try (TokenStream stream = analyzer.tokenStream(FIELD, prepared)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return out;
    }
}
