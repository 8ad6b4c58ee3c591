package io.icebroker.probe.stun;

import java.io.Closeable;
import java.io.IOException;

/**
 * One client-to-server flow (a 5-tuple): every transaction of an allocation, from the
 * first Allocate to the releasing Refresh, must travel on the same one.
 */
interface StunConnection extends Closeable {

	/**
	 * Send a request and wait for the response with its transaction id.
	 */
	StunMessage transact(StunMessage request, byte[] encoded, Deadline deadline)
			throws IOException, MalformedMessageException;

}
