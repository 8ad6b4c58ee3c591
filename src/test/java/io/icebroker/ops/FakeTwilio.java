package io.icebroker.ops;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.icebroker.TestSecrets;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio's Tokens API on a free loopback port, answering as the real one does.
 */
public final class FakeTwilio implements AutoCloseable {

	public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	private static final String TOKENS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Tokens.json";

	private final WireMockServer server;

	private FakeTwilio(WireMockServer server) {
		this.server = server;
	}

	public static FakeTwilio start() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		FakeTwilio twilio = new FakeTwilio(server);
		twilio.mintsTokens();
		// A cold WireMock can take longer than the application's read timeout to answer
		// its first request.
		LocalHttp.get(server.port(), "/__admin/mappings");
		return twilio;
	}

	/**
	 * The base URL to give {@code TWILIO_API_BASE_URL}: {@code localhost}, because
	 * twilio-java re-parses dotted hosts.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://localhost:" + this.server.port();
	}

	/**
	 * Point the application at this fake, with {@link TestSecrets#TWILIO_AUTH_TOKEN} as
	 * the auth token.
	 * @param registry the test's dynamic properties
	 */
	public void configure(DynamicPropertyRegistry registry) {
		environment().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The environment variables that point the application at this fake, with
	 * {@link TestSecrets#TWILIO_AUTH_TOKEN} as the auth token and a read timeout that a
	 * loaded test machine cannot exceed.
	 * @return the variables by name
	 */
	public Map<String, String> environment() {
		return Map.of("TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TestSecrets.TWILIO_AUTH_TOKEN,
				"TWILIO_API_BASE_URL", baseUrl(), "TWILIO_READ_TIMEOUT", "10s");
	}

	/**
	 * Answer {@code 201} with three ICE servers whose credential is
	 * {@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}.
	 */
	public void mintsTokens() {
		this.server.resetMappings();
		this.server.stubFor(WireMock.post(TOKENS_PATH)
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(tokenBody())));
	}

	/**
	 * Answer every token request with an error, as Twilio does.
	 * @param status the HTTP status
	 */
	public void fails(int status) {
		this.server.resetMappings();
		this.server.stubFor(WireMock.post(TOKENS_PATH)
			.willReturn(WireMock.aResponse()
				.withStatus(status)
				.withHeader("Content-Type", "application/json")
				// An error body that echoes a secret: it must stay out of everything
				// operators see.
				.withBody("{\"code\": 20003, \"message\": \"Authenticate " + TestSecrets.TWILIO_AUTH_TOKEN
						+ "\", \"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": " + status
						+ "}")));
	}

	/**
	 * How many token requests arrived.
	 * @return the count
	 */
	public int tokenRequests() {
		return this.server.countRequestsMatching(WireMock.postRequestedFor(WireMock.urlEqualTo(TOKENS_PATH)).build())
			.getCount();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static String tokenBody() {
		String credential = TestSecrets.UPSTREAM_TURN_CREDENTIAL;
		return """
				{"account_sid": "%s",
				 "date_created": "Tue, 24 Nov 2026 10:00:00 +0000",
				 "date_updated": "Tue, 24 Nov 2026 10:00:00 +0000",
				 "ice_servers": [
				  {"url": "stun:global.stun.twilio.com:3478?transport=udp",
				   "urls": "stun:global.stun.twilio.com:3478?transport=udp"},
				  {"url": "turn:global.turn.twilio.com:3478?transport=udp", "username": "minted-user",
				   "urls": "turn:global.turn.twilio.com:3478?transport=udp", "credential": "%s"},
				  {"url": "turn:global.turn.twilio.com:443?transport=tcp", "username": "minted-user",
				   "urls": "turn:global.turn.twilio.com:443?transport=tcp", "credential": "%s"}],
				 "password": "%s", "ttl": "86400", "username": "minted-user"}
				""".formatted(ACCOUNT_SID, credential, credential, credential);
	}

}
