package io.icebroker.ice;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class IceServerSanitizerTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	// The answer of Cloudflare's generate-ice-servers API: eight URLs, two of them on
	// port 53.
	private static final String CLOUDFLARE_ANSWER = """
			[
			  {"urls": ["stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"]},
			  {"urls": ["turn:turn.cloudflare.com:3478?transport=udp", "turn:turn.cloudflare.com:3478?transport=tcp",
			            "turns:turn.cloudflare.com:5349?transport=tcp", "turn:turn.cloudflare.com:53?transport=udp",
			            "turn:turn.cloudflare.com:80?transport=tcp", "turns:turn.cloudflare.com:443?transport=tcp"],
			   "username": "cf-user", "credential": "cf-credential"}
			]
			""";

	// Twilio's Tokens answer: every entry has the legacy "url" beside a single-string
	// "urls", and the STUN
	// entry's "url" carries ?transport=udp.
	private static final String TWILIO_ANSWER = """
			[
			  {"url": "stun:global.stun.twilio.com:3478?transport=udp", "urls": "stun:global.stun.twilio.com:3478"},
			  {"url": "turn:global.turn.twilio.com:3478?transport=udp", "username": "tw-user",
			   "urls": "turn:global.turn.twilio.com:3478?transport=udp", "credential": "tw-credential"},
			  {"url": "turn:global.turn.twilio.com:3478?transport=tcp", "username": "tw-user",
			   "urls": "turn:global.turn.twilio.com:3478?transport=tcp", "credential": "tw-credential"},
			  {"url": "turn:global.turn.twilio.com:443?transport=tcp", "username": "tw-user",
			   "urls": "turn:global.turn.twilio.com:443?transport=tcp", "credential": "tw-credential"}
			]
			""";

	private final IceServerSanitizer sanitizer = new IceServerSanitizer(4);

	@Test
	void keepsOneStunTurnUdpTurnTcpAndTurnsFromCloudflaresEightUrls() {
		List<IceServer> servers = this.sanitizer.sanitize(parse(CLOUDFLARE_ANSWER));
		assertThat(servers).containsExactly(IceServer.stun(List.of("stun:stun.cloudflare.com:3478")),
				new IceServer(List.of("turn:turn.cloudflare.com:3478?transport=udp",
						"turn:turn.cloudflare.com:3478?transport=tcp", "turns:turn.cloudflare.com:443?transport=tcp"),
						"cf-user", "cf-credential"));
	}

	@Test
	void foldsTwilioUrlIntoUrlsAndStripsTransportFromStun() {
		List<IceServer> servers = this.sanitizer.sanitize(parse(TWILIO_ANSWER));
		assertThat(servers).extracting(IceServer::urls)
			.containsExactly(List.of("stun:global.stun.twilio.com:3478"),
					List.of("turn:global.turn.twilio.com:3478?transport=udp"),
					List.of("turn:global.turn.twilio.com:3478?transport=tcp"),
					List.of("turn:global.turn.twilio.com:443?transport=tcp"));
		assertThat(servers.get(1).credential()).isEqualTo("tw-credential");
		assertThat(servers.get(0).username()).isNull();
		assertThat(servers.get(0).credential()).isNull();
	}

	@Test
	void neverSerializesTheLegacyUrlField() {
		String serialized = json.writeValueAsString(this.sanitizer.sanitize(parse(TWILIO_ANSWER)));
		assertThat(serialized).doesNotContain("\"url\"").contains("\"urls\":[");
	}

	@Test
	void dropsEveryUrlOnPort53() {
		List<IceServer> servers = new IceServerSanitizer(10).sanitize(parse(CLOUDFLARE_ANSWER));
		assertThat(servers).flatExtracting(IceServer::urls).hasSize(6).noneMatch((url) -> url.matches(".*:53(\\?.*)?"));
	}

	@Test
	void withTwoUrlsKeepsTurnUdpAndTls() {
		List<IceServer> servers = new IceServerSanitizer(2).sanitize(parse(CLOUDFLARE_ANSWER));
		assertThat(servers).flatExtracting(IceServer::urls)
			.containsExactly("turn:turn.cloudflare.com:3478?transport=udp",
					"turns:turn.cloudflare.com:443?transport=tcp");
	}

	@Test
	void dropsTurnUrlsThatHaveNoCredentials() {
		List<IceServer> servers = this.sanitizer.sanitize(
				List.of(new IceServer(List.of("stun:stun.example.org", "turn:turn.example.org:3478"), null, null)));
		assertThat(servers).containsExactly(IceServer.stun(List.of("stun:stun.example.org")));
	}

	@Test
	void dropsDuplicatesAcrossEntriesAndEntriesLeftEmpty() {
		List<IceServer> servers = this.sanitizer
			.sanitize(List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
					new IceServer(List.of("STUN:stun.example.org:3478?transport=udp"), null, null)));
		assertThat(servers).containsExactly(IceServer.stun(List.of("stun:stun.example.org:3478")));
	}

	@Test
	void dropsUrlsThatAreNotStunOrTurn() {
		List<IceServer> servers = this.sanitizer
			.sanitize(List.of(new IceServer(List.of("http://example.org", "stun:", "turn:host:99999",
					"turn:host:3478?transport=sctp", "stun:bad host", "stun:[::1]:3478"), "user", "credential")));
		assertThat(servers).flatExtracting(IceServer::urls).containsExactly("stun:[::1]:3478");
	}

	@Test
	void keepsEntriesInTheProvidersOrder() {
		List<IceServer> servers = this.sanitizer
			.sanitize(List.of(new IceServer(List.of("turn:a.example.org:3478?transport=udp"), "user", "credential"),
					new IceServer(List.of("stun:b.example.org:3478"), null, null)));
		assertThat(servers).flatExtracting(IceServer::urls)
			.containsExactly("turn:a.example.org:3478?transport=udp", "stun:b.example.org:3478");
	}

	@Test
	void neverPrintsCredentialsInToString() {
		assertThat(new IceServer(List.of("turn:a.example.org"), "user", "credential-value"))
			.hasToString("IceServer[urls=[turn:a.example.org], username=***, credential=***]");
	}

	private static List<IceServer> parse(String answer) {
		return json.readValue(answer, new TypeReference<>() {
		});
	}

}
