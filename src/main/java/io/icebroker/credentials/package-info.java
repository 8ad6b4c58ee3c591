/**
 * The client-facing endpoint: {@code GET /turn/credentials}, its user id rules and its
 * problem answers.
 */
@NullMarked
package io.icebroker.credentials;

import org.jspecify.annotations.NullMarked;
