package io.icebroker.clientaddress;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The resolved {@link ClientAddressSource}, for the rate limit and the startup report.
 */
@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

	@Bean
	ClientAddressSource clientAddressSource(ClientAddressProperties properties, Environment environment) {
		return ClientAddressSource.resolve(properties, (name) -> Optional.ofNullable(environment.getProperty(name)));
	}

}
