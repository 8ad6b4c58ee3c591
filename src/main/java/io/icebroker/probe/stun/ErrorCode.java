package io.icebroker.probe.stun;

/**
 * The ERROR-CODE of an error response.
 *
 * @param code the code, 300 to 699, e.g. {@code 401}
 * @param serverPhrase the reason phrase the server sent, not to be trusted for display
 */
public record ErrorCode(int code, String serverPhrase) {

	/** Unauthenticated or wrong credentials (RFC 8489 section 9.2). */
	public static final int UNAUTHORIZED = 401;

	/** The nonce expired; retry with the new one (RFC 8489 section 9.2.5). */
	public static final int STALE_NONCE = 438;

	public String describe() {
		return this.code + " " + phrase();
	}

	/**
	 * The registered reason phrase (RFC 8489 section 14.8, RFC 8656 section 19), or the
	 * server's own cut to 60 printable ASCII characters, so that it cannot forge a log
	 * line.
	 */
	public String phrase() {
		return switch (this.code) {
			case 300 -> "Try Alternate";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 420 -> "Unknown Attribute";
			case 437 -> "Allocation Mismatch";
			case 438 -> "Stale Nonce";
			case 440 -> "Address Family not Supported";
			case 441 -> "Wrong Credentials";
			case 442 -> "Unsupported Transport Protocol";
			case 443 -> "Peer Address Family Mismatch";
			case 486 -> "Allocation Quota Reached";
			case 500 -> "Server Error";
			case 508 -> "Insufficient Capacity";
			default -> printable(this.serverPhrase);
		};
	}

	private static String printable(String text) {
		StringBuilder printable = new StringBuilder();
		text.codePoints().filter((c) -> c >= 0x20 && c < 0x7F).limit(60).forEach((c) -> printable.append((char) c));
		return printable.toString().strip();
	}

}
