package io.icebroker.provider.coturn;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CoturnPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsCommaSeparatedUrlsAndIgnoresBlanks() {
		this.contextRunner
			.withPropertyValues("icebroker.coturn.urls=turn:turn.example.com:3478?transport=udp, ,"
					+ " turns:turn.example.com:443?transport=tcp ,stun:turn.example.com")
			.run((context) -> {
				CoturnProperties properties = context.getBean(CoturnProperties.class);
				assertThat(properties.turnUrls()).containsExactly("turn:turn.example.com:3478?transport=udp",
						"turns:turn.example.com:443?transport=tcp");
				assertThat(properties.stunUrls()).containsExactly("stun:turn.example.com");
			});
	}

	@Test
	void blankUrlsBindToNone() {
		this.contextRunner.withPropertyValues("icebroker.coturn.urls=")
			.run((context) -> assertThat(context.getBean(CoturnProperties.class).urls()).isEmpty());
	}

	@Test
	void refusesToStartWithAUrlThatIsNotStunOrTurn() {
		this.contextRunner.withPropertyValues("icebroker.coturn.urls=https://turn.example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"COTURN_URLS entry 'https://turn.example.com' is not a turn:, turns:, stun: or stuns: URL"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CoturnProperties.class)
	static class PropertiesConfiguration {

	}

}
