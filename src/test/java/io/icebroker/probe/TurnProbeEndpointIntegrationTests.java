package io.icebroker.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/turnprobe} against a real coturn that the free fallback serves with
 * credentials made from the right secret. The on-demand budget's window runs on a test
 * clock: each test that needs a run of its own moves it past the window first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "TURN_ADMIN_KEYS=" + TestSecrets.TURN_ADMIN_KEY)
@ExtendWith(OutputCaptureExtension.class)
class TurnProbeEndpointIntegrationTests {

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static ProbeCoturn coturn;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void serveCoturn(DynamicPropertyRegistry registry) throws IOException {
		coturn = ProbeCoturn.start(TestSecrets.COTURN_SECRET);
		coturn.register(registry);
	}

	@AfterAll
	static void stopCoturn() {
		coturn.close();
	}

	@BeforeEach
	void startANewBudgetWindow() {
		clock.advance(OnDemandProbes.WINDOW);
	}

	@Test
	void reportsTheRelayedAddressOfEveryTurnUrlTheChainServes() throws Exception {
		JsonNode report = getJson("/actuator/turnprobe", "X-API-Key", TestSecrets.TURN_ADMIN_KEY);

		assertThat(report.get("scope").asString()).isEqualTo("chain");
		assertThat(report.get("relayWorks").asBoolean()).isTrue();
		assertThat(report.get("providers")).hasSize(1);
		assertThat(report.get("providers").get(0).get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(report.get("providers").get(0).get("outcome").asString()).isEqualTo("success");
		JsonNode results = report.get("results");
		assertThat(results).hasSize(3);
		assertRelayed(result(results, coturn.coturn().turnUrl("udp")), "udp");
		assertRelayed(result(results, coturn.coturn().turnUrl("tcp")), "tcp");
		JsonNode stun = result(results, coturn.coturn().stunUrl());
		assertThat(stun.get("success").asBoolean()).isTrue();
		assertThat(stun.get("mappedAddress").asString()).startsWith("127.0.0.1:");
		assertThat(stun.has("relayedAddress")).isFalse();
		assertThat(report.get("probedAt").asString()).isEqualTo(clock.instant().toString());
	}

	@Test
	void showsTheServicesOwnAddressToOperatorsOnly() throws Exception {
		JsonNode report = getJson("/actuator/turnprobe");

		JsonNode stun = result(report.get("results"), coturn.coturn().stunUrl());
		assertThat(stun.get("success").asBoolean()).isTrue();
		assertThat(stun.has("mappedAddress")).isFalse();
	}

	@Test
	void answersTheLastReportOfAScopeAgainWithinTheWindow(CapturedOutput output) throws Exception {
		JsonNode first = getJson("/actuator/turnprobe?provider=all");
		int linesAfterTheRun = output.toString().length();

		JsonNode second = getJson("/actuator/turnprobe?provider=all");

		assertThat(second.get("probedAt")).isEqualTo(first.get("probedAt"));
		assertThat(second.get("results")).isEqualTo(first.get("results"));
		assertThat(output.toString().substring(linesAfterTheRun)).as("nothing probed again")
			.doesNotContain("[TURN] ✅ Probe");
	}

	@Test
	void refusesAnotherRunWithinTheWindowSayingWhenToComeBack() throws Exception {
		getJson("/actuator/turnprobe?provider=free-public-turn");
		clock.advance(Duration.ofSeconds(3));

		HttpResponse<String> response = get("/actuator/turnprobe");

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(JsonMapper.builder().build().readTree(response.body()).get("detail").asString())
			.isEqualTo("The service runs at most one TURN probe every 10 s; ask again in 7 s");
	}

	@Test
	void probesEveryConfiguredProviderOnRequest() throws Exception {
		JsonNode report = getJson("/actuator/turnprobe?provider=all");

		assertThat(report.get("scope").asString()).isEqualTo("all");
		assertThat(report.get("relayWorks").asBoolean()).isTrue();
		assertThat(report.get("providers").findValuesAsString("provider")).contains("free-public-turn");
		assertRelayed(result(report.get("results"), coturn.coturn().turnUrl("udp")), "udp");
	}

	@Test
	void probesOneProviderById() throws Exception {
		JsonNode report = getJson("/actuator/turnprobe?provider=free-public-turn");

		assertThat(report.get("scope").asString()).isEqualTo("free-public-turn");
		assertThat(report.get("relayWorks").asBoolean()).isTrue();
	}

	@Test
	void refusesAnUnknownProvider() throws Exception {
		HttpResponse<String> response = get("/actuator/turnprobe?provider=no-such-provider");

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void neverShowsTheCredentialOrTheSecret(CapturedOutput output) throws Exception {
		for (String path : List.of("/actuator/turnprobe", "/actuator/turnprobe?provider=all")) {
			clock.advance(OnDemandProbes.WINDOW);
			String body = get(path).body();

			assertThat(body).contains("relayedAddress")
				.doesNotContain(coturn.credential().password())
				.doesNotContain(coturn.credential().username())
				.doesNotContain(TestSecrets.COTURN_SECRET);
		}
		assertThat(output.toString()).doesNotContain(coturn.credential().password());
	}

	@Test
	void logsEachProbedUrlWithItsProviderAndOutcome(CapturedOutput output) throws Exception {
		getJson("/actuator/turnprobe");

		assertThat(output.toString())
			.contains("[TURN] ✅ Probe free-public-turn " + coturn.coturn().turnUrl("udp")
					+ ": relay allocated at 127.0.0.1:")
			.contains("[TURN] ✅ Probe free-public-turn " + coturn.coturn().turnUrl("tcp")
					+ ": relay allocated at 127.0.0.1:")
			.contains("[TURN] ✅ Probe free-public-turn " + coturn.coturn().stunUrl() + ": STUN binding answered");
	}

	@Test
	void exposesTheOutcomeAsPrometheusMetrics() throws Exception {
		getJson("/actuator/turnprobe");

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics).contains("turn_probe_success{provider=\"free-public-turn\",transport=\"udp\"} 1.0")
			.contains("turn_probe_success{provider=\"free-public-turn\",transport=\"tcp\"} 1.0")
			.containsPattern(
					"turn_probe_duration_seconds_count\\{provider=\"free-public-turn\",transport=\"udp\"\\} [1-9]")
			.contains("turn_probe_duration_seconds_bucket{provider=\"free-public-turn\",transport=\"tcp\"");
	}

	private static void assertRelayed(JsonNode result, String transport) {
		assertThat(result.get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(result.get("transport").asString()).isEqualTo(transport);
		assertThat(result.get("success").asBoolean()).isTrue();
		assertThat(result.get("relayedAddress").asString()).matches("127\\.0\\.0\\.1:\\d+");
		assertThat(result.get("roundTripMs").isNumber()).isTrue();
		assertThat(result.has("errorCode")).isFalse();
		assertThat(result.has("reason")).isFalse();
	}

	static JsonNode result(JsonNode results, String url) {
		for (JsonNode result : results) {
			if (result.get("url").asString().equals(url)) {
				return result;
			}
		}
		throw new AssertionError("No result for " + url + " in " + results);
	}

	private JsonNode getJson(String path, String... headers) throws Exception {
		HttpResponse<String> response = get(path, headers);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		for (int index = 0; index < headers.length; index += 2) {
			request.header(headers[index], headers[index + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BudgetClock {

		@Bean
		@Primary
		Clock budgetClock() {
			return clock;
		}

	}

}
