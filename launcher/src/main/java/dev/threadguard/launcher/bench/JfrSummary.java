package dev.threadguard.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The flame summary of a recording: {@code jdk.ExecutionSample} events of the Kafka Streams stream threads whose
 * name contains a given string (an application id), aggregated three ways, each as a share of the samples:
 * by the method on top of the stack (self), by library (self), and by each of our own methods anywhere on the
 * stack (inclusive, each method counted once per sample).
 *
 * @param samples   execution samples of the chosen threads
 * @param self      the methods most often on top, share of samples, largest first
 * @param byLibrary self time by library: threadguard, jackson, kafka, rocksdb, lucene, onnx, jdk, other
 * @param ours      our methods (dev.threadguard) most often anywhere on the stack
 */
record JfrSummary(long samples, Map<String, Double> self, Map<String, Double> byLibrary, Map<String, Double> ours) {
    private static final int TOP = 15;
    private static final java.util.regex.Pattern STREAM_THREAD = java.util.regex.Pattern.compile(".*-StreamThread-\\d+");

    static JfrSummary of(Path recording, String threadNameContains) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedThread t = e.getThread("sampledThread");
                RecordedStackTrace st = e.getStackTrace();
                if (t == null || st == null || st.getFrames().isEmpty() || !isStreamThread(t.getJavaName(), threadNameContains)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = st.getFrames();
                String top = name(frames.get(0));
                self.merge(top, 1L, Long::sum);
                libraries.merge(library(top), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (n.startsWith("dev.threadguard.") && seen.add(n)) {
                        ours.merge(n, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording " + recording, e);
        }
        return new JfrSummary(samples, top(self, samples, TOP), top(libraries, samples, 20), top(ours, samples, TOP));
    }

    /**
     * A stream thread ({@code <client id>-StreamThread-<n>}) whose name holds {@code part}; not its producer's and
     * consumers' network threads, whose names hold the client id too.
     */
    static boolean isStreamThread(String threadName, String part) {
        return threadName != null && threadName.contains(part) && STREAM_THREAD.matcher(threadName).matches();
    }

    private static String name(RecordedFrame f) {
        // Class names come in the JVM's internal form (java/util/HashMap) from some JDKs: one spelling for all.
        return f.getMethod().getType().getName().replace('/', '.') + "." + f.getMethod().getName();
    }

    static String library(String method) {
        if (method.startsWith("dev.threadguard.")) {
            return "threadguard";
        } else if (method.startsWith("com.fasterxml.jackson.")) {
            return "jackson";
        } else if (method.startsWith("org.rocksdb.")) {
            return "rocksdb";
        } else if (method.startsWith("org.apache.lucene.")) {
            return "lucene";
        } else if (method.startsWith("org.apache.kafka.")) {
            return "kafka";
        } else if (method.startsWith("ai.onnxruntime.") || method.startsWith("dev.langchain4j.")) {
            return "onnx";
        } else if (method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.")) {
            return "jdk";
        }
        return "other";
    }

    private static Map<String, Double> top(Map<String, Long> counts, long total, int n) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, total)) / 10.0));
        return out;
    }
}
