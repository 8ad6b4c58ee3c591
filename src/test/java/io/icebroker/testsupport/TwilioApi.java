package io.icebroker.testsupport;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.icebroker.TestSecrets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one stand-in for Twilio's {@code Tokens} resource: a WireMock server on a free
 * loopback port that answers as the real API does, for every test that needs Twilio.
 * <p>
 * Start one per test class with {@link #start()}, {@link #close()} it after the class,
 * and {@link #reset()} it before each test if the class's tests must not see each other's
 * answers or requests. A fresh or reset stand-in mints {@link #token()} for every
 * request.
 */
public final class TwilioApi implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

	/**
	 * The account every test authenticates as.
	 */
	public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	/**
	 * The path twilio-java posts to for a token.
	 */
	public static final String TOKENS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Tokens.json";

	/**
	 * The TURN username in {@link #token()}.
	 */
	public static final String USERNAME = "dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269";

	/**
	 * The lifetime Twilio grants in {@link #token()}.
	 */
	public static final Duration TTL = Duration.ofDays(1);

	private static final String PAYLOAD = ProviderAnswers.payload("twilio-token.json");

	private final WireMockServer server;

	private TwilioApi(WireMockServer server) {
		this.server = server;
	}

	/**
	 * Start a stand-in that mints {@link #token()}, and send it one request first: a cold
	 * WireMock can take longer than a read timeout to answer its first.
	 * @return the running stand-in
	 */
	public static TwilioApi start() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		TwilioApi twilio = new TwilioApi(server);
		twilio.mintsTokens();
		LocalHttp.send("POST", server.port(), TOKENS_PATH);
		twilio.reset();
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
	 * Point the application at this stand-in: {@code TWILIO_API_BASE_URL},
	 * {@link #ACCOUNT_SID} and {@link TestSecrets#TWILIO_AUTH_TOKEN}. Timeouts stay the
	 * test's to set.
	 * @param registry the test's dynamic properties
	 */
	public void configure(DynamicPropertyRegistry registry) {
		environment().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The environment variables that point an application in its own JVM at this
	 * stand-in, as {@link #configure(DynamicPropertyRegistry)} does.
	 * @return the variables by name
	 */
	public Map<String, String> environment() {
		return Map.of("TWILIO_API_BASE_URL", baseUrl(), "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN",
				TestSecrets.TWILIO_AUTH_TOKEN);
	}

	/**
	 * Answer every token request with {@link #token()}.
	 */
	public void mintsTokens() {
		answers(token());
	}

	/**
	 * Answer every token request with {@link #token(String)}.
	 * @param username the TURN username
	 */
	public void mintsTokens(String username) {
		answers(token(username));
	}

	/**
	 * Answer every token request with {@link #token(String, Duration)}, after a delay.
	 * @param username the TURN username
	 * @param ttl the lifetime Twilio grants
	 * @param delay how long to wait before answering
	 */
	public void mintsTokens(String username, Duration ttl, Duration delay) {
		answers(token(username, ttl).withFixedDelay(Math.toIntExact(delay.toMillis())));
	}

	/**
	 * Answer every token request with an error that echoes the auth token, as an
	 * unguarded proxy might: it must stay out of everything operators and clients see.
	 * @param status the HTTP status
	 */
	public void fails(int status) {
		answers(error(status, 20003, "Authenticate " + TestSecrets.TWILIO_AUTH_TOKEN));
	}

	/**
	 * Answer every token request with a Twilio error.
	 * @param status the HTTP status
	 * @param code Twilio's error code
	 * @param message Twilio's message
	 */
	public void fails(int status, int code, String message) {
		answers(error(status, code, message));
	}

	/**
	 * Answer every token request with anything: a delay, a fault, a malformed body.
	 * @param answer the answer
	 */
	public void answers(ResponseDefinitionBuilder answer) {
		this.server.resetMappings();
		this.server.stubFor(WireMock.post(WireMock.urlEqualTo(TOKENS_PATH)).willReturn(answer));
	}

	/**
	 * Forget every request and answer as a fresh stand-in does.
	 */
	public void reset() {
		this.server.resetRequests();
		mintsTokens();
	}

	/**
	 * How many token requests arrived.
	 * @return the count
	 */
	public int tokenRequests() {
		return this.server.countRequestsMatching(tokenRequest().build()).getCount();
	}

	/**
	 * How many requests of any kind arrived.
	 * @return the count
	 */
	public int requests() {
		return this.server.getAllServeEvents().size();
	}

	/**
	 * Check that exactly {@code count} requests matched.
	 * @param count the expected count
	 * @param pattern the requests to count, usually {@link #tokenRequest()} refined
	 */
	public void verify(int count, RequestPatternBuilder pattern) {
		this.server.verify(count, pattern);
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/**
	 * Requests for a token, to refine for {@link #verify(int, RequestPatternBuilder)}.
	 * @return the pattern
	 */
	public static RequestPatternBuilder tokenRequest() {
		return WireMock.postRequestedFor(WireMock.urlEqualTo(TOKENS_PATH));
	}

	/**
	 * Twilio's recorded answer: one STUN and three TURN servers for {@link #USERNAME}
	 * with {@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}, valid for {@link #TTL}.
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder token() {
		return token(USERNAME, TTL);
	}

	/**
	 * {@link #token()} for another TURN username.
	 * @param username the TURN username
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder token(String username) {
		return token(username, TTL);
	}

	/**
	 * {@link #token()} for another TURN username and lifetime.
	 * @param username the TURN username
	 * @param ttl the lifetime Twilio grants
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder token(String username, Duration ttl) {
		String body = PAYLOAD.replace(USERNAME, username)
			.replace("\"ttl\": \"" + TTL.toSeconds() + "\"", "\"ttl\": \"" + ttl.toSeconds() + "\"");
		return ProviderAnswers.json(201, body);
	}

	/**
	 * An error as Twilio words it.
	 * @param status the HTTP status
	 * @param code Twilio's error code
	 * @param message Twilio's message
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder error(int status, int code, String message) {
		return ProviderAnswers.json(status,
				"{\"code\":%d,\"message\":\"%s\",\"more_info\":\"https://www.twilio.com/docs/errors/%d\",\"status\":%d}"
					.formatted(code, message, code, status));
	}

	/**
	 * Registered with {@code @RegisterExtension}: every test starts from a stand-in that
	 * mints tokens and has seen no request.
	 * @param context the test
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	/**
	 * Registered with {@code @RegisterExtension}: the stand-in stops with its test class.
	 * @param context the test class
	 */
	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

}
