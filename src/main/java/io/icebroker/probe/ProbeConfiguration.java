package io.icebroker.probe;

import java.util.Optional;

import io.icebroker.chain.Issuer;
import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.TurnProperties;
import io.icebroker.probe.stun.StunClient;
import io.icebroker.probe.stun.StunClientSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

	@Bean
	TurnProbeMetrics turnProbeMetrics(MeterRegistry registry) {
		return new TurnProbeMetrics(registry);
	}

	@Bean
	TurnProber turnProber(ProviderChain chain, Issuer issuer, TurnProperties turnProperties,
			TurnProbeProperties properties, TurnProbeMetrics metrics) {
		return new TurnProber(chain, issuer, turnProperties.credentialTtl(),
				new StunClient(StunClientSettings.withTimeout(properties.timeout())), metrics);
	}

	/**
	 * The background probe belongs to the running service, not to {@code --probe}, which
	 * starts without a web server and probes once.
	 */
	@Bean
	@ConditionalOnWebApplication
	ScheduledTurnProbe scheduledTurnProbe(TurnProber prober, TurnProbeProperties properties) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("turn-probe-schedule-");
		scheduler.initialize();
		return new ScheduledTurnProbe(() -> prober.probeProviders(Optional.empty()), properties, scheduler);
	}

	@Bean
	TurnProbeEndpoint turnProbeEndpoint(TurnProber prober) {
		return new TurnProbeEndpoint(prober);
	}

}
