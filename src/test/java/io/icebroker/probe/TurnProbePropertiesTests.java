package io.icebroker.probe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TurnProbePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void isOffByDefault() {
		this.runner.run((context) -> {
			TurnProbeProperties properties = context.getBean(TurnProbeProperties.class);
			assertThat(properties.scheduled()).isFalse();
			assertThat(properties.onStartup()).isFalse();
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void readsAnIntervalWithItsUnit() {
		this.runner.withPropertyValues("icebroker.probe.interval=10m", "icebroker.probe.on-startup=true")
			.run((context) -> {
				TurnProbeProperties properties = context.getBean(TurnProbeProperties.class);
				assertThat(properties.interval()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.scheduled()).isTrue();
				assertThat(properties.onStartup()).isTrue();
			});
	}

	@Test
	void treatsABlankIntervalAsOff() {
		this.runner.withPropertyValues("icebroker.probe.interval=")
			.run((context) -> assertThat(context.getBean(TurnProbeProperties.class).scheduled()).isFalse());
	}

	@Test
	void refusesAnIntervalShorterThanAMinute() {
		this.runner.withPropertyValues("icebroker.probe.interval=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("TURN_PROBE_INTERVAL must be 0 (off) or at least 1m"));
	}

	@Test
	void refusesAnUnboundedTimeout() {
		this.runner.withPropertyValues("icebroker.probe.timeout=5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("TURN_PROBE_TIMEOUT must be between 100ms and 1m"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TurnProbeProperties.class)
	static class PropertiesConfiguration {

	}

}
