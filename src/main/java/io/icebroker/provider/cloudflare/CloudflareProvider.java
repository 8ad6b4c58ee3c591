package io.icebroker.provider.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.provider.UpstreamFailures;
import io.icebroker.provider.UpstreamHttp;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Mints credentials with {@code POST
 * /v1/turn/keys/{key}/credentials/generate-ice-servers}.
 */
@Component
class CloudflareProvider implements IceServerProvider {

	static final Duration MAX_TTL = Duration.ofHours(48);

	private final CloudflareProperties properties;

	private final @Nullable RestClient restClient;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	// The builder is lazy, so that an unconfigured provider costs start-up nothing: no
	// builder, no HTTP client, no TLS context.
	CloudflareProvider(CloudflareProperties properties, @Lazy RestClient.Builder restClientBuilder,
			JsonMapper jsonMapper, Clock clock) {
		this.properties = properties;
		this.restClient = configuration().configured() ? UpstreamHttp
			.restClient(restClientBuilder, properties.apiBaseUrl(), properties.connectTimeout(),
					properties.readTimeout())
			.build() : null;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Override
	public String id() {
		return "cloudflare";
	}

	@Override
	public String displayName() {
		return "Cloudflare";
	}

	@Override
	public Optional<LongestCall> longestCall() {
		return Optional
			.of(LongestCall.of("CLOUDFLARE", this.properties.connectTimeout(), this.properties.readTimeout()));
	}

	@Override
	public Map<String, String> aliases() {
		return Map.of("CLOUDFLARE_KEY", "CLOUDFLARE_TURN_KEY", "CLOUDFLARE_TOKEN", "CLOUDFLARE_API_TOKEN",
				"CLOUDFLARE_TURN_TOKEN", "CLOUDFLARE_API_TOKEN");
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder()
			.require("CLOUDFLARE_TURN_KEY", this.properties.turnKey())
			.require("CLOUDFLARE_API_TOKEN", this.properties.apiToken())
			.build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		RestClient client = this.restClient;
		if (client == null) {
			return FellThrough.notConfigured();
		}
		long ttlSeconds = min(request.ttl(), MAX_TTL).toSeconds();
		Instant issuedAt = this.clock.instant();
		return UpstreamHttp.exchange(
				client.post()
					.uri("/v1/turn/keys/{key}/credentials/generate-ice-servers", this.properties.turnKey())
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.properties.apiToken())
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.body(Map.of("ttl", ttlSeconds)),
				(body) -> served(body, issuedAt.plusSeconds(ttlSeconds)), secrets());
	}

	private ProviderResult served(String body, Instant expiresAt) {
		try {
			Answer answer = this.jsonMapper.readValue(body, Answer.class);
			if (answer == null || answer.iceServers() == null) {
				return UpstreamFailures.malformed(body, secrets());
			}
			return Served.fromUpstream(answer.iceServers(), expiresAt);
		}
		catch (JacksonException ex) {
			return UpstreamFailures.malformed(body, secrets());
		}
	}

	private @Nullable String[] secrets() {
		return new @Nullable String[] { this.properties.apiToken(), this.properties.turnKey() };
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * The API's answer. The older {@code /credentials/generate} endpoint sent a single
	 * object, not an array.
	 *
	 * @param iceServers the entries
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(
			@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<IceServer> iceServers) {

	}

}
