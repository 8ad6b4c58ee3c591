package io.icebroker.probe;

import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.TurnProperties;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.probe.stun.StunClient;
import io.icebroker.probe.stun.StunClientSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

	@Bean
	TurnProbeMetrics turnProbeMetrics(MeterRegistry registry) {
		return new TurnProbeMetrics(registry);
	}

	@Bean
	TurnProber turnProber(ProviderChain chain, IceServerSanitizer sanitizer, TurnProperties turnProperties,
			TurnProbeProperties properties, TurnProbeMetrics metrics) {
		return new TurnProber(chain, sanitizer, turnProperties.credentialTtl(),
				new StunClient(StunClientSettings.withTimeout(properties.timeout())), metrics);
	}

	@Bean
	TurnProbeEndpoint turnProbeEndpoint(TurnProber prober) {
		return new TurnProbeEndpoint(prober);
	}

}
