package io.icebroker.ops;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health answers for the service, not for its providers: every premium provider failing
 * leaves it UP, because the fallback still answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", "TWILIO_READ_TIMEOUT=10s",
				"CLOUDFLARE_TURN_KEY=key-id", "CLOUDFLARE_API_TOKEN=" + TestSecrets.CLOUDFLARE_API_TOKEN })
class HealthIntegrationTests {

	private static final TwilioApi twilio = TwilioApi.start();

	private static final WireMockServer cloudflare = startCloudflare();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		twilio.configure(registry);
		registry.add("CLOUDFLARE_API_BASE_URL", () -> "http://127.0.0.1:" + cloudflare.port());
	}

	@AfterAll
	static void stopProviders() {
		twilio.close();
		cloudflare.stop();
	}

	@BeforeEach
	void everyPremiumProviderFails() {
		twilio.fails(500);
		cloudflare.stubFor(WireMock.any(WireMock.anyUrl())
			.willReturn(WireMock.aResponse().withStatus(500).withBody("{\"success\":false}")));
	}

	@Test
	void staysUpAndReadyWhileEveryPremiumProviderFails() {
		assertThat(LocalHttp.credentials(this.port, "health-user")).contains("\"provider\":\"free-public-turn\"");
		assertThat(cloudflare.getAllServeEvents()).isNotEmpty();
		assertThat(twilio.tokenRequests()).isPositive();
		assertUp("/actuator/health");
		assertUp("/actuator/health/readiness");
		assertUp("/actuator/health/liveness");
		assertUp("/readyz");
		assertUp("/livez");
	}

	@Test
	void keepsProviderStateOutOfHealth() {
		LocalHttp.credentials(this.port, "health-user");
		String health = LocalHttp.get(this.port, "/actuator/health").body();
		assertThat(health).doesNotContain("twilio", "cloudflare");
	}

	private void assertUp(String path) {
		HttpResponse<String> response = LocalHttp.get(this.port, path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
	}

	private static WireMockServer startCloudflare() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		return server;
	}

}
