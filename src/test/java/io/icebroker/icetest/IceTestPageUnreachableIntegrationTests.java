package io.icebroker.icetest;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
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

	private static HeadlessChromium chromium;

	@LocalServerPort
	int port;

	private BrowserContext context;

	@BeforeAll
	static void startChromium() throws IOException {
		HeadlessChromium.assumeInstalled();
		silentTurnUrl = "turn:127.0.0.1:" + freeUdpPort() + "?transport=udp";
		chromium = HeadlessChromium.launch();
	}

	@DynamicPropertySource
	static void turn(DynamicPropertyRegistry registry) {
		ServedTurn.configure(registry, List.of(silentTurnUrl), TestSecrets.COTURN_SECRET);
	}

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@AfterAll
	static void stopChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void saysUnreachableWhenNothingAnswersOnTheTurnUrl() {
		this.context = chromium.newContext(1280, 900);
		IceTestPage page = IceTestPage.open(this.context, this.port).chooseRelayPolicy().run();

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
