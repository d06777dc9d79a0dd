package dev.threadguard.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench's options: what a full and a quick run do, and a clear message for each setting it cannot run with. */
class BenchCommandTest {
    private static BenchOptions options(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void aFullRunSendsTwentyThousandCommentsAndAThousandPerSecondForAMinute() {
        BenchOptions o = options();
        assertThat(o.quick()).isFalse();
        assertThat(o.comments()).isEqualTo(20_000);
        assertThat(o.articles()).isEqualTo(200);
        assertThat(o.rate()).isEqualTo(1_000);
        assertThat(o.rateDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.latencyComments()).isEqualTo(60_000);
        assertThat(o.recordSize()).isEqualTo(400);
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aQuickRunIsSmallAndItsSettingsCanStillBeChanged() {
        BenchOptions o = options("--quick", "--rate", "50");
        assertThat(o.comments()).isEqualTo(2_000);
        assertThat(o.articles()).isEqualTo(20);
        assertThat(o.producerRecords()).isEqualTo(100_000);
        assertThat(o.rate()).isEqualTo(50);
        assertThat(o.latencyComments()).isEqualTo(500);
    }

    @Test
    void settingsItCannotRunWithAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> options("--comments", "5")).hasMessageContaining("--comments");
        assertThatThrownBy(() -> options("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> options("--rate-duration", "PT0S")).hasMessageContaining("--rate-duration");
        assertThatThrownBy(() -> options("--batch-size", "20000")).hasMessageContaining("--batch-size");
        assertThatThrownBy(() -> options("--concurrency", "0")).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> options("--producer-records", "10")).hasMessageContaining("--producer-records");
        assertThatThrownBy(() -> options("--stall", "PT1S")).hasMessageContaining("--stall");
    }

    @Test
    void threadsThatCannotHoldTheCommentsAreRefusedWithHowManyAreNeeded() {
        // 1,000 + 100/s × 10 s = 2,000 comments need at least 4 threads of 500.
        assertThatThrownBy(() -> options("--comments", "1000", "--articles", "3", "--rate", "100", "--rate-duration", "PT10S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--articles 3").hasMessageContaining("at least 4");
        assertThat(options("--comments", "1000", "--articles", "4", "--rate", "100", "--rate-duration", "PT10S").articles())
                .isEqualTo(4);
    }

    private static BenchCommand parsed(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void aSoakSpreadsItsCommentsOverAHundredPerArticleAndFailsAboveAGibibyteByDefault() {
        BenchCommand command = parsed("--soak-comments", "1000000", "--seed", "7", "--stall", "PT20M");
        BenchOptions o = command.soakOptions();
        assertThat(o.comments()).isEqualTo(1_000_000);
        assertThat(o.articles()).isEqualTo(10_000);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(command.rssLimitMb).isEqualTo(1024);
        assertThat(parsed("--soak-comments", "5000", "--rss-limit-mb", "700").rssLimitMb).isEqualTo(700);
    }

    @Test
    void soakSettingsItCannotRunWithAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> parsed("--soak-comments", "10").soakOptions()).hasMessageContaining("--soak-comments");
        assertThatThrownBy(() -> parsed("--soak-comments", "100000", "--articles", "100").soakOptions())
                .hasMessageContaining("--articles 100").hasMessageContaining("at least 200");
        assertThatThrownBy(() -> parsed("--soak-comments", "5000", "--rss-limit-mb", "10").soakOptions())
                .hasMessageContaining("--rss-limit-mb");
        assertThatThrownBy(() -> parsed("--soak-comments", "5000", "--quick").soakOptions())
                .hasMessageContaining("--quick");
    }

    @Test
    void benchAndFaultsTakeTheSharedReportAndWorkFolderOptionsUnderTheSameNames() {
        BenchCommand bench = parsed("--json", "target/b.json", "--keep");
        assertThat(bench.run.json()).hasToString("target/b.json");
        assertThat(bench.run.keep()).isTrue();
        assertThat(parsed().run.keep()).isFalse();
        assertThat(parsed().run.json()).isNull();
        CommandLine faults = new CommandLine(new dev.threadguard.launcher.faults.FaultsCommand());
        assertThat(faults.getCommandSpec().findOption("--json")).isNotNull();
        assertThat(faults.getCommandSpec().findOption("--keep")).isNotNull();
        assertThat(faults.parseArgs("--json", "f.json", "--keep").matchedOptionValue("--keep", false)).isTrue();
    }
}
