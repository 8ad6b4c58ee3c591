package io.icebroker.security.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.icebroker.shared.SharedRedis;
import io.icebroker.shared.SharedStateUnavailableException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;

/**
 * Token buckets held in Redis by Bucket4j, shared by every replica, under
 * {@code <prefix>rate:<scope>:<sha-256 of the key>}: the raw user id or address never
 * appears in Redis. A key expires once its bucket would be full again.
 */
final class SharedBuckets {

	private final SharedRedis redis;

	private final ProxyManager<byte[]> buckets;

	SharedBuckets(SharedRedis redis) {
		this.redis = redis;
		this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(new CurrentConnection<byte[]>(redis))
			.requestTimeout(redis.timeout())
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
	}

	/**
	 * {@code null} while shared state is down: the caller decides locally.
	 */
	@Nullable ConsumptionProbe tryConsume(String scope, String key, int perMinute) {
		if (!this.redis.available()) {
			return null;
		}
		long generation = this.redis.generation();
		try {
			ConsumptionProbe probe = this.buckets.builder()
				.build(this.redis.key("rate:" + scope + ":" + digest(key)), () -> configuration(perMinute))
				.tryConsumeAndReturnRemaining(1);
			this.redis.succeeded();
			return probe;
		}
		catch (RuntimeException ex) {
			this.redis.failed(generation, (ex.getCause() != null) ? ex.getCause() : ex);
			return null;
		}
	}

	private static BucketConfiguration configuration(int perMinute) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, RateLimiter.PERIOD))
			.build();
	}

	static String digest(String key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	/**
	 * Bucket4j's view of Redis: the connection of the moment, which may be made after
	 * startup, refusing at once while shared state is down.
	 */
	// Generic in the key: Bucket4j passes its keys as an Object[], which a byte[][]
	// bridge method would fail to cast.
	private record CurrentConnection<K>(SharedRedis redis) implements RedisApi<K> {

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType scriptOutputType, K[] keys, byte[][] args) {
			byte[][] binaryKeys = new byte[keys.length][];
			for (int index = 0; index < keys.length; index++) {
				binaryKeys[index] = (byte[]) keys[index];
			}
			return commands().eval(script, scriptOutputType, binaryKeys, args);
		}

		@Override
		public RedisFuture<byte[]> get(K key) {
			return commands().get((byte[]) key);
		}

		@Override
		public RedisFuture<?> delete(K key) {
			return commands().del((byte[]) key);
		}

		private io.lettuce.core.api.async.RedisAsyncCommands<byte[], byte[]> commands() {
			try {
				return this.redis.commands();
			}
			catch (SharedStateUnavailableException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}

	}

}
