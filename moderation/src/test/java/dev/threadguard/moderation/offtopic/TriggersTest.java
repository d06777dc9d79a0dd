package dev.threadguard.moderation.offtopic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.moderation.offtopic.PromotionCues.Cue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Triggers}' first-word lists are kept by hand beside {@link PromotionCues}' patterns; a pattern alternative
 * added without its first word would be hidden by the screen. This reads, from each pattern's source, every literal
 * a match can begin with and checks a screened word is a prefix of it.
 */
class TriggersTest {
    /** A match that begins with a digit; the screen treats every digit at a word start as a possible sales cue. */
    private static final String DIGIT = "#digit";

    @Test
    void everyAlternativeOfEveryPatternBeginsWithAScreenedWord() {
        for (Cue cue : List.of(Cue.EARNINGS, Cue.CONTACT, Cue.SALES)) {
            List<String> leads = leads(PromotionCues.pattern(cue).pattern());
            assertThat(leads).as("%s: first words read from the pattern", cue).hasSizeGreaterThan(5);
            for (String lead : leads) {
                if (lead.equals(DIGIT)) {
                    assertThat(cue).as("a pattern beginning with a digit").isEqualTo(Cue.SALES);
                    continue;
                }
                assertThat(Triggers.words(cue)).as("%s alternative beginning '%s'", cue, lead)
                        .anySatisfy(w -> assertThat(lead).startsWith(w));
            }
        }
    }

    @Test
    void theReaderFindsTheLeadsOfOptionalGroupsAndOptionalLetters() {
        assertThat(leads("\\b(?:work(?:ing)?|jobs?) (?:from|at) home\\b|\\b(?:trabaj\\w* )?desde casa\\b"))
                .containsExactly("work", "job", "trabaj", "desde");
        assertThat(leads("\\bcont[aá]cta(?:me|nos)\\b|\\b\\d{1,2} ?% off\\b|\\bwhats ?app\\b"))
                .containsExactly("cont", DIGIT, "whats");
    }

    /** The literals a match of {@code regex} (the subset of syntax PromotionCues uses) can begin with. */
    private static List<String> leads(String regex) {
        List<String> out = new ArrayList<>();
        for (String alternative : split(regex)) {
            out.addAll(leadsOf(alternative));
        }
        return out;
    }

    private static List<String> leadsOf(String alt) {
        String a = alt.startsWith("\\b") ? alt.substring(2) : alt;
        if (a.startsWith("\\d")) {
            return List.of(DIGIT);
        }
        if (a.startsWith("(?:")) {
            int close = closing(a, 0);
            List<String> out = leads(a.substring(3, close));
            String rest = a.substring(close + 1);
            if (rest.startsWith("?") || rest.startsWith("*")) {
                out = new ArrayList<>(out);
                out.addAll(leadsOf(rest.substring(1)));
            }
            return out;
        }
        int i = 0;
        while (i < a.length() && (Character.isLetter(a.charAt(i)) || a.charAt(i) == '\'')) {
            i++;
        }
        boolean lastOptional = i < a.length() && (a.charAt(i) == '?' || a.charAt(i) == '*');
        String lead = a.substring(0, lastOptional ? i - 1 : i);
        assertThat(lead).as("an alternative that begins with a literal: %s", alt).isNotEmpty();
        return List.of(lead);
    }

    /** Splits at the '|' outside parentheses and character classes. */
    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (!inClass && c == '(') {
                depth++;
            } else if (!inClass && c == ')') {
                depth--;
            } else if (!inClass && depth == 0 && c == '|') {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced: " + s);
    }
}
