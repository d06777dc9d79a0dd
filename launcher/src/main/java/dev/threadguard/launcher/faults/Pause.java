package dev.threadguard.launcher.faults;

/** The harness paces itself in wall-clock time (it drives a load and a fault schedule, it does not wait for a condition). */
public final class Pause {
    private Pause() {
    }

    public static void millis(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
