/**
 * What every HTTP answer carries, whoever writes it: RFC 9457 problem bodies for every
 * error, including the ones that never reach a controller (Tomcat's own refusals, bad
 * bytes, HTTP/0.9), and the security headers.
 */
@NullMarked
package io.icebroker.web;

import org.jspecify.annotations.NullMarked;
