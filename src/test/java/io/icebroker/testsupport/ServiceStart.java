package io.icebroker.testsupport;

import io.icebroker.IceBrokerApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts the whole service in this JVM with the given settings, as an operator's
 * environment would, and closes it again: for tests of settings that must stop start-up,
 * which then read what it printed.
 */
public final class ServiceStart {

	private ServiceStart() {
	}

	/**
	 * Start and stop the service without a web server.
	 * @param properties settings such as {@code TURN_CACHE=yes}
	 */
	public static void start(String... properties) {
		new SpringApplicationBuilder(IceBrokerApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run()
			.close();
	}

	/**
	 * Start and stop the service with its web server on a free port, for settings that
	 * only the web application reads (access, CORS).
	 * @param properties settings such as {@code TURN_AUTH_MODE=jwt}
	 */
	public static void startOnAFreePort(String... properties) {
		new SpringApplicationBuilder(IceBrokerApplication.class).properties("server.port=0")
			.properties(properties)
			.run()
			.close();
	}

}
