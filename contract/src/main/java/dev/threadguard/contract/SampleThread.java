package dev.threadguard.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The product's own sample thread: a ZDNet article on Skype moving to Windows Azure with its reader
 * comments (reply structure kept), and what a moderator wants flagged in it.
 */
public final class SampleThread {
    public static final String EVENTS_RESOURCE = "/sample/zdnet-skype-azure.events.jsonl";
    public static final String LABELS_RESOURCE = "/sample/zdnet-skype-azure.labels.jsonl";

    private SampleThread() {
    }

    /** The events (the article first, then its comments in posting order). */
    public static List<Event> events() {
        return lines(EVENTS_RESOURCE).stream().map(line -> Json.read(line, Event.class)).toList();
    }

    public static List<String> lines(String resource) {
        try (InputStream in = SampleThread.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
