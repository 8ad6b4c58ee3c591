package io.icebroker.provider.xirsys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.icebroker.ice.IceServer;
import io.icebroker.logging.SecretForms;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks Xirsys for the channel's ICE servers with {@code PUT /_turn/{channel}} and
 * {@code {"format": "urls"}}. Xirsys answers every outcome with {@code 200}: the
 * envelope's {@code s} is {@code ok} with the servers in {@code v.iceServers}, or
 * {@code error} with the reason in {@code v}. The answer says nothing of the credentials'
 * lifetime, so they are asked for on each request rather than shared.
 */
@Component
class XirsysProvider implements IceServerProvider {

	// Reasons are Xirsys's own short words ("unauthorized", "no_namespace"); anything
	// longer or stranger is not repeated.
	private static final int MAX_REASON_LENGTH = 64;

	private final XirsysProperties properties;

	private final @Nullable RestClient restClient;

	private final JsonMapper jsonMapper;

	// The builder is lazy, so that an unconfigured provider costs start-up nothing: no
	// builder, no HTTP client, no TLS context.
	XirsysProvider(XirsysProperties properties, @Lazy RestClient.Builder restClientBuilder, JsonMapper jsonMapper) {
		this.properties = properties;
		this.restClient = configuration().configured() ? UpstreamHttp
			.restClient(restClientBuilder, properties.apiBaseUrl(), properties.connectTimeout(),
					properties.readTimeout())
			.build() : null;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String id() {
		return "xirsys";
	}

	@Override
	public String displayName() {
		return "Xirsys";
	}

	@Override
	public Optional<LongestCall> longestCall() {
		return Optional.of(LongestCall.of("XIRSYS", this.properties.connectTimeout(), this.properties.readTimeout()));
	}

	@Override
	public Map<String, String> aliases() {
		return Map.of("XIRSYS_USERNAME", "XIRSYS_IDENT", "XIRSYS_USER", "XIRSYS_IDENT", "XIRSYS_API_KEY",
				"XIRSYS_SECRET", "XIRSYS_TOKEN", "XIRSYS_SECRET", "XIRSYS_APP", "XIRSYS_CHANNEL");
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder()
			.require("XIRSYS_IDENT", this.properties.ident())
			.require("XIRSYS_SECRET", this.properties.secret())
			.build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		RestClient client = this.restClient;
		if (client == null) {
			return FellThrough.notConfigured();
		}
		String pair = this.properties.ident() + ":" + this.properties.secret();
		return UpstreamHttp.exchange(client.put()
			.uri("/_turn/{channel}", this.properties.channel())
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.body(Map.of("format", "urls")), this::served, secrets());
	}

	private ProviderResult served(String body) {
		try {
			Envelope envelope = this.jsonMapper.readValue(body, Envelope.class);
			if (envelope == null || envelope.v() == null) {
				return UpstreamFailures.malformed(body, secrets());
			}
			if ("error".equals(envelope.s())) {
				return refused(envelope.v());
			}
			JsonNode iceServers = envelope.v().get("iceServers");
			if (!"ok".equals(envelope.s()) || iceServers == null || !(iceServers.isObject() || iceServers.isArray())) {
				return UpstreamFailures.malformed(body, secrets());
			}
			// With "format": "urls" Xirsys answers one object holding every URL; an array
			// is read the same way.
			List<IceServer> servers = iceServers.isArray()
					? Arrays.asList(this.jsonMapper.treeToValue(iceServers, IceServer[].class))
					: List.of(this.jsonMapper.treeToValue(iceServers, IceServer.class));
			return new Served(servers, Optional.empty(), Served.Source.UPSTREAM);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return UpstreamFailures.malformed(body, secrets());
		}
	}

	/**
	 * An unknown ident or a wrong secret is an authentication failure, like a {@code 401}
	 * from any other provider; any other refusal keeps Xirsys's short code in the
	 * details, where it stays a plain word or is left out.
	 */
	private FellThrough refused(JsonNode reason) {
		String code = reason.isString() ? reason.asString() : "";
		boolean plain = !code.isEmpty() && code.length() <= MAX_REASON_LENGTH
				&& code.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", 200);
		if (plain) {
			details.put("reason", code);
		}
		if (plain && code.toLowerCase(Locale.ROOT).contains("auth")) {
			return FellThrough.error("Authentication failed", details);
		}
		return FellThrough.error("Refused by Xirsys", details);
	}

	private @Nullable String[] secrets() {
		return new @Nullable String[] { this.properties.secret(),
				SecretForms.basic(this.properties.ident(), this.properties.secret()) };
	}

	/**
	 * Xirsys's envelope around every answer.
	 *
	 * @param s {@code ok} or {@code error}
	 * @param v the value: an object with {@code iceServers}, or the reason of an error
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Envelope(@Nullable String s, @Nullable JsonNode v) {
	}

}
