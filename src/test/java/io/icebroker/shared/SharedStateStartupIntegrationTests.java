package io.icebroker.shared;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.icebroker.IceBrokerApplication;
import io.icebroker.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.icebroker.testsupport.ServiceStart.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What {@code REDIS_URL} does at startup, without a Redis: unset, nothing of Redis
 * starts; unreachable, the service starts, says so once and serves; malformed, startup
 * stops with one block that never shows the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStateStartupIntegrationTests {

	private static final String PASSWORD = "not-shown-9b2e7d";

	@Test
	void withoutRedisUrlNoRedisClientStartsAndStateIsLocal() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IceBrokerApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(context.getBeanProvider(SharedRedis.class).getIfAvailable()).isNull();
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals("shared-state-watcher")
						|| thread.getName().contains("lettuce"));
			SharedState state = context.getBean(SharedState.class);
			assertThat(state.backend()).isEqualTo(SharedState.Backend.LOCAL);
			assertThat(state.up()).isFalse();
		}
	}

	@Test
	void redisUnreachableAtStartupIsSaidOnceAndTheServiceServes(CapturedOutput output) throws Exception {
		int closedPort = LoopbackPorts.free();
		try (Replicas replica = Replicas.start(1,
				Map.of("REDIS_URL", "redis://default:" + PASSWORD + "@127.0.0.1:" + closedPort,
						// On, so its buckets fall back too; 2.5 s never reach it.
						"TURN_RATE_LIMIT_PER_MINUTE", "1000000"))) {
			// Past two of the watcher's retries.
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
			int served = 0;
			while (System.nanoTime() < until) {
				assertThat(replica.get(served, "/turn/credentials?userId=u" + served).statusCode()).isEqualTo(200);
				served++;
			}
			JsonNode status = replica.status(0);
			assertThat(status.get("replica").asString()).isEqualTo("replica-1");
			assertThat(status.get("sharedState").get("backend").asString()).isEqualTo("redis");
			assertThat(status.get("sharedState").get("up").asBoolean()).isFalse();
			assertThat(replica.get(0, "/actuator/prometheus").body().lines()).contains("turn_shared_state_up 0.0");
			assertThat(output.getAll().lines().filter((line) -> line.contains("Shared state in Redis"))).singleElement()
				.asString()
				.contains("⚠️ Shared state in Redis at 127.0.0.1:" + closedPort + " is unreachable at startup",
						"replica replica-1 serves on local state");
			assertThat(output.getAll()).doesNotContain(PASSWORD);
			System.out.println("[startup-test] served=" + served + " while Redis was unreachable");
		}
	}

	@Test
	void aRedisUrlWithAnotherSchemeStopsStartupWithoutShowingThePassword(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("REDIS_URL=http://default:" + PASSWORD + "@redis.example:6379"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"REDIS_URL has scheme 'http', which is not redis or rediss",
				"Set REDIS_URL to redis://[user:password@]host[:port][/database], or rediss:// for TLS");
		assertThat(output).doesNotContain(PASSWORD, "\tat ", "Exception");
	}

	@Test
	void aRedisUrlWithoutAHostStopsStartupWithoutShowingThePassword(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("REDIS_URL=redis://:" + PASSWORD + "@"));

		assertThat(output).contains("APPLICATION FAILED TO START", "REDIS_URL names no host");
		assertThat(output).doesNotContain(PASSWORD, "\tat ", "Exception");
	}

}
