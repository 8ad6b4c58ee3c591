package bench.baseline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the framework costs: the answer of a cached {@code GET /turn/credentials} (same
 * fields, same entries as the stand-in Twilio of bench/run.sh gives after sanitizing),
 * built and serialized by Spring MVC and Jackson on every request, with no filter or
 * code of IceBroker's.
 */
@SpringBootApplication
@RestController
public class BaselineApplication {

	private static final String USERNAME = "bench-user";

	private static final String CREDENTIAL = "bench-password";

	private final List<IceServer> iceServers = List.of(
			new IceServer(List.of("stun:global.stun.twilio.com:3478"), null, null),
			new IceServer(List.of("turn:global.turn.twilio.com:3478?transport=udp"), USERNAME, CREDENTIAL),
			new IceServer(List.of("turn:global.turn.twilio.com:3478?transport=tcp"), USERNAME, CREDENTIAL),
			new IceServer(List.of("turn:global.turn.twilio.com:443?transport=tcp"), USERNAME, CREDENTIAL));

	private final Instant expiresAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

	// Half-way through the lifetime, as the service's refreshAfter.
	private final Instant refreshAfter = this.expiresAt.minus(Duration.ofHours(12)).plusMillis(500);

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	@GetMapping(path = "/turn/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Answer> credentials(@RequestParam(name = "userId", required = false) String userId) {
		long ttl = Math.max(0, Duration.between(Instant.now(), this.expiresAt).toSeconds());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new Answer(this.iceServers, "twilio", ttl, this.expiresAt, this.refreshAfter));
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record IceServer(List<String> urls, String username, String credential) {

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Answer(List<IceServer> iceServers, String provider, Long ttl,
			@JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt,
			@JsonFormat(shape = JsonFormat.Shape.STRING) Instant refreshAfter) {

	}

}
