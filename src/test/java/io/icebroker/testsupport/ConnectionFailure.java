package io.icebroker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a provider's API can fail before it answers, each played by a real socket on
 * loopback (or a name that never resolves), with the phrase operators should read for it.
 */
public enum ConnectionFailure {

	/** Nothing listens on the port. */
	REFUSED("Connection refused"),

	/** The host name does not resolve. */
	UNKNOWN_HOST("Unknown host"),

	/** The server reads the request, then resets the connection. */
	RESET("Connection reset by the server"),

	/** Something that does not speak TLS answers an https URL. */
	TLS_HANDSHAKE("TLS handshake failed");

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)");

	private static final Pattern CHUNKED = Pattern.compile("(?im)^Transfer-Encoding:\\s*chunked");

	private final String phrase;

	ConnectionFailure(String phrase) {
		this.phrase = phrase;
	}

	/**
	 * The phrase the provider's error line must show.
	 * @return e.g. {@code Connection refused}
	 */
	public String phrase() {
		return this.phrase;
	}

	/**
	 * Start whatever plays this failure.
	 * @return the failing endpoint, to close after the test
	 * @throws IOException when a socket cannot be opened
	 */
	public Endpoint start() throws IOException {
		return switch (this) {
			case REFUSED -> new Endpoint("http://localhost:" + LoopbackPorts.free(), null);
			case UNKNOWN_HOST -> new Endpoint("http://icebroker-test-host.invalid", null);
			case RESET -> serving("http", ConnectionFailure::reset);
			case TLS_HANDSHAKE -> serving("https", ConnectionFailure::answerInPlainText);
		};
	}

	private static Endpoint serving(String scheme, SocketHandler handler) throws IOException {
		ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread thread = new Thread(() -> {
			while (!server.isClosed()) {
				try (Socket socket = server.accept()) {
					handler.handle(socket);
				}
				catch (IOException ex) {
					// Closed by the test, or the client gave up: either way, done with
					// it.
				}
			}
		}, "connection-failure-" + scheme);
		thread.setDaemon(true);
		thread.start();
		return new Endpoint(scheme + "://localhost:" + server.getLocalPort(), server);
	}

	private static void reset(Socket socket) throws IOException {
		readRequest(socket.getInputStream());
		// SO_LINGER 0: close sends a TCP RST, not a FIN.
		socket.setSoLinger(true, 0);
	}

	// The whole request, body too: a client still writing its body when the reset comes
	// sees its write fail instead of its read, and names another cause. The JDK client
	// writes the body after the headers, and a JSON body in chunks.
	private static void readRequest(InputStream in) throws IOException {
		String head = readUntil(in, "\r\n\r\n");
		Matcher length = CONTENT_LENGTH.matcher(head);
		if (length.find()) {
			in.readNBytes(Integer.parseInt(length.group(1)));
		}
		else if (CHUNKED.matcher(head).find()) {
			for (String line = readUntil(in, "\r\n"); line.endsWith("\r\n"); line = readUntil(in, "\r\n")) {
				int size = Integer.parseInt(line.strip().split(";", 2)[0], 16);
				if (size == 0) {
					readUntil(in, "\r\n");
					return;
				}
				in.readNBytes(size + 2);
			}
		}
	}

	private static String readUntil(InputStream in, String end) throws IOException {
		StringBuilder read = new StringBuilder();
		int next;
		while (read.indexOf(end, Math.max(0, read.length() - end.length())) < 0 && (next = in.read()) != -1) {
			read.append((char) next);
		}
		return read.toString();
	}

	private static void answerInPlainText(Socket socket) throws IOException {
		socket.getInputStream().read(new byte[8192]);
		OutputStream out = socket.getOutputStream();
		out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@FunctionalInterface
	private interface SocketHandler {

		void handle(Socket socket) throws IOException;

	}

	/**
	 * Where to point a provider's API base URL.
	 *
	 * @param baseUrl the URL
	 * @param server the socket playing the failure, if any
	 */
	public record Endpoint(String baseUrl, ServerSocket server) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			if (this.server != null) {
				this.server.close();
			}
		}

	}

}
