package dev.threadguard.launcher;

import dev.threadguard.config.Setting;
import dev.threadguard.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The help footers of {@code up}, {@code demo} and {@code servers}: where each part listens by default
 * and which variable moves it, taken from the setting catalogue so they cannot go stale. Each line is
 * shorter than picocli's 80 columns, so none is wrapped.
 */
final class Addresses {
    private Addresses() {
    }

    /** Ports, URLs and variables of the whole pipeline. */
    static String[] pipelineFooter(boolean lastingData) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("Where it listens, and the variable that moves it (0 = any free port):");
        out.add(row("Review queue", "http://localhost:" + Settings.SINK_PORT.defaultValue() + "/", Settings.SINK_PORT));
        out.add(row("Dashboard", "http://localhost:" + Settings.SINK_PORT.defaultValue() + "/dashboard.html", null));
        out.add(row("Ingest API", "http://localhost:" + Settings.INGEST_PORT.defaultValue() + "/", Settings.INGEST_PORT));
        out.add(row("Moderation /health", "http://localhost:" + Settings.MODERATION_PORT.defaultValue() + "/health",
                Settings.MODERATION_PORT));
        out.addAll(serverRows());
        out.add("");
        out.add("Logins: on a first start the user admin gets " + Settings.THREADGUARD_ADMIN_PASSWORD.name() + ",");
        out.add("else a generated password, printed once. Add people: `./threadguard users`.");
        out.addAll(dataLines(lastingData));
        return out.toArray(String[]::new);
    }

    /** Ports and variables of the embedded servers alone. */
    static String[] serversFooter() {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("Where they listen, and the variable that moves each (0 = any free port):");
        out.addAll(serverRows());
        out.addAll(dataLines(true));
        return out.toArray(String[]::new);
    }

    private static List<String> serverRows() {
        return List.of(
                row("Kafka", "127.0.0.1:" + Settings.EMBEDDED_KAFKA_PORT.defaultValue(), Settings.EMBEDDED_KAFKA_PORT),
                row("PostgreSQL", "a free port", Settings.EMBEDDED_DATABASE_PORT),
                "Set " + Settings.KAFKA_BOOTSTRAP_SERVERS.name() + " or " + Settings.DATABASE_URL.name()
                        + " to use a running server instead.");
    }

    private static String row(String what, String where, Setting<?> variable) {
        return String.format("  %-19s%-33s%s", what, where, variable == null ? "" : variable.name()).stripTrailing();
    }

    private static List<String> dataLines(boolean lasting) {
        List<String> out = new ArrayList<>();
        out.add("");
        if (lasting) {
            out.add("Data folder: " + Settings.THREADGUARD_DATA_DIR.name() + " (default ~/.local/share/threadguard).");
            out.add("It keeps threads, decisions and Kafka offsets between runs.");
            out.add("One process at a time holds it. Delete it to start afresh.");
        } else {
            out.add("Data: a temporary folder, removed when the demo ends.");
        }
        out.add("`./threadguard config` lists every variable.");
        return out;
    }
}
