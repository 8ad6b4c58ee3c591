package io.icebroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback TCP ports for the servers a test starts, and for connections nothing accepts.
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * A loopback TCP port that nothing listened on a moment ago: for a server the test
	 * starts next, or for a connection that must be refused.
	 * @return the port
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
