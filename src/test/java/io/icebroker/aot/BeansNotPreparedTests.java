package io.icebroker.aot;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class BeansNotPreparedTests {

	@Test
	void aWebServerWithActuatorOnTheApplicationPortIsWhatWasPrepared() {
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, new MockEnvironment())).isEmpty();
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("", "8080"))).isEmpty();
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("9000", "9000"))).isEmpty();
	}

	@Test
	void aManagementPortOfItsOwnNeedsItsOwnContext() {
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("9000", "9001")))
			.contains(BeansNotPrepared.OTHER_MANAGEMENT_PORT);
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("", "9001")))
			.contains(BeansNotPrepared.OTHER_MANAGEMENT_PORT);
	}

	@Test
	void aManagementPortThatIsOffOrNotAPortIsLeftToTheStartWithoutSpringAot() {
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("8080", "-1")))
			.contains(BeansNotPrepared.OTHER_MANAGEMENT_PORT);
		assertThat(BeansNotPrepared.of(WebApplicationType.SERVLET, ports("8080", "eighty")))
			.contains(BeansNotPrepared.OTHER_MANAGEMENT_PORT);
	}

	@Test
	void theProbeCommandRunsWithoutAWebServer() {
		assertThat(BeansNotPrepared.of(WebApplicationType.NONE, new MockEnvironment()))
			.contains(BeansNotPrepared.NO_WEB_SERVER);
	}

	private static MockEnvironment ports(String server, String management) {
		return new MockEnvironment().withProperty("server.port", server)
			.withProperty("management.server.port", management);
	}

}
