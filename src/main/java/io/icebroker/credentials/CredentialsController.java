package io.icebroker.credentials;

import java.security.Principal;
import java.time.Clock;

import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CredentialsController {

	private final ProviderChain chain;

	private final Clock clock;

	private final RenderedAnswer rendered;

	CredentialsController(ProviderChain chain, Clock clock, JsonMapper json) {
		this.chain = chain;
		this.clock = clock;
		this.rendered = new RenderedAnswer(json);
	}

	@GetMapping(path = "/turn/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> credentials(@RequestParam(name = "userId", required = false) @Nullable String userId,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userIdHeader,
			@Nullable Principal principal) {
		ChainResult result = this.chain.resolve(UserIds.resolve(principal, userId, userIdHeader));
		if (!(result instanceof ChainResult.Resolved resolved)) {
			throw new NoIceServersException();
		}
		Lifetime lifetime = Lifetime.of(resolved.expiresAt(), this.clock.instant()).orElse(null);
		// Serialized here, and reused while the answer stays the same: most requests are
		// served the same cached credentials, and writing their JSON is most of the work.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.rendered.bytes(CredentialsResponse.of(resolved.iceServers(), resolved.provider(), lifetime)));
	}

	/**
	 * Only reachable when operators leave the free fallback out of
	 * {@code TURN_PROVIDER_ORDER}.
	 */
	static final class NoIceServersException extends ErrorResponseException {

		NoIceServersException() {
			super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
		}

		private static ProblemDetail problem() {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Every TURN provider fell through and no fallback is configured");
			problem.setTitle("No ICE servers available");
			return problem;
		}

	}

}
