package dev.threadguard.launcher.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault happens, drawn from a seed so a failing run can be repeated: the load's duration is
 * cut into one slot per fault, the faults are shuffled over the slots, and each falls at a random
 * moment in the first half of its slot (so consecutive faults are at least half a slot apart).
 */
final class FaultPlan {
    /** What the harness does to the pipeline. */
    enum Kind {
        KILL_MODERATION, KILL_SINK, KILL_INGEST, TERM_MODERATION, TERM_SINK, BROKER_OUTAGE, DATABASE_OUTAGE;

        String service() {
            return switch (this) {
                case KILL_MODERATION, TERM_MODERATION -> "moderation";
                case KILL_SINK, TERM_SINK -> "sink";
                case KILL_INGEST -> "ingest";
                case BROKER_OUTAGE -> "kafka";
                case DATABASE_OUTAGE -> "postgresql";
            };
        }

        ServiceProcess.Stop stop() {
            return name().startsWith("TERM") ? ServiceProcess.Stop.TERM : ServiceProcess.Stop.KILL;
        }
    }

    /** A fault at {@code at} after the load began. */
    record Fault(Kind kind, Duration at) {
    }

    private FaultPlan() {
    }

    static List<Fault> draw(long seed, int kills, int terms, boolean outages, Duration loadDuration) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            kinds.add(Kind.KILL_MODERATION);
            kinds.add(Kind.KILL_SINK);
        }
        for (int i = 0; i < terms; i++) {
            kinds.add(Kind.TERM_MODERATION);
            kinds.add(Kind.TERM_SINK);
        }
        if (outages) {
            kinds.add(Kind.KILL_INGEST);
            kinds.add(Kind.BROKER_OUTAGE);
            kinds.add(Kind.DATABASE_OUTAGE);
        }
        if (kinds.isEmpty()) {
            return List.of();
        }
        Random random = new Random(seed);
        Collections.shuffle(kinds, random);
        // The first and last 10% stay quiet: the pipeline starts warm and the last faults still hit load.
        long begin = loadDuration.toMillis() / 10;
        long slot = (loadDuration.toMillis() * 8 / 10) / kinds.size();
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            long at = begin + i * slot + (long) (random.nextDouble() * slot / 2);
            faults.add(new Fault(kinds.get(i), Duration.ofMillis(at)));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return faults;
    }

    /** How long the load must last for {@code faults} faults to be {@code spacing} apart. */
    static Duration loadDurationFor(int faults, Duration spacing) {
        return spacing.multipliedBy(faults).multipliedBy(10).dividedBy(8).plusSeconds(0);
    }
}
