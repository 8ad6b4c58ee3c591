package io.icebroker.security;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code MANAGEMENT_PORT} set (to a random port here): every actuator endpoint moves
 * there, and the same security chain guards it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "MANAGEMENT_PORT=0", "TURN_AUTH_MODE=api-key", "TURN_API_KEYS=" + TestSecrets.TURN_API_KEY,
				"management.endpoints.web.exposure.include=health,prometheus",
				"management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.probes.add-additional-paths=true" })
class ManagementPortIntegrationTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void prometheusAndHealthAreOpenOnTheManagementPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(LocalHttp.get(this.managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(LocalHttp.get(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void actuatorIsGoneFromTheApplicationPort() {
		assertThat(LocalHttp.get(this.port, "/actuator/prometheus", "X-API-Key", TestSecrets.TURN_API_KEY).statusCode())
			.isEqualTo(404);
	}

	@Test
	void probesStayOnTheApplicationPortForRailwaysHealthcheck() {
		assertThat(LocalHttp.get(this.port, "/readyz").statusCode()).isEqualTo(200);
		assertThat(LocalHttp.get(this.port, "/livez").statusCode()).isEqualTo(200);
	}

	@Test
	void turnOperationsEndpointsOnTheManagementPortRequireTheKey() {
		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(LocalHttp.get(this.managementPort, "/actuator/turn"));
		ApiKeyAuthenticationIntegrationTests
			.assertUnauthorized(LocalHttp.get(this.managementPort, "/actuator/turnprobe"));
	}

	@Test
	void credentialsStayOnTheApplicationPortBehindTheKey() {
		ApiKeyAuthenticationIntegrationTests.assertUnauthorized(LocalHttp.get(this.port, "/turn/credentials"));
		assertThat(LocalHttp.get(this.port, "/turn/credentials", "X-API-Key", TestSecrets.TURN_API_KEY).statusCode())
			.isEqualTo(200);
	}

}
