package dev.threadguard.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseUrlRedactionTest {
    @Test
    void passwordsAreMaskedAndTheRestOfTheUrlIsKept() {
        assertThat(Database.redacted("jdbc:postgresql://db:5432/tg?PASSWORD=a&sslmode=require&sslpassword=b"))
                .isEqualTo("jdbc:postgresql://db:5432/tg?PASSWORD=***&sslmode=require&sslpassword=***");
        assertThat(Database.redacted("jdbc:postgresql://tg:hunter2@db:5432/tg?sslmode=require"))
                .isEqualTo("jdbc:postgresql://tg:***@db:5432/tg?sslmode=require");
        assertThat(Database.redacted("jdbc:postgresql://db:5432/tg")).isEqualTo("jdbc:postgresql://db:5432/tg");
        assertThat(Database.redacted(null)).isNull();
    }
}
