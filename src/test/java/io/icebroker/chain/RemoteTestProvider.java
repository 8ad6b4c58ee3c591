package io.icebroker.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.provider.UpstreamFailures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider that mints credentials with a real HTTP call, like Cloudflare, Twilio and
 * Metered do, against a stand-in API: {@code POST /credentials} answers
 * {@code {"username": ..., "credential": ..., "ttl": seconds}}.
 */
class RemoteTestProvider implements IceServerProvider {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI baseUrl;

	private final Clock clock;

	private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	RemoteTestProvider(String baseUrl, Clock clock) {
		this.baseUrl = URI.create(baseUrl);
		this.clock = clock;
	}

	@Override
	public String id() {
		return "remote";
	}

	@Override
	public String displayName() {
		return "Remote";
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder().build();
	}

	@Override
	public Optional<LongestCall> longestCall() {
		return Optional.of(LongestCall.of("REMOTE", Duration.ofSeconds(5), Duration.ofSeconds(30)));
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		Instant issuedAt = this.clock.instant();
		HttpRequest post = HttpRequest.newBuilder(this.baseUrl.resolve("/credentials"))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString("{\"ttl\":" + request.ttl().toSeconds() + "}"))
			.build();
		try {
			HttpResponse<String> response = this.httpClient.send(post, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return UpstreamFailures.forStatus(response.statusCode(), response.body());
			}
			JsonNode answer = json.readTree(response.body());
			IceServer turn = new IceServer(List.of("turn:turn.example.test:3478?transport=udp"),
					answer.get("username").asString(), answer.get("credential").asString());
			return Served.fromUpstream(List.of(turn), issuedAt.plusSeconds(answer.get("ttl").asLong()));
		}
		catch (IOException ex) {
			return UpstreamFailures.forException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return UpstreamFailures.forException(ex);
		}
	}

}
