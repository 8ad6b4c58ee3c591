package io.icebroker.provider.metered;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.MeteredApi;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /turn/credentials} with Metered first, against a stand-in Metered API, with the
 * HTTP client's loggers at TRACE: its API key travels in a query string and must still
 * appear nowhere but on the wire.
 */
// Every request reaches the provider: these tests are about its answers, the cache and
// the cool-down have
// their own.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "TURN_CACHE=off", "TURN_CIRCUIT_COOLDOWN=0",
		"TURN_CHAIN_DEADLINE=30s", "TURN_PROVIDER_ORDER=metered,free-public-turn", MeteredApi.BASE_URL_PROPERTY,
		MeteredApi.APP_NAME_PROPERTY, MeteredApi.API_KEY_PROPERTY, "METERED_READ_TIMEOUT=3s",
		"logging.level.org.springframework.web=TRACE", "logging.level.org.springframework.http=TRACE",
		"logging.level.org.springframework.boot.http=TRACE", "logging.level.jdk=TRACE",
		"logging.level.io.micrometer=TRACE", "logging.level.icebroker=TRACE", "logging.level.io.icebroker=TRACE" })
@ExtendWith(OutputCaptureExtension.class)
class MeteredIntegrationTests {

	private static final String KEY = MeteredApi.API_KEY;

	private static final String CREDENTIALS_PATH_AND_REDACTED_KEY = MeteredProvider.CREDENTIALS_PATH + "?apiKey=***";

	private static final List<String> TRACED_LOGGERS = List.of("org.springframework.web", "org.springframework.http",
			"org.springframework.boot.http", "jdk", "io.micrometer", "icebroker", "io.icebroker");

	@RegisterExtension
	static final MeteredApi metered = MeteredApi.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ObservationRecorder observations;

	@AfterAll
	static void restoreLogLevels() {
		// Spring Boot never lowers levels again when a context closes; left at TRACE they
		// would change what
		// every later test class in this JVM logs.
		LoggingSystem loggingSystem = LoggingSystem.get(MeteredIntegrationTests.class.getClassLoader());
		for (String logger : TRACED_LOGGERS) {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	@BeforeEach
	void forgetObservations() {
		this.observations.clear();
	}

	@Test
	void answersProviderMeteredFromAStandInMeteredApi(CapturedOutput output) {
		metered.mintsCredentials();

		ResponseEntity<String> response = getCredentials("alice");
		JsonNode answer = this.jsonMapper.readTree(response.getBody());

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.get("provider").asString()).isEqualTo("metered");
		assertThat(answer.get("iceServers")
			.valueStream()
			.filter((server) -> server.has("credential"))
			.map((server) -> server.get("credential").asString())).isNotEmpty()
			.allMatch(TestSecrets.UPSTREAM_TURN_CREDENTIAL::equals);
		assertThat(answer.has("ttl")).as("ttl").isFalse();
		assertThat(answer.has("expiresAt")).as("expiresAt").isFalse();
		assertThat(response.getBody()).doesNotContain(KEY);
		assertThat(output).contains("[TURN] Calling Metered API to create token...",
				"[TURN] ✅ Metered token created successfully!");
		metered.verify(1, MeteredApi.credentialsRequest(KEY));
	}

	@Test
	void fallsThroughToTheFreeFallbackWhenMeteredRejectsTheApiKey(CapturedOutput output) {
		metered.answers(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Invalid API Key\"}"));

		assertServedByTheFallback(getCredentials("alice"));
		assertThat(output).contains("[TURN] ❌ Metered TURN error: Authentication failed");
		assertThat(errorDetails(output))
			.anySatisfy((line) -> assertThat(line).contains("\"status\":401", "Invalid API Key"));
	}

	@Test
	void logsErrorDetailsWithoutTheUrlEncodedKeyMeteredEchoes(CapturedOutput output) {
		metered.answers(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Invalid API Key\",\"url\":\"{{{request.url}}}\"}")
			.withTransformers("response-template"));

		assertServedByTheFallback(getCredentials("alice"));
		assertThat(errorDetails(output)).singleElement()
			.asString()
			.contains("\"status\":401", CREDENTIALS_PATH_AND_REDACTED_KEY)
			.doesNotContain(ApiKeyQueryParameter.encode(KEY), URLEncoder.encode(KEY, StandardCharsets.UTF_8));
	}

	@Test
	void fallsThroughToTheFreeFallbackWhenMeteredAnswers500(CapturedOutput output) {
		metered.answers(aResponse().withStatus(500).withBody("Internal Server Error"));

		assertServedByTheFallback(getCredentials("alice"));
		assertThat(output).contains("[TURN] ❌ Metered TURN error: Server error (500)");
	}

	@Test
	void fallsThroughToTheFreeFallbackWhenMeteredTimesOut(CapturedOutput output) {
		metered.answers(okJson(MeteredApi.ICE_SERVERS).withFixedDelay(8000));

		assertServedByTheFallback(getCredentials("alice"));
		assertThat(output).contains("[TURN] ❌ Metered TURN error: Timed out");
	}

	@Test
	void fallsThroughToTheFreeFallbackWhenMeteredAnswersMalformedJson(CapturedOutput output) {
		metered.answers(okJson("[{\"urls\": \"turn:global.relay.metered.ca:80\", \"username\": "));

		assertServedByTheFallback(getCredentials("alice"));
		assertThat(output).contains("[TURN] ❌ Metered TURN error: Malformed response");
	}

	@Test
	void theApiKeyAppearsInNoLogLineMetricObservationOrAnswerEvenWithHttpClientLoggingAtTrace(CapturedOutput output) {
		metered.mintsCredentials();
		String served = getCredentials("alice").getBody();
		metered.answers(aResponse().withStatus(403).withBody("{\"error\":\"API key " + KEY + " is disabled\"}"));
		String rejected = getCredentials("bob").getBody();
		metered.answers(okJson(MeteredApi.ICE_SERVERS).withFixedDelay(8000));
		String timedOut = getCredentials("carol").getBody();

		assertThat(List.of(served, rejected, timedOut)).allSatisfy((body) -> assertThat(body).doesNotContain(KEY));
		// The loggers really were at TRACE, the JDK HttpClient's own debug logger among
		// them, and the failures were logged in full.
		assertThat(output).contains("TRACE", "jdk.internal.httpclient.debug",
				"[TURN] Calling Metered API to create token...", "[TURN] ❌ Metered TURN error: Timed out");
		assertThat(errorDetails(output))
			.anySatisfy((line) -> assertThat(line).contains("\"status\":403", "API key *** is disabled"));
		assertThat(output.getAll()).doesNotContain(KEY);
		assertThat(this.observations.recorded()).as("RestClient observations")
			.anyMatch((text) -> text.contains(MeteredProvider.CREDENTIALS_PATH))
			.anyMatch((text) -> text.contains("I/O error on GET request"))
			.noneMatch((text) -> text.contains(KEY));
		assertThat(this.meterRegistry.getMeters()).flatMap((meter) -> meter.getId().getTags())
			.extracting(Tag::getValue)
			.contains(MeteredProvider.CREDENTIALS_PATH)
			.noneMatch((value) -> value.contains(KEY));
		assertThat(this.meterRegistry.getMeters()).extracting(Meter::getId)
			.noneMatch((id) -> id.toString().contains(KEY));
	}

	private static List<String> errorDetails(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("[TURN] Error details: ")).toList();
	}

	private void assertServedByTheFallback(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(this.jsonMapper.readTree(response.getBody()).get("provider").asString())
			.isEqualTo("free-public-turn");
		assertThat(response.getBody()).doesNotContain(KEY);
	}

	private ResponseEntity<String> getCredentials(String userId) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/turn/credentials?userId={userId}", userId)
			.retrieve()
			.toEntity(String.class);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ObservationRecorderConfiguration {

		@Bean
		ObservationRecorder observationRecorder() {
			return new ObservationRecorder();
		}

	}

	/**
	 * What a tracer would export for each outgoing request: every key-value, including
	 * the high-cardinality {@code http.url}, and the error's messages.
	 */
	static class ObservationRecorder implements ObservationHandler<ClientRequestObservationContext> {

		private final List<String> recorded = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(ClientRequestObservationContext context) {
			StringBuilder text = new StringBuilder(context.getAllKeyValues().toString());
			for (Throwable error = context.getError(); error != null; error = error.getCause()) {
				text.append(" | ").append(error);
			}
			this.recorded.add(text.toString());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof ClientRequestObservationContext;
		}

		List<String> recorded() {
			return List.copyOf(this.recorded);
		}

		void clear() {
			this.recorded.clear();
		}

	}

}
