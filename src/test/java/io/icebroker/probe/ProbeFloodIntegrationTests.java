package io.icebroker.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.ProviderAnswers;
import io.icebroker.testsupport.RawHttp;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attack a review found: relays that never answer, and more concurrent probe requests
 * than Tomcat has workers, from seven addresses, each within its rate limit. The service
 * must go on answering everyone else, and mint no more than its probe budget allows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=twilio,free-public-turn", TwilioApi.BASE_URL_PROPERTY,
				TwilioApi.ACCOUNT_SID_PROPERTY, TwilioApi.AUTH_TOKEN_PROPERTY, "TURN_PROBE_TIMEOUT=1s" })
class ProbeFloodIntegrationTests {

	private static final int ADDRESSES = 7;

	private static final int REQUESTS_PER_ADDRESS = 30;

	@RegisterExtension
	private static final TwilioApi twilio = TwilioApi.shared();

	/** A UDP port on loopback that reads nothing and answers nothing. */
	private static DatagramSocket silentRelay;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void openSilentRelay() throws IOException {
		silentRelay = new DatagramSocket(0, InetAddress.getLoopbackAddress());
	}

	@AfterAll
	static void closeSilentRelay() {
		silentRelay.close();
	}

	@Test
	void aFloodOfProbeRequestsLeavesTheServiceAnsweringAndMintsOnce() throws Exception {
		twilio.answers(ProviderAnswers.json(201, tokenForTheSilentRelay()));
		int mintsBefore = twilio.tokenRequests();
		int flood = ADDRESSES * REQUESTS_PER_ADDRESS;
		ExecutorService clients = Executors.newFixedThreadPool(flood);
		CountDownLatch sent = new CountDownLatch(flood);
		List<Future<Integer>> statuses = new ArrayList<>();
		try {
			for (int address = 2; address < 2 + ADDRESSES; address++) {
				InetAddress from = InetAddress.getByName("127.0.0." + address);
				for (int request = 0; request < REQUESTS_PER_ADDRESS; request++) {
					statuses.add(clients.submit(() -> {
						sent.countDown();
						return send(from, "/actuator/turnprobe?provider=twilio").status();
					}));
				}
			}
			assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
			InetAddress bystander = InetAddress.getByName("127.0.0.100");

			// The best of three: a starved service is slow every time, a busy machine
			// only once in a while.
			Duration credentialsTook = Duration.ofDays(1);
			Duration livezTook = Duration.ofDays(1);
			RawHttp.Response credentials = null;
			RawHttp.Response livez = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				long credentialsStarted = System.nanoTime();
				credentials = send(bystander, "/turn/credentials?userId=bystander");
				credentialsTook = min(credentialsTook, Duration.ofNanos(System.nanoTime() - credentialsStarted));
				long livezStarted = System.nanoTime();
				livez = send(bystander, "/livez");
				livezTook = min(livezTook, Duration.ofNanos(System.nanoTime() - livezStarted));
			}

			assertThat(credentials.status()).isEqualTo(200);
			assertThat(credentialsTook).isLessThan(Duration.ofSeconds(1));
			assertThat(livez.status()).isEqualTo(200);
			assertThat(livezTook).isLessThan(Duration.ofSeconds(1));
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get(30, TimeUnit.SECONDS));
			}
			assertThat(answered).hasSize(flood)
				.as("a report or a 429 saying when to come back, never an error or a queued worker")
				.allMatch((status) -> status == 200 || status == 429)
				.contains(429);
			assertThat(twilio.tokenRequests() - mintsBefore).as("Twilio mints during the flood").isLessThanOrEqualTo(1);
			System.out.println("[probe-flood] requests=" + flood + " answered200="
					+ answered.stream().filter((status) -> status == 200).count() + " answered429="
					+ answered.stream().filter((status) -> status == 429).count() + " credentialsMs="
					+ credentialsTook.toMillis() + " livezMs=" + livezTook.toMillis() + " twilioMints="
					+ (twilio.tokenRequests() - mintsBefore));
			InetAddress operator = InetAddress.getByName("127.0.0.101");
			String report = await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> send(operator, "/actuator/turnprobe?provider=twilio"), (answer) -> answer.status() == 200)
				.body();
			assertThat(report).as("the run's report, answered once it ended")
				.contains("\"reason\":\"timeout\"")
				.contains("\"relayWorks\":false");
		}
		finally {
			clients.shutdownNow();
		}
	}

	private RawHttp.Response send(InetAddress from, String path) throws IOException {
		return RawHttp.send(from, this.port,
				("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
	}

	private static String tokenForTheSilentRelay() {
		String url = "turn:127.0.0.1:" + silentRelay.getLocalPort() + "?transport=udp";
		return """
				{"account_sid": "%s", "ice_servers": [{"urls": "%s", "username": "flood-probe", "credential": "%s"}],
				 "password": "%s", "ttl": "86400", "username": "flood-probe"}
				""".formatted(TwilioApi.ACCOUNT_SID, url, TestSecrets.UPSTREAM_TURN_CREDENTIAL,
				TestSecrets.UPSTREAM_TURN_CREDENTIAL);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
