package dev.threadguard.config;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One environment variable, declared once: its name, its default, what it sets and who reads it. The
 * services read their variables through {@link #read(Env)}, with the range checks of {@link Env}; the
 * README's configuration table is generated from the same declarations ({@link Settings#markdownTable()}).
 *
 * @param <T> what the variable reads as: Integer, Double, Duration, Boolean, String, Optional&lt;String&gt;
 */
public final class Setting<T> {
    /** How a variable's value is read: one of {@link Env}'s typed readers. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Env env, String name);
    }

    /** Who reads a variable, as the configuration table names it. */
    public enum Component {
        INGEST("ingest"),
        MODERATION("moderation"),
        SINK("sink"),
        EVALUATE("`evaluate`"),
        /** The embedded servers of {@code up}, {@code demo} and {@code servers}. */
        EMBEDDED("`up`, `demo`, `servers`"),
        /** The lasting data folder of {@code up} and {@code servers} ({@code demo} uses a temporary one). */
        DATA_FOLDER("`up`, `servers`"),
        /** The {@code ./threadguard} script and the logging of every command. */
        LAUNCHER("`./threadguard`");

        private final String label;

        Component(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String name;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final Set<Component> usedBy;
    private final Reader<T> reader;

    Setting(String name, T defaultValue, String defaultText, String description, Set<Component> usedBy, Reader<T> reader) {
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("an environment variable is named in CAPITALS_WITH_UNDERSCORES, got " + name);
        }
        if (usedBy.isEmpty() || description.isBlank()) {
            throw new IllegalArgumentException(name + " needs a description and who reads it");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText);
        this.description = description;
        this.usedBy = Set.copyOf(usedBy);
        this.reader = reader;
    }

    public String name() {
        return name;
    }

    /** The value when the variable is unset (null for a required variable). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the table shows it (Markdown). */
    public String defaultText() {
        return defaultText;
    }

    /** One or more whole sentences (Markdown). */
    public String description() {
        return description;
    }

    public Set<Component> usedBy() {
        return usedBy;
    }

    /**
     * The value in {@code env}, or the default when it is unset.
     *
     * @throws ConfigException when the value is malformed or out of range; the message names the variable
     */
    public T read(Env env) {
        return reader.read(env, name);
    }

    @Override
    public String toString() {
        return name;
    }

    // Factories, one per reader of Env. The default text is derived from the default unless given.

    static Setting<String> text(String name, String defaultValue, String description, Component... usedBy) {
        return new Setting<>(name, defaultValue, code(defaultValue), description, set(usedBy),
                (env, n) -> env.string(n, defaultValue));
    }

    /** A variable the component cannot run without; {@code hint} says what to set it to. */
    static Setting<String> required(String name, String defaultText, String hint, String description, Component... usedBy) {
        return new Setting<>(name, null, defaultText, description, set(usedBy), (env, n) -> env.required(n, hint));
    }

    /** A variable whose absence means something of its own (described by {@code defaultText}). */
    static Setting<Optional<String>> optional(String name, String defaultText, String description, Component... usedBy) {
        return new Setting<>(name, Optional.empty(), defaultText, description, set(usedBy), Env::optional);
    }

    static Setting<Integer> port(String name, int defaultValue, String description, Component... usedBy) {
        return new Setting<>(name, defaultValue, String.valueOf(defaultValue), description, set(usedBy),
                (env, n) -> env.port(n, defaultValue));
    }

    static Setting<Integer> integer(String name, int defaultValue, int min, int max, String description,
                                    Component... usedBy) {
        return new Setting<>(name, defaultValue, String.format(Locale.ROOT, "%,d", defaultValue), description, set(usedBy),
                (env, n) -> env.integer(n, defaultValue, min, max));
    }

    static Setting<Double> decimal(String name, double defaultValue, double min, double max, String description,
                                   Component... usedBy) {
        return new Setting<>(name, defaultValue, String.valueOf(defaultValue), description, set(usedBy),
                (env, n) -> env.decimal(n, defaultValue, min, max));
    }

    static Setting<Duration> duration(String name, Duration defaultValue, String description, Component... usedBy) {
        return duration(name, defaultValue, null, description, usedBy);
    }

    /** A duration of at most {@code max} (null: no bound beyond not negative). */
    static Setting<Duration> duration(String name, Duration defaultValue, Duration max, String description,
                                      Component... usedBy) {
        return new Setting<>(name, defaultValue, code(iso(defaultValue)), description, set(usedBy),
                (env, n) -> env.duration(n, defaultValue, max));
    }

    static Setting<Boolean> flag(String name, boolean defaultValue, String description, Component... usedBy) {
        return new Setting<>(name, defaultValue, code(String.valueOf(defaultValue)), description, set(usedBy),
                (env, n) -> env.flag(n, defaultValue));
    }

    /** Read outside Java (the launcher script, the logging configuration): declared for the table only. */
    static Setting<Optional<String>> external(String name, String defaultText, String description, Component... usedBy) {
        return optional(name, defaultText, description, usedBy);
    }

    /** The same setting with another default text for the table (e.g. one the launcher supplies). */
    Setting<T> shownAs(String text) {
        return new Setting<>(name, defaultValue, text, description, usedBy, reader);
    }

    /** ISO-8601 as a person writes it: whole days as {@code P7D}, not Duration's {@code PT168H}. */
    private static String iso(Duration d) {
        return !d.isZero() && d.toSeconds() % 86_400 == 0 && d.toNanosPart() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    private static String code(String value) {
        return "`" + value + "`";
    }

    private static Set<Component> set(Component... components) {
        EnumSet<Component> out = EnumSet.noneOf(Component.class);
        out.addAll(java.util.List.of(components));
        return out;
    }
}
