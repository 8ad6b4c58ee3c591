package io.icebroker.chain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.IceServerProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Chains built the way the application builds them, with the documented defaults, for
 * tests that need a chain without a Spring context.
 */
public final class TestChains {

	private TestChains() {
	}

	/**
	 * The resilience settings with nothing set: every value is its {@code @DefaultValue}.
	 * @return the defaults
	 */
	public static ResilienceProperties defaultResilience() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("icebroker.resilience",
				ResilienceProperties.class);
	}

	/**
	 * A chain over the given providers, with the default resilience settings.
	 * @param providers every provider
	 * @param properties the order and the requested lifetime
	 * @param listeners observers of attempts and answers
	 * @return the chain
	 */
	public static ProviderChain chain(List<IceServerProvider> providers, TurnProperties properties,
			List<ChainListener> listeners) {
		return chain(providers, properties, listeners, defaultResilience());
	}

	/**
	 * A chain over the given providers.
	 * @param providers every provider
	 * @param properties the order and the requested lifetime
	 * @param listeners observers of attempts and answers
	 * @param resilience the cache, deadline and cool-down
	 * @return the chain
	 */
	public static ProviderChain chain(List<IceServerProvider> providers, TurnProperties properties,
			List<ChainListener> listeners, ResilienceProperties resilience) {
		TurnLog log = log();
		UpstreamGuard guard = new UpstreamGuard(providers, resilience, properties,
				new IceServerSanitizer(properties.maxUrls()), Clock.systemUTC(), upstreamExecutor(resilience), log);
		return new ProviderChain(providers, properties, listeners, guard, log);
	}

	static TurnLog log() {
		return new TurnLog(JsonMapper.builder().build());
	}

	/**
	 * The application's upstream executor for these settings, started. Its threads end
	 * after a second idle, so a test that does not shut it down leaks nothing for long.
	 * @param resilience the number of threads
	 * @return the executor
	 */
	public static ThreadPoolTaskExecutor upstreamExecutor(ResilienceProperties resilience) {
		ThreadPoolTaskExecutor executor = new ChainConfiguration()
			.turnUpstreamExecutor(new ThreadPoolTaskExecutorBuilder().keepAlive(Duration.ofSeconds(1)), resilience);
		executor.initialize();
		return executor;
	}

	/**
	 * A chain over the given providers, with the default resilience settings.
	 * @param providers every provider
	 * @param properties the order and the requested lifetime
	 * @return the chain
	 */
	public static ProviderChain chain(List<IceServerProvider> providers, TurnProperties properties) {
		return chain(providers, properties, List.of());
	}

}
