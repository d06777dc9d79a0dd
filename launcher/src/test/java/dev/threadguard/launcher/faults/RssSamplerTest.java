package dev.threadguard.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RssSamplerTest {
    @Test
    void slopeInMibPerMinute() {
        List<RssSampler.Sample> growing = List.of(new RssSampler.Sample(0, 100), new RssSampler.Sample(60, 102),
                new RssSampler.Sample(120, 104), new RssSampler.Sample(180, 106));
        assertThat(RssSampler.slopePerMinute(growing)).isCloseTo(2.0, within(1e-9));
        List<RssSampler.Sample> flat = List.of(new RssSampler.Sample(0, 300), new RssSampler.Sample(10, 301),
                new RssSampler.Sample(20, 299), new RssSampler.Sample(30, 300));
        assertThat(RssSampler.slopePerMinute(flat)).isCloseTo(0.0, within(3.0));
    }

    @Test
    void tooFewSamplesGiveNoSlope() {
        assertThat(RssSampler.slopePerMinute(List.of(new RssSampler.Sample(0, 1), new RssSampler.Sample(10, 500)))).isZero();
    }

    @Test
    void samplesThisProcess() {
        RssSampler sampler = new RssSampler(System.nanoTime(), 0);
        sampler.watch("self", () -> OptionalLong.of(ProcessHandle.current().pid()));
        sampler.sample();
        assertThat(sampler.series()).singleElement().satisfies(s -> assertThat(s.lastMib()).isGreaterThan(10));
    }
}
