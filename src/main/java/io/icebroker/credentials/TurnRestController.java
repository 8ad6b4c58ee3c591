package io.icebroker.credentials;

import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import io.icebroker.ice.IceServer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The TURN REST API of draft-uberti-behave-turn-rest-00, the request Janus's
 * {@code turn_rest_api} client makes: {@code GET} or {@code POST /turn/rest} with
 * {@code service=turn}, an optional {@code username} and the key as {@code key} or
 * {@code api}, in the query string or, for {@code POST}, in a form body (Janus sends all
 * of them, in both). The key is checked by the security filter chain; the answer is one
 * TURN pair of what the chain serves now.
 */
@RestController
class TurnRestController {

	static final String PATH = "/turn/rest";

	private final ProviderChain chain;

	private final Clock clock;

	TurnRestController(ProviderChain chain, Clock clock) {
		this.chain = chain;
		this.clock = clock;
	}

	@RequestMapping(path = PATH, method = { RequestMethod.GET, RequestMethod.POST },
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TurnRestResponse> turnRest(HttpServletRequest request, @Nullable Principal principal) {
		String service = single(request, "service");
		if (service == null) {
			throw new BadTurnRestRequestException("service is required and must be turn");
		}
		if (!"turn".equals(service.toLowerCase(Locale.ROOT))) {
			throw new BadTurnRestRequestException("Only service=turn is offered");
		}
		String userId = UserIds.resolve(principal, "username", single(request, "username"), null);
		if (!(this.chain.resolve(userId) instanceof ChainResult.Resolved resolved)) {
			throw new NoTurnServerException();
		}
		IceServer turn = firstTurnPair(resolved.iceServers()).orElseThrow(NoTurnServerException::new);
		Long ttl = Lifetime.of(resolved.expiresAt(), this.clock.instant()).map(Lifetime::ttl).orElse(null);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new TurnRestResponse(Objects.requireNonNull(turn.username()),
					Objects.requireNonNull(turn.credential()), ttl, turnUris(turn)));
	}

	/**
	 * The one value of a parameter: Janus repeats each one in the query string and the
	 * form body, so repeats of the same value are one value.
	 */
	private static @Nullable String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		List<String> distinct = Arrays.stream(values).distinct().toList();
		if (distinct.size() > 1) {
			throw new BadTurnRestRequestException(name + " must be given once");
		}
		return distinct.get(0);
	}

	private static Optional<IceServer> firstTurnPair(List<IceServer> iceServers) {
		return iceServers.stream()
			.filter((server) -> server.username() != null && server.credential() != null)
			.filter((server) -> !turnUris(server).isEmpty())
			.findFirst();
	}

	private static List<String> turnUris(IceServer server) {
		return server.urls().stream().filter(TurnRestController::isTurnUri).toList();
	}

	private static boolean isTurnUri(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("turn:") || lower.startsWith("turns:");
	}

	/**
	 * A 400 naming the rule, never the value.
	 */
	static final class BadTurnRestRequestException extends ErrorResponseException {

		BadTurnRestRequestException(String detail) {
			super(HttpStatus.BAD_REQUEST, problem(detail), null);
		}

		private static ProblemDetail problem(String detail) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
			problem.setTitle("Invalid TURN REST API request");
			return problem;
		}

	}

	/**
	 * Nothing the chain serves now has a TURN URI with credentials. Janus's client reads
	 * the body whatever the status, and checks username, password and then uris: the
	 * problem carries an empty string for the first two and an empty list for the last,
	 * so that Janus logs "uris should be a non-empty array" rather than a misleading
	 * "missing username".
	 */
	static final class NoTurnServerException extends ErrorResponseException {

		NoTurnServerException() {
			super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
		}

		private static ProblemDetail problem() {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"No TURN provider can serve now: the chain serves STUN only, so there are no TURN URIs");
			problem.setTitle("No TURN server available");
			problem.setProperty("username", "");
			problem.setProperty("password", "");
			problem.setProperty("uris", List.of());
			return problem;
		}

	}

}
