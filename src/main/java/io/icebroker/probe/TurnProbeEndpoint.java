package io.icebroker.probe;

import java.util.Optional;
import java.util.function.Supplier;

import io.icebroker.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * {@code /actuator/turnprobe}: a real TURN allocation against what the chain serves now,
 * every configured provider ({@code ?provider=all}) or one ({@code ?provider=<id>}),
 * rationed by {@link OnDemandProbes}.
 */
@Endpoint(id = "turnprobe")
class TurnProbeEndpoint {

	private static final String OPERATOR = "ADMIN";

	private final TurnProber prober;

	private final OnDemandProbes probes;

	TurnProbeEndpoint(TurnProber prober, OnDemandProbes probes) {
		this.prober = prober;
		this.probes = probes;
	}

	@ReadOperation
	public ProbeReportView probe(@Nullable String provider, SecurityContext security) {
		if (provider == null || provider.isBlank()) {
			return answer("chain", this.prober::probeChain, security);
		}
		if (provider.equals("all")) {
			return answer("all", () -> this.prober.probeProviders(Optional.empty()), security);
		}
		if (!this.prober.providerIds().contains(provider)) {
			throw new InvalidEndpointRequestException("Unknown provider",
					"Unknown provider; use all or one of " + String.join(", ", this.prober.providerIds()));
		}
		return answer(provider, () -> this.prober.probeProviders(Optional.of(provider)), security);
	}

	private ProbeReportView answer(String scope, Supplier<ProbeReport> run, SecurityContext security) {
		OnDemandProbes.Reply reply = this.probes.probe(scope, run);
		if (reply instanceof OnDemandProbes.Reply.Report report) {
			return ProbeReportView.of(report.report(), report.probedAt(), security.isUserInRole(OPERATOR));
		}
		OnDemandProbes.Reply.Later later = (OnDemandProbes.Reply.Later) reply;
		long seconds = Math.max(1, (later.retryAfter().toMillis() + 999) / 1000);
		String detail = later.running()
				? "A TURN probe is running; its report is answered here when it ends. Ask again in " + seconds + " s"
				: "The service runs at most one TURN probe every " + OnDemandProbes.WINDOW.toSeconds()
						+ " s; ask again in " + seconds + " s";
		ErrorResponseException tooSoon = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
				Problems.of(HttpStatus.TOO_MANY_REQUESTS, detail, null), null);
		tooSoon.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		throw tooSoon;
	}

}
