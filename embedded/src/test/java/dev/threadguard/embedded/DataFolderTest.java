package dev.threadguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aHeldFolderIsRefusedWithAMessageNamingItItsHolderAndHowToPickAnother() {
        Path folder = tmp.resolve("data");
        try (DataFolder held = DataFolder.lock(folder, "threadguard up")) {
            assertThat(held.root()).isEqualTo(folder.toAbsolutePath());
            assertThatThrownBy(() -> DataFolder.lock(folder, "threadguard servers"))
                    .isInstanceOf(DataFolder.DataFolderInUseException.class)
                    .hasMessageContaining("the data folder " + folder.toAbsolutePath() + " is in use")
                    .hasMessageContaining("threadguard up, pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("THREADGUARD_DATA_DIR");
        }
    }

    @Test
    void aReleasedFolderCanBeTakenAgainAndKeepsItsData() throws Exception {
        Path folder = tmp.resolve("data");
        try (DataFolder first = DataFolder.lock(folder, "first")) {
            Files.writeString(first.kafka().getParent().resolve("kept.txt"), "still here");
        }
        try (DataFolder second = DataFolder.lock(folder, "second")) {
            assertThat(Files.readString(second.root().resolve("kept.txt"))).isEqualTo("still here");
            assertThat(Files.readString(second.root().resolve(DataFolder.LOCK_FILE), StandardCharsets.UTF_8))
                    .startsWith("second, pid ");
        }
    }

    @Test
    void aFolderThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> DataFolder.lock(file.resolve("data"), "up"))
                .hasMessageContaining("cannot use the data folder " + file.resolve("data"));
    }
}
