package io.icebroker.shared;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SharedStateConfiguration {

	@Bean
	Replica replica(Environment environment) {
		String id = environment.getProperty(Replica.PROPERTY);
		return (id != null) ? new Replica(id)
				: Replica.resolve((name) -> java.util.Optional.ofNullable(System.getenv(name)));
	}

	@Bean
	SharedState sharedState(SharedStateProperties properties, Replica replica, Clock clock, MeterRegistry meters) {
		return new SharedState(properties.redisConfigured() ? SharedState.Backend.REDIS : SharedState.Backend.LOCAL,
				replica, clock, meters);
	}

	// No Redis client, thread or connection at all unless REDIS_URL is set. Without
	// it the bean is null (Spring's NullBean) rather than absent: the image's Spring
	// AOT bean definitions are fixed when it is built, and REDIS_URL is only known
	// when it runs.
	@Bean(destroyMethod = "close")
	@Nullable SharedRedis sharedRedis(SharedStateProperties properties, SharedState state) {
		if (!properties.redisConfigured()) {
			return null;
		}
		SharedRedis redis = new SharedRedis(properties, state);
		redis.start();
		return redis;
	}

}
