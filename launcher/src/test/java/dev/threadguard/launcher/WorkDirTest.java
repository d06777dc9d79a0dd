package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkDirTest {
    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @Test
    void theDataFolderIsThreadguardDataDirElseXdgDataHomeElseTheHomeDefault() {
        assertThat(WorkDir.lasting(new Env(Map.of("THREADGUARD_DATA_DIR", "/srv/tg", "XDG_DATA_HOME", "/xdg"))))
                .isEqualTo(Path.of("/srv/tg"));
        assertThat(WorkDir.lasting(new Env(Map.of("XDG_DATA_HOME", "/xdg")))).isEqualTo(Path.of("/xdg/threadguard"));
        assertThat(WorkDir.lasting(new Env(Map.of()))).isEqualTo(HOME.resolve(".local/share/threadguard"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
        assertThat(WorkDir.lasting(new Env(Map.of("XDG_DATA_HOME", "relative/dir"))))
                .isEqualTo(HOME.resolve(".local/share/threadguard"));
    }

    @Test
    void aTemporaryFolderIsRemovedWithEverythingInIt() throws Exception {
        Path dir = WorkDir.temporary();
        Files.createDirectories(dir.resolve("kafka/log"));
        Files.writeString(dir.resolve("kafka/log/segment"), "data");

        WorkDir.delete(dir);

        assertThat(dir).doesNotExist();
    }
}
