package io.icebroker.provider;

import java.util.Map;
import java.util.Optional;

import io.icebroker.misconfiguration.VariableAliases;

/**
 * A source of ICE servers. Implementations are Spring beans; the chain finds them by
 * {@link #id()} and asks them in the order operators configure, so adding a provider
 * never means editing the chain.
 */
public interface IceServerProvider extends VariableAliases {

	/**
	 * The id used in {@code TURN_PROVIDER_ORDER}, responses, logs and metric tags.
	 * @return a stable lower-case id such as {@code twilio}
	 */
	String id();

	/**
	 * The name operators read in log lines.
	 * @return a human name such as {@code Twilio}
	 */
	String displayName();

	/**
	 * Whether this provider is a paid or self-hosted TURN service, as opposed to the free
	 * fallback.
	 * @return {@code false} only for fallbacks
	 */
	default boolean premium() {
		return true;
	}

	/**
	 * Names people write for this provider's variables, for the look-alike warning.
	 * @return each alias mapped to the variable read; none by default
	 */
	@Override
	default Map<String, String> aliases() {
		return Map.of();
	}

	/**
	 * Which of this provider's variables are set; never their values. Fixed for the life
	 * of the application: the chain reads it once, at startup.
	 * @return the configuration status
	 */
	ProviderConfiguration configuration();

	/**
	 * The longest one {@link #fetch} can take, for a provider that calls a remote API.
	 * Declaring it puts the provider behind the chain's guard (a circuit breaker, a
	 * deadline, and a cache of what it mints), and lets startup warn when it leaves the
	 * providers after it no time within the chain deadline.
	 * @return the bound, or empty for a provider that answers in process
	 */
	default Optional<LongestCall> longestCall() {
		return Optional.empty();
	}

	/**
	 * Mint or look up ICE servers. Only called when {@link #configuration()} is complete.
	 * Implementations must not throw for upstream failures: they fall through with a
	 * reason instead.
	 * @param request who asks and for how long
	 * @return served ICE servers, or the reason to try the next provider
	 */
	ProviderResult fetch(CredentialRequest request);

}
