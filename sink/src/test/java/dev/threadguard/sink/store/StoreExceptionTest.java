package dev.threadguard.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures the HTTP API answers as the client's fault (400) rather than an outage (503). */
class StoreExceptionTest {

    private static StoreException failed(String sqlState) {
        return new StoreException("cannot read", new SQLException("refused", sqlState));
    }

    @Test
    void aDataExceptionIsTheRequestsFaultNotAnOutage() {
        // 22021: a NUL in text; 22008: a timestamp out of range.
        assertThat(failed("22021").isDataException()).isTrue();
        assertThat(failed("22008").isDataException()).isTrue();
    }

    @Test
    void connectionsAndIntegrityAreNotDataExceptions() {
        // 08001: cannot connect; 57P01: the server shut down; 23505: a unique violation; none known: null.
        assertThat(failed("08001").isDataException()).isFalse();
        assertThat(failed("57P01").isDataException()).isFalse();
        assertThat(failed("23505").isDataException()).isFalse();
        assertThat(failed(null).isDataException()).isFalse();
        assertThat(failed("23505").rejectsData()).isTrue();
    }
}
