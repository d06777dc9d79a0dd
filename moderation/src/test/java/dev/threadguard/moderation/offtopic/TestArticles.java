package dev.threadguard.moderation.offtopic;

import dev.threadguard.contract.Article;
import java.time.Instant;
import java.util.List;

/** Invented articles the off-topic tests judge comments against (no evaluation data). */
final class TestArticles {
    static final Article BIKE_LANES = new Article("a-1", "Council approves protected bicycle lanes on Main Street",
            "The city council voted 7-2 on Tuesday to build protected bicycle lanes along Main Street. The lanes will replace "
                    + "one row of parking between the river bridge and the train station. Shop owners fear losing customers who "
                    + "drive, while cycling groups say the separated lanes will make commuting safer. Construction starts in "
                    + "spring and is expected to cost 4 million dollars.",
            null, Instant.EPOCH, List.of("Transport", "City"));

    static final Article LAPTOP_UPDATE = new Article("a-2", "Windows update leaves some laptops with a black screen",
            "A cumulative update released this week causes some laptops to boot to a black screen. Affected users report "
                    + "that the laptop will not turn on properly after installing the update; rolling back the driver fixes it.",
            null, Instant.EPOCH, List.of("Windows"));

    private TestArticles() {
    }
}
