package io.icebroker.probe.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP server on loopback that answers each request as a test scripts it, and records
 * every request it received, retransmissions included.
 */
final class ScriptedTurnServer implements AutoCloseable {

	private final DatagramSocket socket;

	private final Responder responder;

	private final List<StunMessage> received = new CopyOnWriteArrayList<>();

	private final Thread thread;

	ScriptedTurnServer(Responder responder) throws IOException {
		this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		this.responder = responder;
		this.thread = new Thread(this::serve, "scripted-turn-server");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	String url() {
		return "turn:127.0.0.1:" + this.socket.getLocalPort() + "?transport=udp";
	}

	List<StunMessage> received() {
		return List.copyOf(this.received);
	}

	private void serve() {
		byte[] buffer = new byte[2048];
		while (!this.socket.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				this.socket.receive(packet);
				StunMessage request = StunMessage.decode(Arrays.copyOf(buffer, packet.getLength()));
				this.received.add(request);
				Optional<byte[]> response = this.responder.respond(request, this.received.size() - 1);
				if (response.isPresent()) {
					this.socket
						.send(new DatagramPacket(response.get(), response.get().length, packet.getSocketAddress()));
				}
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException | MalformedMessageException ex) {
				// A test client sent something odd: keep serving.
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.socket.close();
		this.thread.join(5000);
	}

	/**
	 * The script: what to answer to the n-th datagram received (from 0), or nothing.
	 */
	@FunctionalInterface
	interface Responder {

		Optional<byte[]> respond(StunMessage request, int index);

	}

}
