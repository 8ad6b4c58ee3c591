package io.icebroker.provider.metered;

import java.net.URI;
import java.time.Duration;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void baseUrlIsDerivedFromTheAppNameWhenBlank() {
		this.contextRunner.withPropertyValues("icebroker.metered.app-name=myapp", "icebroker.metered.api-base-url=")
			.run((context) -> assertThat(context.getBean(MeteredProperties.class).baseUrl())
				.isEqualTo(URI.create("https://myapp.metered.live")));
	}

	@Test
	void baseUrlCanBeOverridden() {
		this.contextRunner
			.withPropertyValues("icebroker.metered.app-name=myapp",
					"icebroker.metered.api-base-url=http://127.0.0.1:8089")
			.run((context) -> assertThat(context.getBean(MeteredProperties.class).baseUrl())
				.isEqualTo(URI.create("http://127.0.0.1:8089")));
	}

	@Test
	void timeoutsDefaultToOneSecondToConnectAndTwoToRead() {
		this.contextRunner.run((context) -> {
			MeteredProperties properties = context.getBean(MeteredProperties.class);
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void refusesToStartWithAHostNameForTheAppName() {
		this.contextRunner.withPropertyValues("icebroker.metered.app-name=myapp.metered.live")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MisconfigurationException.class)
				.hasMessage("METERED_APP_NAME is 'myapp.metered.live', which is not a subdomain"));
	}

	@Test
	void neverPrintsTheApiKey() {
		MeteredProperties properties = new MeteredProperties("myapp", MeteredProviderTests.KEY, null,
				Duration.ofSeconds(1), Duration.ofSeconds(2));

		assertThat(properties.toString()).contains("myapp").doesNotContain(MeteredProviderTests.KEY);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MeteredProperties.class)
	static class PropertiesConfiguration {

	}

}
