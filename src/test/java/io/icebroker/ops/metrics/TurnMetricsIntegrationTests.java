package io.icebroker.ops.metrics;

import java.util.List;

import io.icebroker.ops.PrometheusScrape;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import io.icebroker.testsupport.TwilioServesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@code /actuator/prometheus} after real requests through the chain, Twilio being
 * a fake on loopback and Cloudflare unconfigured.
 */
@TwilioServesTest
class TurnMetricsIntegrationTests {

	@RegisterExtension
	private static final TwilioApi twilio = TwilioApi.shared();

	@LocalServerPort
	private int port;

	@Test
	void countsEachResponseByTheProviderThatServedIt() {
		PrometheusScrape before = scrape();
		for (int request = 0; request < 3; request++) {
			LocalHttp.credentials(this.port, "metrics-user-" + request);
		}
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, "turn_credentials_requests_total", "provider", "twilio")).isEqualTo(3.0);
		assertThat(delta(before, after, "turn_credentials_requests_total", "provider", "free-public-turn"))
			.isEqualTo(0.0);
		assertThat(delta(before, after, "turn_provider_attempts_total", "provider", "twilio", "outcome", "success"))
			.isEqualTo(3.0);
		assertThat(delta(before, after, "turn_provider_attempts_total", "provider", "cloudflare", "outcome",
				"not_configured"))
			.isEqualTo(3.0);
	}

	@Test
	void timesOnlyAttemptsThatCalledAnUpstreamApi() {
		PrometheusScrape before = scrape();
		LocalHttp.credentials(this.port, "latency-user");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, "turn_provider_request_seconds_count", "provider", "twilio")).isEqualTo(1.0);
		assertThat(after.value("turn_provider_request_seconds_bucket", "provider", "twilio", "le", "+Inf"))
			.isEqualTo(after.value("turn_provider_request_seconds_count", "provider", "twilio"));
		assertThat(after.samples()).filteredOn((sample) -> sample.name().equals("turn_provider_request_seconds_bucket"))
			.extracting((sample) -> sample.labels().get("le"))
			.contains("0.025", "0.1", "1.0", "5.0", "+Inf");
		assertThat(after.has("turn_provider_request_seconds_count", "provider", "cloudflare")).isFalse();
		assertThat(after.has("turn_provider_request_seconds_count", "provider", "free-public-turn")).isFalse();
	}

	@Test
	void countsUpstreamErrorsAndTheFallbackThatServedInstead() {
		twilio.fails(401);
		PrometheusScrape before = scrape();
		LocalHttp.credentials(this.port, "error-user");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, "turn_provider_attempts_total", "provider", "twilio", "outcome", "error"))
			.isEqualTo(1.0);
		assertThat(delta(before, after, "turn_credentials_requests_total", "provider", "twilio")).isEqualTo(0.0);
		assertThat(delta(before, after, "turn_credentials_requests_total", "provider", "free-public-turn"))
			.isEqualTo(1.0);
		assertThat(delta(before, after, "turn_provider_attempts_total", "provider", "free-public-turn", "outcome",
				"success"))
			.isEqualTo(1.0);
	}

	@Test
	void exportsEveryOutcomeOfEveryProviderBeforeAnyRequest() {
		PrometheusScrape scrape = scrape();
		for (String provider : new String[] { "cloudflare", "twilio", "free-public-turn" }) {
			assertThat(scrape.has("turn_credentials_requests_total", "provider", provider)).as(provider).isTrue();
			// The outcomes docs/contract.md documents, spelled as it spells them.
			for (String outcome : List.of("success", "cached", "error", "timeout", "not_configured", "circuit_open",
					"not_tried")) {
				assertThat(scrape.has("turn_provider_attempts_total", "provider", provider, "outcome", outcome))
					.as("%s %s", provider, outcome)
					.isTrue();
			}
		}
	}

	@Test
	void tagsCarryNoUserIdUrlOrErrorText() {
		twilio.fails(401);
		LocalHttp.credentials(this.port, "tagged-user-6e1f");
		twilio.mintsTokens();
		LocalHttp.credentials(this.port, "tagged-user-6e1f");
		PrometheusScrape scrape = scrape();
		assertThat(scrape.text()).doesNotContain("tagged-user-6e1f", twilio.baseUrl(), "Authentication failed");
		assertThat(scrape.samples()).filteredOn((sample) -> sample.name().startsWith("turn_"))
			.allSatisfy((sample) -> assertThat(sample.labels().keySet()).isSubsetOf("provider", "outcome", "le",
					"scope", "transport"));
	}

	private PrometheusScrape scrape() {
		var response = LocalHttp.get(this.port, "/actuator/prometheus", "Accept", "text/plain");
		assertThat(response.statusCode()).isEqualTo(200);
		return PrometheusScrape.parse(response.body());
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
		return after.value(name, labels) - before.value(name, labels);
	}

}
