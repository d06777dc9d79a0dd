package dev.threadguard.launcher.bench;

import java.io.PrintStream;

/**
 * One progress bar per stage: redrawn in place on a terminal, a plain line every 10 s otherwise (CI logs).
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final int stages;
    private String stage = "";
    private int number;
    private long total;
    private long lastPrint;

    Progress(PrintStream out, boolean terminal, int stages) {
        this.out = out;
        this.terminal = terminal;
        this.stages = stages;
    }

    /** A new stage; {@code totalUnits} 0 when it has nothing to count as it goes. */
    synchronized void stage(String name, long totalUnits) {
        number++;
        stage = name;
        total = totalUnits;
        lastPrint = 0;
        if (!terminal) {
            out.printf("bench: [%d/%d] %s%n", number, stages, name);
        }
        update(0);
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastPrint < 100_000_000L) {
                return;
            }
            if (total <= 0) { // nothing to count: the stage says when it is done
                out.printf("\r[%d/%d] %s ...   ", number, stages, stage);
            } else {
                int filled = (int) Math.min(WIDTH, done * WIDTH / total);
                out.printf("\r[%d/%d] [%s%s] %,d/%,d %s   ", number, stages, "#".repeat(filled),
                        " ".repeat(WIDTH - filled), done, total, stage);
            }
            out.flush();
        } else if (now - lastPrint >= 10_000_000_000L && total > 0) {
            out.printf("bench:   %,d/%,d%n", done, total);
        } else {
            return;
        }
        lastPrint = now;
    }

    /** Ends the stage's bar with its figure. */
    synchronized void done(String figure) {
        out.printf(terminal ? "\r[%d/%d] %-60s %s%n" : "bench: [%d/%d] %s: %s%n", number, stages, stage, figure);
    }
}
