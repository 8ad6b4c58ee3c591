package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code [TURN]} lines operators search for in Railway's logs. Their wording is part
 * of the contract (docs/contract.md, section 3); each carries the same facts as
 * key-values for structured logging. Only validated user ids, provider names and fixed
 * phrases reach a message, so a line cannot be forged.
 */
final class TurnLog {

	private static final Logger logger = LoggerFactory.getLogger("icebroker.turn");

	private final JsonMapper json;

	static final int SERVED_LINES_PER_SECOND = 100;

	private final ServedLineBudget servedLines = new ServedLineBudget(SERVED_LINES_PER_SECOND, System::nanoTime);

	TurnLog(JsonMapper json) {
		this.json = json;
	}

	void configured(IceServerProvider provider, int position) {
		at(logger.atInfo(), provider, "startup").addKeyValue("position", position)
			.log(provider.premium() ? "[TURN] ✅ {} credentials configured (position {} in TURN_PROVIDER_ORDER)"
					: "[TURN] {} fallback ready (position {} in TURN_PROVIDER_ORDER)", provider.displayName(),
					position);
	}

	void notConfigured(IceServerProvider provider, ProviderConfiguration configuration) {
		at(logger.atInfo(), provider, "startup").addKeyValue("outcome", Outcome.NOT_CONFIGURED.tag())
			.addKeyValue("missing", String.join(",", configuration.missing()))
			.log("[TURN] ⚠️ {} credentials NOT found in environment variables: set {}", provider.displayName(),
					String.join(" and ", configuration.missing()));
	}

	void incomplete(IceServerProvider provider, ProviderConfiguration configuration) {
		at(logger.atWarn(), provider, "startup").addKeyValue("outcome", Outcome.NOT_CONFIGURED.tag())
			.addKeyValue("missing", String.join(",", configuration.missing()))
			.log("[TURN] ⚠️ {} is only partly configured: {} is missing, so it is skipped", provider.displayName(),
					String.join(" and ", configuration.missing()));
	}

	void notInOrder(IceServerProvider provider) {
		at(logger.atWarn(), provider, "startup").log(
				"[TURN] ⚠️ {} is configured but not listed in TURN_PROVIDER_ORDER, so it is never used",
				provider.displayName());
	}

	void warning(IceServerProvider provider, String warning) {
		at(logger.atWarn(), provider, "startup").log("[TURN] ⚠️ {}", warning);
	}

	void callOutlastsDeadline(IceServerProvider provider, LongestCall longest, Duration chainDeadline,
			List<IceServerProvider> after) {
		at(logger.atWarn(), provider, "startup").log(
				"[TURN] ⚠️ {} may take up to {} ms per request ({}), not less than TURN_CHAIN_DEADLINE ({} ms): while"
						+ " it hangs, {} after it are never asked. Lower its timeouts or raise TURN_CHAIN_DEADLINE",
				provider.displayName(), longest.duration().toMillis(), longest.settings(), chainDeadline.toMillis(),
				names(after));
	}

	void noFallback(List<String> order) {
		logger.atWarn()
			.addKeyValue("step", "startup")
			.log("[TURN] ⚠️ TURN_PROVIDER_ORDER ({}) has no free fallback: a request fails when every provider"
					+ " falls through", String.join(",", order));
	}

	void resilience(ResilienceProperties resilience) {
		LoggingEventBuilder event = logger.atInfo()
			.addKeyValue("step", "startup")
			.addKeyValue("cache", resilience.caching())
			.addKeyValue("chainDeadlineMs", resilience.chainDeadline().toMillis())
			.addKeyValue("circuitCooldownS", resilience.circuitCooldown().toSeconds());
		String cooldown = resilience.circuitCooldown().isZero()
				? "never skipped after a failure (TURN_CIRCUIT_COOLDOWN=0)"
				: "skipped for " + resilience.circuitCooldown().toSeconds() + " s after a failure";
		if (resilience.caching()) {
			event.log(
					"[TURN] Credentials from provider APIs are shared and reused while more than {} % of their"
							+ " lifetime remains; answers within {} ms; a provider is {}",
					Math.round(resilience.cacheMinRemaining() * 100), resilience.chainDeadline().toMillis(), cooldown);
		}
		else {
			event.log("[TURN] Credential cache off (TURN_CACHE=off): every request calls a provider API; answers"
					+ " within {} ms; a provider is {}", resilience.chainDeadline().toMillis(), cooldown);
		}
	}

	void generating(String userId) {
		logger.atInfo()
			.addKeyValue("step", "request")
			.addKeyValue("userId", userId)
			.log("[TURN] Generating credentials for user {}", userId);
	}

	void detected(IceServerProvider provider, String userId) {
		at(logger.atInfo(), provider, "detected").addKeyValue("userId", userId)
			.log("[TURN] ✅ {} credentials detected, attempting to generate TURN credentials...",
					provider.displayName());
	}

	void calling(IceServerProvider provider, String userId) {
		at(logger.atInfo(), provider, "calling").addKeyValue("userId", userId)
			.log("[TURN] Calling {} API to create token...", provider.displayName());
	}

	void created(IceServerProvider provider, String userId, Duration duration) {
		at(logger.atInfo(), provider, "created").addKeyValue("outcome", Outcome.SUCCESS.tag())
			.addKeyValue("userId", userId)
			.addKeyValue("durationMs", duration.toMillis())
			.log("[TURN] ✅ {} token created successfully!", provider.displayName());
	}

	void received(IceServerProvider provider, String userId, int received, int urlsKept) {
		at(logger.atInfo(), provider, "received").addKeyValue("userId", userId)
			.addKeyValue("urls", urlsKept)
			.log("[TURN] ICE servers received: {}", received);
	}

	void servedWithoutUpstreamCall(IceServerProvider provider, String userId, Outcome outcome,
			List<IceServerProvider> skipped) {
		if (!admitServedLine()) {
			return;
		}
		LoggingEventBuilder event = at(logger.atInfo(), provider, "served").addKeyValue("outcome", outcome.tag())
			.addKeyValue("userId", userId);
		String served = (outcome == Outcome.CACHED) ? "served from cache for user " + userId
				: "issued for user " + userId + " (no API call)";
		if (skipped.isEmpty()) {
			event.log("[TURN] ✅ {} credentials {}", provider.displayName(), served);
		}
		else {
			event.addKeyValue("skipped", ids(skipped))
				.log("[TURN] ⏭️ Circuit open, skipping {}; {} credentials {}", names(skipped), provider.displayName(),
						served);
		}
	}

	void circuitOpen(IceServerProvider provider, String userId) {
		at(logger.atInfo(), provider, "skipped").addKeyValue("outcome", Outcome.CIRCUIT_OPEN.tag())
			.addKeyValue("userId", userId)
			.log("[TURN] ⏭️ Circuit open, skipping {}", provider.displayName());
	}

	void circuitTransition(IceServerProvider provider, CircuitBreaker.State state, Duration cooldown) {
		LoggingEventBuilder event = at((state == CircuitBreaker.State.OPEN) ? logger.atWarn() : logger.atInfo(),
				provider, "circuit")
			.addKeyValue("circuit", state.name().toLowerCase(Locale.ROOT));
		switch (state) {
			case OPEN -> event.log("[TURN] 🔌 Circuit open for {} after a failure: skipping it for {} s",
					provider.displayName(), cooldown.toSeconds());
			case HALF_OPEN ->
				event.log("[TURN] Circuit half-open for {}: letting one trial call through", provider.displayName());
			case CLOSED -> event.log("[TURN] ✅ Circuit closed for {}: calls go through again", provider.displayName());
			default -> {
			}
		}
	}

	void refreshingAhead(IceServerProvider provider, Duration remaining) {
		at(logger.atInfo(), provider, "refresh").addKeyValue("remainingS", remaining.toSeconds())
			.log("[TURN] 🔄 Refreshing {} credentials ahead of expiry ({} s left)", provider.displayName(),
					remaining.toSeconds());
	}

	void refreshed(IceServerProvider provider, Duration duration, Instant expiresAt) {
		at(logger.atInfo(), provider, "refreshed").addKeyValue("outcome", Outcome.SUCCESS.tag())
			.addKeyValue("durationMs", duration.toMillis())
			.log("[TURN] ✅ {} credentials refreshed (valid until {})", provider.displayName(), expiresAt);
	}

	void refreshFailed(IceServerProvider provider, FellThrough fellThrough, Duration duration, Instant validUntil) {
		LoggingEventBuilder event = at(logger.atWarn(), provider, "refresh_failed")
			.addKeyValue("outcome", fellThrough.outcome().tag())
			.addKeyValue("durationMs", duration.toMillis());
		fellThrough.errorStatus().ifPresent((status) -> event.addKeyValue("errorStatus", status));
		event.log("[TURN] ⚠️ {} refresh failed ({}): still serving cached credentials, valid until {}",
				provider.displayName(), fellThrough.message(), validUntil);
		if (!fellThrough.details().isEmpty()) {
			at(logger.atWarn(), provider, "error_details").log("[TURN] Error details: {}",
					this.json.writeValueAsString(fellThrough.details()));
		}
	}

	void error(IceServerProvider provider, String userId, FellThrough fellThrough, Duration duration) {
		LoggingEventBuilder event = at(logger.atWarn(), provider, "error")
			.addKeyValue("outcome", fellThrough.outcome().tag())
			.addKeyValue("userId", userId)
			.addKeyValue("durationMs", duration.toMillis());
		fellThrough.errorStatus().ifPresent((status) -> event.addKeyValue("errorStatus", status));
		event.log("[TURN] ❌ {} TURN error: {}", provider.displayName(), fellThrough.message());
		if (!fellThrough.details().isEmpty()) {
			at(logger.atWarn(), provider, "error_details").addKeyValue("userId", userId)
				.log("[TURN] Error details: {}", this.json.writeValueAsString(fellThrough.details()));
		}
	}

	void notTried(IceServerProvider provider, String userId, Duration chainDeadline) {
		at(logger.atWarn(), provider, "not_tried").addKeyValue("outcome", Outcome.NOT_TRIED.tag())
			.addKeyValue("userId", userId)
			.log("[TURN] ⏭️ {} not tried: earlier providers used up the chain deadline ({} ms, TURN_CHAIN_DEADLINE)",
					provider.displayName(), chainDeadline.toMillis());
	}

	void skippedNotConfigured(IceServerProvider provider) {
		at(logger.atDebug(), provider, "skipped").addKeyValue("outcome", Outcome.NOT_CONFIGURED.tag())
			.log("[TURN] ⚠️ {} credentials NOT found in environment variables", provider.displayName());
	}

	void fallback(IceServerProvider provider, String userId, List<Attempt> premiumAttempts,
			List<IceServerProvider> skipped, List<IceServerProvider> notConfigured) {
		boolean nonePremiumConfigured = premiumAttempts.stream()
			.allMatch((attempt) -> attempt.outcome() == Outcome.NOT_CONFIGURED);
		String skippedOutcomes = premiumAttempts.stream()
			.map((attempt) -> attempt.provider() + ":" + attempt.outcome().tag())
			.collect(Collectors.joining(","));
		LoggingEventBuilder event = at(nonePremiumConfigured ? logger.atInfo() : logger.atWarn(), provider, "fallback")
			.addKeyValue("outcome", Outcome.SUCCESS.tag())
			.addKeyValue("userId", userId)
			.addKeyValue("skipped", skippedOutcomes);
		if (nonePremiumConfigured) {
			if (notConfigured.isEmpty()) {
				event.log("[TURN] No premium TURN configured, using free public TURN servers");
			}
			else {
				// Named, so that searching the logs for a provider finds this line.
				event.log("[TURN] No premium TURN configured ({} not found), using free public TURN servers",
						names(notConfigured));
			}
		}
		else if (!skipped.isEmpty()) {
			if (admitServedLine()) {
				event.log("[TURN] ⏭️ Circuit open, skipping {}; using free public TURN servers", names(skipped));
			}
		}
		else {
			String failed = premiumAttempts.stream()
				.filter((attempt) -> attempt.outcome() != Outcome.NOT_CONFIGURED)
				.map((attempt) -> attempt.provider() + ": " + attempt.outcome().tag())
				.collect(Collectors.joining(", "));
			event.log("[TURN] ⚠️ No premium TURN available ({}), using free public TURN servers", failed);
		}
	}

	void exhausted(String userId, List<Attempt> attempts) {
		logger.atError()
			.addKeyValue("step", "exhausted")
			.addKeyValue("userId", userId)
			.log("[TURN] ❌ Every provider fell through ({}); no ICE servers for user {}",
					attempts.stream()
						.map((attempt) -> attempt.provider() + ": " + attempt.outcome().tag())
						.collect(Collectors.joining(", ")),
					userId);
	}

	/**
	 * Whether a line of a request served without an upstream call fits this second's
	 * budget; reports, once, how many did not fit in the previous second.
	 */
	private boolean admitServedLine() {
		ServedLineBudget.Admission admission = this.servedLines.admit();
		if (admission.unwrittenBefore() > 0) {
			logger.atInfo()
				.addKeyValue("step", "unlogged")
				.addKeyValue("unlogged", admission.unwrittenBefore())
				.log("[TURN] {} more requests were served without an upstream call in the previous second"
						+ " (from cache, computed in process, or skipping an open circuit); at most {} such lines are"
						+ " written per second", admission.unwrittenBefore(), this.servedLines.perSecond());
		}
		return admission.write();
	}

	private static String names(List<IceServerProvider> providers) {
		return providers.stream().map(IceServerProvider::displayName).collect(Collectors.joining(", "));
	}

	private static String ids(List<IceServerProvider> providers) {
		return providers.stream().map(IceServerProvider::id).collect(Collectors.joining(","));
	}

	private static LoggingEventBuilder at(LoggingEventBuilder event, IceServerProvider provider, String step) {
		return event.addKeyValue("provider", provider.id()).addKeyValue("step", step);
	}

}
