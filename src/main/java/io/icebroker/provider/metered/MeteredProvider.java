package io.icebroker.provider.metered;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

import org.springframework.http.MediaType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Fetches the app's ICE servers with {@code GET /api/v1/turn/credentials?apiKey=…}, which
 * answers a bare JSON array of {@code {urls, username, credential}}.
 * <p>
 * The answer carries no expiry: these are credentials created for the app, in Metered's
 * dashboard or through its API, not minted for this request, and the answer does not say
 * when (or whether) they lapse. Reporting an expiry would be invented, so none is, and
 * clients get no {@code ttl} or {@code expiresAt}, as with the fallback's static TURN
 * entry.
 */
@Component
class MeteredProvider implements IceServerProvider {

	static final String CREDENTIALS_PATH = "/api/v1/turn/credentials";

	private final MeteredProperties properties;

	private final @Nullable RestClient restClient;

	private final JsonMapper jsonMapper;

	// The builder is lazy, so that an unconfigured provider costs start-up nothing: no
	// builder, no HTTP client, no TLS context.
	MeteredProvider(MeteredProperties properties, @Lazy RestClient.Builder restClientBuilder, JsonMapper jsonMapper) {
		this.properties = properties;
		this.restClient = configuration().configured() ? UpstreamHttp
			.restClient(restClientBuilder, properties.baseUrl(), properties.connectTimeout(), properties.readTimeout())
			.requestInterceptor(new ApiKeyQueryParameter(Objects.toString(properties.apiKey(), "")))
			.build() : null;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String id() {
		return "metered";
	}

	@Override
	public String displayName() {
		return "Metered";
	}

	@Override
	public Optional<LongestCall> longestCall() {
		return Optional.of(LongestCall.of("METERED", this.properties.connectTimeout(), this.properties.readTimeout()));
	}

	@Override
	public Map<String, String> aliases() {
		return Map.of("METERED_KEY", "METERED_API_KEY", "METERED_APP", "METERED_APP_NAME");
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder()
			.require("METERED_APP_NAME", this.properties.appName())
			.require("METERED_API_KEY", this.properties.apiKey())
			.build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		RestClient client = this.restClient;
		if (client == null) {
			return FellThrough.notConfigured();
		}
		// No apiKey here: ApiKeyQueryParameter adds it below RestClient.
		return UpstreamHttp.exchange(client.get().uri(CREDENTIALS_PATH).accept(MediaType.APPLICATION_JSON),
				this::served, secrets());
	}

	private ProviderResult served(String body) {
		try {
			IceServer[] iceServers = this.jsonMapper.readValue(body, IceServer[].class);
			if (iceServers == null || Arrays.stream(iceServers).anyMatch(Objects::isNull)) {
				return UpstreamFailures.malformed(body, secrets());
			}
			return new Served(Arrays.asList(iceServers), Optional.empty(), Served.Source.UPSTREAM);
		}
		catch (JacksonException ex) {
			return UpstreamFailures.malformed(body, secrets());
		}
	}

	private @Nullable String[] secrets() {
		return new @Nullable String[] { this.properties.apiKey() };
	}

}
