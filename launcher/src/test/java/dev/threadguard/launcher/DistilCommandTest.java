package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The distil command's refusals (the distillation itself is checked in moderation's DistilledTableTest). */
class DistilCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void withoutOutOrVerifyItSaysWhatToGiveAndBuildsNothing() {
        assertThat(run("distil")).isEqualTo(2);
        assertThat(err.toString()).contains("give --out FILE, --verify, or both");
        assertThat(out.toString()).doesNotContain("table:");
    }

    @Test
    void dimensionsOutOfRangeAreRefusedBeforeAnyWork() {
        assertThat(run("distil", "--verify", "--dimensions", "0")).isEqualTo(2);
        assertThat(run("distil", "--verify", "--dimensions", "385")).isEqualTo(2);
        assertThat(err.toString()).contains("--dimensions must be 1..384, not 0").contains("not 385");
        assertThat(out.toString()).doesNotContain("table:");
    }

    @Test
    void refitOptionsAreCheckedBeforeAnyWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        assertThat(run("distil", "--verify", "--threads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads must be 1..64, not 0");
        assertThat(run("distil", "--verify", "--corpus", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("data.noun").contains("wordnet-base").contains("--no-refit");
        assertThat(run("distil", "--verify", "--no-refit", "--corpus", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--corpus is for the refit");
        assertThat(out.toString()).doesNotContain("table:");
    }

    @Test
    void helpNamesTheMethodAndTheVerification() {
        assertThat(run("distil", "--help")).isZero();
        assertThat(out.toString()).contains("Model2Vec").contains("--verify").contains("--out").contains("--dimensions")
                .contains("--corpus").contains("--no-refit").contains("WordNet");
    }
}
