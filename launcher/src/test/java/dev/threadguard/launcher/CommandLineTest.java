package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a newcomer sees first: usage, help texts and exit codes. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void noCommandPrintsTheUsageAndFails() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: threadguard").contains("up").contains("servers").contains("config");
    }

    @Test
    void upHelpNamesThePortsTheUrlsAndTheVariablesThatMoveThem() {
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString())
                .contains("http://localhost:8080/").contains("SINK_PORT")
                .contains("http://localhost:8081/").contains("INGEST_PORT")
                .contains("http://localhost:8082/health").contains("MODERATION_PORT")
                .contains("127.0.0.1:9092").contains("EMBEDDED_KAFKA_PORT")
                .contains("EMBEDDED_DATABASE_PORT").contains("THREADGUARD_DATA_DIR")
                .contains("KAFKA_BOOTSTRAP_SERVERS").contains("DATABASE_URL");
    }

    @Test
    void demoAndServersHelpNameTheirPortsToo() {
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("SINK_PORT").contains("EMBEDDED_KAFKA_PORT").contains("temporary folder");
        assertThat(run("servers", "--help")).isZero();
        assertThat(out.toString()).contains("EMBEDDED_DATABASE_PORT").contains("THREADGUARD_DATA_DIR");
    }

    /**
     * picocli wraps long lines itself; a description given as pieces of one sentence breaks it where the
     * pieces end. So each piece is whole sentences, and the footer's rows fit in 80 columns unwrapped.
     */
    @Test
    void helpTextsAreWholeSentencesAndFooterRowsAreNeverWrapped() {
        CommandLine root = Main.commandLine();
        for (CommandLine command : root.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own
            }
            for (String paragraph : spec.usageMessage().description()) {
                assertThat(paragraph).as("%s description", spec.name()).matches("(?s).*[.:)]$");
            }
            spec.options().forEach(o -> {
                for (String paragraph : o.description()) {
                    assertThat(paragraph).as("%s %s", spec.name(), o.longestName()).matches("(?s).*[.:)]$");
                }
            });
            for (String row : spec.usageMessage().footer()) {
                assertThat(row.length()).as("%s footer: %s", spec.name(), row).isLessThan(80);
            }
        }
    }
}
