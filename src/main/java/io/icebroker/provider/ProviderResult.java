package io.icebroker.provider;

/**
 * What a provider answered: {@link Served} or {@link FellThrough}.
 */
public sealed interface ProviderResult permits Served, FellThrough {

}
