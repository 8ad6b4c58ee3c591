package io.icebroker.chain;

import java.util.List;
import java.util.Map;

import io.icebroker.ice.IceServer;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;

/**
 * The one place where a provider is asked and its answer becomes what clients receive:
 * what it serves is sanitized here, once, and everything after (the cache, the chain, the
 * probe) hands the clean credentials on.
 */
public final class Issuer {

	private final IceServerSanitizer sanitizer;

	public Issuer(IceServerSanitizer sanitizer) {
		this.sanitizer = sanitizer;
	}

	/**
	 * Ask a provider. A provider bug must not cost the client its answer, so an exception
	 * falls through like any other failure.
	 * @param provider the provider
	 * @param request who asks
	 * @return the sanitized credentials, or why the provider fell through (an answer with
	 * no usable ICE server is an error)
	 */
	public ProviderResult issue(IceServerProvider provider, CredentialRequest request) {
		ProviderResult result;
		try {
			result = provider.fetch(request);
		}
		catch (RuntimeException ex) {
			// The class name says where to look; the message might carry a URL or a
			// secret, so it stays out.
			return FellThrough.error("Unexpected failure", Map.of("exception", ex.getClass().getName()));
		}
		if (result instanceof FellThrough fellThrough) {
			return fellThrough;
		}
		Served served = (Served) result;
		List<IceServer> iceServers = this.sanitizer.sanitize(served.iceServers());
		if (iceServers.isEmpty()) {
			return FellThrough.empty();
		}
		return served.withIceServers(iceServers);
	}

}
