package io.icebroker.aot;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.apache.commons.logging.Log;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns Spring AOT off for a start that needs beans it did not prepare
 * ({@link AotMismatch}) before the context is created, and says so once; Spring AOT would
 * silently start with the wrong beans. While the build prepares the bean definitions, a
 * management port of its own stops it: they would be for the wrong shape.
 */
public class SpringAotFallback implements EnvironmentPostProcessor, Ordered {

	private final Log log;

	public SpringAotFallback(DeferredLogFactory logs) {
		this.log = logs.getLog(SpringAotFallback.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		AotMismatch.of(application.getWebApplicationType(), environment).ifPresent((difference) -> {
			if (difference == AotMismatch.OTHER_MANAGEMENT_PORT
					&& Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
				throw new MisconfigurationException("MANAGEMENT_PORT",
						"is set while the build prepares Spring AOT's bean definitions, which are for actuator on the application's port",
						"Unset MANAGEMENT_PORT (and MANAGEMENT_SERVER_PORT) for the build, and set it where the service runs.");
			}
			if (AotDetector.useGeneratedArtifacts()) {
				SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
				this.log.info("Starting without Spring AOT's bean definitions: " + difference.reason());
			}
		});
	}

	// After application.yaml is loaded, which maps MANAGEMENT_PORT.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
