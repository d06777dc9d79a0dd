package dev.threadguard.launcher.faults;

import java.io.PrintStream;

/** The summary a person reads at the end of a run. */
final class FaultSummary {
    private FaultSummary() {
    }

    static void print(FaultReport r, PrintStream out) {
        out.println();
        out.printf("sent %d, accepted %d, stored %d: lost %d, duplicated %d, without verdict %d%n",
                r.sent(), r.accepted(), r.stored(), r.lost(), r.duplicated(), r.withoutVerdict());
        out.printf("redelivered (committed twice after a lost 202, judged once) %d; final verdict preceded by a "
                + "provisional one %d%n", r.redelivered(), r.provisional());
        out.printf("final verdicts per comment %s; self-duplicates %d; duplicates flagged %d, naming a later original %d%s%n",
                r.verdictsPerComment(), r.selfDuplicates(), r.duplicatesFlagged(), r.orderViolations(),
                r.orderViolations() > 0 ? " (item 12, e.g. " + r.orderViolationExamples().get(0) + ")" : "");
        out.printf("503s %d (while the broker was down: %s), no answer %d, 202 while the broker was down %d%n",
                r.unavailable(), r.brokerDown503Seconds(), r.noAnswer(), r.acceptedWhileBrokerDown());
        if (r.unplannedRestarts() > 0) {
            out.printf("services that ended by themselves and were started again: %d%n", r.unplannedRestarts());
        }
        out.println("fault                 at(s)  healthy after start(s)  joining(s)  after stop(s)  caught up(s)");
        for (FaultReport.Restart x : r.restarts()) {
            out.printf("%-20s %6.1f %23.1f %11.1f %14.1f %13.1f%n", x.fault(), x.atSeconds(), x.healthySeconds(),
                    x.joinSeconds(), x.downSeconds(), x.catchUpSeconds());
        }
        for (FaultReport.Memory m : r.memory()) {
            out.printf("memory %-18s %4d samples, last %6.0f MiB, slope %+.2f MiB/min%n", m.process(), m.samples(),
                    m.lastMib(), m.slopeMibPerMinute());
        }
        out.printf("load %.0f s, run %.0f s: %s%n", r.loadSeconds(), r.totalSeconds(),
                r.passed() ? "PASSED" : "FAILED: " + String.join("; ", r.failures()));
    }
}
