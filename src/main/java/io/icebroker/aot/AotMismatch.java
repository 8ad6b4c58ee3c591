package io.icebroker.aot;

import java.util.Optional;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;

/**
 * Why a run needs beans that Spring AOT did not prepare. The jar is processed ahead of
 * time for one shape, a web server with actuator on the application's port, and Spring
 * AOT fixes at build time which beans exist. Every other setting is read when the beans
 * are created, so it works either way.
 */
enum AotMismatch {

	NO_WEB_SERVER("the --probe command runs without a web server"),

	/** Also when it turns actuator's web endpoints off ({@code -1}) or is not a port. */
	OTHER_MANAGEMENT_PORT("MANAGEMENT_PORT is set, and not to the application's port");

	private final String reason;

	AotMismatch(String reason) {
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

	static Optional<AotMismatch> of(WebApplicationType type, Environment environment) {
		if (type != WebApplicationType.SERVLET) {
			return Optional.of(NO_WEB_SERVER);
		}
		return sameManagementPort(environment) ? Optional.empty() : Optional.of(OTHER_MANAGEMENT_PORT);
	}

	// A value that is not a port is reported by the start without Spring AOT.
	private static boolean sameManagementPort(Environment environment) {
		try {
			return ManagementPortType.get(environment) == ManagementPortType.SAME;
		}
		catch (ConversionException ex) {
			return false;
		}
	}

}
