package dev.threadguard.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of a service's {@code GET /metrics} in the Prometheus text format, read series by series:
 * what the services' metrics tests assert on. Every series carries a {@code service} label, which the
 * exact-match lookups leave out.
 */
public record MetricsScrape(String text) {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: its labels (with {@code service}) and its value. */
    public record Series(Map<String, String> labels, double value) {
    }

    /** The value of the one series of {@code name} with exactly these labels besides {@code service}. */
    public double value(String name, Map<String, String> labels) {
        List<Series> matches = series(name).stream()
                .filter(s -> s.labels().size() == labels.size() + 1 && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one series " + name + labels + ", found " + matches.size() + " in:\n" + text);
        }
        return matches.get(0).value();
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** The sum over every series of {@code name} that has at least these labels; there must be one. */
    public double sum(String name, Map<String, String> labels) {
        List<Series> matches = series(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (matches.isEmpty()) {
            throw new AssertionError("no series " + name + labels + " in:\n" + text);
        }
        return matches.stream().mapToDouble(Series::value).sum();
    }

    public List<Series> series(String name) {
        return text.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .map(l -> {
                    int close = l.lastIndexOf('}');
                    Map<String, String> labels = new HashMap<>();
                    if (close > 0) {
                        Matcher m = LABEL.matcher(l.substring(name.length() + 1, close));
                        while (m.find()) {
                            labels.put(m.group(1), m.group(2));
                        }
                    }
                    String value = l.substring(close > 0 ? close + 1 : name.length()).trim().split(" ")[0];
                    return new Series(Map.copyOf(labels), Double.parseDouble(value));
                })
                .toList();
    }
}
