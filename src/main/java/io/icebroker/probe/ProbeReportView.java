package io.icebroker.probe;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.icebroker.probe.stun.ProbeOutcome;
import io.icebroker.provider.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * A probe run as {@code /actuator/turnprobe} answers it and {@code --probe} prints it.
 * Built from URLs, addresses and fixed phrases only: a username, credential or secret has
 * no field to go into.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProbeReportView(String scope, @Nullable Instant probedAt, boolean relayWorks, List<ProviderView> providers,
		List<UrlView> results) {

	/**
	 * Only an operator sees the address a STUN server saw: it is the service's own public
	 * address.
	 */
	static ProbeReportView of(ProbeReport report, @Nullable Instant probedAt, boolean operator) {
		return new ProbeReportView(report.scope(), probedAt, report.relayWorks(),
				report.providers().stream().map(ProviderView::of).toList(),
				report.urls().stream().map((probe) -> UrlView.of(probe, operator)).toList());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ProviderView(String provider, Outcome outcome, @Nullable String message) {

		static ProviderView of(ProviderAnswer status) {
			return new ProviderView(status.provider(), status.outcome(), status.message().orElse(null));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UrlView(String provider, String url, String transport, boolean success, @Nullable String relayedAddress,
			@Nullable String mappedAddress, @Nullable Long roundTripMs, @Nullable Integer errorCode,
			@Nullable String reason) {

		static UrlView of(UrlProbe probe, boolean operator) {
			ProbeOutcome outcome = probe.outcome();
			if (outcome instanceof ProbeOutcome.Relayed relayed) {
				return new UrlView(probe.provider(), probe.url(), probe.transport(), true,
						ProbeOutcome.format(relayed.relayedAddress()), null, relayed.roundTrip().toMillis(), null,
						null);
			}
			if (outcome instanceof ProbeOutcome.Bound bound) {
				return new UrlView(probe.provider(), probe.url(), probe.transport(), true, null,
						operator ? ProbeOutcome.format(bound.mappedAddress()) : null, bound.roundTrip().toMillis(),
						null, null);
			}
			ProbeOutcome.Failure failure = (ProbeOutcome.Failure) outcome;
			Integer errorCode = failure.errorCode().isPresent() ? failure.errorCode().getAsInt() : null;
			return new UrlView(probe.provider(), probe.url(), probe.transport(), false, null, null, null, errorCode,
					failure.reason());
		}

	}

}
