package io.icebroker.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends exactly the bytes a test writes, over a plain socket to loopback, so that nothing
 * between the test and the server (an HTTP client's validation, URL normalization, header
 * folding) can tidy a hostile request up before the server sees it.
 */
public final class RawHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private RawHttp() {
	}

	/**
	 * Send a request and read the whole answer; the request should say
	 * {@code Connection: close}.
	 * @param port the server's loopback port
	 * @param request the raw request bytes
	 * @return the parsed answer
	 * @throws IOException when the connection fails
	 */
	public static Response send(int port, byte[] request) throws IOException {
		return send(InetAddress.getLoopbackAddress(), port, request);
	}

	/**
	 * Send a request from a given local address, such as {@code 127.0.0.2}, so that
	 * several clients with distinct addresses can be played on one machine.
	 * @param from the local address to bind the client socket to
	 * @param port the server's loopback port
	 * @param request the raw request bytes
	 * @return the parsed answer
	 * @throws IOException when the connection fails
	 */
	public static Response send(InetAddress from, int port, byte[] request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	public static Response send(int port, String request) throws IOException {
		return send(port, request.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			// Every request says Connection: close, so a server still silent now hangs.
			throw new IOException("No complete answer within " + TIMEOUT.toSeconds() + " s; received: "
					+ new String(bytes.toByteArray(), StandardCharsets.UTF_8), ex);
		}
		catch (SocketException ex) {
			// The server reset the connection after answering; what arrived is the
			// answer.
		}
		return bytes.toByteArray();
	}

	/**
	 * A parsed HTTP/1.1 answer.
	 *
	 * @param status the status code, or -1 when there was no status line
	 * @param headers header values by lower-case name
	 * @param body the body, de-chunked
	 * @param raw everything the server sent
	 */
	public record Response(int status, Map<String, List<String>> headers, String body, String raw) {

		public String header(String name) {
			List<String> values = this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
			return values.isEmpty() ? null : values.get(0);
		}

		public String contentType() {
			String contentType = header("Content-Type");
			return (contentType != null) ? contentType : "";
		}

		static Response parse(byte[] bytes) {
			String raw = new String(bytes, StandardCharsets.UTF_8);
			int headerEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			if (!raw.startsWith("HTTP/1.1 ") || headerEnd < 0) {
				return new Response(-1, Map.of(), raw, raw);
			}
			String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int index = 1; index < lines.length; index++) {
				int colon = lines[index].indexOf(':');
				headers
					.computeIfAbsent(lines[index].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[index].substring(colon + 1).strip());
			}
			byte[] body = Arrays.copyOfRange(bytes, headerEnd + 4, bytes.length);
			List<String> transferEncoding = headers.getOrDefault("transfer-encoding", List.of());
			if (transferEncoding.contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8), raw);
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int position = 0;
			while (position < chunked.length) {
				int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
				if (lineEnd < 0) {
					break;
				}
				String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
				int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
				if (size == 0) {
					break;
				}
				body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
				position = lineEnd + 2 + size + 2;
			}
			return body.toByteArray();
		}

		private static int indexOf(byte[] haystack, byte[] needle) {
			return indexOf(haystack, needle, 0);
		}

		private static int indexOf(byte[] haystack, byte[] needle, int from) {
			outer: for (int start = from; start <= haystack.length - needle.length; start++) {
				for (int offset = 0; offset < needle.length; offset++) {
					if (haystack[start + offset] != needle[offset]) {
						continue outer;
					}
				}
				return start;
			}
			return -1;
		}

	}

}
