package io.icebroker.testsupport;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.icebroker.TestSecrets;

/**
 * The one stand-in for Twilio's {@code Tokens} resource: a WireMock server on a free
 * loopback port that answers as the real API does, one per test JVM for every test that
 * needs Twilio.
 * <p>
 * Get it with {@link #shared()} into a static {@code @RegisterExtension} field: it is
 * reset before each test, and a reset stand-in mints {@link #token()} for every request.
 * Point a Spring test context at it with {@link #BASE_URL_PROPERTY},
 * {@link #ACCOUNT_SID_PROPERTY} and {@link #AUTH_TOKEN_PROPERTY} in its properties.
 */
public final class TwilioApi extends StandIn {

	/**
	 * The account every test authenticates as.
	 */
	public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	/**
	 * The API key that tests authenticating with an API key pair use.
	 */
	public static final String API_KEY_SID = "SK0123456789abcdef0123456789abcdef";

	/**
	 * A placeholder for the stand-in's base URL, resolved in every Spring test context.
	 */
	public static final String BASE_URL = "${" + StandInProperties.TWILIO + "}";

	/**
	 * {@code TWILIO_API_BASE_URL} pointing at the stand-in, for {@code @SpringBootTest}
	 * properties.
	 */
	public static final String BASE_URL_PROPERTY = "TWILIO_API_BASE_URL=" + BASE_URL;

	/**
	 * {@code TWILIO_ACCOUNT_SID} set to {@link #ACCOUNT_SID}.
	 */
	public static final String ACCOUNT_SID_PROPERTY = "TWILIO_ACCOUNT_SID=" + ACCOUNT_SID;

	/**
	 * {@code TWILIO_AUTH_TOKEN} set to {@link TestSecrets#TWILIO_AUTH_TOKEN}.
	 */
	public static final String AUTH_TOKEN_PROPERTY = "TWILIO_AUTH_TOKEN=" + TestSecrets.TWILIO_AUTH_TOKEN;

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

	private TwilioApi() {
	}

	/**
	 * The JVM's one stand-in, started on first use and stopped when the JVM exits.
	 * @return the running stand-in
	 */
	public static TwilioApi shared() {
		return Holder.INSTANCE;
	}

	/**
	 * The environment variables that point an application in its own JVM at this
	 * stand-in: {@code TWILIO_API_BASE_URL}, {@link #ACCOUNT_SID} and
	 * {@link TestSecrets#TWILIO_AUTH_TOKEN}. Timeouts stay the test's to set.
	 * @return the variables by name
	 */
	public Map<String, String> environment() {
		return Map.of("TWILIO_API_BASE_URL", baseUrl(), "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN",
				TestSecrets.TWILIO_AUTH_TOKEN);
	}

	@Override
	protected void answersAsTheRealApi() {
		mintsTokens();
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
	 * Answer every token request with an error whose message echoes the request's
	 * {@code Authorization} header, {@code Basic} and the Base64 of the pair, as a proxy
	 * that reports what it refused might.
	 * @param status the HTTP status
	 */
	public void failsEchoingAuthorization(int status) {
		answers(error(status, 20003, "Authenticate {{{request.headers.Authorization}}}")
			.withTransformers("response-template"));
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
		server().resetMappings();
		server().stubFor(WireMock.post(WireMock.urlEqualTo(TOKENS_PATH)).willReturn(answer));
	}

	/**
	 * How many token requests arrived.
	 * @return the count
	 */
	public int tokenRequests() {
		return requests(tokenRequest());
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

	private static final class Holder {

		static final TwilioApi INSTANCE = new TwilioApi();

	}

}
