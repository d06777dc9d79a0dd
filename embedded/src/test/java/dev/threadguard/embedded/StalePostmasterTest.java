package dev.threadguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A postmaster.pid left by a PostgreSQL that is gone must not keep the next start from working. */
class StalePostmasterTest {
    @TempDir
    Path cluster;

    @Test
    void aPidFileOfAProcessThatIsGoneIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(cluster.resolve("postmaster.pid"), gone.pid() + "\n" + cluster + "\n");

        EmbeddedDatabase.stopOrphanedPostmaster(cluster);

        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aPidFileNamingAProcessThatIsNoPostgresIsRemovedAndTheProcessLeftAlone() throws Exception {
        // After a reboot the pid may belong to anything: here, this very JVM.
        Files.writeString(cluster.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + cluster + "\n");

        EmbeddedDatabase.stopOrphanedPostmaster(cluster);

        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void noPidFileIsNothingToDo() {
        EmbeddedDatabase.stopOrphanedPostmaster(cluster);
        assertThat(cluster).isEmptyDirectory();
    }
}
