package io.icebroker.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which replica this is, for {@code /actuator/turn} and every log line: Railway's
 * {@code RAILWAY_REPLICA_ID} when present, else the host name (a container's id under
 * Docker).
 */
public record Replica(String id) {

	static final String PROPERTY = "icebroker.replica";

	static Replica resolve(Function<String, Optional<String>> variable) {
		Optional<String> railway = variable.apply("RAILWAY_REPLICA_ID").filter((value) -> !value.isBlank());
		if (railway.isPresent()) {
			return new Replica(railway.get().strip());
		}
		Optional<String> hostname = variable.apply("HOSTNAME").filter((value) -> !value.isBlank());
		if (hostname.isPresent()) {
			return new Replica(hostname.get().strip());
		}
		try {
			return new Replica(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			return new Replica("unknown");
		}
	}

}
