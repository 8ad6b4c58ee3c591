package io.icebroker.testsupport;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.icebroker.TestSecrets;

/**
 * The one stand-in for Xirsys's TURN API, written from its documented shape: a WireMock
 * server on a free loopback port that answers {@code PUT /_turn/<channel>} as the real
 * API does, one per test JVM.
 * <p>
 * Get it with {@link #shared()} into a static {@code @RegisterExtension} field: it is
 * reset before each test, and a reset stand-in answers {@link #ICE_SERVERS} to every
 * request for {@link #CHANNEL} with {@link #IDENT} and {@link TestSecrets#XIRSYS_SECRET}
 * in HTTP Basic, and Xirsys's {@code 200} error envelope to any other. Point a Spring
 * test context at it with {@link #PROPERTIES}.
 */
public final class XirsysApi extends StandIn {

	public static final String IDENT = "icebroker-test";

	public static final String CHANNEL = "meet";

	/**
	 * The path the provider asks.
	 */
	public static final String TURN_PATH = "/_turn/" + CHANNEL;

	/**
	 * A placeholder for the stand-in's base URL, resolved in every Spring test context.
	 */
	public static final String BASE_URL = "${" + StandInProperties.XIRSYS + "}";

	/**
	 * Every variable that points an application at the stand-in, for
	 * {@code @SpringBootTest} properties.
	 */
	public static final String[] PROPERTIES = { "XIRSYS_API_BASE_URL=" + BASE_URL, "XIRSYS_IDENT=" + IDENT,
			"XIRSYS_SECRET=" + TestSecrets.XIRSYS_SECRET, "XIRSYS_CHANNEL=" + CHANNEL };

	/**
	 * Xirsys's answer with {@code "format": "urls"}: one entry, its STUN and TURN URLs
	 * together, with {@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}.
	 */
	public static final String ICE_SERVERS = """
			{"v": {"iceServers": {"username": "0kYXFmQL9xojOrUy4VFemlTnNPVFZpp7jfPjpB3AjxahuRe4QWrCs6Ll1vDc7TTjAAAAAGAG2wh",
			  "urls": ["stun:bn-turn1.xirsys.com", "turn:bn-turn1.xirsys.com:80?transport=udp",
			    "turn:bn-turn1.xirsys.com:3478?transport=udp", "turn:bn-turn1.xirsys.com:80?transport=tcp",
			    "turn:bn-turn1.xirsys.com:3478?transport=tcp", "turns:bn-turn1.xirsys.com:443?transport=tcp",
			    "turns:bn-turn1.xirsys.com:5349?transport=tcp"],
			  "credential": "%s"}}, "s": "ok"}"""
		.formatted(TestSecrets.UPSTREAM_TURN_CREDENTIAL);

	private XirsysApi() {
	}

	/**
	 * The JVM's one stand-in, started on first use and stopped when the JVM exits.
	 * @return the running stand-in
	 */
	public static XirsysApi shared() {
		return Holder.INSTANCE;
	}

	/**
	 * Xirsys's error envelope, which it sends with status {@code 200}.
	 * @param reason its reason, such as {@code unauthorized}
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder error(String reason) {
		return WireMock.okJson("{\"v\": \"" + reason + "\", \"s\": \"error\"}");
	}

	@Override
	protected void answersAsTheRealApi() {
		server().resetMappings();
		server()
			.stubFor(WireMock.put(WireMock.urlPathEqualTo(TURN_PATH)).atPriority(2).willReturn(error("unauthorized")));
		answers(WireMock.okJson(ICE_SERVERS));
	}

	/**
	 * Answer every authenticated request for {@link #CHANNEL} with anything: an error, a
	 * delay, a malformed body.
	 * @param answer the answer
	 */
	public void answers(ResponseDefinitionBuilder answer) {
		server().stubFor(WireMock.put(WireMock.urlPathEqualTo(TURN_PATH))
			.atPriority(1)
			.withBasicAuth(IDENT, TestSecrets.XIRSYS_SECRET)
			.willReturn(answer));
	}

	/**
	 * Requests for the channel's ICE servers, to refine for
	 * {@link #verify(int, RequestPatternBuilder)}.
	 * @return the pattern
	 */
	public static RequestPatternBuilder turnRequest() {
		return WireMock.putRequestedFor(WireMock.urlPathEqualTo(TURN_PATH));
	}

	private static final class Holder {

		static final XirsysApi INSTANCE = new XirsysApi();

	}

}
