package dev.threadguard.sink.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesAreArgon2idSaltedAndCheckable() {
        String first = Passwords.hash("correct horse battery");
        String second = Passwords.hash("correct horse battery");

        assertThat(first).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(first).isNotEqualTo(second);
        assertThat(Passwords.matches("correct horse battery", first)).isTrue();
        assertThat(Passwords.matches("correct horse batterY", first)).isFalse();
        assertThat(Passwords.matches("correct horse battery", null)).isFalse();
        assertThat(Passwords.matches(null, first)).isFalse();
    }

    @Test
    void shortAndHugePasswordsAreRefused() {
        assertThatThrownBy(() -> Passwords.hash("short")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> Passwords.hash("x".repeat(1025))).hasMessageContaining("at most 1024");
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        assertThat(Passwords.generate()).hasSize(24).isNotEqualTo(Passwords.generate());
    }

    @Test
    void userNamesAreWordsWithoutSpacesOrControlCharacters() {
        assertThat(User.checkName(" ada.l@example ")).isEqualTo("ada.l@example");
        assertThat(User.checkName("Zoë_2")).isEqualTo("Zoë_2");
        for (String bad : new String[] {"", "a b", "x\u0000", "x".repeat(65), "<script>"}) {
            assertThatThrownBy(() -> User.checkName(bad)).as(bad).hasMessageContaining("a user name is");
        }
        assertThat(LogSafe.name("bad\u0000\u001bname")).isEqualTo("bad??name");
    }
}
