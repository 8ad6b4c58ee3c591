package io.icebroker.probe;

import java.util.List;

/**
 * The result of one probe run.
 *
 * @param scope {@code chain} (what the chain serves now), {@code all} (every configured
 * provider) or one provider's id
 * @param providers what each provider asked answered, in chain order
 * @param urls every URL probed, in the order served
 */
record ProbeReport(String scope, List<ProviderAnswer> providers, List<UrlProbe> urls) {

	ProbeReport {
		providers = List.copyOf(providers);
		urls = List.copyOf(urls);
	}

	boolean relayWorks() {
		return this.urls.stream().anyMatch(UrlProbe::relayed);
	}

}
