package io.icebroker.icetest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ICE test page in a real headless Chromium, against the running app handing out a
 * real coturn on loopback with working credentials.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IceTestPageIntegrationTests {

	private static CoturnServer coturn;

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private BrowserContext context;

	@BeforeAll
	static void startCoturn() throws IOException {
		HeadlessChromium.assumeInstalled();
		coturn = CoturnServer.start(TestSecrets.COTURN_SECRET);
	}

	@DynamicPropertySource
	static void turn(DynamicPropertyRegistry registry) {
		ServedTurn.configure(registry, ServedTurn.urlsOf(coturn), TestSecrets.COTURN_SECRET);
	}

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	@Test
	void gathersARelayCandidateAndSaysRelayWorks() {
		IceTestPage page = openAt(1280, 900).chooseRelayPolicy().run();

		assertThat(page.runState()).isEqualTo("done");
		assertThat(page.provider()).isEqualTo("coturn");
		assertThat(page.iceServerUrls()).contains(coturn.stunUrl(), ServedTurn.turnUrl(coturn));
		assertThat(page.candidateTypes()).isNotEmpty().containsOnly("relay");
		assertThat(page.candidateRowTexts("relay")).anySatisfy((row) -> assertThat(row).contains("127.0.0.1"));
		IceTestPage.Verdict verdict = page.verdictFor(ServedTurn.turnUrl(coturn));
		assertThat(verdict.kind()).isEqualTo("relay-works");
		assertThat(verdict.text()).containsIgnoringCase("relay works");
		assertThat(page.verdictSummary()).isEqualTo("Relay works through 1 of 1 TURN URL.");
		assertThat(page.problems()).isEmpty();
		page.screenshot("ice-test-relay-works.png");
	}

	@Test
	void gathersHostCandidatesTooWithPolicyAll() {
		IceTestPage page = openAt(1280, 900).run();

		assertThat(page.candidateTypes()).contains("host", "relay");
		assertThat(page.verdictFor(ServedTurn.turnUrl(coturn)).kind()).isEqualTo("relay-works");
		assertThat(page.problems()).isEmpty();
		page.screenshot("ice-test-policy-all.png");
	}

	@Test
	void neverShowsTheTurnCredential() {
		IceTestPage page = openAt(1280, 900).chooseRelayPolicy();

		// The credential the page itself received: a provider may mint a new one per
		// request.
		Response answer = page.page()
			.waitForResponse((response) -> response.url().contains("/turn/credentials"), page::run);
		String username = servedTurnEntry(answer).get("username").asString();
		String credential = servedTurnEntry(answer).get("credential").asString();

		assertThat(page.verdictFor(ServedTurn.turnUrl(coturn)).kind()).isEqualTo("relay-works");
		assertThat(page.visibleText()).doesNotContain(credential).doesNotContain(username);
		assertThat(page.html()).doesNotContain(credential).doesNotContain(username);
	}

	@Test
	void worksFromTheKeyboardAloneAndFitsAPhoneScreen() {
		IceTestPage page = openAt(390, 844);
		var keyboard = page.page().keyboard();

		keyboard.press("Tab");
		keyboard.type("alice");
		keyboard.press("Tab");
		keyboard.press("Tab");
		keyboard.press("ArrowDown");
		keyboard.press("Tab");
		assertThat(page.page().evaluate("document.activeElement.id")).isEqualTo("run");
		keyboard.press("Enter");
		page.awaitRunOver();

		assertThat(page.verdictFor(ServedTurn.turnUrl(coturn)).kind()).isEqualTo("relay-works");
		assertThat(page.candidateTypes()).containsOnly("relay");
		assertThat(page.page().evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
			.as("no sideways scrolling at phone width")
			.isEqualTo(true);
		assertThat(page.problems()).isEmpty();
		page.screenshot("ice-test-relay-works-phone.png");
	}

	@Test
	void sendsTheUserIdAndTheApiKeyAsABearerToken() {
		IceTestPage page = openAt(1280, 900);
		AtomicReference<String> authorization = new AtomicReference<>();
		AtomicReference<String> url = new AtomicReference<>();
		page.page().onRequest((request) -> {
			if (request.url().contains("/turn/credentials")) {
				authorization.set(request.headerValue("authorization"));
				url.set(request.url());
			}
		});

		page.fillUserId("alice@example.com").fillApiKey("a-client-api-key").chooseRelayPolicy().run();

		assertThat(authorization.get()).isEqualTo("Bearer a-client-api-key");
		assertThat(url.get()).endsWith("/turn/credentials?userId=alice%40example.com");
		assertThat(page.visibleText()).doesNotContain("a-client-api-key");
	}

	@Test
	void showsTheServerProbeBesideTheBrowserResult() {
		IceTestPage page = openAt(1280, 900);

		page.chooseRelayPolicy().run();

		// The real /actuator/turnprobe, allocating on the same coturn from the server
		// side.
		assertThat(page.probeVisible()).isTrue();
		assertThat(page.probeTexts()).anySatisfy((works) -> assertThat(works).contains("Works",
				ServedTurn.turnUrl(coturn), "coturn", "relayed 127.0.0.1:"));
		assertThat(page.verdictFor(ServedTurn.turnUrl(coturn)).kind()).isEqualTo("relay-works");
	}

	@Test
	void hidesTheServerProbeWhenItIsNotAvailable() {
		IceTestPage page = openAt(1280, 900);
		page.page()
			.route("**/actuator/turnprobe",
					(route) -> route.fulfill(new Route.FulfillOptions().setStatus(404)
						.setContentType("application/problem+json")
						.setBody("{\"title\":\"Not Found\",\"status\":404}")));

		page.chooseRelayPolicy().run();

		assertThat(page.runState()).isEqualTo("done");
		assertThat(page.probeVisible()).isFalse();
		assertThat(page.verdictFor(ServedTurn.turnUrl(coturn)).kind()).isEqualTo("relay-works");
	}

	@Test
	void countsDownToTheExpiryOfMintedCredentials() {
		IceTestPage page = openAt(1280, 900);
		// The coturn provider's credentials last a day; a 90-second ttl lets the test see
		// the countdown tick.
		page.page().route("**/turn/credentials*", (route) -> {
			ObjectNode answer = (ObjectNode) json.readTree(route.fetch().text());
			answer.put("ttl", 90).put("expiresAt", "2030-01-01T00:01:30Z");
			route.fulfill(new Route.FulfillOptions().setStatus(200)
				.setContentType("application/json")
				.setBody(answer.toString()));
		});

		page.chooseRelayPolicy().run();

		String first = page.expiry();
		assertThat(first).matches("in 1 min \\d+ s \\(2030-01-01T00:01:30Z\\)");
		page.page()
			.waitForFunction("(first) => !document.getElementById('expiry').innerText.startsWith(first)",
					first.substring(0, first.indexOf(" (")));
		assertThat(page.expiry()).isNotEqualTo(first).startsWith("in ");
	}

	@Test
	void explainsThatAnApiKeyIsNeededWhenTheServiceAnswers401() {
		IceTestPage page = openAt(1280, 900);
		// Authentication is the service's own concern; the page only has to say what a
		// 401 means.
		page.page()
			.route("**/turn/credentials*",
					(route) -> route.fulfill(new Route.FulfillOptions().setStatus(401)
						.setContentType("application/problem+json")
						.setHeaders(Map.of("WWW-Authenticate", "Bearer"))
						.setBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"An API key is required\"}")));

		page.run();

		assertThat(page.runState()).isEqualTo("failed");
		assertThat(page.verdictSummary()).startsWith("The service needs an API key (401)")
			.endsWith("Unauthorized: An API key is required");
		assertThat(page.candidateTypes()).isEmpty();
		assertThat(page.problems()).isEmpty();
	}

	private IceTestPage openAt(int width, int height) {
		this.context = HeadlessChromium.shared().newContext(width, height);
		return IceTestPage.open(this.context, this.port);
	}

	private static JsonNode servedTurnEntry(Response answer) {
		List<JsonNode> turnEntries = json.readTree(answer.text())
			.get("iceServers")
			.valueStream()
			.filter((server) -> server.has("credential"))
			.toList();
		assertThat(turnEntries).hasSize(1);
		return turnEntries.get(0);
	}

}
