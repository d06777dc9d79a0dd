package dev.threadguard.launcher;

import java.util.concurrent.CountDownLatch;

/** Keeps a command serving until Ctrl-C (or SIGTERM), then closes what it started. */
final class Running {
    private Running() {
    }

    static void untilShutdown(AutoCloseable whatRuns) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                whatRuns.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Running.class).warn("shutdown was not clean", e);
            } finally {
                stopped.countDown();
            }
        }, "threadguard-shutdown"));
        stopped.await();
    }
}
