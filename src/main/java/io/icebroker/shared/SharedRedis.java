package io.icebroker.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.icebroker.misconfiguration.MisconfigurationException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * The one Redis connection of this replica, created only when {@code REDIS_URL} is set.
 * Every call is bounded by {@code TURN_REDIS_TIMEOUT}, and refused at once while the
 * connection is down. A watcher pings Redis every second and reconnects.
 */
public final class SharedRedis implements AutoCloseable {

	static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

	// A refused command or a dropped connection means Redis is gone; one slow answer may
	// be a pause of this process (a busy CPU, a collection).
	static final int TIMEOUTS_IN_A_ROW = 3;

	private final AtomicInteger timeoutsInARow = new AtomicInteger();

	private final SharedState state;

	private final RedisURI uri;

	private final String where;

	private final String prefix;

	private final Duration timeout;

	private final ClientResources resources;

	// Only to keep it out of anything this class says.
	private final String password;

	private final RedisClient client;

	private final TaskScheduler watcher;

	private volatile @Nullable ScheduledFuture<?> watching;

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	public SharedRedis(SharedStateProperties properties, SharedState state, TaskScheduler watcher) {
		this.uri = parse(properties.redisUrl());
		this.password = password(properties.redisUrl());
		this.timeout = properties.redisTimeout();
		this.uri.setTimeout(this.timeout);
		this.where = this.uri.getHost() + ":" + this.uri.getPort();
		this.prefix = properties.redisPrefix();
		this.state = state;
		this.resources = DefaultClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(2)
			.commandLatencyRecorder(CommandLatencyRecorder.disabled())
			// Reconnect within a second of Redis coming back, however long it was away.
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), WATCH_INTERVAL, 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(this.resources);
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(this.timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(this.timeout).build())
			.build());
		this.watcher = watcher;
	}

	/**
	 * Misconfiguration messages name the variable but never print its value, which holds
	 * the password.
	 */
	static RedisURI parse(String url) {
		String action = "Set REDIS_URL to redis://[user:password@]host[:port][/database], or rediss:// for TLS"
				+ " (on Railway: ${{Redis.REDIS_URL}}), or unset it to keep state in process.";
		URI parsed;
		try {
			parsed = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new MisconfigurationException("REDIS_URL", "is not a URL", action);
		}
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("redis") && !scheme.equals("rediss")) {
			throw new MisconfigurationException("REDIS_URL", scheme.isEmpty() ? "has no scheme"
					: "has scheme '" + MisconfigurationException.printable(scheme) + "', which is not redis or rediss",
					action);
		}
		if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
			throw new MisconfigurationException("REDIS_URL", "names no host", action);
		}
		try {
			return RedisURI.create(url.strip());
		}
		catch (RuntimeException ex) {
			throw new MisconfigurationException("REDIS_URL", "is not a Redis URL that Lettuce accepts", action);
		}
	}

	private static String password(String url) {
		String userInfo = URI.create(url.strip()).getRawUserInfo();
		if (userInfo == null) {
			return "";
		}
		int colon = userInfo.indexOf(':');
		String raw = (colon >= 0) ? userInfo.substring(colon + 1) : userInfo;
		return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
	}

	void start() {
		try {
			connect();
			this.state.reached(this.where);
		}
		catch (RuntimeException ex) {
			this.state.unreachableAtStartup(this.where, describe(ex));
		}
		this.watching = this.watcher.scheduleWithFixedDelay(this::watch, Instant.now().plus(WATCH_INTERVAL),
				WATCH_INTERVAL);
	}

	/**
	 * Whether shared state is in use: a call made now is likely to succeed.
	 */
	public boolean available() {
		return this.state.up() && this.connection != null;
	}

	/**
	 * A key in this service's namespace.
	 */
	public byte[] key(String name) {
		return (this.prefix + name).getBytes(StandardCharsets.UTF_8);
	}

	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * The commands of the live connection, for clients that bound their own calls
	 * (Bucket4j).
	 */
	public RedisAsyncCommands<byte[], byte[]> commands() throws SharedStateUnavailableException {
		StatefulRedisConnection<byte[], byte[]> current = this.connection;
		if (current == null || !this.state.up()) {
			throw new SharedStateUnavailableException("shared state is down");
		}
		return current.async();
	}

	/**
	 * The generation to pass to {@link #failed(long, Throwable)}.
	 */
	public long generation() {
		return this.state.generation();
	}

	/**
	 * A call made by another client failed: run on local state.
	 */
	public void failed(long generation, Throwable failure) {
		if (isTimeout(failure) && this.timeoutsInARow.incrementAndGet() < TIMEOUTS_IN_A_ROW) {
			return;
		}
		this.state.lost(generation, describe(failure));
	}

	public void succeeded() {
		if (this.timeoutsInARow.get() != 0) {
			this.timeoutsInARow.set(0);
		}
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		ScheduledFuture<?> watching = this.watching;
		if (watching != null) {
			watching.cancel(true);
		}
		StatefulRedisConnection<byte[], byte[]> current = this.connection;
		if (current != null) {
			current.closeAsync();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
	}

	private void connect() {
		StatefulRedisConnection<byte[], byte[]> connected = this.client.connect(ByteArrayCodec.INSTANCE, this.uri);
		connected.setTimeout(this.timeout);
		this.connection = connected;
	}

	private void watch() {
		try {
			StatefulRedisConnection<byte[], byte[]> current = this.connection;
			if (current == null) {
				connect();
				this.state.reached(this.where);
				return;
			}
			long generation = this.state.generation();
			try {
				current.async().ping().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
				succeeded();
				this.state.reached(this.where);
			}
			catch (ExecutionException | TimeoutException | RuntimeException ex) {
				failed(generation, (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Still unreachable: said once at startup.
		}
	}

	// In words that never hold the password.
	private String describe(Throwable failure) {
		String message = failure.getMessage();
		String text = failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		if (!this.password.isEmpty()) {
			text = text.replace(this.password, "******");
		}
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
