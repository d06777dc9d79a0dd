package dev.threadguard.moderation.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content terms of a text: Lucene's English analysis (tokenising, possessives, lower case, stop words,
 * Porter stemming) with a stop set extended by the bundled function words, so "running"/"runs" meet as "run"
 * and "would"/"my" never count as shared subject matter. A text in a script written without spaces (Chinese,
 * Japanese, Thai) is tokenised by Lucene's ICU tokenizer instead (dictionary-based words, then the same English
 * filters, which leave those words as they are), so each of its words is a term rather than the whole sentence one.
 * Any text that is not plain ASCII is first folded as for comparison ({@link TextNormalizer#analyzable}: markup,
 * lookalike letters, marks, invisible characters). Thread-safe (Lucene analyzers reuse per-thread streams).
 */
public final class ContentAnalyzer {
    private static final String FIELD = "text";

    private final Analyzer content;
    private final Analyzer stemOnly;
    private final Analyzer segmentedContent;
    private final Analyzer segmentedStemOnly;

    public ContentAnalyzer() {
        CharArraySet stops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        stops.addAll(TermWeights.resourceWords("function-words.txt"));
        this.content = new EnglishAnalyzer(CharArraySet.unmodifiableSet(stops));
        this.stemOnly = new EnglishAnalyzer(CharArraySet.EMPTY_SET);
        this.segmentedContent = segmented(CharArraySet.unmodifiableSet(stops));
        this.segmentedStemOnly = segmented(CharArraySet.EMPTY_SET);
    }

    /** The English analysis chain on ICU's word segmentation; emoji are no content terms. */
    private static Analyzer segmented(CharArraySet stops) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new ICUTokenizer();
                TokenStream result = new TypeTokenFilter(source, Set.of("<EMOJI>"));
                result = new EnglishPossessiveFilter(result);
                result = new LowerCaseFilter(result);
                result = new StopFilter(result, stops);
                result = new PorterStemFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    /** Content terms in text order (repeats kept). */
    public List<String> terms(String text) {
        return analyze(content, segmentedContent, text);
    }

    /** Stems of every word, function words included (used to stem the bundled word lists). */
    List<String> termsKeepingFunctionWords(String text) {
        return analyze(stemOnly, segmentedStemOnly, text);
    }

    private static List<String> analyze(Analyzer english, Analyzer segmented, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        // Folded as for comparison; typographic apostrophes become ASCII ones ("don’t" is the stop word "don't").
        String prepared = TextNormalizer.analyzable(text);
        Analyzer analyzer = prepared == text || !CanonicalText.needsDictionary(prepared) ? english : segmented;
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
