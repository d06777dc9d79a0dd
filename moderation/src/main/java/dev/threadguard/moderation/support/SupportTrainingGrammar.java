package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportModelTrainer.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates labelled training examples from a small template grammar written by the project, with a fixed seed, so
 * that thousands of varied examples come from a few hundred hand-written fragments and the same grammar and seed
 * always give the same examples. The format, one statement a line ({@code #} starts a comment line):
 * <pre>
 * !samples 20                       how many draws per template from here on (default 12)
 * {@literal @}device = printer | laptop | phone     a slot: alternatives separated by " | "; "~" is the empty one
 * {@literal @}device += tablet | router             more alternatives for a slot
 * + my {device} {fails} {since}.    a template for support requests
 * - {someone} needs help with {x}.  a template for other comments
 * </pre>
 * Alternatives may name other slots; {@code \n} in a template is a line break (for lists). Each template is drawn its number of times; repeated draws are dropped.
 *
 * @throws IllegalArgumentException (from {@link #expand}) for a line of no known form or an unknown slot
 */
final class SupportTrainingGrammar {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z0-9_-]+)}");
    private static final int MAX_DEPTH = 8;

    private SupportTrainingGrammar() {
    }

    /**
     * @param grammar the grammar text
     * @param seed    the random seed; with the same grammar, the same seed gives the same examples in the same order
     */
    static List<Example> expand(String grammar, long seed) {
        Map<String, List<String>> slots = new HashMap<>();
        List<String[]> templates = new ArrayList<>(); // {label, samples, text}
        int samples = 12;
        int number = 0;
        for (String raw : grammar.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!samples ")) {
                samples = Integer.parseInt(line.substring(9).strip());
            } else if (line.startsWith("@")) {
                boolean more = line.contains("+=");
                int eq = line.indexOf(more ? "+=" : "=");
                if (eq < 0) {
                    throw new IllegalArgumentException("grammar line " + number + ": a slot needs '=' or '+='");
                }
                String name = line.substring(1, eq).strip();
                List<String> alternatives = slots.computeIfAbsent(name, k -> new ArrayList<>());
                if (!more) {
                    alternatives.clear();
                }
                for (String alt : line.substring(eq + (more ? 2 : 1)).split("\\|")) {
                    String a = alt.strip();
                    alternatives.add(a.equals("~") ? "" : a);
                }
            } else if (line.startsWith("+ ") || line.startsWith("- ")) {
                templates.add(new String[] {line.substring(0, 1), Integer.toString(samples), line.substring(2).strip()});
            } else {
                throw new IllegalArgumentException("grammar line " + number + ": expected '@slot = ...', '+ ...', '- ...',"
                        + " '!samples N' or a '#' comment");
            }
        }
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (String[] t : templates) {
            Set<String> drawn = new LinkedHashSet<>();
            int draws = Integer.parseInt(t[1]);
            for (int i = 0; i < draws; i++) {
                drawn.add(tidy(fill(t[2], slots, random, 0)));
            }
            boolean request = t[0].equals("+");
            drawn.forEach(text -> out.add(new Example(text, request)));
        }
        return out;
    }

    private static String fill(String template, Map<String, List<String>> slots, Random random, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("grammar slots nest deeper than " + MAX_DEPTH + ": " + template);
        }
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> alternatives = slots.get(m.group(1));
            if (alternatives == null || alternatives.isEmpty()) {
                throw new IllegalArgumentException("grammar slot {" + m.group(1) + "} is not defined");
            }
            String pick = alternatives.get(random.nextInt(alternatives.size()));
            m.appendReplacement(out, Matcher.quoteReplacement(fill(pick, slots, random, depth + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Single spaces, no space before punctuation, the first letter capitalised. */
    static String tidy(String text) {
        String t = text.replaceAll("\\s+", " ").replaceAll(" ([,.?!:;])", "$1").replaceAll("([.?!]){2,}", "$1")
                .replaceAll("^[,.;: ]+", "").strip();
        if (t.isEmpty()) {
            return t;
        }
        return (Character.toUpperCase(t.charAt(0)) + t.substring(1)).replace("\\n ", "\n").replace("\\n", "\n");
    }
}
