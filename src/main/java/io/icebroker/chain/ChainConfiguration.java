package io.icebroker.chain;

import java.time.Clock;
import java.util.List;

import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.IceServerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	IceServerSanitizer iceServerSanitizer(TurnProperties properties) {
		return new IceServerSanitizer(properties.maxUrls());
	}

	@Bean
	UpstreamGuard upstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience,
			TurnProperties properties, IceServerSanitizer sanitizer, Clock clock,
			ObjectProvider<ChainListener> listeners) {
		return new UpstreamGuard(providers, resilience, properties, sanitizer, clock,
				listeners.orderedStream().toList());
	}

	@Bean
	ProviderChain providerChain(List<IceServerProvider> providers, TurnProperties properties,
			IceServerSanitizer sanitizer, ObjectProvider<ChainListener> listeners, UpstreamGuard guard,
			ResilienceProperties resilience) {
		return new ProviderChain(providers, properties, sanitizer, listeners.orderedStream().toList(), guard,
				resilience);
	}

	@Bean
	ApplicationListener<ApplicationStartedEvent> providerConfigurationReport(ProviderChain chain) {
		return (event) -> chain.reportConfiguration();
	}

}
