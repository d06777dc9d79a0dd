package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Json;
import org.junit.jupiter.api.Test;

class ThreadClientTest {

    @Test
    void countsTheCommentsAwaitingARevisedVerdictRepliesIncluded() throws Exception {
        String comments = """
                [{"commentId":"c-1","awaiting":[],"replies":[
                   {"commentId":"c-2","awaiting":["OFF_TOPIC"],"replies":[
                     {"commentId":"c-3","awaiting":["OFF_TOPIC"],"replies":[]}]}]},
                 {"commentId":"c-4","awaiting":[],"replies":[]},
                 {"commentId":"c-5","replies":[]}]
                """;

        assertThat(ThreadClient.provisional(Json.MAPPER.readTree(comments))).isEqualTo(2);
        assertThat(ThreadClient.provisional(Json.MAPPER.readTree("""
                [{"commentId":"c-1","awaiting":[],"replies":[{"commentId":"c-2","replies":[]}]}]"""))).isZero();
    }
}
