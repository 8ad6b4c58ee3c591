package io.icebroker;

import io.icebroker.probe.ProbeCommand;

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
		if (ProbeCommand.requested(args)) {
			System.exit(ProbeCommand.run(IceBrokerApplication.class, args));
		}
		SpringApplication.run(IceBrokerApplication.class, args);
	}

}
