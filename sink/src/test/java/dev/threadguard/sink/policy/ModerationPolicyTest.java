package dev.threadguard.sink.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.contract.Flag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerationPolicyTest {
    private static final ModerationPolicy DEFAULTS = new ModerationPolicy(Map.of());

    @Test
    void defaultsHoldDuplicatesAndSupportRequestsAndPublishOffTopicComments() {
        assertThat(DEFAULTS.judge(List.of("DUPLICATE"), List.of(), null))
                .isEqualTo(new Standing(CommentStatus.HELD, List.of("DUPLICATE"), List.of()));
        assertThat(DEFAULTS.judge(List.of("OFF_TOPIC"), List.of(), null))
                .isEqualTo(new Standing(CommentStatus.PUBLISHED, List.of("OFF_TOPIC"), List.of()));
        assertThat(DEFAULTS.judge(List.of("SUPPORT_REQUEST"), List.of(), null))
                .isEqualTo(new Standing(CommentStatus.HELD, List.of("SUPPORT_REQUEST"), List.of("support")));
        assertThat(DEFAULTS.judge(List.of(), List.of(), null))
                .isEqualTo(new Standing(CommentStatus.PUBLISHED, List.of(), List.of()));
    }

    @Test
    void holdWinsOverPublishAndFlagAndQueueFlagsKeepEnumOrder() {
        Standing s = DEFAULTS.judge(List.of("SUPPORT_REQUEST", "OFF_TOPIC"), List.of(), null);

        assertThat(s.status()).isEqualTo(CommentStatus.HELD);
        assertThat(s.queueFlags()).containsExactly("OFF_TOPIC", "SUPPORT_REQUEST");
        assertThat(s.queued()).isTrue();
    }

    @Test
    void logOnlyFlagsAreNeitherQueuedNorHeld() {
        ModerationPolicy shadow = new ModerationPolicy(Map.of(Flag.DUPLICATE, FlagPolicy.LOG_ONLY));

        Standing s = shadow.judge(List.of("DUPLICATE"), List.of(), null);

        assertThat(s).isEqualTo(new Standing(CommentStatus.PUBLISHED, List.of(), List.of()));
        assertThat(s.queued()).isFalse();
    }

    @Test
    void aModeratorsDecisionWinsOverEveryFlag() {
        Standing approved = DEFAULTS.judge(List.of("DUPLICATE"), List.of(), CommentStatus.APPROVED);
        Standing rejected = DEFAULTS.judge(List.of(), List.of(), CommentStatus.REJECTED);

        assertThat(approved.status()).isEqualTo(CommentStatus.APPROVED);
        assertThat(approved.queued()).isFalse();
        assertThat(rejected.status()).isEqualTo(CommentStatus.REJECTED);
        assertThatThrownBy(() -> DEFAULTS.judge(List.of(), List.of(), CommentStatus.HELD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDismissedFlagNoLongerHoldsOrQueues() {
        Standing s = DEFAULTS.judge(List.of("DUPLICATE", "OFF_TOPIC"), List.of("DUPLICATE"), null);

        assertThat(s).isEqualTo(new Standing(CommentStatus.PUBLISHED, List.of("OFF_TOPIC"), List.of()));
        assertThat(DEFAULTS.judge(List.of("SUPPORT_REQUEST"), List.of("SUPPORT_REQUEST"), null).teams()).isEmpty();
    }

    @Test
    void configValuesParseLeniently() {
        assertThat(FlagPolicy.parse("X", " Publish_And_Flag ")).isEqualTo(FlagPolicy.PUBLISH_AND_FLAG);
        assertThat(FlagPolicy.parse("X", "hold")).isEqualTo(FlagPolicy.HOLD);
        assertThat(CommentStatus.APPROVED.visibleToReaders()).isTrue();
        assertThat(CommentStatus.HELD.visibleToReaders()).isFalse();
    }
}
