package io.icebroker.testsupport;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.icebroker.TestSecrets;

/**
 * The one stand-in for Metered's TURN credentials API: a WireMock server on a free
 * loopback port that answers as the real API does, one per test JVM for every test that
 * needs Metered.
 * <p>
 * Get it with {@link #shared()} into a static {@code @RegisterExtension} field: it is
 * reset before each test, and a reset stand-in answers {@link #ICE_SERVERS} to every
 * request with {@link #API_KEY}. Point a Spring test context at it with
 * {@link #BASE_URL_PROPERTY}, {@link #APP_NAME_PROPERTY} and {@link #API_KEY_PROPERTY} in
 * its properties.
 */
public final class MeteredApi extends StandIn {

	/**
	 * The app every test asks for credentials of.
	 */
	public static final String APP_NAME = "myapp";

	/**
	 * The API key every test authenticates with.
	 */
	public static final String API_KEY = TestSecrets.METERED_API_KEY;

	/**
	 * The path the provider asks, with the API key in the query string.
	 */
	public static final String CREDENTIALS_PATH = "/api/v1/turn/credentials";

	/**
	 * A placeholder for the stand-in's base URL, resolved in every Spring test context.
	 */
	public static final String BASE_URL = "${" + StandInProperties.METERED + "}";

	/**
	 * {@code METERED_API_BASE_URL} pointing at the stand-in, for {@code @SpringBootTest}
	 * properties.
	 */
	public static final String BASE_URL_PROPERTY = "METERED_API_BASE_URL=" + BASE_URL;

	/**
	 * {@code METERED_APP_NAME} set to {@link #APP_NAME}.
	 */
	public static final String APP_NAME_PROPERTY = "METERED_APP_NAME=" + APP_NAME;

	/**
	 * {@code METERED_API_KEY} set to {@link #API_KEY}.
	 */
	public static final String API_KEY_PROPERTY = "METERED_API_KEY=" + API_KEY;

	/**
	 * Metered's answer: a bare array of one STUN and three TURN servers with
	 * {@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}, without an expiry.
	 */
	public static final String ICE_SERVERS = """
			[
			  {"urls": "stun:stun.relay.metered.ca:80"},
			  {"urls": "turn:global.relay.metered.ca:80", "username": "e8dd65b92c62d3e36cafb807",
			   "credential": "%1$s"},
			  {"urls": "turn:global.relay.metered.ca:443?transport=tcp", "username": "e8dd65b92c62d3e36cafb807",
			   "credential": "%1$s"},
			  {"urls": "turns:global.relay.metered.ca:443?transport=tcp", "username": "e8dd65b92c62d3e36cafb807",
			   "credential": "%1$s"}
			]""".formatted(TestSecrets.UPSTREAM_TURN_CREDENTIAL);

	private MeteredApi() {
	}

	/**
	 * The JVM's one stand-in, started on first use and stopped when the JVM exits.
	 * @return the running stand-in
	 */
	public static MeteredApi shared() {
		return Holder.INSTANCE;
	}

	@Override
	protected void answersAsTheRealApi() {
		mintsCredentials();
	}

	/**
	 * Answer every request with {@link #API_KEY} with {@link #ICE_SERVERS}.
	 */
	public void mintsCredentials() {
		answers(WireMock.okJson(ICE_SERVERS));
	}

	/**
	 * Answer every request with {@link #API_KEY} with anything: an error, a delay, a
	 * malformed body.
	 * @param answer the answer
	 */
	public void answers(ResponseDefinitionBuilder answer) {
		answers(API_KEY, answer);
	}

	/**
	 * Answer every request with another API key with anything; requests with other keys
	 * get WireMock's 404.
	 * @param apiKey the API key
	 * @param answer the answer
	 */
	public void answers(String apiKey, ResponseDefinitionBuilder answer) {
		server().resetMappings();
		server().stubFor(WireMock.get(WireMock.urlPathEqualTo(CREDENTIALS_PATH))
			.withQueryParam("apiKey", WireMock.equalTo(apiKey))
			.willReturn(answer));
	}

	/**
	 * Requests for credentials with an API key, to refine for
	 * {@link #verify(int, RequestPatternBuilder)}.
	 * @param apiKey the API key
	 * @return the pattern
	 */
	public static RequestPatternBuilder credentialsRequest(String apiKey) {
		return WireMock.getRequestedFor(WireMock.urlPathEqualTo(CREDENTIALS_PATH))
			.withQueryParam("apiKey", WireMock.equalTo(apiKey));
	}

	private static final class Holder {

		static final MeteredApi INSTANCE = new MeteredApi();

	}

}
