package io.icebroker.icetest;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ICE test page in a real headless Chromium, against the running app handing out a
 * TURN URL on which nothing listens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IceTestPageUnreachableIntegrationTests {

	private static String silentTurnUrl;

	@LocalServerPort
	int port;

	private BrowserContext context;

	@BeforeAll
	static void chooseASilentPort() throws IOException {
		HeadlessChromium.assumeInstalled();
		silentTurnUrl = "turn:127.0.0.1:" + freeUdpPort() + "?transport=udp";
	}

	@DynamicPropertySource
	static void turn(DynamicPropertyRegistry registry) {
		ServedTurn.configure(registry, List.of(silentTurnUrl), TestSecrets.COTURN_SECRET);
		// Nothing will ever answer: the server probe's bound is all the run waits for.
		registry.add("TURN_PROBE_TIMEOUT", () -> "1s");
	}

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void saysUnreachableWhenNothingAnswersOnTheTurnUrl() {
		this.context = HeadlessChromium.shared().newContext(1280, 900);
		// Chromium keeps retrying a silent TURN server past the page's bound:
		// the run ends on that bound, which the test clock lets pass at once.
		IceTestPage page = IceTestPage.openWithTestClock(this.context, this.port)
			.chooseRelayPolicy()
			.runPastTheGatheringBound();

		assertThat(page.runState()).isEqualTo("done");
		IceTestPage.Verdict verdict = page.verdictFor(silentTurnUrl);
		assertThat(verdict.kind()).isEqualTo("unreachable");
		assertThat(verdict.text()).containsIgnoringCase("unreachable");
		assertThat(page.candidateTypes()).isEmpty();
		assertThat(page.problems()).isEmpty();
		page.screenshot("ice-test-unreachable.png");
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
