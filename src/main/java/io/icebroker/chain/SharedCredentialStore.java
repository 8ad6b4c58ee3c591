package io.icebroker.chain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.chain.CachedCredentials.Minted;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.Issued;
import io.icebroker.provider.Served;
import io.icebroker.shared.SharedRedis;
import io.icebroker.shared.SharedStateUnavailableException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Minted credentials in Redis, one entry per provider, and the lease that lets one
 * replica of the fleet call the provider.
 * <ul>
 * <li>{@code <prefix>credentials:<provider>}: what clients receive anyway (the sanitized
 * ICE servers) and their timing; never a provider's API secret. It expires with the
 * credentials.</li>
 * <li>{@code <prefix>lease:<provider>}: a random token, {@code SET NX PX}; released by
 * its holder only.</li>
 * </ul>
 */
final class SharedCredentialStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	// Taken, or already ours: a SET whose answer was lost to a timeout may still have
	// taken it.
	private static final String LEASE = "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1"
			+ " elseif redis.call('get', KEYS[1]) == ARGV[1] then return 1 else return 0 end";

	private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
			+ " return redis.call('del', KEYS[1]) else return 0 end";

	private final SharedRedis redis;

	SharedCredentialStore(SharedRedis redis) {
		this.redis = redis;
	}

	boolean available() {
		return this.redis.available();
	}

	/**
	 * The fleet's credentials for a provider.
	 * @param provider the provider's id
	 * @return them, marked as reused, or {@code null} when there are none
	 * @throws SharedStateUnavailableException when Redis cannot be used
	 */
	@Nullable Minted read(String provider) throws SharedStateUnavailableException {
		byte[] value = this.redis.call((commands) -> commands.get(entryKey(provider)));
		if (value == null) {
			return null;
		}
		try {
			Entry entry = json.readValue(value, Entry.class);
			Issued issued = new Issued(entry.iceServers(), entry.received(), Optional.of(entry.expiresAt()),
					Served.Source.CACHE);
			return new Minted(issued, entry.mintedAt(), entry.expiresAt(), entry.reusableUntil(), entry.refreshFrom(),
					issued);
		}
		catch (RuntimeException ex) {
			// Written by another version, or damaged: as good as none.
			return null;
		}
	}

	/**
	 * Publish credentials to the fleet until they expire.
	 * @param provider the provider's id
	 * @param minted the credentials
	 * @param now the time
	 * @throws SharedStateUnavailableException when Redis cannot be used
	 */
	void write(String provider, Minted minted, Instant now) throws SharedStateUnavailableException {
		long ttl = Duration.between(now, minted.expiresAt()).toMillis();
		if (ttl <= 0) {
			return;
		}
		Issued issued = minted.issued();
		Entry entry = new Entry(issued.iceServers(), issued.received(), minted.expiresAt(), minted.mintedAt(),
				minted.reusableUntil(), minted.refreshFrom());
		byte[] value = json.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8);
		this.redis.call((commands) -> commands.set(entryKey(provider), value, SetArgs.Builder.px(ttl)));
	}

	/**
	 * Take the right to call the provider for the fleet.
	 * @param provider the provider's id
	 * @param token this attempt's random token
	 * @param duration how long the right lasts if never released
	 * @return whether this replica holds it now
	 * @throws SharedStateUnavailableException when Redis cannot be used
	 */
	boolean lease(String provider, String token, Duration duration) throws SharedStateUnavailableException {
		Long answer = this.redis.call((commands) -> commands.<Long>eval(LEASE, ScriptOutputType.INTEGER,
				new byte[][] { leaseKey(provider) }, token.getBytes(StandardCharsets.UTF_8),
				Long.toString(duration.toMillis()).getBytes(StandardCharsets.UTF_8)));
		return answer != null && answer == 1L;
	}

	/**
	 * Give the right back, if this attempt still holds it.
	 * @param provider the provider's id
	 * @param token the attempt's token
	 */
	void release(String provider, String token) {
		try {
			this.redis.call((commands) -> commands.<Long>eval(RELEASE, ScriptOutputType.INTEGER,
					new byte[][] { leaseKey(provider) }, token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (SharedStateUnavailableException ex) {
			// The lease expires on its own.
		}
	}

	private byte[] entryKey(String provider) {
		return this.redis.key("credentials:" + provider);
	}

	private byte[] leaseKey(String provider) {
		return this.redis.key("lease:" + provider);
	}

	/**
	 * The stored form: what clients receive, and when.
	 */
	record Entry(List<IceServer> iceServers, int received, Instant expiresAt, Instant mintedAt, Instant reusableUntil,
			Instant refreshFrom) {

	}

}
