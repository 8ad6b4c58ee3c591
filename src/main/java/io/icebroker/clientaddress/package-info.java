/**
 * Which client a request comes from: the TCP peer, or the header that trusted reverse
 * proxies write, with Railway's edge recognised by default, and its rate-limit key.
 * Tomcat's {@code RemoteIpValve} reads the header; this package tells Spring Boot how to
 * configure it.
 */
@NullMarked
package io.icebroker.clientaddress;

import org.jspecify.annotations.NullMarked;
