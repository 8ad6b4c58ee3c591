package io.icebroker.probe.stun;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.icebroker.probe.stun.ProbeOutcome.Bound;
import io.icebroker.probe.stun.ProbeOutcome.ProtocolError;
import io.icebroker.probe.stun.ProbeOutcome.Rejected;
import io.icebroker.probe.stun.ProbeOutcome.Relayed;
import io.icebroker.probe.stun.ProbeOutcome.TimedOut;
import io.icebroker.probe.stun.ProbeOutcome.Unreachable;
import org.jspecify.annotations.Nullable;

/**
 * Probes STUN and TURN servers the way a browser uses them: a Binding for {@code stun:};
 * for {@code turn:} and {@code turns:} an Allocate with long-term credentials (RFC 8656
 * section 7.2), first unauthenticated to learn REALM and NONCE, then authenticated, once
 * more on 438 Stale Nonce, and a Refresh with LIFETIME 0 to release the relay. Every wait
 * is bounded; failures are results whose reasons are fixed phrases, so no exception
 * message or credential reaches them.
 */
public class StunClient {

	private static final String SOFTWARE = "IceBroker probe";

	private final StunClientSettings settings;

	private final Executor resolver;

	/**
	 * A client that looks host names up on {@code resolver}: the JVM's resolver has no
	 * timeout, so a lookup there is abandoned at the deadline.
	 */
	public StunClient(StunClientSettings settings, Executor resolver) {
		this.settings = settings;
		this.resolver = resolver;
	}

	/**
	 * Probe a server: a Binding for STUN, an allocation for TURN.
	 */
	public ProbeOutcome probe(StunServer server, Optional<LongTermCredential> credential) {
		if (!server.turn()) {
			return bind(server);
		}
		return credential.map((present) -> allocate(server, present))
			.orElseGet(() -> new ProtocolError("no credentials for a TURN URL"));
	}

	private ProbeOutcome bind(StunServer server) {
		return withConnection(server, (connection, deadline) -> {
			StunMessage request = StunMessage.request(Method.BINDING, List.of(software()));
			long sent = System.nanoTime();
			StunMessage response = connection.transact(request, request.encode(null, true), deadline);
			Duration roundTrip = since(sent);
			if (response.messageClass() == MessageClass.ERROR_RESPONSE) {
				return rejected(response);
			}
			Optional<Attribute> xorMapped = response.attribute(AttributeType.XOR_MAPPED_ADDRESS);
			if (xorMapped.isPresent()) {
				return new Bound(xorMapped.get().asXorAddress(response.transactionId()), roundTrip);
			}
			Optional<Attribute> mapped = response.attribute(AttributeType.MAPPED_ADDRESS);
			if (mapped.isPresent()) {
				return new Bound(mapped.get().asAddress(), roundTrip);
			}
			return new ProtocolError("no mapped address in the Binding response");
		});
	}

	public ProbeOutcome allocate(StunServer server, LongTermCredential credential) {
		return withConnection(server, (connection, deadline) -> new Allocation(connection, credential).run(deadline));
	}

	private ProbeOutcome withConnection(StunServer server, Exchange exchange) {
		long started = System.nanoTime();
		Deadline deadline = Deadline.after(this.settings.timeout());
		try (StunConnection connection = connect(server, deadline)) {
			return exchange.run(connection, deadline);
		}
		catch (MalformedMessageException ex) {
			return new ProtocolError("malformed response");
		}
		catch (IOException ex) {
			return failure(ex, since(started));
		}
		catch (RuntimeException ex) {
			// A JDK networking or TLS class refusing its input: the kind, not the
			// message.
			return new Unreachable("unexpected failure (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private StunConnection connect(StunServer server, Deadline deadline) throws IOException {
		InetSocketAddress address = new InetSocketAddress(resolve(server.host(), deadline), server.port());
		return switch (server.transport()) {
			case UDP -> new UdpConnection(address, this.settings.initialRto(), this.settings.maxTransmissions());
			case TCP -> StreamConnection.tcp(address, deadline);
			case TLS -> StreamConnection.tls(address, server.host(), this.settings.sslSocketFactory().get(), deadline);
		};
	}

	private InetAddress resolve(String host, Deadline deadline) throws IOException {
		FutureTask<InetAddress> lookup = new FutureTask<>(() -> InetAddress.getByName(host));
		try {
			this.resolver.execute(lookup);
		}
		catch (RejectedExecutionException ex) {
			// Every resolver thread waits on a lookup that hangs: this one would too.
			throw new StunTimeoutException();
		}
		try {
			return lookup.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			lookup.cancel(true);
			throw new StunTimeoutException();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException failure) {
				throw failure;
			}
			throw new UnknownHostException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException();
		}
	}

	private static ProbeOutcome.Failure failure(IOException failure, Duration elapsed) {
		if (failure instanceof StunTimeoutException || failure instanceof SocketTimeoutException) {
			return new TimedOut(elapsed);
		}
		if (failure instanceof ConnectException) {
			return new Unreachable("connection refused");
		}
		if (failure instanceof NoRouteToHostException) {
			return new Unreachable("no route to host");
		}
		if (failure instanceof PortUnreachableException) {
			return new Unreachable("port unreachable");
		}
		if (failure instanceof UnknownHostException) {
			return new Unreachable("unknown host");
		}
		if (failure instanceof SSLException) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof CertificateException) {
					return new Unreachable("TLS certificate not trusted");
				}
			}
			return new Unreachable("TLS handshake failed");
		}
		if (failure instanceof EOFException) {
			return new Unreachable("connection closed by the server");
		}
		return new Unreachable("I/O error (" + failure.getClass().getSimpleName() + ")");
	}

	private static ProbeOutcome rejected(StunMessage response) throws MalformedMessageException {
		Optional<Attribute> errorCode = response.attribute(AttributeType.ERROR_CODE);
		if (errorCode.isEmpty()) {
			return new ProtocolError("error response without ERROR-CODE");
		}
		return new Rejected(errorCode.get().asErrorCode());
	}

	private static Attribute software() {
		return Attribute.text(AttributeType.SOFTWARE, SOFTWARE);
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

	@FunctionalInterface
	private interface Exchange {

		ProbeOutcome run(StunConnection connection, Deadline deadline) throws IOException, MalformedMessageException;

	}

	/**
	 * One allocation's realm, nonce and the key they make with the credential.
	 */
	private final class Allocation {

		private final StunConnection connection;

		private final LongTermCredential credential;

		private @Nullable String realm;

		private @Nullable String nonce;

		private byte @Nullable [] key;

		private Allocation(StunConnection connection, LongTermCredential credential) {
			this.connection = connection;
			this.credential = credential;
		}

		ProbeOutcome run(Deadline deadline) throws IOException, MalformedMessageException {
			StunMessage unauthenticated = StunMessage.request(Method.ALLOCATE,
					List.of(Attribute.requestedTransportUdp(), software()));
			long sent = System.nanoTime();
			StunMessage response = this.connection.transact(unauthenticated, unauthenticated.encode(null, true),
					deadline);
			if (response.messageClass() == MessageClass.SUCCESS_RESPONSE) {
				// Proves nothing about the credentials, but relays.
				return relayed(response, since(sent));
			}
			ProbeOutcome challenge = learnChallenge(response);
			if (challenge != null) {
				return challenge;
			}
			for (int attempt = 1;; attempt++) {
				StunMessage request = StunMessage.request(Method.ALLOCATE,
						authenticated(Attribute.requestedTransportUdp(), software()));
				sent = System.nanoTime();
				response = this.connection.transact(request, request.encode(this.key, true), deadline);
				Duration roundTrip = since(sent);
				if (response.messageClass() == MessageClass.SUCCESS_RESPONSE) {
					if (!response.hasValidIntegrity(this.key)) {
						return new ProtocolError("Allocate response failed the integrity check");
					}
					return relayed(response, roundTrip);
				}
				if (attempt == 1 && renewedNonce(response)) {
					continue;
				}
				return rejected(response);
			}
		}

		private @Nullable ProbeOutcome learnChallenge(StunMessage response) throws MalformedMessageException {
			ProbeOutcome rejected = rejected(response);
			if (!(rejected instanceof Rejected rejection) || rejection.error().code() != ErrorCode.UNAUTHORIZED) {
				return rejected;
			}
			Optional<Attribute> realm = response.attribute(AttributeType.REALM);
			Optional<Attribute> nonce = response.attribute(AttributeType.NONCE);
			if (realm.isEmpty() || nonce.isEmpty()) {
				return new ProtocolError("401 without REALM and NONCE");
			}
			this.realm = realm.get().asText();
			this.nonce = nonce.get().asText();
			this.key = this.credential.key(this.realm);
			return null;
		}

		/**
		 * On 438 Stale Nonce, take the new NONCE (and REALM, if sent) for one more try.
		 */
		private boolean renewedNonce(StunMessage response) throws MalformedMessageException {
			Optional<Attribute> errorCode = response.attribute(AttributeType.ERROR_CODE);
			Optional<Attribute> nonce = response.attribute(AttributeType.NONCE);
			if (errorCode.isEmpty() || errorCode.get().asErrorCode().code() != ErrorCode.STALE_NONCE
					|| nonce.isEmpty()) {
				return false;
			}
			this.nonce = nonce.get().asText();
			Optional<Attribute> realm = response.attribute(AttributeType.REALM);
			if (realm.isPresent()) {
				this.realm = realm.get().asText();
				this.key = this.credential.key(this.realm);
			}
			return true;
		}

		private ProbeOutcome relayed(StunMessage response, Duration roundTrip) throws MalformedMessageException {
			Optional<Attribute> relayed = response.attribute(AttributeType.XOR_RELAYED_ADDRESS);
			if (relayed.isEmpty()) {
				return new ProtocolError("no XOR-RELAYED-ADDRESS in the Allocate response");
			}
			InetSocketAddress relayedAddress = relayed.get().asXorAddress(response.transactionId());
			return new Relayed(relayedAddress, roundTrip, release());
		}

		/**
		 * Refresh with LIFETIME 0 (RFC 8656 section 7.3), within a bound of its own so
		 * that a slow allocation still gets released.
		 */
		private boolean release() {
			Deadline deadline = Deadline.after(StunClient.this.settings.timeout());
			try {
				for (int attempt = 1; attempt <= 2; attempt++) {
					StunMessage request = StunMessage.request(Method.REFRESH,
							authenticated(Attribute.lifetime(0), software()));
					StunMessage response = this.connection.transact(request, request.encode(this.key, true), deadline);
					if (response.messageClass() == MessageClass.SUCCESS_RESPONSE) {
						return true;
					}
					if (!renewedNonce(response)) {
						return false;
					}
				}
				return false;
			}
			catch (IOException | MalformedMessageException ex) {
				return false;
			}
		}

		private List<Attribute> authenticated(Attribute... attributes) {
			List<Attribute> all = new ArrayList<>(List.of(attributes));
			if (this.key != null && this.realm != null && this.nonce != null) {
				all.add(Attribute.text(AttributeType.USERNAME, this.credential.username()));
				all.add(Attribute.text(AttributeType.REALM, this.realm));
				all.add(Attribute.text(AttributeType.NONCE, this.nonce));
			}
			return all;
		}

	}

}
