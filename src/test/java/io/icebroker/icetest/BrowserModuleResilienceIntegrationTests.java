package io.icebroker.icetest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.icebroker.IceBrokerApplication;
import io.icebroker.testsupport.HeadlessChromium;
import io.icebroker.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The browser module in a real Chromium keeps a page on fresh credentials through the
 * service's refusals and absences: a 429 (its rate limit emptied by another client at the
 * same address) and a restart of the service on the same port. Neither throws into the
 * page; both come as 'error' events, and answers resume.
 */
class BrowserModuleResilienceIntegrationTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void keepsFetchingThroughA429AndARestartOfTheService() throws Exception {
		HeadlessChromium chromium = HeadlessChromium.shared();
		int port = LoopbackPorts.free();
		ConfigurableApplicationContext service = start(port);
		try (BrowserContext browser = chromium.newContext(800, 600)) {
			Page page = browser.newPage();
			page.navigate("http://127.0.0.1:" + port + "/module-resilience-check.html");
			await().atMost(Duration.ofSeconds(15)).until(() -> answers(page) >= 1);

			// Another client at the same address keeps the shared buckets empty
			// until the page has met a 429: emptied once, they refill a token
			// every 2 s, which a page refreshing every 2.5 s could take each time.
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				drainRateLimit(port);
				return errorStatuses(page).contains(429);
			});
			int afterRateLimit = answers(page);
			await().atMost(Duration.ofSeconds(20)).until(() -> answers(page) > afterRateLimit);

			service.close();
			await().atMost(Duration.ofSeconds(20)).until(() -> errorKinds(page).contains("network"));
			int beforeRestart = answers(page);
			service = start(port);
			await().atMost(Duration.ofSeconds(20)).until(() -> answers(page) > beforeRestart);

			assertThat(page.evaluate("window.resilienceCheck.pageErrors")).isEqualTo(0);
			System.out.printf("[module-resilience] answers=%d errors=%s%n", answers(page),
					page.evaluate("JSON.stringify(window.resilienceCheck.errors)"));
		}
		finally {
			service.close();
		}
	}

	private static ConfigurableApplicationContext start(int port) {
		return new SpringApplicationBuilder(IceBrokerApplication.class)
			.properties(Map.of("PORT", port, "TURN_PROVIDER_ORDER", "coturn,free-public-turn", "COTURN_SECRET",
					"module-resilience-secret-0123456789", "COTURN_URLS", "turn:127.0.0.1:3478?transport=udp",
					"TURN_CREDENTIAL_TTL", "5", "TURN_RATE_LIMIT_PER_MINUTE", "30"))
			.run();
	}

	private static void drainRateLimit(int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/turn/credentials?userId=resilient"))
			.build();
		for (int sent = 0; sent < 60; sent++) {
			if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 429) {
				return;
			}
		}
		throw new AssertionError("60 requests did not reach a limit of 30 a minute");
	}

	private static int answers(Page page) {
		return ((Number) page.evaluate("window.resilienceCheck ? window.resilienceCheck.answers : 0")).intValue();
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> errorStatuses(Page page) {
		return ((List<Number>) page.evaluate("window.resilienceCheck.errors.map((e) => e.status)")).stream()
			.map(Number::intValue)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> errorKinds(Page page) {
		return (List<String>) page.evaluate("window.resilienceCheck.errors.map((e) => e.kind)");
	}

}
