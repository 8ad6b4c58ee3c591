package io.icebroker.clientaddress;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code TURN_TRUSTED_PROXIES}, {@code TURN_CLIENT_ADDRESS_HEADER} and Railway's
 * presence into Spring Boot's {@code server.tomcat.remoteip.*} settings, before the web
 * server is created. They are added last, so that an operator who sets
 * {@code SERVER_TOMCAT_REMOTEIP_*} directly still wins.
 */
public class ClientAddressEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "icebrokerClientAddress";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClientAddressProperties properties = Binder.get(environment)
			.bindOrCreate("icebroker.client-address", ClientAddressProperties.class);
		ClientAddressSource source = ClientAddressSource.resolve(properties,
				(name) -> Optional.ofNullable(environment.getProperty(name)));
		Map<String, Object> tomcat = source.tomcatProperties();
		if (!tomcat.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, tomcat));
		}
	}

	// After application.yaml is loaded, which maps the TURN_* variables.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
