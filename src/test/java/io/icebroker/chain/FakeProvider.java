package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * An in-memory provider that answers as told and remembers who asked.
 */
final class FakeProvider implements IceServerProvider {

	static final Instant EXPIRES_AT = Instant.parse("2026-11-25T10:00:00Z");

	private final String id;

	private final boolean premium;

	private final ProviderConfiguration configuration;

	private final Function<CredentialRequest, ProviderResult> answer;

	private final Optional<LongestCall> longestCall;

	final List<CredentialRequest> requests = new ArrayList<>();

	private FakeProvider(String id, boolean premium, ProviderConfiguration configuration,
			Function<CredentialRequest, ProviderResult> answer, Optional<LongestCall> longestCall) {
		this.id = id;
		this.premium = premium;
		this.configuration = configuration;
		this.answer = answer;
		this.longestCall = longestCall;
	}

	private FakeProvider(String id, boolean premium, ProviderConfiguration configuration,
			Function<CredentialRequest, ProviderResult> answer) {
		this(id, premium, configuration, answer, Optional.empty());
	}

	/**
	 * The same provider, declaring how long one call may take.
	 */
	FakeProvider withLongestCall(Duration longest) {
		return new FakeProvider(this.id, this.premium, this.configuration, this.answer,
				Optional.of(LongestCall.of(this.id.toUpperCase(Locale.ROOT), longest, Duration.ZERO)));
	}

	@Override
	public Optional<LongestCall> longestCall() {
		return this.longestCall;
	}

	/**
	 * A premium provider that calls its API and mints TURN credentials.
	 */
	static FakeProvider minting(String id) {
		return answering(id, (request) -> {
			request.announceUpstreamCall();
			return Served.fromUpstream(List.of(turn(id)), EXPIRES_AT);
		});
	}

	static FakeProvider answering(String id, Function<CredentialRequest, ProviderResult> answer) {
		return new FakeProvider(id, true, ProviderConfiguration.builder().build(), answer);
	}

	static FakeProvider notConfigured(String id, String... missing) {
		ProviderConfiguration.Builder configuration = ProviderConfiguration.builder();
		for (String name : missing) {
			configuration.require(name, null);
		}
		return new FakeProvider(id, true, configuration.build(), (request) -> {
			throw new AssertionError(id + " is not configured and must not be called");
		});
	}

	static FakeProvider fallback() {
		return new FakeProvider("free-public-turn", false, ProviderConfiguration.builder().build(),
				(request) -> new Served(List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null)),
						Optional.empty(), Served.Source.LOCAL));
	}

	static IceServer turn(String id) {
		return new IceServer(List.of("turn:" + id + ".example.org:3478?transport=udp"), id + "-user",
				id + "-credential");
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String displayName() {
		return Character.toUpperCase(this.id.charAt(0)) + this.id.substring(1);
	}

	@Override
	public boolean premium() {
		return this.premium;
	}

	@Override
	public ProviderConfiguration configuration() {
		return this.configuration;
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		this.requests.add(request);
		return this.answer.apply(request);
	}

}
