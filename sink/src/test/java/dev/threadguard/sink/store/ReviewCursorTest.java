package dev.threadguard.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReviewCursorTest {
    @Test
    void decodesWhatItEncodes() {
        ReviewCursor cursor = new ReviewCursor(Instant.parse("2013-12-17T10:02:00.123456Z"), "c-1/ä b");

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ReviewCursor.decode(token)).isEqualTo(cursor);
    }

    @Test
    void refusesTokensItDidNotMake() {
        String wrongVersion = Base64.getUrlEncoder().encodeToString("9\n2013-12-17T10:02:00Z\nc-1".getBytes(StandardCharsets.UTF_8));
        String badTime = Base64.getUrlEncoder().encodeToString("1\nyesterday\nc-1".getBytes(StandardCharsets.UTF_8));
        String noId = Base64.getUrlEncoder().encodeToString("1\n2013-12-17T10:02:00Z\n".getBytes(StandardCharsets.UTF_8));

        for (String token : new String[] {"not base64 !", wrongVersion, badTime, noId}) {
            assertThatThrownBy(() -> ReviewCursor.decode(token))
                    .as(token)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a cursor");
        }
    }
}
