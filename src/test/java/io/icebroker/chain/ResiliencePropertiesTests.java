package io.icebroker.chain;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ResiliencePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsToACacheAThreeSecondDeadlineAndAThirtySecondCooldown() {
		this.runner.run((context) -> assertThat(context.getBean(ResilienceProperties.class))
			.isEqualTo(TestChains.defaultResilience())
			.isEqualTo(new ResilienceProperties(ResilienceProperties.CacheMode.ON, 0.5, Duration.ofSeconds(3),
					Duration.ofSeconds(30), 16)));
	}

	@Test
	void readsBareNumbersAsSeconds() {
		this.runner
			.withPropertyValues("icebroker.resilience.chain-deadline=2", "icebroker.resilience.circuit-cooldown=45")
			.run((context) -> {
				ResilienceProperties properties = context.getBean(ResilienceProperties.class);
				assertThat(properties.chainDeadline()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.circuitCooldown()).isEqualTo(Duration.ofSeconds(45));
			});
	}

	@Test
	void rejectsAFloorOutsideZeroToOne() {
		this.runner.withPropertyValues("icebroker.resilience.cache-min-remaining=1.5")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void rejectsAZeroDeadline() {
		this.runner.withPropertyValues("icebroker.resilience.chain-deadline=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void keepsTheLastHundredMillisecondsOfTheDeadlineForTheFallback() {
		assertThat(TestChains.defaultResilience().premiumBudget()).isEqualTo(Duration.ofMillis(2900));
		assertThat(new ResilienceProperties(ResilienceProperties.CacheMode.ON, 0.5, Duration.ofMillis(500),
				Duration.ZERO, 1)
			.premiumBudget()).isEqualTo(Duration.ofMillis(450));
	}

	@Test
	void bindsTheContractNamesThroughApplicationYaml() {
		this.runner.withInitializer(new ConfigDataApplicationContextInitializer())
			.withPropertyValues("TURN_CACHE=off", "TURN_CACHE_MIN_REMAINING=0.25", "TURN_CHAIN_DEADLINE=1500ms",
					"TURN_CIRCUIT_COOLDOWN=0", "TURN_UPSTREAM_THREADS=4")
			.run((context) -> assertThat(context.getBean(ResilienceProperties.class))
				.isEqualTo(new ResilienceProperties(ResilienceProperties.CacheMode.OFF, 0.25, Duration.ofMillis(1500),
						Duration.ZERO, 4)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ResilienceProperties.class)
	static class PropertiesConfiguration {

	}

}
