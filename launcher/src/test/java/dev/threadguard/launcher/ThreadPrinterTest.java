package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.contract.Json;
import org.junit.jupiter.api.Test;

class ThreadPrinterTest {

    @Test
    void indentsRepliesUnderTheirParentAndShowsFlagsWithScoreAndReason() throws Exception {
        String thread = """
                {"article":{"articleId":"a","title":"Data centres"},"commentCount":3,"comments":[
                  {"commentId":"c-1","author":"Ann","title":"First","body":"Hello","flags":[],"reasons":[],"replies":[
                    {"commentId":"c-2","author":null,"body":"A reply","flags":[],"replies":[]}]},
                  {"commentId":"c-3","author":"Ann","body":"Hello","status":"HELD","flags":["DUPLICATE"],"duplicateOf":"c-1",
                   "scores":{"duplicate":1.0},"reasons":["same text as c-1"],"replies":[]}]}
                """;

        String out = ThreadPrinter.render(Json.MAPPER.readTree(thread));

        assertThat(out).startsWith("Data centres\n3 comments, 1 flagged");
        assertThat(out).contains("* c-1  Ann: \"First\" Hello\n    ok\n    > c-2  anonymous: A reply\n");
        assertThat(out).contains("* c-3 [HELD]  Ann: Hello\n    FLAG DUPLICATE of c-1 (score 1.00)\n      - same text as c-1\n");
    }

    @Test
    void shortensLongBodiesToOneLine() throws Exception {
        String body = "word ".repeat(60);
        String thread = "{\"article\":null,\"comments\":[{\"commentId\":\"c\",\"body\":\"" + body + "\",\"flags\":[]}]}";

        String out = ThreadPrinter.render(Json.MAPPER.readTree(thread));

        assertThat(out).startsWith("(article not received)");
        assertThat(out.lines().filter(l -> l.startsWith("* c")).findFirst().orElseThrow()).endsWith("...").hasSizeLessThan(110);
    }
}
