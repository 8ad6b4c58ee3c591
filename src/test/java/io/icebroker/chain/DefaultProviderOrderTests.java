package io.icebroker.chain;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code TURN_PROVIDER_ORDER}, paid providers come first, then self-hosted TURN,
 * then Metered and Xirsys, then the free fallback (docs/contract.md, section 2); the
 * chain asks them in that order ({@link ProviderChainTests}).
 */
class DefaultProviderOrderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void asksCloudflareTwilioCoturnMeteredXirsysThenTheFreeFallback() {
		this.runner.withInitializer(new ConfigDataApplicationContextInitializer())
			.run((context) -> assertThat(context.getBean(TurnProperties.class).providerOrder())
				.containsExactly("cloudflare", "twilio", "coturn", "metered", "xirsys", "free-public-turn"));
	}

	@Test
	void turnPropertiesDefaultToTheSameOrderWithoutApplicationYaml() {
		this.runner.run((context) -> assertThat(context.getBean(TurnProperties.class).providerOrder())
			.containsExactly("cloudflare", "twilio", "coturn", "metered", "xirsys", "free-public-turn"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TurnProperties.class)
	static class PropertiesConfiguration {

	}

}
