package io.icebroker.credentials;

import java.time.Clock;

import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the benchmark only ({@code icebroker.bench.baseline-endpoint=true}, off by
 * default): a bare Spring MVC endpoint that answers the JSON {@code /turn/credentials}
 * answered the first time it was called, so that the benchmark can compare the hot path
 * of {@code /turn/credentials} with serializing the same body in the same JVM.
 */
@RestController
@ConditionalOnBooleanProperty("icebroker.bench.baseline-endpoint")
class BaselineController {

	private final ProviderChain chain;

	private final Clock clock;

	private volatile @Nullable CredentialsResponse snapshot;

	BaselineController(ProviderChain chain, Clock clock) {
		this.chain = chain;
		this.clock = clock;
	}

	@GetMapping(path = "/bench/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CredentialsResponse> baseline() {
		CredentialsResponse body = this.snapshot;
		if (body == null) {
			body = snapshot();
			this.snapshot = body;
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	private CredentialsResponse snapshot() {
		if (!(this.chain.resolve(UserIds.ANONYMOUS) instanceof ChainResult.Resolved resolved)) {
			throw new CredentialsController.NoIceServersException();
		}
		return CredentialsResponse.of(resolved.iceServers(), resolved.provider(),
				Lifetime.of(resolved.expiresAt(), this.clock.instant()).orElse(null));
	}

}
