package io.icebroker.credentials;

import java.io.IOException;
import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TURN REST API driven exactly as Janus's {@code turn_rest_api} client drives it,
 * with {@code TURN_AUTH_MODE=api-key}, against the coturn provider and a real coturn.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TurnRestIntegrationTests {

	private static CoturnServer coturn;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startCoturn() throws IOException {
		coturn = CoturnServer.start(TestSecrets.COTURN_SECRET);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("TURN_PROVIDER_ORDER", () -> "coturn,free-public-turn");
		registry.add("COTURN_SECRET", () -> TestSecrets.COTURN_SECRET);
		registry.add("COTURN_URLS",
				() -> String.join(",", coturn.stunUrl(), coturn.turnUrl("udp"), coturn.turnUrl("tcp")));
		registry.add("TURN_AUTH_MODE", () -> "api-key");
		registry.add("TURN_API_KEYS", () -> TestSecrets.TURN_API_KEY);
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	private String server() {
		return "http://127.0.0.1:" + this.port + "/turn/rest";
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "GET" })
	void givesJanusAPairThatAllocatesOnCoturn(String method) throws Exception {
		JanusTurnRestClient.Result result = JanusTurnRestClient.request(server(), TestSecrets.TURN_API_KEY, method,
				"videoroomtest-AbCdEf123456");

		assertThat(result).isInstanceOf(JanusTurnRestClient.Credentials.class);
		JanusTurnRestClient.Credentials credentials = (JanusTurnRestClient.Credentials) result;
		assertThat(credentials.status()).isEqualTo(200);
		assertThat(credentials.username()).endsWith(":videoroomtest-AbCdEf123456");
		assertThat(credentials.ttl()).isBetween(86_000L, 86_400L);
		assertThat(credentials.servers()).containsExactly(coturn.turnUrl("udp"), coturn.turnUrl("tcp"));
		if ("POST".equals(method)) {
			// Janus's default method; one allocation is enough to show the pair works.
			assertThat(coturn.allocates(credentials.username(), credentials.password(), false)).isTrue();
		}
	}

	@Test
	void answersTheDraftsFieldsOnly() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/rest?service=turn&username=alice", "X-API-Key",
				TestSecrets.TURN_API_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.body()).startsWith("{\"username\":\"")
			.contains("\"password\":\"", "\"ttl\":", "\"uris\":[");
	}

	@Test
	void refusesJanusWithoutTheKeyAndSaysWhereTheKeyGoes() {
		JanusTurnRestClient.Result result = JanusTurnRestClient.request(server(), null, "POST", "alice");

		assertThat(result).isEqualTo(new JanusTurnRestClient.Failure("Invalid response: missing username", 401));
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/rest?service=turn");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("key (or api) parameter");
	}

	@Test
	void refusesAWrongKeyWithoutEchoingIt() {
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/rest?service=turn&key=not-the-key-0123456789");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("not-the-key");
	}

	@Test
	void refusesAServiceOtherThanTurnWithAProblem() {
		HttpResponse<String> response = LocalHttp.get(this.port,
				"/turn/rest?service=stun&key=" + TestSecrets.TURN_API_KEY);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"title\":\"Invalid TURN REST API request\"",
				"\"detail\":\"Only service=turn is offered\"");
	}

}
