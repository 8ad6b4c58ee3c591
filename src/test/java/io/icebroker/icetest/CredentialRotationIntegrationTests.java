package io.icebroker.icetest;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser module keeps two relay-only peer connections talking through a real coturn
 * for several credential lifetimes: it fetches again at each {@code refreshAfter}, hands
 * every connection the new credentials and restarts ICE so that new allocations are made
 * with them.
 * <p>
 * With a lifetime of 5 s, {@code refreshAfter} comes about every 2 s: two lifetimes see
 * the credentials each connection started with expire, and about four rotations per
 * connection, one more than the three the test asks for.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CredentialRotationIntegrationTests {

	/** TURN_CREDENTIAL_TTL: the shortest the service allows. */
	static final int LIFETIME_SECONDS = 5;

	/** How long the data channel must stay open, in lifetimes. */
	static final int LIFETIMES = 2;

	/** How many rotations each connection must go through, at least. */
	static final int ROTATIONS = 3;

	private static final String USER_ID = "rotation-user";

	private static CoturnServer coturn;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startCoturn() throws IOException {
		HeadlessChromium.assumeInstalled();
		coturn = CoturnServer.builder(TestSecrets.COTURN_SECRET).withSessionLog().start();
	}

	@DynamicPropertySource
	static void turn(DynamicPropertyRegistry registry) {
		ServedTurn.configure(registry, List.of(ServedTurn.turnUrl(coturn)), TestSecrets.COTURN_SECRET);
		registry.add("TURN_CREDENTIAL_TTL", () -> String.valueOf(LIFETIME_SECONDS));
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	@Test
	void keepsTwoRelayOnlyConnectionsTalkingThroughThreeRotationsAndTwoCredentialLifetimes() throws IOException {
		try (BrowserContext context = HeadlessChromium.shared().newContext(800, 600)) {
			RotationCheckPage page = RotationCheckPage.open(context, this.port, USER_ID);

			page.awaitDataChannelOpenFor(LIFETIMES * LIFETIME_SECONDS * 1000, 40_000);
			// One rotation more than asserted: coturn has logged the allocations of the
			// ones before it.
			page.awaitRotationsOfBothConnections(ROTATIONS + 1, 20_000);

			List<RotationCheckPage.SetConfiguration> calls = page.setConfigurationCalls();
			List<String> fetched = page.answeredUsernames();
			long rotations = calls.stream().filter((call) -> call.connection() == 1).count();
			System.out.printf(
					"[rotation] lifetime %d s, %d lifetimes: %d fetches, %d rotations per connection"
							+ " (%d setConfiguration calls), %d ICE restarts, %d messages received of %d sent,"
							+ " longest gap %.0f ms%n",
					LIFETIME_SECONDS, LIFETIMES, page.answeredStatuses().size(), rotations, calls.size(),
					page.restarts().size(), page.received(), page.sent(), page.longestGapMillis());
			assertThat(page.answeredStatuses()).hasSizeGreaterThanOrEqualTo(ROTATIONS + 1).containsOnly(200);
			assertThat(new LinkedHashSet<>(fetched)).as("a new username in every answer").hasSameSizeAs(fetched);
			assertThat(calls).as("both connections rotated at least %d times", ROTATIONS)
				.filteredOn((call) -> call.connection() == 2)
				.hasSizeGreaterThanOrEqualTo(ROTATIONS);
			assertThat(rotations).isGreaterThanOrEqualTo(ROTATIONS);
			assertThat(calls).allSatisfy((call) -> {
				assertThat(call.after()).isIn(fetched);
				assertThat(call.after()).isNotEqualTo(call.before());
			});
			assertThat(page.longestGapMillis()).as("longest gap between delivered messages, ms").isLessThan(2000);
			assertThat(page.outOfOrder()).isZero();
			assertThat(page.selectedLocalCandidateType()).isEqualTo("relay");
			String log = coturn.log();
			List<String> allocated = calls.stream()
				.map(RotationCheckPage.SetConfiguration::after)
				.distinct()
				.filter((username) -> log
					.contains("user <" + username + ">: incoming packet ALLOCATE processed, success"))
				.toList();
			System.out.printf("[rotation] coturn allocated with %d of %d rotated usernames%n", allocated.size(),
					calls.stream().map(RotationCheckPage.SetConfiguration::after).distinct().count());
			assertThat(allocated).as("usernames coturn allocated with after a rotation")
				.hasSizeGreaterThanOrEqualTo(ROTATIONS);
			assertThat(page.failures()).isEmpty();
			assertThat(page.pageErrors()).isEmpty();
		}
	}

}
