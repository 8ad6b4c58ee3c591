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
	Issuer issuer(IceServerSanitizer sanitizer) {
		return new Issuer(sanitizer);
	}

	@Bean
	UpstreamGuard upstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience,
			TurnProperties properties, Issuer issuer, Clock clock, ObjectProvider<ChainListener> listeners) {
		return new UpstreamGuard(providers, resilience, properties, issuer, clock, listeners.orderedStream().toList());
	}

	@Bean
	ProviderChain providerChain(List<IceServerProvider> providers, TurnProperties properties,
			ObjectProvider<ChainListener> listeners, UpstreamGuard guard) {
		return new ProviderChain(providers, properties, listeners.orderedStream().toList(), guard);
	}

	@Bean
	ApplicationListener<ApplicationStartedEvent> providerConfigurationReport(ProviderChain chain) {
		return (event) -> chain.reportConfiguration();
	}

}
