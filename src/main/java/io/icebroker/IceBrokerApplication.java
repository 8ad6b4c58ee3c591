package io.icebroker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hands WebRTC clients their ICE servers from an ordered chain of TURN providers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IceBrokerApplication {

	public static void main(String[] args) {
		SpringApplication.run(IceBrokerApplication.class, args);
	}

}
