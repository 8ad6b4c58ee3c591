package io.icebroker.probe.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * STUN over UDP with the retransmissions of RFC 8489 section 6.2.1: the request is sent
 * again after RTO, 2·RTO, 4·RTO, … up to a number of transmissions, all within the
 * deadline. The socket is not connected, so an ICMP port unreachable is not reported: a
 * closed port looks like a silent one, as it does across most firewalls.
 */
final class UdpConnection implements StunConnection {

	private static final int MAX_DATAGRAM = 65535;

	private final DatagramSocket socket;

	private final InetSocketAddress server;

	private final Duration initialRto;

	private final int maxTransmissions;

	UdpConnection(InetSocketAddress server, Duration initialRto, int maxTransmissions) throws IOException {
		this.socket = new DatagramSocket();
		this.server = server;
		this.initialRto = initialRto;
		this.maxTransmissions = maxTransmissions;
	}

	@Override
	public StunMessage transact(StunMessage request, byte[] encoded, Deadline deadline) throws IOException {
		DatagramPacket packet = new DatagramPacket(encoded, encoded.length, this.server);
		Duration rto = this.initialRto;
		for (int transmission = 1; transmission <= this.maxTransmissions && !deadline.passed(); transmission++) {
			this.socket.send(packet);
			Deadline retransmission = (transmission < this.maxTransmissions) ? deadline.atMost(rto) : deadline;
			StunMessage response = receive(request, retransmission);
			if (response != null) {
				return response;
			}
			rto = rto.multipliedBy(2);
		}
		throw new StunTimeoutException();
	}

	private @Nullable StunMessage receive(StunMessage request, Deadline until) throws IOException {
		byte[] buffer = new byte[MAX_DATAGRAM];
		while (!until.passed()) {
			DatagramPacket received = new DatagramPacket(buffer, buffer.length);
			this.socket.setSoTimeout(until.socketTimeoutMillis());
			try {
				this.socket.receive(received);
			}
			catch (SocketTimeoutException ex) {
				return null;
			}
			if (!this.server.equals(received.getSocketAddress())) {
				continue;
			}
			try {
				StunMessage response = StunMessage.decode(
						Arrays.copyOfRange(buffer, received.getOffset(), received.getOffset() + received.getLength()));
				if (response.hasTransactionId(request.transactionId())
						&& response.messageClass() != MessageClass.REQUEST) {
					return response;
				}
			}
			catch (MalformedMessageException ex) {
				// Not STUN, or damaged: ignored, as RFC 8489 section 6.3 asks.
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
