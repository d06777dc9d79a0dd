package dev.threadguard.moderation;

import dev.threadguard.moderation.judge.DetectorConfig;
import dev.threadguard.moderation.language.LanguageIdentifier;
import dev.threadguard.moderation.offtopic.MiniLmEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the process-wide models the detectors use (language profiles, the off-topic vectors, MiniLM when the
 * configuration refines with it) before the Streams client starts. Each is otherwise loaded by the first comment that
 * needs it, on a stream thread inside an open exactly-once transaction: a load that outlasts
 * {@code transaction.timeout.ms} ({@link StreamsTuning}; the language profiles took 10 s on a machine at load 40)
 * gets the transaction aborted by the broker, the thread fenced and its tasks moved. Loading costs no more here.
 */
final class ModelPreload {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPreload.class);
    private static final String TEXT = "Loading the models before the first comment.";

    private ModelPreload() {
    }

    static void run(DetectorConfig detectors) {
        long start = System.nanoTime();
        LanguageIdentifier.preload();
        if (detectors.offTopicEmbeddings()) {
            detectors.offTopicVectors().create().vector(TEXT);
            if (detectors.offTopicVectors().refines()) {
                new MiniLmEmbedder().vector(TEXT);
            }
        }
        LOG.info("detector models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
