package io.icebroker.icetest;

import java.io.IOException;

import com.microsoft.playwright.BrowserContext;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CoturnServer;
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
 * The ICE test page in a real headless Chromium, against the running app handing out
 * credentials signed with a secret the real coturn does not share.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IceTestPageWrongSecretIntegrationTests {

	private static CoturnServer coturn;

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
		ServedTurn.configure(registry, ServedTurn.urlsOf(coturn), "not-" + TestSecrets.COTURN_SECRET);
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
	void saysAuthenticationFailedWhenTheSecretIsWrong() {
		this.context = HeadlessChromium.shared().newContext(1280, 900);
		IceTestPage page = IceTestPage.open(this.context, this.port).chooseRelayPolicy().run();

		assertThat(page.runState()).isEqualTo("done");
		IceTestPage.Verdict verdict = page.verdictFor(ServedTurn.turnUrl(coturn));
		assertThat(verdict.kind()).isEqualTo("auth-failed");
		assertThat(verdict.text()).containsIgnoringCase("authentication failed");
		assertThat(page.verdictSummary()).isEqualTo("No TURN URL gave a relay candidate.");
		assertThat(page.candidateTypes()).doesNotContain("relay");
		assertThat(page.errorCodes()).contains("401");
		assertThat(page.problems()).isEmpty();
		page.screenshot("ice-test-auth-failed.png");
	}

}
