package io.icebroker.probe;

import java.time.Duration;

import io.icebroker.probe.stun.ProbeOutcome;

/**
 * One URL a provider served, and what probing it found.
 *
 * @param transport {@code udp}, {@code tcp} or {@code tls}, or {@code unknown} for a URL
 * the probe cannot read
 * @param duration how long the whole probe of this URL took, release included
 */
record UrlProbe(String provider, String url, boolean turn, String transport, ProbeOutcome outcome, Duration duration) {

	boolean relayed() {
		return this.outcome instanceof ProbeOutcome.Relayed;
	}

	/**
	 * The {@code outcome} key-value of the probe's log lines.
	 */
	String outcomeId() {
		if (this.outcome instanceof ProbeOutcome.Success) {
			return "success";
		}
		if (this.outcome instanceof ProbeOutcome.Rejected) {
			return "rejected";
		}
		if (this.outcome instanceof ProbeOutcome.TimedOut) {
			return "timeout";
		}
		if (this.outcome instanceof ProbeOutcome.Unreachable) {
			return "unreachable";
		}
		return "protocol_error";
	}

}
