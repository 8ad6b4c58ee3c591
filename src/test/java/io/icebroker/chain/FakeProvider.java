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

	// A premium fake stands for a provider with a remote API, asked through the guard.
	private FakeProvider(String id, boolean premium, ProviderConfiguration configuration,
			Function<CredentialRequest, ProviderResult> answer) {
		this(id, premium, configuration, answer,
				premium ? Optional.of(LongestCall.of(id.toUpperCase(Locale.ROOT), Duration.ofSeconds(1), Duration.ZERO))
						: Optional.empty());
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
		return answering(id, (request) -> Served.fromUpstream(List.of(turn(id)), EXPIRES_AT));
	}

	/**
	 * A premium provider that computes per-user credentials in process, as a
	 * shared-secret TURN server does.
	 */
	static FakeProvider computing(String id) {
		return new FakeProvider(id, true, ProviderConfiguration.builder().build(),
				(request) -> new Served(List.of(turn(id)), Optional.of(EXPIRES_AT), Served.Source.LOCAL),
				Optional.empty());
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
