/**
 * JSON string literals for the few small documents and log lines the server writes by hand, escaped by Helidon's
 * JSON writer ({@code io.helidon.json}).
 */
package dev.switchboard.server.json;
