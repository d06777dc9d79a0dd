package dev.threadguard.moderation.duplicate;

import java.time.Duration;
import java.time.Instant;

/** "40 seconds earlier", "3 minutes earlier": how long before a comment an earlier one was posted. */
final class Elapsed {
    private Elapsed() {
    }

    static String before(Instant earlier, Instant later) {
        if (earlier == null || later == null) {
            return "earlier";
        }
        long s = Duration.between(earlier, later).getSeconds();
        if (s < 0) {
            // Never for a named original (DuplicateDetector compares only comments posted no later); said plainly.
            return "later";
        }
        if (s == 0) {
            return "in the same second";
        }
        if (s < 120) {
            return plural(s, "second") + " earlier";
        }
        long m = s / 60;
        if (m < 120) {
            return plural(m, "minute") + " earlier";
        }
        long h = m / 60;
        if (h < 48) {
            return plural(h, "hour") + " earlier";
        }
        return plural(h / 24, "day") + " earlier";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
