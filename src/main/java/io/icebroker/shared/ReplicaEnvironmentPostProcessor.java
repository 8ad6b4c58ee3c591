package io.icebroker.shared;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides the replica's identity before logging starts, and adds it to every structured
 * (JSON) log line as {@code replica} through Spring Boot's
 * {@code logging.structured.json.add.replica}. Added last, so that an operator's own
 * setting wins.
 */
public class ReplicaEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "icebrokerReplica";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Replica replica = Replica.resolve((name) -> Optional.ofNullable(environment.getProperty(name)));
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE,
					Map.of(Replica.PROPERTY, replica.id(), "logging.structured.json.add.replica", replica.id())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
