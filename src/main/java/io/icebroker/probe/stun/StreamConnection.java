package io.icebroker.probe.stun;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * STUN over TCP or TLS (RFC 8489 section 6.2.2): messages follow each other on the
 * stream, each framed by its own length field. Nothing is retransmitted; the one request
 * waits until the deadline.
 */
final class StreamConnection implements StunConnection {

	private final Socket socket;

	private final InputStream input;

	private final OutputStream output;

	private StreamConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.input = socket.getInputStream();
		this.output = socket.getOutputStream();
	}

	static StreamConnection tcp(InetSocketAddress server, Deadline deadline) throws IOException {
		return new StreamConnection(connect(server, deadline));
	}

	/**
	 * Connect, then run the TLS handshake, checking the certificate against the URL's
	 * host as HTTPS does.
	 */
	static StreamConnection tls(InetSocketAddress server, String host, SSLSocketFactory factory, Deadline deadline)
			throws IOException {
		Socket plain = connect(server, deadline);
		try {
			SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, server.getPort(), true);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			sniHostName(host).ifPresent((name) -> parameters.setServerNames(List.of(name)));
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(deadline.socketTimeoutMillis());
			socket.startHandshake();
			return new StreamConnection(socket);
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	private static Socket connect(InetSocketAddress server, Deadline deadline) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(server, deadline.socketTimeoutMillis());
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * The SNI name for a host: none for an address literal, nor for a name SNI cannot
	 * carry (e.g. one with a trailing dot); the handshake then goes on without it.
	 */
	private static Optional<SNIHostName> sniHostName(String host) {
		if (host.contains(":") || host.chars().allMatch((c) -> c == '.' || Character.isDigit(c))) {
			return Optional.empty();
		}
		try {
			return Optional.of(new SNIHostName(host));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public StunMessage transact(StunMessage request, byte[] encoded, Deadline deadline)
			throws IOException, MalformedMessageException {
		this.output.write(encoded);
		this.output.flush();
		while (true) {
			StunMessage response = readMessage(deadline);
			if (response != null && response.hasTransactionId(request.transactionId())
					&& response.messageClass() != MessageClass.REQUEST) {
				return response;
			}
		}
	}

	/**
	 * Read one frame: a STUN message, or a TURN ChannelData message (first two bits
	 * {@code 01}, padded to four bytes on streams, RFC 8656 section 12.5), which is
	 * skipped.
	 */
	private @Nullable StunMessage readMessage(Deadline deadline) throws IOException, MalformedMessageException {
		byte[] start = readFully(4, deadline);
		int length = ((start[2] & 0xFF) << 8) | (start[3] & 0xFF);
		if ((start[0] & 0xC0) == 0x40) {
			readFully(StunMessage.padded(length), deadline);
			return null;
		}
		byte[] rest = readFully(StunMessage.HEADER_LENGTH - 4 + length, deadline);
		return StunMessage.decode(ByteBuffer.allocate(4 + rest.length).put(start).put(rest).array());
	}

	private byte[] readFully(int length, Deadline deadline) throws IOException {
		byte[] bytes = new byte[length];
		int read = 0;
		while (read < length) {
			if (deadline.passed()) {
				throw new StunTimeoutException();
			}
			this.socket.setSoTimeout(deadline.socketTimeoutMillis());
			int count;
			try {
				count = this.input.read(bytes, read, length - read);
			}
			catch (SocketTimeoutException ex) {
				throw new StunTimeoutException();
			}
			if (count < 0) {
				throw new EOFException("Connection closed by the server");
			}
			read += count;
		}
		return bytes;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
