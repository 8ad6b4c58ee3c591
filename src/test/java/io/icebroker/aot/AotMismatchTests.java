package io.icebroker.aot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AotMismatchTests {

	@Test
	void aWebServerWithActuatorOnTheApplicationPortIsWhatWasPrepared() {
		assertThat(AotMismatch.of(WebApplicationType.SERVLET, new MockEnvironment())).isEmpty();
		assertThat(AotMismatch.of(WebApplicationType.SERVLET, ports("", "8080"))).isEmpty();
		assertThat(AotMismatch.of(WebApplicationType.SERVLET, ports("9000", "9000"))).isEmpty();
	}

	// A port of its own needs a context of its own; one that is off (-1) or not a port is
	// left to the start without Spring AOT, which reports it as any start would.
	@ParameterizedTest(name = "server.port={0}, management.server.port={1}")
	@CsvSource({ "9000, 9001", "'', 9001", "8080, -1", "8080, eighty" })
	void aManagementPortOtherThanTheApplicationsIsNotWhatWasPrepared(String server, String management) {
		assertThat(AotMismatch.of(WebApplicationType.SERVLET, ports(server, management)))
			.contains(AotMismatch.OTHER_MANAGEMENT_PORT);
	}

	@Test
	void theProbeCommandRunsWithoutAWebServer() {
		assertThat(AotMismatch.of(WebApplicationType.NONE, new MockEnvironment())).contains(AotMismatch.NO_WEB_SERVER);
	}

	private static MockEnvironment ports(String server, String management) {
		return new MockEnvironment().withProperty("server.port", server)
			.withProperty("management.server.port", management);
	}

}
