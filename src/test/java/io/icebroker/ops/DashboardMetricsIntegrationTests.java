package io.icebroker.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import io.icebroker.testsupport.TwilioServesTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics the service exports, read from {@code /actuator/prometheus} with Twilio
 * serving (a fake on loopback) and Cloudflare unconfigured: the Grafana dashboard and the
 * Prometheus alert rules under {@code ops/} use only metric names the service exports
 * ({@code ops/lint-dashboards.sh} checks their PromQL syntax), and its counters and
 * timers follow real requests through the chain.
 */
@TwilioServesTest
class DashboardMetricsIntegrationTests {

	private static final Pattern METRIC_NAME = Pattern.compile("\\bturn_[a-z0-9_]+");

	@RegisterExtension
	private static final TwilioApi twilio = TwilioApi.shared();

	@LocalServerPort
	private int port;

	@Test
	void everyMetricTheDashboardsAndAlertsUseIsExported() throws IOException {
		LocalHttp.credentials(this.port, "dashboard-user");
		PrometheusScrape scrape = PrometheusScrape
			.parse(LocalHttp.get(this.port, "/actuator/prometheus", "Accept", "text/plain").body());
		Set<String> exported = scrape.names();
		Set<String> used = new TreeSet<>();
		for (Path file : opsFiles()) {
			used.addAll(metricNames(Files.readString(file)));
		}
		assertThat(used).contains("turn_credentials_requests_total", "turn_provider_attempts_total",
				"turn_provider_request_seconds_bucket");
		// A histogram's family name (in a description, say) stands for its exported
		// series.
		assertThat(used)
			.allSatisfy((name) -> assertThat(exported).as("exported metrics").containsAnyOf(name, name + "_bucket"));
	}

	@Test
	void dashboardShowsRequestsFallbackShareOutcomesAndLatencyQuantiles() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(dashboard()));
		List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
		assertThat(expressions)
			.anySatisfy((expr) -> assertThat(expr).contains("sum by (provider)", "turn_credentials_requests_total"))
			.anySatisfy((expr) -> assertThat(expr).contains("provider=\"free-public-turn\"", " / "))
			.anySatisfy(
					(expr) -> assertThat(expr).contains("sum by (provider, outcome)", "turn_provider_attempts_total"))
			.anySatisfy((expr) -> assertThat(expr).startsWith("histogram_quantile(0.5,"))
			.anySatisfy((expr) -> assertThat(expr).startsWith("histogram_quantile(0.99,"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void alertsOnFallbackShareAndOnAnErroringProvider() throws IOException {
		List<Map<String, Object>> rules = Stream.of(prometheusRules())
			.flatMap((file) -> ((List<Map<String, Object>>) load(file).get("groups")).stream())
			.flatMap((group) -> ((List<Map<String, Object>>) group.get("rules")).stream())
			.toList();
		assertThat(rules).isNotEmpty().allSatisfy((rule) -> {
			assertThat(rule).containsKeys("alert", "expr", "for", "labels", "annotations");
			assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
			assertThat((Map<String, Object>) rule.get("annotations")).containsKey("summary");
		});
		assertThat(rules).extracting((rule) -> (String) rule.get("expr"))
			.anySatisfy((expr) -> assertThat(expr).contains("provider=\"free-public-turn\"", "> 0.2"))
			.anySatisfy((expr) -> assertThat(expr).contains("outcome=~\"error|timeout\""));
	}

	private static Set<String> metricNames(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC_NAME.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	private static List<Path> opsFiles() throws IOException {
		try (Stream<Path> files = Stream.concat(Files.list(Path.of("ops", "grafana")),
				Files.list(Path.of("ops", "prometheus")))) {
			List<Path> found = files.filter((file) -> file.toString().matches(".*\\.(json|ya?ml)$")).toList();
			assertThat(found).hasSizeGreaterThanOrEqualTo(2);
			return found;
		}
	}

	private static Path dashboard() {
		return Path.of("ops", "grafana", "icebroker-turn.json");
	}

	private static Path[] prometheusRules() {
		return new Path[] { Path.of("ops", "prometheus", "icebroker-alerts.yml") };
	}

	private static Map<String, Object> load(Path file) {
		try {
			return new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads {@code /actuator/prometheus} after real requests through the chain, Twilio
	 * being a fake on loopback and Cloudflare unconfigured.
	 */
	@Nested
	class TurnMetrics {

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
			assertThat(delta(before, after, "turn_provider_request_seconds_count", "provider", "twilio"))
				.isEqualTo(1.0);
			assertThat(after.value("turn_provider_request_seconds_bucket", "provider", "twilio", "le", "+Inf"))
				.isEqualTo(after.value("turn_provider_request_seconds_count", "provider", "twilio"));
			assertThat(after.samples())
				.filteredOn((sample) -> sample.name().equals("turn_provider_request_seconds_bucket"))
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

}
