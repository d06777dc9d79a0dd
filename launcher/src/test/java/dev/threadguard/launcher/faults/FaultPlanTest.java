package dev.threadguard.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final Duration LOAD = Duration.ofMinutes(3);

    @Test
    void everyFaultOnceAsAsked() {
        List<FaultPlan.Fault> plan = FaultPlan.draw(42, 2, 1, true, LOAD);
        assertThat(plan).extracting(FaultPlan.Fault::kind).containsExactlyInAnyOrder(
                FaultPlan.Kind.KILL_MODERATION, FaultPlan.Kind.KILL_MODERATION, FaultPlan.Kind.KILL_SINK,
                FaultPlan.Kind.KILL_SINK, FaultPlan.Kind.TERM_MODERATION, FaultPlan.Kind.TERM_SINK,
                FaultPlan.Kind.KILL_INGEST, FaultPlan.Kind.BROKER_OUTAGE, FaultPlan.Kind.DATABASE_OUTAGE);
    }

    @Test
    void sameSeedSamePlanAndAnotherSeedAnother() {
        assertThat(FaultPlan.draw(7, 2, 1, true, LOAD)).isEqualTo(FaultPlan.draw(7, 2, 1, true, LOAD));
        assertThat(FaultPlan.draw(7, 2, 1, true, LOAD)).isNotEqualTo(FaultPlan.draw(8, 2, 1, true, LOAD));
    }

    @Test
    void faultsFallInsideTheLoadInOrderAndApart() {
        List<FaultPlan.Fault> plan = FaultPlan.draw(3, 2, 1, true, LOAD);
        long slot = LOAD.toMillis() * 8 / 10 / plan.size();
        for (int i = 0; i < plan.size(); i++) {
            assertThat(plan.get(i).at()).isBetween(LOAD.dividedBy(10), LOAD.multipliedBy(9).dividedBy(10));
            if (i > 0) {
                assertThat(plan.get(i).at().toMillis() - plan.get(i - 1).at().toMillis()).isGreaterThanOrEqualTo(slot / 2);
            }
        }
    }

    @Test
    void noFaultsWithoutKillsTermsOrOutages() {
        assertThat(FaultPlan.draw(1, 0, 0, false, LOAD)).isEmpty();
    }

    @Test
    void theLoadLastsLongEnoughForTheFaultsToBeSpaced() {
        // 9 faults 15 s apart in the middle 80% of the load.
        assertThat(FaultPlan.loadDurationFor(9, Duration.ofSeconds(15)).toMillis() * 8 / 10 / 9).isEqualTo(15_000);
    }
}
