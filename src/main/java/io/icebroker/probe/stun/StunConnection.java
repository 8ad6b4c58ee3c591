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
	 * @param request the request
	 * @param encoded its bytes, as they are to be sent
	 * @param deadline when to give up
	 * @return the response
	 * @throws StunTimeoutException if none came in time
	 * @throws MalformedMessageException if the server sent something that is not STUN on
	 * a stream, where nothing after it can be trusted
	 * @throws IOException if the connection failed
	 */
	StunMessage transact(StunMessage request, byte[] encoded, Deadline deadline)
			throws IOException, MalformedMessageException;

}
