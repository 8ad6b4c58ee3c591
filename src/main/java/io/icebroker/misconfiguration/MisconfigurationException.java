package io.icebroker.misconfiguration;

/**
 * An environment variable whose value the service cannot run with. Its texts never carry
 * the value of a secret: they name the variable and, for values that are not secret, the
 * entry that is wrong.
 */
public class MisconfigurationException extends RuntimeException {

	private final String variable;

	private final String action;

	/**
	 * The problem is a sentence that follows the variable's name, the action says what to
	 * set instead.
	 */
	public MisconfigurationException(String variable, String problem, String action) {
		super(variable + " " + problem);
		this.variable = variable;
		this.action = action;
	}

	/**
	 * A value that is not a secret, as a failure block may show it: control characters
	 * replaced, at most 64 characters.
	 */
	public static String printable(String value) {
		String visible = value.replaceAll("\\p{Cntrl}", "?");
		return (visible.length() > 64) ? visible.substring(0, 64) + "…" : visible;
	}

	public String variable() {
		return this.variable;
	}

	public String action() {
		return this.action;
	}

}
