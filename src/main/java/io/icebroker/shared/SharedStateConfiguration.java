package io.icebroker.shared;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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

	/**
	 * Pings Redis every second while {@code REDIS_URL} is set; without it, it schedules
	 * nothing and starts no thread.
	 */
	@Bean
	ThreadPoolTaskScheduler sharedStateWatcher(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.threadNamePrefix("shared-state-watcher-").build();
	}

	// Without REDIS_URL the bean is Spring's NullBean rather than absent: the image's
	// Spring AOT bean definitions are fixed at build time, REDIS_URL only at run time.
	@Bean(destroyMethod = "close")
	@Nullable SharedRedis sharedRedis(SharedStateProperties properties, SharedState state,
			@Qualifier("sharedStateWatcher") TaskScheduler watcher) {
		if (!properties.redisConfigured()) {
			return null;
		}
		SharedRedis redis = new SharedRedis(properties, state, watcher);
		redis.start();
		return redis;
	}

}
