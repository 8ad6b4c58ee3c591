package io.icebroker.chain;

import io.icebroker.provider.IceServerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code TURN_PROVIDER_ORDER}, paid providers come first, then self-hosted TURN,
 * then Metered, then the free fallback (docs/contract.md, section 2).
 */
@SpringBootTest
class DefaultProviderOrderTests {

	@Autowired
	private ProviderChain chain;

	@Test
	void asksCloudflareTwilioCoturnMeteredXirsysThenTheFreeFallback() {
		assertThat(this.chain.providers()).extracting(IceServerProvider::id)
			.containsExactly("cloudflare", "twilio", "coturn", "metered", "xirsys", "free-public-turn");
	}

	@Test
	void turnPropertiesDefaultToTheSameOrderWithoutApplicationYaml() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.run((context) -> assertThat(context.getBean(TurnProperties.class).providerOrder())
				.containsExactly("cloudflare", "twilio", "coturn", "metered", "xirsys", "free-public-turn"));
	}

	// Private, so that @SpringBootTest does not take it for the test's configuration.
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TurnProperties.class)
	private static final class PropertiesConfiguration {

	}

}
