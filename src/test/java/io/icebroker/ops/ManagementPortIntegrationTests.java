package io.icebroker.ops;

import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators may move actuator to a port Railway does not publish (the environment
 * variable {@code MANAGEMENT_SERVER_PORT}, Spring Boot's {@code management.server.port});
 * the readiness probe Railway's healthcheck uses stays on the application's port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", "management.server.port=0" })
class ManagementPortIntegrationTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void keepsTheHealthcheckOnTheApplicationPortAndEverythingElseOnTheManagementPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(LocalHttp.get(this.port, "/readyz").statusCode()).isEqualTo(200);
		assertThat(LocalHttp.get(this.port, "/actuator/turn").statusCode()).isEqualTo(404);
		assertThat(LocalHttp.get(this.port, "/actuator/prometheus", "Accept", "text/plain").statusCode())
			.isEqualTo(404);
		assertThat(LocalHttp.get(this.managementPort, "/actuator/turn").statusCode()).isEqualTo(200);
		assertThat(LocalHttp.get(this.managementPort, "/actuator/prometheus", "Accept", "text/plain").statusCode())
			.isEqualTo(200);
		assertThat(LocalHttp.get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

}
