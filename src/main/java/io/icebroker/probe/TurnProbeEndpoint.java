package io.icebroker.probe;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/turnprobe}: a real TURN allocation against what the service hands out.
 * Without a parameter it probes what the chain serves now; with {@code ?provider=all},
 * every configured provider; with {@code ?provider=<id>}, that one.
 */
@Endpoint(id = "turnprobe")
class TurnProbeEndpoint {

	private final TurnProber prober;

	TurnProbeEndpoint(TurnProber prober) {
		this.prober = prober;
	}

	@ReadOperation
	public ProbeReportView probe(@Nullable String provider) {
		if (provider == null || provider.isBlank()) {
			return ProbeReportView.of(this.prober.probeChain());
		}
		if (provider.equals("all")) {
			return ProbeReportView.of(this.prober.probeProviders(Optional.empty()));
		}
		if (!this.prober.providerIds().contains(provider)) {
			throw new InvalidEndpointRequestException("Unknown provider",
					"Unknown provider; use all or one of " + String.join(", ", this.prober.providerIds()));
		}
		return ProbeReportView.of(this.prober.probeProviders(Optional.of(provider)));
	}

}
