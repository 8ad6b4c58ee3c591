package io.icebroker.probe;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.icebroker.chain.ProviderChain;
import io.icebroker.probe.stun.StunClient;
import io.icebroker.probe.stun.StunClientSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

	private static final int PARALLEL_URL_PROBES = 4;

	@Bean
	TurnProbeMetrics turnProbeMetrics(MeterRegistry registry) {
		return new TurnProbeMetrics(registry);
	}

	/**
	 * The URLs of one run are probed a few at a time; the queue holds every URL of the
	 * largest run ({@code TURN_MAX_URLS} of each provider) many times over.
	 */
	@Bean
	ThreadPoolTaskExecutor turnProbeUrlExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return bounded(builder, "turn-probe-", PARALLEL_URL_PROBES, 256);
	}

	/**
	 * On-demand runs happen one at a time, off the request threads.
	 */
	@Bean
	ThreadPoolTaskExecutor turnProbeRunExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return bounded(builder, "turn-probe-run-", 1, 1);
	}

	/**
	 * Host name lookups of the probed URLs, each abandoned at its probe's deadline.
	 */
	@Bean
	ThreadPoolTaskExecutor turnProbeResolverExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return bounded(builder, "turn-probe-resolve-", PARALLEL_URL_PROBES, 64);
	}

	@Bean
	TurnProber turnProber(ProviderChain chain, TurnProbeProperties properties, TurnProbeMetrics metrics,
			@Qualifier("turnProbeUrlExecutor") Executor urlProbes,
			@Qualifier("turnProbeResolverExecutor") Executor resolver) {
		return new TurnProber(chain, new StunClient(StunClientSettings.withTimeout(properties.timeout()), resolver),
				metrics, urlProbes);
	}

	@Bean
	OnDemandProbes onDemandProbes(@Qualifier("turnProbeRunExecutor") Executor runs, Clock clock,
			TurnProbeProperties properties) {
		return new OnDemandProbes(runs, clock, properties.timeout());
	}

	/**
	 * The background probe belongs to the running service, not to {@code --probe}, which
	 * starts without a web server and probes once.
	 */
	@Bean
	@ConditionalOnWebApplication
	ThreadPoolTaskScheduler turnProbeScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.threadNamePrefix("turn-probe-schedule-").build();
	}

	@Bean
	@ConditionalOnWebApplication
	ScheduledTurnProbe scheduledTurnProbe(TurnProber prober, TurnProbeProperties properties,
			@Qualifier("turnProbeScheduler") TaskScheduler scheduler) {
		return new ScheduledTurnProbe(() -> prober.probeProviders(Optional.empty()), properties, scheduler);
	}

	@Bean
	TurnProbeEndpoint turnProbeEndpoint(TurnProber prober, OnDemandProbes probes) {
		return new TurnProbeEndpoint(prober, probes);
	}

	// Spring Boot's builder, so that the application's task execution settings apply.
	private static ThreadPoolTaskExecutor bounded(ThreadPoolTaskExecutorBuilder builder, String threadNamePrefix,
			int threads, int queueCapacity) {
		return builder.threadNamePrefix(threadNamePrefix)
			.corePoolSize(threads)
			.maxPoolSize(threads)
			.queueCapacity(queueCapacity)
			.allowCoreThreadTimeOut(true)
			.build();
	}

}
