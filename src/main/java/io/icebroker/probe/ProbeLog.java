package io.icebroker.probe;

import io.icebroker.probe.stun.ProbeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The probe's {@code [TURN] ✅ Probe …} and {@code [TURN] ❌ Probe …} lines, on the same
 * logger as the chain's so one search finds both. Each names the provider, the URL (URLs
 * are not secret) and the reason, and carries them as key-values ({@code provider},
 * {@code step=probe}, {@code outcome}, …). Credentials never reach this class.
 */
final class ProbeLog {

	private static final Logger logger = LoggerFactory.getLogger("icebroker.turn");

	void probed(UrlProbe probe) {
		ProbeOutcome outcome = probe.outcome();
		String url = printable(probe.url());
		if (outcome instanceof ProbeOutcome.Relayed relayed) {
			at(logger.atInfo(), probe).addKeyValue("relayedAddress", ProbeOutcome.format(relayed.relayedAddress()))
				.addKeyValue("roundTripMs", relayed.roundTrip().toMillis())
				.addKeyValue("released", relayed.released())
				.log("[TURN] ✅ Probe {} {}: relay allocated at {} in {} ms{}", probe.provider(), url,
						ProbeOutcome.format(relayed.relayedAddress()), relayed.roundTrip().toMillis(),
						relayed.released() ? "" : " (release not confirmed; it expires by itself)");
		}
		else if (outcome instanceof ProbeOutcome.Bound bound) {
			at(logger.atInfo(), probe).addKeyValue("roundTripMs", bound.roundTrip().toMillis())
				.log("[TURN] ✅ Probe {} {}: STUN binding answered in {} ms", probe.provider(), url,
						bound.roundTrip().toMillis());
		}
		else {
			ProbeOutcome.Failure failure = (ProbeOutcome.Failure) outcome;
			LoggingEventBuilder event = at(logger.atWarn(), probe).addKeyValue("reason", failure.reason());
			failure.errorCode().ifPresent((code) -> event.addKeyValue("errorCode", code));
			event.log("[TURN] ❌ Probe {} {}: {}", probe.provider(), url, failure.reason());
		}
	}

	void nothingToProbe(ProviderAnswer status) {
		logger.atWarn()
			.addKeyValue("provider", status.provider())
			.addKeyValue("step", "probe")
			.addKeyValue("outcome", status.outcome().tag())
			.log("[TURN] ❌ Probe {}: no ICE servers to probe ({}{})", status.provider(), status.outcome().tag(),
					status.message().map((message) -> ": " + message).orElse(""));
	}

	void noTurnServed(String provider) {
		logger.atWarn()
			.addKeyValue("provider", provider)
			.addKeyValue("step", "probe")
			.addKeyValue("outcome", "no_turn")
			.log("[TURN] ❌ Probe {}: serves no TURN URL, so clients behind strict NATs cannot connect", provider);
	}

	void exhausted() {
		logger.atError()
			.addKeyValue("step", "probe")
			.addKeyValue("outcome", "exhausted")
			.log("[TURN] ❌ Probe: every provider fell through, nothing to probe");
	}

	private static LoggingEventBuilder at(LoggingEventBuilder event, UrlProbe probe) {
		return event.addKeyValue("provider", probe.provider())
			.addKeyValue("step", "probe")
			.addKeyValue("outcome", probe.outcomeId())
			.addKeyValue("url", printable(probe.url()))
			.addKeyValue("transport", probe.transport())
			.addKeyValue("durationMs", probe.duration().toMillis());
	}

	// A URL comes from a provider's answer: without control characters it cannot start
	// a forged line.
	private static String printable(String text) {
		return text.codePoints()
			.filter((c) -> c >= 0x20 && c != 0x7F)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
