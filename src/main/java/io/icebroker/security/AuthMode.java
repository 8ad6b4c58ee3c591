package io.icebroker.security;

/**
 * How callers of {@code /turn/credentials} and the TURN operations endpoints prove who
 * they are ({@code TURN_AUTH_MODE}).
 */
enum AuthMode {

	/** Anyone who can reach the service may take credentials. */
	NONE,

	/** A key from {@code TURN_API_KEYS}, as a bearer token or in {@code X-API-Key}. */
	API_KEY,

	/** A JWT bearer token; its {@code sub} is the user id. */
	JWT

}
