package io.icebroker.chain;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.IceServerProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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

	/**
	 * Provider API calls, at most {@code TURN_UPSTREAM_THREADS} at once. The queue only
	 * smooths bursts: a call still queued at the chain deadline is dropped unasked.
	 * @param builder Spring Boot's builder, so that the application's task execution
	 * settings apply too
	 * @param resilience how many threads
	 * @return the executor
	 */
	@Bean
	ThreadPoolTaskExecutor turnUpstreamExecutor(ThreadPoolTaskExecutorBuilder builder,
			ResilienceProperties resilience) {
		return builder.threadNamePrefix("turn-upstream-")
			.corePoolSize(resilience.upstreamThreads())
			.maxPoolSize(resilience.upstreamThreads())
			.queueCapacity(256)
			.allowCoreThreadTimeOut(true)
			.build();
	}

	@Bean
	TurnLog turnLog(JsonMapper json) {
		return new TurnLog(json);
	}

	@Bean
	UpstreamGuard upstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience,
			TurnProperties properties, IceServerSanitizer sanitizer, Clock clock,
			@Qualifier("turnUpstreamExecutor") Executor upstream, TurnLog log) {
		return new UpstreamGuard(providers, resilience, properties, sanitizer, clock, upstream, log);
	}

	@Bean
	ProviderChain providerChain(List<IceServerProvider> providers, TurnProperties properties,
			ObjectProvider<ChainListener> listeners, UpstreamGuard guard, TurnLog log) {
		return new ProviderChain(providers, properties, listeners.orderedStream().toList(), guard, log);
	}

	@Bean
	ApplicationListener<ApplicationStartedEvent> providerConfigurationReport(ProviderChain chain) {
		return (event) -> chain.reportConfiguration();
	}

}
