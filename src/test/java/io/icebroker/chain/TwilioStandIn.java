package io.icebroker.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.icebroker.TestSecrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Twilio's {@code Tokens} resource on WireMock, and a client for the service under test.
 */
final class TwilioStandIn {

	static final String ACCOUNT_SID = "AC00000000000000000000000000000001";

	static final String TOKENS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Tokens.json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private TwilioStandIn() {
	}

	static MappingBuilder tokens() {
		return post(urlEqualTo(TOKENS_PATH));
	}

	static ResponseDefinitionBuilder token(String username) {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"account_sid": "%s", "username": "%s", "password": "%s", "ttl": "86400",
					 "ice_servers": [
					  {"url": "stun:global.stun.twilio.com:3478?transport=udp",
					   "urls": "stun:global.stun.twilio.com:3478?transport=udp"},
					  {"url": "turn:global.turn.twilio.com:3478?transport=udp", "username": "%s",
					   "urls": "turn:global.turn.twilio.com:3478?transport=udp", "credential": "%s"},
					  {"url": "turn:global.turn.twilio.com:443?transport=tcp", "username": "%s",
					   "urls": "turn:global.turn.twilio.com:443?transport=tcp", "credential": "%s"}
					 ]}
					""".formatted(ACCOUNT_SID, username, TestSecrets.UPSTREAM_TURN_CREDENTIAL, username,
					TestSecrets.UPSTREAM_TURN_CREDENTIAL, username, TestSecrets.UPSTREAM_TURN_CREDENTIAL));
	}

	static int calls(WireMockExtension twilio) {
		return twilio.findAll(postRequestedFor(urlEqualTo(TOKENS_PATH))).size();
	}

	static JsonNode credentials(int port, String userId) {
		return get(port, "/turn/credentials?userId=" + userId);
	}

	static JsonNode get(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError("GET " + path + " answered " + response.statusCode());
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	static String turnUsername(JsonNode answer) {
		for (JsonNode server : answer.get("iceServers")) {
			if (server.has("username")) {
				return server.get("username").asString();
			}
		}
		throw new AssertionError("No TURN entry in " + answer.get("provider"));
	}

	static List<JsonNode> concurrently(int requests, int port, String userPrefix) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<JsonNode>> futures = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String userId = userPrefix + i;
				Callable<JsonNode> request = () -> {
					go.await();
					return credentials(port, userId);
				};
				futures.add(pool.submit(request));
			}
			go.countDown();
			List<JsonNode> answers = new ArrayList<>();
			for (Future<JsonNode> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
