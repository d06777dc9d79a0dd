package dev.threadguard.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed reading of environment variables (12-factor). Each service builds its one config record from
 * it; every bad value fails fast with a message that names the variable and what was expected.
 */
public final class Env {
    private final Map<String, String> vars;
    private final Consumer<String> onRead;

    public Env(Map<String, String> vars) {
        this(vars, name -> { });
    }

    private Env(Map<String, String> vars, Consumer<String> onRead) {
        this.vars = Map.copyOf(vars);
        this.onRead = onRead;
    }

    /**
     * This environment, telling {@code listener} the name of every variable read: how a test finds
     * variables that are read but missing from the {@link Settings} catalogue.
     */
    public Env observed(Consumer<String> listener) {
        return new Env(vars, onRead.andThen(listener));
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** This environment with some variables set or replaced. */
    public Env with(Map<String, String> overrides) {
        Map<String, String> merged = new java.util.HashMap<>(vars);
        merged.putAll(overrides);
        return new Env(merged, onRead);
    }

    public Optional<String> optional(String name) {
        onRead.accept(name);
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A value the service cannot run without; {@code hint} tells the user what to set it to. */
    public String required(String name, String hint) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is not set: " + hint));
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public int port(String name, int defaultValue) {
        return integer(name, defaultValue, 0, 65_535);
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number, got '" + raw.get() + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + raw.get());
        }
        return value;
    }

    /** An ISO-8601 duration ({@code PT30M}, {@code P7D}), not negative. */
    public Duration duration(String name, Duration defaultValue) {
        return duration(name, defaultValue, null);
    }

    /**
     * An ISO-8601 duration ({@code PT30M}, {@code P7D}) between zero and {@code max} (both included; a null
     * {@code max} bounds nothing).
     */
    public Duration duration(String name, Duration defaultValue, Duration max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration d;
        try {
            d = Duration.parse(raw.get());
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + " must be an ISO-8601 duration such as PT30S or P7D, got '" + raw.get() + "'");
        }
        if (d.isNegative()) {
            throw new ConfigException(name + " must not be negative, got " + raw.get());
        }
        if (max != null && d.compareTo(max) > 0) {
            throw new ConfigException(name + " must be at most " + max + ", got " + raw.get());
        }
        return d;
    }

    public URI uri(String name, String defaultValue) {
        String raw = string(name, defaultValue);
        try {
            return URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be a URI, got '" + raw + "'");
        }
    }

    /** A switch: true/false, on/off, yes/no or 1/0 (any case); anything else is a configuration error. */
    public boolean flag(String name, boolean defaultValue) {
        return optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false (also on/off, yes/no, 1/0), got \"" + v + "\"");
        }).orElse(defaultValue);
    }
}
