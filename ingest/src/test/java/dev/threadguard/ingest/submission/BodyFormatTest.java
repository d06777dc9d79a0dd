package dev.threadguard.ingest.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyFormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", " Application/JSON ;charset=utf-8"})
    void jsonWithAnyParameters(String contentType) {
        assertThat(BodyFormat.of(contentType)).contains(BodyFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/jsonl", "application/json-lines; charset=utf-8"})
    void jsonLinesUnderEachOfItsNames(String contentType) {
        assertThat(BodyFormat.of(contentType)).contains(BodyFormat.JSON_LINES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/jsonx", "", "multipart/form-data; boundary=x"})
    void otherTypesAreNotAccepted(String contentType) {
        assertThat(BodyFormat.of(contentType)).isEmpty();
    }

    @Test
    void missingContentTypeIsNotAccepted() {
        assertThat(BodyFormat.of(null)).isEmpty();
    }
}
