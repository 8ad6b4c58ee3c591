package io.icebroker.ops;

import java.net.http.HttpResponse;

import io.icebroker.testsupport.CloudflareApi;
import io.icebroker.testsupport.CloudflareThenTwilioTest;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health answers for the service, not for its providers: every premium provider failing
 * leaves it UP, because the fallback still answers.
 */
@CloudflareThenTwilioTest
class HealthIntegrationTests {

	@RegisterExtension
	static final TwilioApi twilio = TwilioApi.shared();

	@RegisterExtension
	static final CloudflareApi cloudflare = CloudflareApi.shared();

	@LocalServerPort
	private int port;

	@BeforeEach
	void everyPremiumProviderFails() {
		twilio.fails(500);
		cloudflare.rejects(500);
	}

	@Test
	void staysUpAndReadyWhileEveryPremiumProviderFails() {
		assertThat(LocalHttp.credentials(this.port, "health-user").get("provider").asString())
			.isEqualTo("free-public-turn");
		assertThat(cloudflare.generateRequests()).isPositive();
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

}
