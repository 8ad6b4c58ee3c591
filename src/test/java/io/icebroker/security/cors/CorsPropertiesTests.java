package io.icebroker.security.cors;

import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CorsPropertiesTests {

	@Test
	void originsAreNormalizedToSchemeHostAndPort() {
		CorsProperties properties = new CorsProperties(
				List.of(" https://App.Example.test/ ", "http://localhost:5173", "", "https://app.example.test"));

		assertThat(properties.allowedOrigins()).containsExactly("https://app.example.test", "http://localhost:5173");
	}

	@Test
	void anythingLooserThanAnExactOriginIsRefused() {
		for (String origin : List.of("*", "https://*.example.test", "https://app.example.test/path",
				"https://app.example.test?x=1", "ftp://app.example.test", "app.example.test",
				"https://user@app.example.test", "null")) {
			assertThatExceptionOfType(MisconfigurationException.class).as(origin)
				.isThrownBy(() -> new CorsProperties(List.of(origin)))
				.withMessageContaining("TURN_ALLOWED_ORIGINS");
		}
	}

}
