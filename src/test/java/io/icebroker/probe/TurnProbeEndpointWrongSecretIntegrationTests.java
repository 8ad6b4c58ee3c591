package io.icebroker.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/turnprobe} when the served credential was made with a secret coturn
 * does not share: what operators see when {@code COTURN_SECRET} is wrong.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TurnProbeEndpointWrongSecretIntegrationTests {

	private static ProbeCoturn coturn;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void serveCoturn(DynamicPropertyRegistry registry) throws IOException {
		coturn = ProbeCoturn.start("not-the-coturn-secret");
		coturn.register(registry);
	}

	@AfterAll
	static void stopCoturn() {
		coturn.close();
	}

	@Test
	void reportsUnauthorizedAndNoRelay(CapturedOutput output) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/turnprobe")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(coturn.credential().password())
			.doesNotContain(coturn.credential().username())
			.doesNotContain(TestSecrets.COTURN_SECRET);
		JsonNode report = JsonMapper.builder().build().readTree(response.body());
		assertThat(report.get("relayWorks").asBoolean()).isFalse();
		for (String transport : new String[] { "udp", "tcp" }) {
			String url = coturn.coturn().turnUrl(transport);
			JsonNode result = TurnProbeEndpointIntegrationTests.result(report.get("results"), url);
			assertThat(result.get("success").asBoolean()).isFalse();
			assertThat(result.get("errorCode").asInt()).isEqualTo(401);
			assertThat(result.get("reason").asString()).isEqualTo("401 Unauthorized");
			assertThat(result.has("relayedAddress")).isFalse();
			assertThat(output.toString()).contains("[TURN] ❌ Probe free-public-turn " + url + ": 401 Unauthorized");
		}
		assertThat(output.toString()).doesNotContain(coturn.credential().password());
	}

	@Test
	void setsTheSuccessGaugeToZero() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/turnprobe")).build(),
				HttpResponse.BodyHandlers.discarding());

		String metrics = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();

		assertThat(metrics).contains("turn_probe_success{provider=\"free-public-turn\",transport=\"udp\"} 0.0")
			.contains("turn_probe_success{provider=\"free-public-turn\",transport=\"tcp\"} 0.0");
	}

}
