package dev.threadguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Instant AT = Instant.parse("2013-12-17T10:00:00Z");

    private static Decision decision(DecisionAction action, String reason, String moderator) {
        return new Decision("d-1", "c-1", "a-1", action, reason, moderator, AT);
    }

    @Test
    void aCompleteDecisionIsValidAndSurvivesTheWireFormat() {
        Decision d = decision(DecisionAction.REJECT, "Spam", "Ada");

        assertThat(d.violations()).isEmpty();
        assertThat(Json.read(Json.write(d), Decision.class)).isEqualTo(d);
        assertThat(Json.writeString(d)).contains("\"action\":\"REJECT\"").doesNotContain("violations");
    }

    @Test
    void rejectNeedsAReasonAndEveryDecisionAModerator() {
        assertThat(decision(DecisionAction.REJECT, " ", "Ada").violations())
                .extracting(Violation::field).containsExactly("reason");
        assertThat(decision(DecisionAction.APPROVE, null, " ").violations())
                .extracting(Violation::field).containsExactly("moderator");
        assertThat(decision(DecisionAction.APPROVE, null, "x".repeat(Decision.MAX_MODERATOR_LENGTH + 1)).violations())
                .extracting(Violation::message).singleElement().asString().contains("at most 100");
        assertThat(new Decision(null, "", "a-1", null, null, "Ada", null).violations())
                .extracting(Violation::field).containsExactly("decisionId", "commentId", "action", "decidedAt");
    }

    @Test
    void correctionsNameTheFlagTheyDismiss() {
        assertThat(DecisionAction.NOT_DUPLICATE.corrects()).isEqualTo(Flag.DUPLICATE);
        assertThat(DecisionAction.APPROVE.isCorrection()).isFalse();
        for (Flag flag : Flag.values()) {
            assertThat(DecisionAction.correcting(flag).corrects()).isEqualTo(flag);
        }
    }
}
