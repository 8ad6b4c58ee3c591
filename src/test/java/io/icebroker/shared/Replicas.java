package io.icebroker.shared;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.icebroker.IceBrokerApplication;
import io.icebroker.testsupport.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Several instances of the service in one JVM, each its own context on a random port, as
 * replicas behind a load balancer without sticky sessions.
 */
final class Replicas implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private Replicas() {
	}

	/**
	 * Start replicas {@code replica-1} … {@code replica-n}.
	 * @param count how many
	 * @param environment the variables they share
	 * @return the running replicas
	 */
	static Replicas start(int count, Map<String, String> environment) {
		Replicas replicas = new Replicas();
		try {
			for (int index = 1; index <= count; index++) {
				Map<String, String> properties = new LinkedHashMap<>(environment);
				properties.put("RAILWAY_REPLICA_ID", "replica-" + index);
				properties.put("PORT", "0");
				ConfigurableApplicationContext context = new SpringApplicationBuilder(IceBrokerApplication.class,
						OwnClock.class)
					.properties(properties.entrySet()
						.stream()
						.map((e) -> e.getKey() + "=" + e.getValue())
						.toList()
						.toArray(String[]::new))
					.run();
				replicas.contexts.add(context);
				replicas.ports.add(((WebServerApplicationContext) context).getWebServer().getPort());
			}
		}
		catch (RuntimeException ex) {
			replicas.close();
			throw ex;
		}
		return replicas;
	}

	/**
	 * A replica's clock, which the test moves.
	 * @param index the replica
	 * @return its clock
	 */
	MutableClock clock(int index) {
		return this.contexts.get(index).getBean(MutableClock.class);
	}

	int size() {
		return this.ports.size();
	}

	int port(int index) {
		return this.ports.get(index % this.ports.size());
	}

	/**
	 * {@code GET} a path of one replica, round-robin by request number.
	 * @param request the request's number
	 * @param pathAndQuery the path
	 * @param headers name, value, …
	 * @return the answer
	 */
	HttpResponse<String> get(int request, String pathAndQuery, String... headers) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port(request) + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		for (int index = 0; index < headers.length; index += 2) {
			builder.header(headers[index], headers[index + 1]);
		}
		try {
			return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request to replica " + (request % size()) + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * {@code /actuator/turn} of a replica.
	 * @param index the replica
	 * @return its body
	 */
	JsonNode status(int index) {
		return json.readTree(get(index, "/actuator/turn").body());
	}

	/**
	 * Each replica has a clock of its own, starting now, as on separate machines. Not a
	 * {@code @Configuration}: component scanning of {@code io.icebroker} would put this
	 * clock into every other test's context.
	 */
	static class OwnClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

	}

	@Override
	public void close() {
		for (ConfigurableApplicationContext context : this.contexts) {
			context.close();
		}
	}

}
