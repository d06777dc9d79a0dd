package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.KafkaClientSecurity;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.sink.SinkConfig;
import dev.threadguard.sink.policy.ModerationPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's configuration table is the setting catalogue, and the catalogue names every variable read. */
class ConfigTableTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path tmp;

    @Test
    void theReadmeTableIsTheGeneratedOne() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(ConfigTable.in(readme)).as("README.md's configuration table; regenerate it with "
                + "./threadguard config --write README.md").hasValue(ConfigTable.generated());
    }

    @Test
    void everyVariableTheServicesReadIsDeclaredInTheCatalogue() {
        Set<String> read = new TreeSet<>();
        Env env = new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "DATABASE_URL", "jdbc:postgresql://db:5432/threadguard")).observed(read::add);
        IngestConfig.fromEnv(env);
        ModerationConfig.fromEnv(env);
        SinkConfig.fromEnv(env);
        KafkaClientSecurity.fromEnv(env);
        WorkDir.lasting(env);

        assertThat(read).isNotEmpty();
        assertThat(read).allSatisfy(name -> assertThat(Settings.named(name))
                .as("%s is read but not declared in dev.threadguard.config.Settings", name).isPresent());
    }

    @Test
    void theCatalogueGivesTheSinksOwnPolicyDefaults() {
        ModerationPolicy defaults = new ModerationPolicy(Map.of());
        for (Flag flag : Flag.values()) {
            assertThat(Settings.named(ModerationPolicy.variable(flag))).as(ModerationPolicy.variable(flag)).hasValueSatisfying(
                    s -> assertThat(s.defaultText()).isEqualTo("`" + defaults.of(flag).configValue() + "`"));
        }
    }

    @Test
    void checkPassesOnAnUpToDateDocumentAndFailsOnAStaleOne() throws Exception {
        Path doc = tmp.resolve("doc.md");
        Files.writeString(doc, "# Doc\n\n" + ConfigTable.BEGIN + "\n| old | table |\n" + ConfigTable.END + "\n\nafter\n");
        assertThat(run("config", "--check", doc.toString())).isEqualTo(1);

        assertThat(run("config", "--write", doc.toString())).isZero();
        assertThat(run("config", "--check", doc.toString())).isZero();
        assertThat(Files.readString(doc)).startsWith("# Doc\n\n" + ConfigTable.BEGIN + "\n| variable |").endsWith(
                ConfigTable.END + "\n\nafter\n");
    }

    @Test
    void aDocumentWithoutMarkersIsAUsageError() throws Exception {
        Path doc = Files.writeString(tmp.resolve("plain.md"), "no table here");
        assertThat(run("config", "--check", doc.toString())).isEqualTo(2);
        assertThatThrownBy(() -> ConfigTable.rewrite("no table")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
