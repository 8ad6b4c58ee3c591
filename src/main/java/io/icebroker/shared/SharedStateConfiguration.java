package io.icebroker.shared;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

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

	// No Redis client, thread or connection at all unless REDIS_URL is set.
	@Bean(destroyMethod = "close")
	@Conditional(RedisUrlSet.class)
	SharedRedis sharedRedis(SharedStateProperties properties, SharedState state) {
		SharedRedis redis = new SharedRedis(properties, state);
		redis.start();
		return redis;
	}

	/**
	 * {@code REDIS_URL} is set to something other than blanks.
	 */
	static final class RedisUrlSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("icebroker.shared.redis-url"));
		}

	}

}
