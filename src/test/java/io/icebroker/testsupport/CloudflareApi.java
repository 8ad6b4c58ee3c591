package io.icebroker.testsupport;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.icebroker.TestSecrets;

/**
 * The one stand-in for Cloudflare's {@code generate-ice-servers} API: a WireMock server
 * on a free loopback port that answers as the real API does, one per test JVM for every
 * test that needs Cloudflare.
 * <p>
 * Get it with {@link #shared()} into a static {@code @RegisterExtension} field: it is
 * reset before each test, and a reset stand-in mints {@link #iceServers()} for every
 * request. Point a Spring test context at it with {@link #BASE_URL_PROPERTY},
 * {@link #TURN_KEY_PROPERTY} and {@link #API_TOKEN_PROPERTY} in its properties.
 */
public final class CloudflareApi extends StandIn {

	/**
	 * The TURN key every test asks for credentials of.
	 */
	public static final String TURN_KEY = "4f2c0e7d9a1b3c5d7e9f0a2b4c6d8e0f";

	/**
	 * The path the provider posts to.
	 */
	public static final String PATH = "/v1/turn/keys/" + TURN_KEY + "/credentials/generate-ice-servers";

	/**
	 * A placeholder for the stand-in's base URL, resolved in every Spring test context.
	 */
	public static final String BASE_URL = "${" + StandInProperties.CLOUDFLARE + "}";

	/**
	 * {@code CLOUDFLARE_API_BASE_URL} pointing at the stand-in, for
	 * {@code @SpringBootTest} properties.
	 */
	public static final String BASE_URL_PROPERTY = "CLOUDFLARE_API_BASE_URL=" + BASE_URL;

	/**
	 * {@code CLOUDFLARE_TURN_KEY} set to {@link #TURN_KEY}.
	 */
	public static final String TURN_KEY_PROPERTY = "CLOUDFLARE_TURN_KEY=" + TURN_KEY;

	/**
	 * {@code CLOUDFLARE_API_TOKEN} set to {@link TestSecrets#CLOUDFLARE_API_TOKEN}.
	 */
	public static final String API_TOKEN_PROPERTY = "CLOUDFLARE_API_TOKEN=" + TestSecrets.CLOUDFLARE_API_TOKEN;

	/**
	 * The TURN username in {@link #iceServers()}.
	 */
	public static final String USERNAME = "g0f1b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3";

	/**
	 * An error as Cloudflare's API words it, with a {@code %s} for the message.
	 */
	public static final String ERROR = """
			{"result":null,"success":false,"errors":[{"code":10000,"message":"%s"}],"messages":[]}""";

	private CloudflareApi() {
	}

	/**
	 * The JVM's one stand-in, started on first use and stopped when the JVM exits.
	 * @return the running stand-in
	 */
	public static CloudflareApi shared() {
		return Holder.INSTANCE;
	}

	@Override
	protected void answersAsTheRealApi() {
		mintsCredentials();
	}

	/**
	 * Answer every request with {@link #iceServers()}.
	 */
	public void mintsCredentials() {
		answers(iceServers());
	}

	/**
	 * Answer every request with {@link #error(int, String)}.
	 * @param status the HTTP status
	 */
	public void rejects(int status) {
		answers(error(status, "rejected"));
	}

	/**
	 * Answer every request with anything: a delay, a fault, a malformed body.
	 * @param answer the answer
	 */
	public void answers(ResponseDefinitionBuilder answer) {
		server().resetMappings();
		server().stubFor(WireMock.post(WireMock.urlEqualTo(PATH)).willReturn(answer));
	}

	/**
	 * How many credential requests arrived.
	 * @return the count
	 */
	public int generateRequests() {
		return requests(generateRequest());
	}

	/**
	 * Requests for credentials, to refine for
	 * {@link #verify(int, RequestPatternBuilder)}.
	 * @return the pattern
	 */
	public static RequestPatternBuilder generateRequest() {
		return WireMock.postRequestedFor(WireMock.urlEqualTo(PATH));
	}

	/**
	 * Cloudflare's recorded answer: one STUN and one TURN entry for {@link #USERNAME}
	 * with {@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}.
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder iceServers() {
		return ProviderAnswers.json(201, ProviderAnswers.payload("cloudflare-generate-ice-servers.json"));
	}

	/**
	 * The older single-object answer.
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder legacyIceServers() {
		return ProviderAnswers.json(201, ProviderAnswers.payload("cloudflare-generate-legacy.json"));
	}

	/**
	 * An error as Cloudflare words it.
	 * @param status the HTTP status
	 * @param message Cloudflare's message
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder error(int status, String message) {
		return ProviderAnswers.json(status, ERROR.formatted(message));
	}

	private static final class Holder {

		static final CloudflareApi INSTANCE = new CloudflareApi();

	}

}
