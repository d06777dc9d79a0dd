package dev.threadguard.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule the fault run checks on comments.moderated: one final verdict, preceded by at most one provisional one. */
class FaultChecksTest {
    private static final Verdict FINAL = new Verdict("c-1", "a-1", Set.of(), null, Map.of("offTopic", 0.2), List.of(),
            "test-1", Instant.parse("2026-01-01T00:00:00Z"));
    private static final Verdict PROVISIONAL = new Verdict("c-1", "a-1", Set.of(Flag.OFF_TOPIC), null,
            Map.of("offTopic", 0.7), List.of("off topic"), "test-1", Instant.parse("2026-01-01T00:00:00Z"))
            .awaiting(Set.of(Flag.OFF_TOPIC));

    @Test
    void oneFinalVerdictAloneOrAfterOneProvisionalIsJudgedOnce() {
        assertThat(FaultChecks.judged(List.of(FINAL))).isEqualTo(FaultChecks.Judged.ONCE);
        assertThat(FaultChecks.judged(List.of(PROVISIONAL, FINAL))).isEqualTo(FaultChecks.Judged.ONCE);
    }

    @Test
    void noVerdictOrOnlyAProvisionalOneIsNoFinalVerdict() {
        assertThat(FaultChecks.judged(List.of())).isEqualTo(FaultChecks.Judged.NOT_FINALLY);
        assertThat(FaultChecks.judged(List.of(PROVISIONAL))).isEqualTo(FaultChecks.Judged.NOT_FINALLY);
    }

    @Test
    void twoFinalsTwoProvisionalsOrAProvisionalAfterTheFinalAreJudgedMoreThanOnce() {
        assertThat(FaultChecks.judged(List.of(FINAL, FINAL))).isEqualTo(FaultChecks.Judged.MORE_THAN_ONCE);
        assertThat(FaultChecks.judged(List.of(PROVISIONAL, FINAL, FINAL))).isEqualTo(FaultChecks.Judged.MORE_THAN_ONCE);
        assertThat(FaultChecks.judged(List.of(PROVISIONAL, PROVISIONAL))).isEqualTo(FaultChecks.Judged.MORE_THAN_ONCE);
        assertThat(FaultChecks.judged(List.of(PROVISIONAL, PROVISIONAL, FINAL)))
                .isEqualTo(FaultChecks.Judged.MORE_THAN_ONCE);
        // A consumer keeping the latest verdict would end with the provisional one.
        assertThat(FaultChecks.judged(List.of(FINAL, PROVISIONAL))).isEqualTo(FaultChecks.Judged.MORE_THAN_ONCE);
    }

    @Test
    void theHistogramCountsFinalVerdictsOnly() {
        assertThat(FaultChecks.finals(List.of(PROVISIONAL, FINAL))).isEqualTo(1);
        assertThat(FaultChecks.finals(List.of(PROVISIONAL))).isZero();
        assertThat(FaultChecks.finals(List.of(FINAL, FINAL))).isEqualTo(2);
    }
}
