package io.icebroker.provider.twilio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Token;
import com.twilio.type.IceServer;
import io.icebroker.logging.SecretForms;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.provider.UpstreamFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Mints credentials with twilio-java's {@code Token.creator()}, on a client built for
 * this configuration rather than twilio-java's static global.
 */
@Component
class TwilioProvider implements IceServerProvider {

	static final Duration MAX_TTL = Duration.ofHours(24);

	/**
	 * twilio-java's own retries of an answer it deems retryable: three attempts in all.
	 */
	private static final int TWILIO_ATTEMPTS = 3;

	private final TwilioProperties properties;

	private final @Nullable Connection connection;

	private final Clock clock;

	TwilioProvider(TwilioProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		// Only a configured provider has clients, so that an unconfigured one costs
		// start-up nothing.
		this.connection = configuration().configured() ? Connection.to(properties) : null;
	}

	@Override
	public String id() {
		return "twilio";
	}

	@Override
	public String displayName() {
		return "Twilio";
	}

	@Override
	public Optional<LongestCall> longestCall() {
		LongestCall attempt = LongestCall.of("TWILIO", this.properties.connectTimeout(), this.properties.readTimeout());
		return Optional.of(new LongestCall(attempt.duration().multipliedBy(TWILIO_ATTEMPTS),
				attempt.settings() + ", " + TWILIO_ATTEMPTS + " attempts"));
	}

	@Override
	public Map<String, String> aliases() {
		return Map.of("TWILIO_SID", "TWILIO_ACCOUNT_SID", "TWILIO_TOKEN", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY",
				"TWILIO_API_KEY_SID", "TWILIO_API_SECRET", "TWILIO_API_KEY_SECRET");
	}

	@Override
	public ProviderConfiguration configuration() {
		ProviderConfiguration.Builder configuration = ProviderConfiguration.builder()
			.require("TWILIO_ACCOUNT_SID", this.properties.accountSid());
		String accountSid = this.properties.accountSid();
		if (StringUtils.hasText(accountSid) && !accountSid.startsWith("AC")) {
			configuration.warn("TWILIO_ACCOUNT_SID does not start with AC, so it is not an account SID and Twilio will"
					+ " refuse it: copy the Account SID from the Twilio console (an API key SID starts with SK and"
					+ " belongs in TWILIO_API_KEY_SID)");
		}
		if (this.properties.usesApiKey()) {
			return configuration.require("TWILIO_API_KEY_SID", this.properties.apiKeySid())
				.require("TWILIO_API_KEY_SECRET", this.properties.apiKeySecret())
				.build();
		}
		return configuration.require("TWILIO_AUTH_TOKEN", this.properties.authToken()).build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		Connection connection = this.connection;
		if (connection == null) {
			return FellThrough.notConfigured();
		}
		int ttlSeconds = (int) min(request.ttl(), MAX_TTL).toSeconds();
		Instant issuedAt = this.clock.instant();
		try {
			Token token = Token.creator(this.properties.accountSid())
				.setTtl(ttlSeconds)
				.create(connection.restClient());
			List<IceServer> iceServers = (token.getIceServers() != null) ? token.getIceServers() : List.of();
			return Served.fromUpstream(iceServers.stream().map(TwilioProvider::toIceServer).toList(),
					issuedAt.plusSeconds(grantedTtl(token, ttlSeconds)));
		}
		catch (ApiConnectionException ex) {
			return UpstreamFailures.forException(ex);
		}
		catch (ApiException ex) {
			return apiError(ex, connection.httpClient());
		}
		catch (TwilioException ex) {
			return UpstreamFailures.forException(ex);
		}
	}

	private FellThrough apiError(ApiException ex, BaseUrlHttpClient httpClient) {
		// The status on the wire, not the one in the body: twilio-java reads the body's
		// "status", which is 0 when a gateway or proxy answers with JSON of its own.
		Integer wireStatus = httpClient.lastStatusOnThisThread();
		Integer status = (wireStatus != null) ? wireStatus : ex.getStatusCode();
		if (status == null || (status >= 200 && status < 300)) {
			// twilio-java could not read the answer it got.
			return FellThrough.error("Malformed response", Map.of("exception", ex.getClass().getName()));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", status);
		if (ex.getCode() != null) {
			details.put("code", ex.getCode());
		}
		if (ex.getStatusCode() != null && ex.getMessage() != null) {
			details.put("message", UpstreamFailures.excerpt(ex.getMessage(), secrets()));
		}
		if (ex.getMoreInfo() != null) {
			details.put("moreInfo", UpstreamFailures.excerpt(ex.getMoreInfo(), secrets()));
		}
		return FellThrough.httpError(status, UpstreamFailures.describe(status), details);
	}

	// The pairs too: an answer that echoes the request's Authorization header carries
	// Base64 of "id:secret", in which the secret's own Base64 does not appear.
	private @Nullable String[] secrets() {
		return new @Nullable String[] { this.properties.authToken(), this.properties.apiKeySecret(),
				SecretForms.basic(this.properties.accountSid(), this.properties.authToken()),
				SecretForms.basic(this.properties.apiKeySid(), this.properties.apiKeySecret()) };
	}

	private static long grantedTtl(Token token, int requested) {
		try {
			return (token.getTtl() != null) ? Long.parseLong(token.getTtl().strip()) : requested;
		}
		catch (NumberFormatException ex) {
			return requested;
		}
	}

	private static io.icebroker.ice.IceServer toIceServer(IceServer server) {
		return io.icebroker.ice.IceServer.of((server.getUrls() != null) ? List.of(server.getUrls()) : null,
				server.getUrl(), server.getUsername(), server.getCredential());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * twilio-java's client for this configuration, on our HTTP client.
	 */
	private record Connection(BaseUrlHttpClient httpClient, TwilioRestClient restClient) {

		static Connection to(TwilioProperties properties) {
			BaseUrlHttpClient httpClient = new BaseUrlHttpClient(properties.apiBaseUrl(), properties.connectTimeout(),
					properties.readTimeout());
			TwilioRestClient.Builder builder = properties.usesApiKey()
					? new TwilioRestClient.Builder(properties.apiKeySid(), properties.apiKeySecret())
					: new TwilioRestClient.Builder(properties.accountSid(), properties.authToken());
			return new Connection(httpClient,
					builder.accountSid(properties.accountSid()).httpClient(httpClient).build());
		}

	}

}
